/**
 * The Excel adapters: thin. Each reads what it needs in one or two batched syncs, calls the shared code, and
 * writes everything back in one more: at most three context.sync() per command, whatever the workbook's size.
 */
import {
  bieu01Sheet,
  canonicalJson,
  checkGrids,
  consolidatedSheet,
  consolidatedSheetName,
  fillFromLists,
  msg,
  parseA1,
  SEVERITY_LABEL,
  UnitReport,
  type Bieu01Options,
  type CheckContext,
  type Finding,
  type Grid,
  type ReportReceipt,
  type WorkbookCheck,
} from '../../shared';
import type { ApiClient } from '../api-client';
import { flatCounts, justificationsFor, submitGate, type Receipt } from '../state';
import { MARK_COLOR, MARKS_KEY, RECEIPT_KEY, RESULTS_SHEET } from './keys';
import { chunks, writeSheetSpec } from './sheet-spec';

type Marks = Record<string, string[]>;

interface Loaded {
  grids: Grid[];
  sheetNames: Set<string>;
  marks: Marks;
  receipt: Receipt | null;
  results: Excel.Worksheet;
}

function parseSetting<T>(item: Excel.Setting): T | null {
  if (item.isNullObject) return null;
  try {
    return (typeof item.value === 'string' ? JSON.parse(item.value) : item.value) as T;
  } catch {
    return null;
  }
}

/** Sync 1: the sheet names, our settings, the results sheet. Sync 2: every sheet's used range, values and formulas. */
async function load(context: Excel.RequestContext): Promise<Loaded> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const marks = context.workbook.settings.getItemOrNullObject(MARKS_KEY);
  const receipt = context.workbook.settings.getItemOrNullObject(RECEIPT_KEY);
  marks.load('value');
  receipt.load('value');
  const results = sheets.getItemOrNullObject(RESULTS_SHEET);
  await context.sync();
  const ranges = sheets.items
    .filter((ws) => ws.name !== RESULTS_SHEET && !ws.name.startsWith('Tổng hợp'))
    .map((ws) => {
      const r = ws.getUsedRangeOrNullObject(true);
      r.load(['values', 'formulas', 'rowIndex', 'columnIndex']);
      return { name: ws.name, r };
    });
  await context.sync();
  const grids: Grid[] = ranges
    .filter(({ r }) => !r.isNullObject)
    .map(({ name, r }) => ({
      sheet: name,
      origin: { row: r.rowIndex + 1, col: r.columnIndex + 1 },
      values: r.values,
      formulas: r.formulas.map((row) => row.map((f) => typeof f === 'string' && f.startsWith('='))),
    }));
  return { grids, sheetNames: new Set(sheets.items.map((ws) => ws.name)), marks: parseSetting<Marks>(marks) ?? {}, receipt: parseSetting<Receipt>(receipt), results };
}

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

/** The findings as the rows of "Kết quả kiểm tra": severity, the cell as a link, message, fix. */
export function resultRows(findings: Finding[], lang: 'vi' | 'en' = 'vi'): string[][] {
  const head = lang === 'vi' ? ['Mức', 'Ô', 'Nội dung', 'Cách sửa'] : ['Severity', 'Cell', 'Finding', 'Fix'];
  const link = (cell?: string) => {
    if (!cell) return '';
    const [sheet, addr] = cell.split('!');
    return `=HYPERLINK("#'${(sheet ?? '').replace(/'/g, "''")}'!${(addr ?? '').split(':')[0]}","${cell.replace(/"/g, '""')}")`;
  };
  return [head, ...findings.map((f) => [SEVERITY_LABEL[f.severity][lang], link(f.cell), lang === 'vi' ? f.message : f.messageEn, (lang === 'vi' ? f.hint : f.hintEn) ?? ''])];
}

/** Marks: the previous ones cleared, then one RangeAreas fill per sheet and severity (chunked by address length). */
function writeMarks(context: Excel.RequestContext, previous: Marks, findings: Finding[], existing: Set<string>): Marks {
  const sheets = context.workbook.worksheets;
  // only on sheets still there (a renamed or deleted sheet took its marks with it)
  for (const [sheet, addresses] of Object.entries(previous)) {
    if (!existing.has(sheet)) continue;
    const ws = sheets.getItem(sheet);
    for (const list of chunks(addresses)) ws.getRanges(list).format.fill.clear();
  }
  const next: Marks = {};
  for (const severity of ['warning', 'error'] as const) {
    const bySheet = new Map<string, string[]>();
    for (const f of findings) {
      if (f.severity !== severity) continue;
      for (const cell of [f.cell, ...(f.cells ?? [])]) {
        const [sheet, addr] = cell?.split('!') ?? [];
        if (!sheet || !addr || !parseA1(addr.split(':')[0] as string)) continue;
        bySheet.set(sheet, [...new Set([...(bySheet.get(sheet) ?? []), addr])]);
      }
    }
    for (const [sheet, addresses] of bySheet) {
      const ws = sheets.getItem(sheet);
      for (const list of chunks(addresses)) ws.getRanges(list).format.fill.color = MARK_COLOR[severity];
      next[sheet] = [...new Set([...(next[sheet] ?? []), ...addresses])];
    }
  }
  return next;
}

function writeResults(context: Excel.RequestContext, existing: Excel.Worksheet, findings: Finding[], lang: 'vi' | 'en') {
  if (!existing.isNullObject) existing.delete();
  const ws = context.workbook.worksheets.add(RESULTS_SHEET);
  const rows = resultRows(findings, lang);
  ws.getRangeByIndexes(0, 0, rows.length, 4).formulas = rows;
  ws.getRange('A1:D1').format.font.bold = true;
  ws.getRange('A:A').format.columnWidth = 60;
  ws.getRange('B:B').format.columnWidth = 110;
  ws.getRange('C:D').format.columnWidth = 330;
  ws.getRange('C:D').format.wrapText = true;
}

export interface ValidateResult {
  check: WorkbookCheck;
  findings: Finding[];
}

/** Kiểm tra: read, check with the shared rules, mark the cells and list the findings. Works offline. */
export async function validate(context: Excel.RequestContext, ctx: CheckContext = {}, lang: 'vi' | 'en' = 'vi'): Promise<ValidateResult> {
  const loaded = await load(context);
  const check = checkGrids(loaded.grids, ctx);
  const findings = [...check.findings, ...changedSinceSent(check, loaded.receipt)];
  const marks = writeMarks(context, loaded.marks, findings, loaded.sheetNames);
  writeResults(context, loaded.results, findings, lang);
  context.workbook.settings.add(MARKS_KEY, JSON.stringify(marks));
  await context.sync();
  return { check, findings };
}

export type SubmitResult =
  | { ok: true; receipt: Receipt; findings: Finding[] }
  | { ok: false; blocked: ReturnType<typeof submitGate>; findings: Finding[] }
  | { ok: false; error: Error; findings: Finding[] };

/**
 * Gửi số liệu: re-read and re-check (the workbook may have changed since Kiểm tra), refuse while errors or
 * unjustified warnings remain, send the counts only, and keep the receipt in the workbook. A failed call
 * writes nothing: the figures stay where they are.
 */
export async function submit(context: Excel.RequestContext, api: ApiClient, typed: Record<string, string>, ctx: CheckContext & { server?: string } = {}): Promise<SubmitResult> {
  const loaded = await load(context);
  const check = checkGrids(loaded.grids, ctx);
  const findings = check.findings;
  const gate = submitGate(findings, typed);
  if (!gate.ok || !check.report) return { ok: false, blocked: gate, findings };
  const report = UnitReport.parse({ ...check.report, justifications: justificationsFor(findings, typed) });
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

/** Lấy tổng hợp: the consolidated view into the sheet "Tổng hợp {unit} {year}", replaced whole: two syncs. */
export async function pull(context: Excel.RequestContext, api: ApiClient, year: number, unit: string) {
  const view = await api.consolidated(year, unit);
  const name = consolidatedSheetName(unit, year);
  const existing = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (!existing.isNullObject) existing.delete();
  const ws = context.workbook.worksheets.add(name);
  writeSheetSpec(ws, consolidatedSheet(view));
  ws.activate();
  await context.sync();
  return view;
}

/** Chèn biểu mẫu: a blank Biểu 01 for a year and unit, as a new sheet (one sync after the name check). */
export async function insertTemplate(context: Excel.RequestContext, opts: Pick<Bieu01Options, 'year' | 'unit' | 'unitName' | 'parentName' | 'kind'>) {
  const spec = bieu01Sheet(opts);
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const names = new Set(sheets.items.map((s) => s.name));
  let name = spec.name;
  for (let i = 2; names.has(name); i++) name = `${spec.name} (${i})`;
  const ws = sheets.add(name);
  writeSheetSpec(ws, spec);
  ws.activate();
  await context.sync();
  return name;
}

/** Điền từ danh sách: Biểu 01's counts from the roster and chi bộ list in the workbook (three syncs). */
export async function fillFromRoster(context: Excel.RequestContext) {
  const loaded = await load(context);
  const check = checkGrids(loaded.grids);
  if (!check.report) return 0;
  const writes = fillFromLists(check.report, check.cells, check.lists);
  for (const w of writes) {
    const [sheet, addr] = w.cell.split('!') as [string, string];
    context.workbook.worksheets.getItem(sheet).getRange(addr).values = [[w.value ?? '']];
  }
  await context.sync();
  return writes.length;
}
