/**
 * The Excel adapters: thin. Each reads what it needs in batched syncs (addin/excel/read.ts), calls the shared
 * code, and writes everything back in one more. Syncs per command, for a workbook of up to 50,000 data cells
 * (one more per further 50,000): Kiểm tra 5 (4 when no new cell is to be marked and the results sheet exists), Gửi số liệu 4, Điền từ danh sách 4
 * (5 on a protected sheet), Lấy tổng hợp 3, Chèn biểu mẫu 2.
 */
import {
  bieu01Sheet,
  canonicalJson,
  checkGrids,
  consolidatedSheet,
  consolidatedSheetName,
  fillFromLists,
  msg,
  SEVERITY_LABEL,
  UnitReport,
  type Bieu01Options,
  type CheckContext,
  type Finding,
  type ReportReceipt,
  type WorkbookCheck,
} from '../../shared';
import type { ApiClient } from '../api-client';
import { flatCounts, justificationsFor, submitGate, type Receipt } from '../state';
import { JUSTIFY_KEY, MARK_COLOR, MARKS_KEY, OWNED_KEY, RECEIPT_KEY, RESULTS_SHEET } from './keys';
import { loadMeta, noTemplateFinding, readSheets, userSheets, type Meta, type SheetMeta } from './read';
import { parseRange, quoteSheet, splitRef, addressOf } from './refs';
import { chunks, writeSheetSpec } from './sheet-spec';

/** Cells sent in a receipt that now hold something else: "changed since version 3". */
export function changedSinceSent(check: WorkbookCheck, receipt: Receipt | null): Finding[] {
  if (!receipt || !check.report || check.report.unit !== receipt.unit || check.report.year !== receipt.year) return [];
  const now = flatCounts(check.report.tallies, 'tallies');
  const out: Finding[] = [];
  for (const [path, sent] of Object.entries(receipt.sent)) {
    if (now[path] === sent) continue;
    out.push({
      code: 'addin.changed-since-sent',
      rule: 'changed-since-sent',
      severity: 'info',
      path: path.split('.'),
      left: now[path] ?? null,
      right: sent,
      cell: check.cells[path],
      ...msg.changedSinceSent(receipt.version, sent, now[path]),
    });
  }
  return out;
}


/** Errors of the workbook the pane turns into a message: what Excel refused, and why. */
export class WorkbookError extends Error {
  constructor(
    readonly code: 'workbook-protected' | 'no-template',
    readonly detail = '',
  ) {
    super(code);
  }
}

/** The findings as the rows of "Kết quả kiểm tra": severity, the cell as a link, message, fix. */
export function resultRows(findings: Finding[], lang: 'vi' | 'en' = 'vi'): string[][] {
  const head = lang === 'vi' ? ['Mức', 'Ô', 'Nội dung', 'Cách sửa'] : ['Severity', 'Cell', 'Finding', 'Fix'];
  const link = (cell?: string) => {
    const ref = cell ? splitRef(cell) : null;
    if (!cell || !ref) return cell ?? '';
    return `=HYPERLINK("#${quoteSheet(ref.sheet).replace(/"/g, '""')}!${ref.address.split(':')[0]}","${cell.replace(/"/g, '""')}")`;
  };
  if (findings.length === 0) return [head, ['', '', lang === 'vi' ? 'Không có lỗi hay cảnh báo nào.' : 'No errors or warnings.', '']];
  return [head, ...findings.map((f) => [SEVERITY_LABEL[f.severity][lang], link(f.cell), lang === 'vi' ? f.message : f.messageEn, (lang === 'vi' ? f.hint : f.hintEn) ?? ''])];
}

/* ---------------------------------------------------------------------------------------------------------
 * Marks. Each marked cell remembers the fill it had, which is put back when the mark goes (a template's grey
 * formula cells stay grey). A cell whose fill the user changed since is left alone. Stored by sheet id, so a
 * renamed sheet keeps its marks.
 * ------------------------------------------------------------------------------------------------------- */

/** A cell's fill as Excel gives it: no fill is pattern "None" (its color then reads "#FFFFFF"). */
type Fill = { color: string; pattern: string } | null;
interface MarkStore {
  v: 2;
  sheets: Record<string, { name: string; cells: Record<string, Fill> }>;
}

/** Ranges of more than this many cells are marked at their first cell only. */
const MAX_RANGE_CELLS = 100;
const MAX_MARKS = 2000;

function parseMarks(raw: unknown, sheets: SheetMeta[]): MarkStore {
  const out: MarkStore = { v: 2, sheets: {} };
  if (!raw || typeof raw !== 'object') return out;
  if ((raw as MarkStore).v === 2 && (raw as MarkStore).sheets) return raw as MarkStore;
  // the first format: { sheet name: [addresses] }, with no memory of the fills
  for (const [name, list] of Object.entries(raw as Record<string, unknown>)) {
    const ws = sheets.find((s) => s.name === name);
    if (!ws || !Array.isArray(list)) continue;
    out.sheets[ws.id] = { name, cells: Object.fromEntries(list.flatMap((a) => cellsOf(String(a))).map((a) => [a, null])) };
  }
  return out;
}

/** "C12:D13" → ["C12", "D12", "C13", "D13"]; a large range (a roster's column) stays whole, remembered by one fill. */
function cellsOf(address: string): string[] {
  const r = parseRange(address);
  if (!r) return [];
  if ((r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1) > MAX_RANGE_CELLS) return [addressOf(r)];
  const out: string[] = [];
  for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) out.push(addressOf({ r1: row, c1: col, r2: row, c2: col }));
  return out;
}

const sameColor = (a: string | null | undefined, b: string) => (a ?? '').toUpperCase() === b.toUpperCase();
const isOurs = (f: Excel.RangeFill) => f.pattern !== 'None' && (sameColor(f.color, MARK_COLOR.error) || sameColor(f.color, MARK_COLOR.warning));
const fillOf = (f: Excel.RangeFill): Fill => (f.pattern === 'None' || !f.color ? null : { color: f.color, pattern: f.pattern ?? 'Solid' });

function restore(format: Excel.RangeFormat, fill: Fill) {
  if (!fill) format.fill.clear();
  else {
    format.fill.color = fill.color;
    if (fill.pattern && fill.pattern !== 'Solid') format.fill.pattern = fill.pattern as Excel.FillPattern;
  }
}

/** The cells each finding marks, by sheet name and severity (errors win over warnings). */
function wantedMarks(findings: Finding[]): Map<string, Map<string, 'error' | 'warning'>> {
  const out = new Map<string, Map<string, 'error' | 'warning'>>();
  let n = 0;
  for (const f of findings) {
    if (f.severity !== 'error' && f.severity !== 'warning') continue;
    for (const ref of [f.cell, ...(f.cells ?? [])]) {
      const r = ref ? splitRef(ref) : null;
      if (!r) continue;
      const bySheet = out.get(r.sheet) ?? new Map<string, 'error' | 'warning'>();
      out.set(r.sheet, bySheet);
      for (const c of cellsOf(r.address)) {
        if (n >= MAX_MARKS) break;
        if (!bySheet.has(c)) n++;
        if (bySheet.get(c) !== 'error') bySheet.set(c, f.severity);
      }
    }
  }
  return out;
}

export interface ValidateResult {
  check: WorkbookCheck;
  findings: Finding[];
  /** Sheets whose cells were not marked because they are protected (findings listed all the same). */
  protectedSheets: string[];
  /** The workbook's structure is protected and there was no results sheet to reuse: findings only in the pane. */
  noResultsSheet: boolean;
  /** The justifications kept in the workbook. */
  justifications: Record<string, string>;
  syncs: number;
}

/**
 * Kiểm tra: read, check with the shared rules, mark the cells and list the findings in "Kết quả kiểm tra". Works
 * offline. Protected sheets get no marks and a protected workbook no new sheet: the findings are returned all the
 * same, with the reason. `activate`: show the results sheet (for the ribbon command, whose pane may be hidden).
 */
export async function validate(context: Excel.RequestContext, ctx: CheckContext = {}, lang: 'vi' | 'en' = 'vi', opts: { activate?: boolean } = {}): Promise<ValidateResult> {
  const meta = await loadMeta(context);
  let syncs = 1;
  const byId = new Map(meta.sheets.map((s) => [s.id, s]));
  const store = parseMarks(meta.settings.marks, meta.sheets);
  // the previous marks' current fills, resolved with the next sync (the reader's first)
  const previous: { sheet: SheetMeta; address: string; orig: Fill; now: Excel.RangeFill }[] = [];
  for (const [id, entry] of Object.entries(store.sheets)) {
    const sheet = byId.get(id);
    if (!sheet || sheet.noFormat) continue;
    const ws = context.workbook.worksheets.getItem(sheet.name);
    for (const [address, orig] of Object.entries(entry.cells)) {
      const now = ws.getRange(address).format.fill;
      now.load('color,pattern');
      previous.push({ sheet, address, orig, now });
    }
  }
  const read = await readSheets(context, userSheets(meta));
  syncs += read.syncs;
  if (read.syncs === 0 && previous.length) (await context.sync(), syncs++);
  const check = checkGrids(read.grids, ctx);
  const findings = [...check.findings, ...read.findings, ...changedSinceSent(check, meta.settings.receipt as Receipt | null)];
  if (!check.report && !findings.some((f) => f.code === 'template.no-template')) findings.unshift(noTemplateFinding());

  // what to mark now; the fills of cells not marked before are read first (one sync), to be restored later
  const wanted = wantedMarks(findings);
  const protectedSheets: string[] = [];
  const next: MarkStore = { v: 2, sheets: {} };
  const fresh: { sheet: SheetMeta; address: string; fill: Excel.RangeFill }[] = [];
  const prevByKey = new Map(previous.map((p) => [`${p.sheet.id}\u0000${p.address}`, p]));
  for (const [name, cells] of wanted) {
    const sheet = meta.sheets.find((s) => s.name === name);
    if (!sheet) continue;
    if (sheet.noFormat) {
      protectedSheets.push(name);
      continue;
    }
    next.sheets[sheet.id] = { name, cells: {} };
    for (const address of cells.keys()) {
      const p = prevByKey.get(`${sheet.id}\u0000${address}`);
      if (p && isOurs(p.now)) next.sheets[sheet.id]!.cells[address] = p.orig;
      else {
        const fill = context.workbook.worksheets.getItem(name).getRange(address).format.fill;
        fill.load('color,pattern');
        fresh.push({ sheet, address, fill });
      }
    }
  }
  // the results sheet: reused when there (the user's notes beside it stay), added otherwise unless the structure is protected
  let results = meta.sheets.find((s) => meta.owned.ids.includes(s.id) && s.name === RESULTS_SHEET) ?? meta.sheets.find((s) => s.name === RESULTS_SHEET);
  let added: Excel.Worksheet | null = null;
  if (!results && !meta.workbookProtected) {
    added = context.workbook.worksheets.add(RESULTS_SHEET);
    added.load('id,name');
  }
  if (fresh.length || added) (await context.sync(), syncs++);
  for (const f of fresh) {
    // a range whose cells are filled differently (Excel reads its colour as null) cannot be put back: not marked
    if (f.fill.color === null || f.fill.pattern === null) continue;
    next.sheets[f.sheet.id]!.cells[f.address] = fillOf(f.fill);
  }
  if (added) results = { id: String(added.id), name: added.name, visible: true, protected: false, noFormat: false };

  // write: put back what the old marks covered, mark, list, remember
  for (const p of previous) {
    if (next.sheets[p.sheet.id]?.cells[p.address] !== undefined || !isOurs(p.now)) continue;
    restore(context.workbook.worksheets.getItem(p.sheet.name).getRange(p.address).format, p.orig);
  }
  for (const [name, cells] of wanted) {
    const sheet = meta.sheets.find((s) => s.name === name);
    if (!sheet || sheet.noFormat) continue;
    const ws = context.workbook.worksheets.getItem(name);
    const kept = next.sheets[sheet.id]?.cells ?? {};
    for (const severity of ['warning', 'error'] as const) {
      const list = [...cells].filter(([a, s]) => s === severity && a in kept).map(([a]) => a);
      for (const part of chunks(list)) ws.getRanges(part).format.fill.color = MARK_COLOR[severity];
    }
  }
  if (results && !results.protected) {
    const ws = context.workbook.worksheets.getItem(results.name);
    const rows = resultRows(findings, lang);
    if (!added) ws.getRange('A:D').clear('All' as Excel.ClearApplyTo);
    ws.getRangeByIndexes(0, 0, rows.length, 4).formulas = rows;
    ws.getRange('A1:D1').format.font.bold = true;
    ws.getRange('A:A').format.columnWidth = 60;
    ws.getRange('B:B').format.columnWidth = 110;
    ws.getRange('C:D').format.columnWidth = 330;
    ws.getRange('C:D').format.wrapText = true;
    if (opts.activate) ws.activate();
  }
  const owned = new Set(meta.owned.ids.filter((id) => byId.has(id)));
  if (results) owned.add(results.id);
  context.workbook.settings.add(MARKS_KEY, JSON.stringify(next));
  context.workbook.settings.add(OWNED_KEY, JSON.stringify({ ids: [...owned] }));
  await context.sync();
  syncs++;
  return { check, findings, protectedSheets, noResultsSheet: !results || results.protected, justifications: meta.settings.justifications, syncs };
}

export type SubmitResult =
  | { ok: true; receipt: Receipt; findings: Finding[] }
  | { ok: false; blocked: ReturnType<typeof submitGate> | { ok: false; noTemplate: true }; findings: Finding[] }
  | { ok: false; error: Error; findings: Finding[] };

/**
 * Gửi số liệu: re-read and re-check (the workbook may have changed since Kiểm tra), refuse while errors or
 * unjustified warnings remain or no Biểu 01 was found, send the counts only, and keep the receipt in the
 * workbook. The justifications are those typed and those kept in the workbook. A failed call writes nothing.
 */
export async function submit(context: Excel.RequestContext, api: ApiClient, typed: Record<string, string>, ctx: CheckContext & { server?: string } = {}): Promise<SubmitResult> {
  const meta = await loadMeta(context);
  const read = await readSheets(context, userSheets(meta));
  const check = checkGrids(read.grids, ctx);
  const findings = [...check.findings, ...read.findings];
  if (!check.report) {
    if (!findings.some((f) => f.code === 'template.no-template')) findings.unshift(noTemplateFinding());
    return { ok: false, blocked: { ok: false, noTemplate: true }, findings };
  }
  const all = { ...meta.settings.justifications, ...typed };
  const gate = submitGate(findings, all);
  if (!gate.ok) return { ok: false, blocked: gate, findings };
  const report = UnitReport.parse({ ...check.report, justifications: justificationsFor(findings, all) });
  let answer: ReportReceipt;
  try {
    // the same content always carries the same key: a retry after a lost answer stores nothing twice
    const idempotency = `${report.unit}-${report.year}-${await sha256(canonicalJson(report))}`.slice(0, 120);
    answer = await api.putReport(report.year, report.unit, report, idempotency);
  } catch (error) {
    return { ok: false, error: error as Error, findings };
  }
  const receipt: Receipt = {
    unit: report.unit,
    year: report.year,
    version: answer.version,
    receivedAt: answer.receivedAt,
    hash: answer.hash,
    server: ctx.server ?? '',
    sent: flatCounts(report.tallies, 'tallies'),
  };
  context.workbook.settings.add(RECEIPT_KEY, JSON.stringify(receipt));
  await context.sync();
  return { ok: true, receipt, findings: answer.findings };
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 32);
}

/** The justifications kept in the workbook (document settings): saved with it, so closing Excel loses none. */
export async function loadJustifications(context: Excel.RequestContext): Promise<Record<string, string>> {
  const item = context.workbook.settings.getItemOrNullObject(JUSTIFY_KEY);
  item.load('value');
  await context.sync();
  if (item.isNullObject) return {};
  try {
    const v = typeof item.value === 'string' ? JSON.parse(item.value) : item.value;
    return v && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export async function saveJustifications(context: Excel.RequestContext, justifications: Record<string, string>): Promise<void> {
  const kept = Object.fromEntries(Object.entries(justifications).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.slice(0, 2000)]));
  context.workbook.settings.add(JUSTIFY_KEY, JSON.stringify(kept));
  await context.sync();
}

/** A free sheet name: "name", else "name (2)", "name (3)"… within Excel's 31 characters. */
function freeName(base: string, names: Set<string>): string {
  let name = base.slice(0, 31);
  for (let i = 2; names.has(name); i++) name = `${base.slice(0, 31 - ` (${i})`.length)} (${i})`;
  return name;
}

/** Sync 1 of the commands that add a sheet: the names taken, and whether the structure is protected. */
async function sheetNames(context: Excel.RequestContext): Promise<Set<string>> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const protection = context.workbook.protection;
  protection.load('protected');
  await context.sync();
  if (protection.protected) throw new WorkbookError('workbook-protected');
  return new Set(sheets.items.map((s) => s.name));
}

/**
 * Lấy tổng hợp: the consolidated view into a new sheet "Tổng hợp {unit} {year}" (or "… (2)" when that name is
 * taken: an earlier pull and any notes on it are kept), marked as the add-in's own so that Kiểm tra skips it.
 * Three syncs.
 */
export async function pull(context: Excel.RequestContext, api: ApiClient, year: number, unit: string) {
  const view = await api.consolidated(year, unit);
  const names = await sheetNames(context);
  const owned = context.workbook.settings.getItemOrNullObject(OWNED_KEY);
  owned.load('value');
  const name = freeName(consolidatedSheetName(unit, year), names);
  const ws = context.workbook.worksheets.add(name);
  ws.load('id');
  writeSheetSpec(ws, consolidatedSheet(view));
  ws.activate();
  await context.sync();
  let ids: string[] = [];
  try {
    ids = owned.isNullObject ? [] : ((JSON.parse(String(owned.value)) as { ids?: string[] }).ids ?? []);
  } catch {
    /* a damaged setting: start again */
  }
  context.workbook.settings.add(OWNED_KEY, JSON.stringify({ ids: [...new Set([...ids, String(ws.id)])] }));
  await context.sync();
  return { view, sheet: name, kept: name !== consolidatedSheetName(unit, year).slice(0, 31) };
}

/** Chèn biểu mẫu: a blank Biểu 01 for a year and unit, as a new sheet (one sync after the name check). */
export async function insertTemplate(context: Excel.RequestContext, opts: Pick<Bieu01Options, 'year' | 'unit' | 'unitName' | 'parentName' | 'kind'>) {
  const spec = bieu01Sheet(opts);
  const names = await sheetNames(context);
  const name = freeName(spec.name, names);
  const ws = context.workbook.worksheets.add(name);
  writeSheetSpec(ws, spec);
  ws.activate();
  await context.sync();
  return name;
}

/**
 * Điền từ danh sách: Biểu 01's counts from the roster and chi bộ list in the workbook. On a protected sheet
 * only unlocked cells are written (one more sync to ask which); the locked ones are returned.
 */
export async function fillFromRoster(context: Excel.RequestContext): Promise<{ written: number; locked: string[] }> {
  const meta = await loadMeta(context);
  const read = await readSheets(context, userSheets(meta));
  const check = checkGrids(read.grids);
  if (!check.report) throw new WorkbookError('no-template');
  const writes = fillFromLists(check.report, check.cells, check.lists).map((w) => ({ ...w, ref: splitRef(w.cell) }));
  const targets = writes.filter((w) => w.ref && meta.sheets.some((s) => s.name === w.ref!.sheet));
  const locks = new Map<string, Excel.RangeFormat>();
  for (const w of targets) {
    if (!meta.sheets.find((s) => s.name === w.ref!.sheet)?.protected) continue;
    const format = context.workbook.worksheets.getItem(w.ref!.sheet).getRange(w.ref!.address).format;
    format.load('protection/locked');
    locks.set(w.cell, format);
  }
  if (locks.size) await context.sync();
  const locked: string[] = [];
  let written = 0;
  for (const w of targets) {
    if (locks.get(w.cell)?.protection.locked) {
      locked.push(w.cell);
      continue;
    }
    context.workbook.worksheets.getItem(w.ref!.sheet).getRange(w.ref!.address).values = [[w.value ?? '']];
    written++;
  }
  await context.sync();
  return { written, locked };
}

export type { Meta };
