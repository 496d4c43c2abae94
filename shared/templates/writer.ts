import { percentOf } from '../format';
import type { LevelCounts, Tally, UnitKind, UnitReport } from '../model';
import { LEVELS, UNRATED_REASONS } from '../model';
import { BIEU01, type RowDef } from './bieu01';
import { a1, columnLetters } from './grid';
import { issuerLine, PARTY_NAME, placeDateLine, signatureFor, superiorLine } from './party';
import type { ListDef } from './lists';

/** Named styles: the writer says which, each adapter (exceljs, Office.js) says how. */
export type StyleKey =
  | 'org'
  | 'org-bold'
  | 'party'
  | 'place'
  | 'code'
  | 'title'
  | 'subtitle'
  | 'th'
  | 'th-index'
  | 'tt'
  | 'label'
  | 'label-bold'
  | 'label-group'
  | 'count'
  | 'count-bold'
  | 'formula'
  | 'percent'
  | 'note'
  | 'sign-title'
  | 'sign-name'
  | 'section'
  | 'prose'
  | 'change';

export interface StyleDef {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
  border?: boolean;
  fill?: string;
  numFmt?: string;
}

export const FONT = 'Times New Roman';

export const STYLES: Record<StyleKey, StyleDef> = {
  org: { size: 13, align: 'center' },
  'org-bold': { size: 13, bold: true, align: 'center' },
  party: { size: 14, bold: true, underline: true, align: 'center' },
  place: { size: 13, italic: true, align: 'center' },
  code: { size: 11, italic: true, align: 'center' },
  title: { size: 14, bold: true, align: 'center', wrap: true },
  subtitle: { size: 13, italic: true, align: 'center' },
  th: { size: 11, bold: true, align: 'center', wrap: true, border: true, fill: 'F2F2F2' },
  'th-index': { size: 10, italic: true, align: 'center', border: true },
  tt: { size: 12, align: 'center', border: true },
  label: { size: 12, align: 'left', wrap: true, border: true },
  'label-bold': { size: 12, bold: true, align: 'left', wrap: true, border: true },
  'label-group': { size: 12, italic: true, align: 'left', wrap: true, border: true },
  count: { size: 12, align: 'right', border: true, numFmt: '#,##0' },
  'count-bold': { size: 12, bold: true, align: 'right', border: true, numFmt: '#,##0' },
  formula: { size: 12, align: 'right', border: true, numFmt: '#,##0', fill: 'F7F7F7' },
  percent: { size: 12, align: 'right', border: true, numFmt: '0.00', fill: 'F7F7F7' },
  note: { size: 11, align: 'left', wrap: true, border: true },
  'sign-title': { size: 13, bold: true, align: 'center' },
  'sign-name': { size: 13, italic: true, align: 'center' },
  section: { size: 12, bold: true, align: 'left' },
  prose: { size: 12, align: 'left', wrap: true },
  change: { size: 12, align: 'right', border: true, numFmt: '+0.00;-0.00;0.00', fill: 'F7F7F7' },
};

export interface CellSpec {
  row: number;
  col: number;
  value?: string | number | null;
  /** Without "=", as exceljs and Office.js both take it after adding one. */
  formula?: string;
  /** The value the formula computes, so the file shows figures before any recalculation. */
  result?: number | string | null;
  style: StyleKey;
}

export interface SheetSpec {
  name: string;
  cells: CellSpec[];
  merges: string[];
  widths: number[];
  heights: Record<number, number>;
  /** A4 landscape, fitted to one page wide. */
  print: { orientation: 'landscape' | 'portrait'; fitToWidth: boolean; printArea: string };
  /** The address of each field of the report (path → A1), for tests and for marking findings. */
  layout: Bieu01Layout;
  /** Rows after which a new printed page starts. */
  rowBreaks?: number[];
  /** A column chart of a small data block (labels in its first row, values in the second). */
  chart?: { title: string; dataRange: string; anchor: string };
}

export interface Bieu01Layout {
  /** Column of each key; levels and unrated reasons have their own. */
  col: Record<string, number>;
  /** Row of each row def, keyed `subject` or `subject.group`. */
  row: Record<string, number>;
  headerRow: number;
  yearCell: string;
  unitCell: string;
}

export interface Bieu01Options {
  year: number;
  unit: string;
  unitName: string;
  /** The superior committee (the register's parent), printed top left as its đảng bộ ("ĐẢNG BỘ KHỐI …"). */
  parentName?: string;
  /** The unit's kind in the register: a chi bộ cơ sở issues and signs as the chi bộ. */
  kind?: UnitKind;
  place?: string;
  /** Fill the counts from a report; blank template without it. */
  report?: Pick<UnitReport, 'tallies'>;
}

const rowKey = (r: RowDef) => (r.group ? `${r.subject}.${r.group}` : r.subject);

/** Column positions in template order: TT, Nội dung, Tổng số, 4 unrated, rated, 4 × (count, %), Ghi chú. */
export function bieu01Columns(): Record<string, number> {
  const col: Record<string, number> = {};
  let c = 1;
  for (const def of BIEU01.columns) {
    col[def.key] = c;
    if (def.key === 'unrated') {
      for (const s of def.sub ?? []) col[`unrated.${s.key}`] = c++;
    } else if (def.sub) {
      col[`${def.key}.count`] = c++;
      col[`${def.key}.percent`] = c++;
    } else c++;
  }
  return col;
}

function levelsOf(report: Bieu01Options['report'], r: RowDef): { tally?: Tally; levels?: LevelCounts } {
  if (!report) return {};
  const t = report.tallies[r.subject];
  if (r.group) return { levels: report.tallies.member.groups?.[r.group] };
  return { tally: t, levels: t.levels };
}

/**
 * Biểu 01 for a year and a unit, in the Vietnamese administrative layout: organisation and party headers,
 * title with the year, a two-row table header, the subject rows and the member-group sub-rows, formulas for
 * the rated count and every percentage, and the signature block.
 */
export function bieu01Sheet(opts: Bieu01Options): SheetSpec {
  const col = bieu01Columns();
  const last = col.note as number;
  const L = (c: number) => columnLetters(c);
  const cells: CellSpec[] = [];
  const merges: string[] = [];
  const put = (row: number, c: number, value: CellSpec['value'], style: StyleKey) => cells.push({ row, col: c, value, style });
  const span = (row: number, from: number, to: number, value: string, style: StyleKey, rowTo = row) => {
    put(row, from, value, style);
    if (to > from || rowTo > row) merges.push(`${a1(row, from)}:${a1(rowTo, to)}`);
    // borders on the merged area's other cells too
    for (let r = row; r <= rowTo; r++) for (let c = from; c <= to; c++) if (r !== row || c !== from) put(r, c, null, style);
  };

  const leftTo = 6;
  const rightFrom = col['excellent.count'] as number;
  // party-document header: the superior party organisation, the unit's committee with "*" under it; the party
  // and a place and date the signer fills in (never pre-printed)
  span(1, 1, leftTo, superiorLine(opts.parentName), 'org');
  span(1, rightFrom, last, PARTY_NAME, 'party');
  span(2, 1, leftTo, issuerLine(opts.unitName, opts.kind), 'org-bold');
  span(2, rightFrom, last, placeDateLine(opts.place), 'place');
  span(3, 1, leftTo, '*', 'org');
  // the register's code, which the reader uses to know whose report this is
  span(4, 1, leftTo, `Mã đơn vị: ${opts.unit || '…'}`, 'code');
  span(5, 1, last, 'BIỂU 01', 'title');
  span(6, 1, last, `${BIEU01.title} NĂM ${opts.year}`, 'title');
  span(7, 1, last, '(Số liệu tính đến thời điểm đánh giá, xếp loại)', 'subtitle');

  const h1 = 9;
  const h2 = 10;
  for (const def of BIEU01.columns) {
    const c = col[def.key] as number;
    if (def.key === 'unrated') {
      span(h1, c, c + (def.sub?.length ?? 1) - 1, def.header, 'th');
      def.sub?.forEach((s, i) => put(h2, c + i, s.header, 'th'));
    } else if (def.sub) {
      span(h1, c, c + 1, def.header, 'th');
      put(h2, c, def.sub[0]?.header ?? '', 'th');
      put(h2, c + 1, def.sub[1]?.header ?? '', 'th');
    } else span(h1, c, c, def.header, 'th', h2);
  }
  // the numbering row of Vietnamese forms: (1) (2) …
  for (let c = 1; c <= last; c++) put(h2 + 1, c, `(${c})`, 'th-index');

  const first = h2 + 2;
  const row: Record<string, number> = {};
  BIEU01.rows.forEach((r, i) => {
    const at = first + i;
    row[rowKey(r)] = at;
    put(at, col.tt as number, r.number, 'tt');
    put(at, col.label as number, r.label, r.group ? 'label-group' : 'label-bold');
    const { tally, levels } = levelsOf(opts.report, r);
    const countStyle: StyleKey = r.group ? 'count' : 'count-bold';
    // total and unrated: subject rows only (a group row splits the rated members)
    if (!r.group) {
      put(at, col.total as number, tally?.total ?? null, countStyle);
      for (const reason of UNRATED_REASONS) {
        const n = tally?.unrated[reason];
        put(at, col[`unrated.${reason}`] as number, n ? n : null, 'count');
      }
    } else {
      put(at, col.total as number, null, 'count');
      for (const reason of UNRATED_REASONS) put(at, col[`unrated.${reason}`] as number, null, 'count');
    }
    const counts = LEVELS.map((l) => `${L(col[`${l}.count`] as number)}${at}`);
    const rated = levels ? LEVELS.reduce((s, l) => s + levels[l], 0) : null;
    cells.push({ row: at, col: col.rated as number, formula: `SUM(${counts.join(',')})`, result: opts.report ? (rated ?? 0) : 0, style: 'formula' });
    for (const l of LEVELS) {
      const c = col[`${l}.count`] as number;
      put(at, c, levels ? levels[l] : null, countStyle);
      const H = `${L(col.rated as number)}${at}`;
      cells.push({
        row: at,
        col: c + 1,
        formula: `IF(${H}=0,"",ROUND(${L(c)}${at}/${H}*100,2))`,
        result: levels && rated ? percentOf(levels[l], rated) : '',
        style: 'percent',
      });
    }
    put(at, col.note as number, null, 'note');
  });

  const end = first + BIEU01.rows.length - 1;
  const sign = end + 2;
  span(sign, 1, 5, 'NGƯỜI LẬP BIỂU', 'sign-title');
  span(sign + 1, 1, 5, '(Ký, ghi rõ họ tên)', 'sign-name');
  const sig = signatureFor(opts.kind);
  span(sign, rightFrom, last, sig.onBehalf, 'sign-title');
  span(sign + 1, rightFrom, last, sig.title, 'sign-title');
  span(sign + 2, rightFrom, last, '(Ký tên, đóng dấu)', 'sign-name');

  const widths: number[] = [];
  for (const def of BIEU01.columns) {
    const c = col[def.key] as number;
    const n = def.key === 'unrated' ? (def.sub?.length ?? 1) : def.sub ? 2 : 1;
    for (let i = 0; i < n; i++) widths[c - 1 + i] = def.width;
  }
  return {
    name: BIEU01.sheetName,
    cells,
    merges,
    widths,
    heights: { 6: 36, [h1]: 48, [h2]: 30 },
    print: { orientation: 'landscape', fitToWidth: true, printArea: `A1:${a1(sign + 6, last)}` },
    layout: { col, row, headerRow: h1, yearCell: a1(6, 1), unitCell: a1(4, 1) },
  };
}

export interface ListRow {
  name: string;
  branch?: string;
  group?: string;
  level: string;
  score?: number;
  note?: string;
}

/** Biểu 02 or Biểu 03 for a year and unit: headers in the same style, one row per member or chi bộ given. */
export function listSheet(def: ListDef, opts: { year: number; unit: string; unitName: string; rows?: ListRow[] }): SheetSpec {
  const cells: CellSpec[] = [];
  const merges: string[] = [];
  const last = def.columns.length;
  const put = (row: number, c: number, value: CellSpec['value'], style: StyleKey) => cells.push({ row, col: c, value, style });
  put(1, 1, opts.unitName.toUpperCase(), 'org-bold');
  merges.push(`${a1(1, 1)}:${a1(1, Math.min(3, last))}`);
  put(2, 1, `Mã đơn vị: ${opts.unit}`, 'code');
  merges.push(`${a1(2, 1)}:${a1(2, Math.min(3, last))}`);
  put(4, 1, `${def.title} NĂM ${opts.year}`, 'title');
  merges.push(`${a1(4, 1)}:${a1(4, last)}`);
  const head = 6;
  def.columns.forEach((c, i) => put(head, i + 1, c.header, 'th'));
  (opts.rows ?? []).forEach((r, i) => {
    const row = head + 1 + i;
    def.columns.forEach((c, j) => {
      const value =
        c.key === 'stt' ? i + 1 : c.key === 'name' ? r.name : c.key === 'branch' ? (r.branch ?? '') : c.key === 'group' ? (r.group ?? '') : c.key === 'level' ? r.level : c.key === 'score' ? (r.score ?? null) : (r.note ?? '');
      put(row, j + 1, value, c.key === 'stt' || c.key === 'score' ? 'tt' : 'label');
    });
  });
  return {
    name: def.sheetName,
    cells,
    merges,
    widths: def.columns.map((c) => c.width),
    heights: { [head]: 36 },
    print: { orientation: 'portrait', fitToWidth: true, printArea: `A1:${a1(head + Math.max(1, opts.rows?.length ?? 0), last)}` },
    layout: { col: {}, row: {}, headerRow: head, yearCell: a1(4, 1), unitCell: a1(2, 1) },
  };
}
