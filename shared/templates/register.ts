import type { OrgType, Role, UnitInput, UnitKind } from '../model';
import { OrgType as OrgTypeSchema, UnitCode, UnitInput as UnitInputSchema, UnitKind as UnitKindSchema } from '../model';
import { ORG_TYPES } from '../consolidate/describe';
import { KIND_LABEL, ROLE_LABEL } from '../rules/labels';
import { matches, type Matcher } from './bieu01';
import { a1, cellAt, normalizeLabel, type Grid } from './grid';
import type { CellSpec, SheetSpec, StyleKey } from './writer';

/**
 * The unit register as a sheet (mã, tên, mã cấp trên, loại, loại hình, từ năm, đến năm, đơn vị tiền thân):
 * the administrator keeps it in Excel; the page reads it with this reader (columns found by their labels,
 * wherever they are) and writes it back with the same layout. Pure: Grid in, units and issues out.
 */

/** The kinds of unit as staff name them; the reader also takes the code itself ("dang-bo-co-so"). */
const KIND_MATCH: Record<UnitKind, Matcher> = {
  khoi: { any: ['khoi'] },
  tinh: { any: ['tinh', 'thanh pho', 'thanh uy'] },
  huyen: { any: ['huyen', 'cap tren co so', 'xa', 'phuong'] },
  'dang-bo-co-so': { any: ['dang bo co so'] },
  'chi-bo-co-so': { any: ['chi bo co so'] },
  'chi-bo-truc-thuoc': { any: ['chi bo truc thuoc', 'truc thuoc'] },
  other: { any: ['khac'] },
};
export const REGISTER_KIND = Object.fromEntries(
  (Object.keys(KIND_LABEL) as UnitKind[]).map((k) => [k, { ...KIND_LABEL[k], match: KIND_MATCH[k] }]),
) as Record<UnitKind, { vi: string; en: string; match: Matcher }>;

export type RegisterColumnKey = 'code' | 'name' | 'parent' | 'kind' | 'type' | 'from' | 'to' | 'predecessors';

interface RegisterColumn {
  key: RegisterColumnKey;
  header: string;
  headerEn: string;
  match: Matcher;
  width: number;
  required?: boolean;
}

/** The register's columns in the order the writer lays them out; the reader finds them by these labels. */
export const REGISTER_COLUMNS: RegisterColumn[] = [
  { key: 'code', header: 'Mã đơn vị', headerEn: 'Code', match: { any: ['ma don vi', 'ma dv', 'ma', 'code'], not: ['cap tren', 'tien than', 'parent', 'predecessor'] }, width: 14, required: true },
  { key: 'name', header: 'Tên đơn vị', headerEn: 'Name', match: { any: ['ten don vi', 'ten', 'name'], not: ['cap tren', 'tien than'] }, width: 46, required: true },
  { key: 'parent', header: 'Mã cấp trên', headerEn: 'Parent', match: { any: ['cap tren', 'parent'] }, width: 14, required: true },
  { key: 'kind', header: 'Loại', headerEn: 'Kind', match: { any: ['loai', 'kind'], not: ['loai hinh'] }, width: 22, required: true },
  { key: 'type', header: 'Loại hình', headerEn: 'Type', match: { any: ['loai hinh', 'type'] }, width: 24 },
  { key: 'from', header: 'Từ năm', headerEn: 'From year', match: { any: ['tu nam', 'from year'] }, width: 10 },
  { key: 'to', header: 'Đến năm', headerEn: 'To year', match: { any: ['den nam', 'to year'] }, width: 10 },
  { key: 'predecessors', header: 'Đơn vị tiền thân', headerEn: 'Predecessors', match: { any: ['tien than', 'predecessor'] }, width: 26 },
];

export const REGISTER_SHEET = 'Danh sách đơn vị';
const TITLE = 'DANH SÁCH ĐƠN VỊ';
const HEADER_ROW = 4;

/** A row of the register as the sheet holds it (the API's UnitInput, with its predecessors spelled out). */
export type RegisterRow = UnitInput;

/** Something in the sheet that stops a row (or the whole sheet) from being read: at its cell, vi and en. */
export interface RegisterIssue {
  /** Sheet row (1-based); 0 when the sheet itself could not be read. */
  row: number;
  cell?: string;
  column?: RegisterColumnKey;
  message: string;
  messageEn: string;
}

export interface RegisterRead {
  /** The sheet the reader chose, and why (the first one with the register's header); null if none. */
  sheet: string | null;
  headerRow: number | null;
  /** The rows read without an issue, in sheet order. */
  units: RegisterRow[];
  /** The sheet row of each of `units` (to put the server's errors back at their rows). */
  rows: number[];
  issues: RegisterIssue[];
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : String(v)).replace(/[\s\u00a0]+/g, ' ').trim();

/** The kind a cell names: its code, or a label of REGISTER_KIND (accents optional); null if none or several. */
export function kindOf(value: unknown): UnitKind | null {
  const raw = text(value);
  const direct = UnitKindSchema.safeParse(raw.toLowerCase());
  if (direct.success) return direct.data;
  const n = normalizeLabel(raw);
  // the most specific label wins: "chi bộ trực thuộc" before "chi bộ cơ sở", both before "khác"
  const order: UnitKind[] = ['chi-bo-truc-thuoc', 'chi-bo-co-so', 'dang-bo-co-so', 'khoi', 'tinh', 'huyen', 'other'];
  for (const k of order) if (matches(REGISTER_KIND[k].match, n)) return k;
  return null;
}

/** The loại hình a cell names: its code, or its printed label (accents optional); null if none. */
export function typeOf(value: unknown): OrgType | null {
  const raw = text(value);
  const direct = OrgTypeSchema.safeParse(raw.toLowerCase());
  if (direct.success) return direct.data;
  const n = normalizeLabel(raw);
  return ORG_TYPES.find((o) => normalizeLabel(o.label) === n)?.type ?? null;
}

function headerOf(grid: Grid): { row: number; cols: Partial<Record<RegisterColumnKey, number>> } | null {
  const rows = grid.values.length;
  // most specific first, so that "Mã cấp trên" is the parent and not the code
  const order: RegisterColumnKey[] = ['parent', 'predecessors', 'type', 'from', 'to', 'kind', 'code', 'name'];
  for (let i = 0; i < Math.min(rows, 40); i++) {
    const r = grid.origin.row + i;
    const cols: Partial<Record<RegisterColumnKey, number>> = {};
    const width = grid.values[i]?.length ?? 0;
    for (let j = 0; j < width; j++) {
      const c = grid.origin.col + j;
      const n = normalizeLabel(cellAt(grid, r, c));
      if (!n || n.length > 40) continue;
      const key = order.find((k) => cols[k] === undefined && matches(REGISTER_COLUMNS.find((d) => d.key === k)!.match, n));
      if (key) cols[key] = c;
    }
    if (cols.code !== undefined && cols.name !== undefined && (cols.parent !== undefined || cols.kind !== undefined)) return { row: r, cols };
  }
  return null;
}

type Msg = { vi: string; en: string };
const M = {
  noSheet: (): Msg => ({
    vi: 'Không tìm thấy bảng danh sách đơn vị: cần một hàng tiêu đề có các cột "Mã đơn vị", "Tên đơn vị", "Mã cấp trên", "Loại" (tải mẫu trống để xem).',
    en: 'No unit register found: a header row with "Mã đơn vị", "Tên đơn vị", "Mã cấp trên", "Loại" is needed (download the blank template).',
  }),
  missingColumn: (h: string): Msg => ({ vi: `Thiếu cột "${h}".`, en: `The column "${h}" is missing.` }),
  empty: (): Msg => ({ vi: 'Bảng danh sách đơn vị không có đơn vị nào.', en: 'The register has no units.' }),
  required: (h: string): Msg => ({ vi: `Thiếu ${h.toLowerCase()}.`, en: `${h} is missing.` }),
  code: (v: string): Msg => ({ vi: `Mã "${v}" không hợp lệ: chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới.`, en: `The code "${v}" is not valid: ASCII letters, digits, dot, hyphen, underscore only.` }),
  kind: (v: string): Msg => ({
    vi: `Loại "${v}" không rõ: ghi một trong ${Object.values(REGISTER_KIND).map((k) => k.vi).join(', ')}.`,
    en: `Kind "${v}" is not known: use one of ${Object.values(REGISTER_KIND).map((k) => k.vi).join(', ')}.`,
  }),
  type: (v: string): Msg => ({
    vi: `Loại hình "${v}" không rõ: ghi một trong ${ORG_TYPES.map((o) => o.label).join('; ')}.`,
    en: `Type "${v}" is not known: use one of ${ORG_TYPES.map((o) => o.label).join('; ')}.`,
  }),
  year: (v: string): Msg => ({ vi: `Năm "${v}" không hợp lệ: ghi năm bốn chữ số, ví dụ 2025.`, en: `Year "${v}" is not valid: four digits, e.g. 2025.` }),
  years: (): Msg => ({ vi: '"Từ năm" lớn hơn "Đến năm".', en: '"From" is after "To".' }),
  duplicate: (code: string, row: number): Msg => ({ vi: `Mã ${code} đã có ở hàng ${row}.`, en: `Code ${code} is already on row ${row}.` }),
};

function yearOf(v: unknown): number | undefined | 'bad' {
  const s = text(v);
  if (!s) return undefined;
  if (!/^\d{4}$/.test(s)) return 'bad';
  const y = Number(s);
  return y >= 1900 && y <= 2200 ? y : 'bad';
}

/**
 * Reads the register from a workbook's grids: the first sheet whose header row names the code, the name and
 * the parent or kind columns. Blank rows are skipped; every other row is a unit or an issue at its cell,
 * never dropped in silence. An unreadable sheet is an issue, never an empty register.
 */
export function readRegister(grids: Grid[]): RegisterRead {
  for (const grid of grids) {
    const head = headerOf(grid);
    if (!head) continue;
    const issues: RegisterIssue[] = [];
    const at = (row: number, key: RegisterColumnKey) => `${grid.sheet}!${a1(row, head.cols[key] ?? 1)}`;
    for (const c of REGISTER_COLUMNS) {
      if (c.required && head.cols[c.key] === undefined) {
        const m = M.missingColumn(c.header);
        issues.push({ row: head.row, cell: `${grid.sheet}!${a1(head.row, 1)}`, column: c.key, message: m.vi, messageEn: m.en });
      }
    }
    const units: RegisterRow[] = [];
    const rows: number[] = [];
    const seen = new Map<string, number>();
    const last = grid.origin.row + grid.values.length - 1;
    for (let r = head.row + 1; r <= last; r++) {
      const get = (k: RegisterColumnKey) => (head.cols[k] === undefined ? '' : cellAt(grid, r, head.cols[k]!));
      const cells = REGISTER_COLUMNS.map((c) => text(get(c.key)));
      if (cells.every((v) => v === '')) continue;
      const rowIssues: RegisterIssue[] = [];
      const issue = (key: RegisterColumnKey, m: Msg) => rowIssues.push({ row: r, cell: at(r, key), column: key, message: m.vi, messageEn: m.en });
      const code = text(get('code'));
      const name = text(get('name'));
      const parent = text(get('parent'));
      if (!code) issue('code', M.required('Mã đơn vị'));
      else if (!UnitCode.safeParse(code).success) issue('code', M.code(code));
      if (!name) issue('name', M.required('Tên đơn vị'));
      if (parent && !UnitCode.safeParse(parent).success) issue('parent', M.code(parent));
      const kindText = text(get('kind'));
      const kind = kindText ? kindOf(kindText) : null;
      if (!kindText) issue('kind', M.required('Loại'));
      else if (!kind) issue('kind', M.kind(kindText));
      const from = yearOf(get('from'));
      const to = yearOf(get('to'));
      if (from === 'bad') issue('from', M.year(text(get('from'))));
      if (to === 'bad') issue('to', M.year(text(get('to'))));
      if (typeof from === 'number' && typeof to === 'number' && from > to) issue('to', M.years());
      const predText = text(get('predecessors'));
      const predecessors = predText ? predText.split(/[,;\s]+/).filter(Boolean) : [];
      for (const p of predecessors) if (!UnitCode.safeParse(p).success) issue('predecessors', M.code(p));
      const normalized = code ? code.normalize('NFKC') : '';
      if (normalized && seen.has(normalized)) issue('code', M.duplicate(normalized, seen.get(normalized)!));
      else if (normalized) seen.set(normalized, r);
      const typeText = text(get('type'));
      const type = typeText ? typeOf(typeText) : null;
      if (typeText && !type) issue('type', M.type(typeText));
      if (rowIssues.length) {
        issues.push(...rowIssues);
        continue;
      }
      const parsed = UnitInputSchema.safeParse({
        code,
        name,
        parent: parent || null,
        kind,
        ...(type ? { type } : {}),
        ...(typeof from === 'number' ? { from } : {}),
        ...(typeof to === 'number' ? { to } : {}),
        // the sheet always states the lineage: an empty cell clears it
        ...(head.cols.predecessors !== undefined ? { predecessors } : {}),
      });
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const key = (first?.path[0] as RegisterColumnKey | undefined) ?? 'code';
        issue(REGISTER_COLUMNS.some((c) => c.key === key) ? key : 'code', { vi: first?.message ?? 'Không hợp lệ.', en: first?.message ?? 'Not valid.' });
        issues.push(...rowIssues);
        continue;
      }
      units.push(parsed.data);
      rows.push(r);
    }
    if (!units.length && !issues.length) {
      const m = M.empty();
      issues.push({ row: head.row, cell: `${grid.sheet}!${a1(head.row, 1)}`, message: m.vi, messageEn: m.en });
    }
    return { sheet: grid.sheet, headerRow: head.row, units, rows, issues };
  }
  const m = M.noSheet();
  return { sheet: null, headerRow: null, units: [], rows: [], issues: [{ row: 0, message: m.vi, messageEn: m.en }] };
}

/** The register as a sheet, in the layout the reader reads (blank: the template to fill). */
export function registerSheet(units: RegisterRow[], opts: { title?: string } = {}): SheetSpec {
  const cells: CellSpec[] = [];
  const last = REGISTER_COLUMNS.length;
  const put = (row: number, col: number, value: CellSpec['value'], style: StyleKey) => cells.push({ row, col, value, style });
  put(1, 1, opts.title ? `${TITLE} — ${opts.title}` : TITLE, 'title');
  put(2, 1, `Loại: ${Object.values(REGISTER_KIND).map((k) => k.vi).join('; ')}. Đơn vị tiền thân: các mã, cách nhau bởi dấu phẩy. Bỏ trống "Đến năm" nếu đơn vị còn hoạt động.`, 'subtitle');
  REGISTER_COLUMNS.forEach((c, i) => put(HEADER_ROW, i + 1, c.header, 'th'));
  units.forEach((u, i) => {
    const r = HEADER_ROW + 1 + i;
    const values: Record<RegisterColumnKey, CellSpec['value']> = {
      code: u.code,
      name: u.name,
      parent: u.parent ?? '',
      kind: REGISTER_KIND[u.kind].vi,
      type: u.type ? (ORG_TYPES.find((o) => o.type === u.type)?.label ?? u.type) : '',
      from: u.from ?? null,
      to: u.to ?? null,
      predecessors: (u.predecessors ?? []).join(', '),
    };
    REGISTER_COLUMNS.forEach((c, j) => put(r, j + 1, values[c.key], c.key === 'from' || c.key === 'to' ? 'tt' : 'label'));
  });
  // a blank template still has a few bordered rows to type into
  for (let i = units.length; i < Math.max(units.length, 20); i++) REGISTER_COLUMNS.forEach((_, j) => put(HEADER_ROW + 1 + i, j + 1, null, 'label'));
  const end = HEADER_ROW + Math.max(units.length, 20);
  return {
    name: REGISTER_SHEET,
    cells,
    merges: [`${a1(1, 1)}:${a1(1, last)}`, `${a1(2, 1)}:${a1(2, last)}`],
    widths: REGISTER_COLUMNS.map((c) => c.width),
    heights: { 2: 32, [HEADER_ROW]: 22 },
    print: { orientation: 'landscape', fitToWidth: true, printArea: `A1:${a1(end, last)}` },
    layout: { col: Object.fromEntries(REGISTER_COLUMNS.map((c, i) => [c.key, i + 1])), row: {}, headerRow: HEADER_ROW, yearCell: 'A1', unitCell: 'A1' },
  };
}

export interface KeySlip {
  unit: string;
  name: string;
  role: Role;
  key: string;
}

export const SLIPS_SHEET = 'Phiếu khóa truy cập';
/** The two lines on how to sign in that every slip carries. */
export const SLIP_HOWTO = [
  'Mở địa chỉ trên bằng trình duyệt, dán khóa vào ô "Khóa truy cập" rồi bấm "Đăng nhập"; trang sẽ hiện tên đơn vị để đối chiếu.',
  'Giữ khóa như mật khẩu, không chuyển cho người ngoài; mất hoặc lộ khóa thì báo Ban Tổ chức để thu hồi và cấp khóa mới.',
];
/** Rows per slip, cut line included: the reader of the slips (and the tests) count on it. */
export const SLIP_ROWS = 9;

/**
 * The keys just issued, as printable slips, one per unit: the unit, its role, the key, the page's address and
 * how to sign in, with a cut line between slips. Shown once: the keys are stored only as hashes.
 */
export function keySlipsSheet(slips: KeySlip[], opts: { url: string; issuedAt: string }): SheetSpec {
  const cells: CellSpec[] = [];
  const merges: string[] = [];
  const put = (row: number, col: number, value: CellSpec['value'], style: StyleKey) => cells.push({ row, col, value, style });
  const pair = (row: number, label: string, value: string, style: StyleKey = 'label') => {
    put(row, 1, label, 'label-bold');
    put(row, 2, value, style);
  };
  slips.forEach((s, i) => {
    const r = 1 + i * SLIP_ROWS;
    put(r, 1, 'PHIẾU KHÓA TRUY CẬP — XẾP LOẠI', 'title');
    merges.push(`${a1(r, 1)}:${a1(r, 2)}`);
    pair(r + 1, 'Đơn vị', `${s.name} (${s.unit})`, 'label-bold');
    pair(r + 2, 'Vai trò', ROLE_LABEL[s.role].vi);
    pair(r + 3, 'Khóa truy cập', s.key, 'label-bold');
    pair(r + 4, 'Địa chỉ trang', opts.url);
    pair(r + 5, 'Cách đăng nhập', `1. ${SLIP_HOWTO[0]}`);
    pair(r + 6, '', `2. ${SLIP_HOWTO[1]}`);
    put(r + 7, 1, `Cấp ngày ${opts.issuedAt} — - - - - - - - - - cắt theo đường này - - - - - - - - - -`, 'subtitle');
    merges.push(`${a1(r + 7, 1)}:${a1(r + 7, 2)}`);
  });
  const end = Math.max(1, slips.length * SLIP_ROWS);
  const heights: Record<number, number> = {};
  slips.forEach((_, i) => {
    heights[1 + i * SLIP_ROWS + 5] = 32;
    heights[1 + i * SLIP_ROWS + 6] = 32;
  });
  return {
    name: SLIPS_SHEET,
    cells,
    merges,
    widths: [20, 92],
    heights,
    print: { orientation: 'portrait', fitToWidth: true, printArea: `A1:${a1(end, 2)}` },
    layout: { col: {}, row: {}, headerRow: 1, yearCell: 'A1', unitCell: 'A1' },
  };
}

/** The slips back from their sheet's grid (for whoever checks a printed file, and for the tests). */
export function readKeySlips(grid: Grid): KeySlip[] {
  const out: KeySlip[] = [];
  const rows = grid.values.length;
  for (let i = 0; i < rows; i++) {
    const r = grid.origin.row + i;
    if (text(cellAt(grid, r, 1)) !== 'Khóa truy cập') continue;
    const unitCell = text(cellAt(grid, r - 2, 2));
    const m = /^(.*) \(([^()]+)\)$/.exec(unitCell);
    const roleText = text(cellAt(grid, r - 1, 2));
    const role = (Object.keys(ROLE_LABEL) as Role[]).find((k) => ROLE_LABEL[k].vi === roleText) ?? 'unit';
    out.push({ unit: m?.[2] ?? unitCell, name: m?.[1] ?? unitCell, role, key: text(cellAt(grid, r, 2)) });
  }
  return out;
}

export interface ReminderItem {
  unit: string;
  name: string;
  /** What is open, in words ("Chưa gửi", "Bị trả lại"). */
  state: string;
  reason?: string;
}

/** The units still missing or returned, as a sheet to send reminders from (one row a unit). */
export function reminderSheet(items: ReminderItem[], opts: { unit: string; year: number }): SheetSpec {
  const cells: CellSpec[] = [];
  const put = (row: number, col: number, value: CellSpec['value'], style: StyleKey) => cells.push({ row, col, value, style });
  put(1, 1, `CÁC ĐƠN VỊ CHƯA HOÀN THÀNH BÁO CÁO NĂM ${opts.year} — ${opts.unit}`, 'title');
  ['STT', 'Mã đơn vị', 'Tên đơn vị', 'Tình trạng', 'Lý do trả lại'].forEach((h, i) => put(3, i + 1, h, 'th'));
  items.forEach((it, i) => {
    const r = 4 + i;
    put(r, 1, i + 1, 'tt');
    put(r, 2, it.unit, 'label');
    put(r, 3, it.name, 'label');
    put(r, 4, it.state, 'label');
    put(r, 5, it.reason ?? '', 'note');
  });
  return {
    name: 'Nhắc việc',
    cells,
    merges: [`A1:E1`],
    widths: [6, 14, 44, 16, 48],
    heights: { 1: 30 },
    print: { orientation: 'landscape', fitToWidth: true, printArea: `A1:${a1(Math.max(4, 3 + items.length), 5)}` },
    layout: { col: {}, row: {}, headerRow: 3, yearCell: 'A1', unitCell: 'A1' },
  };
}
