import { expectedTypedPercent, formatPercent, typedPercentMatches } from '../format';
import type { Finding, Level, MemberGroup, UnitReportDraft } from '../model';
import { LEVELS, UNRATED_REASONS } from '../model';
import { GROUP_LABEL, LEVEL_LABEL } from '../rules/labels';
import { readerFinding } from './findings';
import { normalizeLabel } from './grid';
import { convertOldEncodings } from './encoding';
import { rulebookFor, findRulebook } from '../rulebooks';
import { checkReport, resolvePolicy, sortFindings, type CheckContext } from '../rules/engine';
import { msg } from '../rules/messages';
import { usable } from '../rules/tally';
import type { Grid } from './grid';
import { crossCheck } from './cross';
import { BIEU02, BIEU03, readList, type ListCounts } from './lists';
import { readBieu01, type CellMap, type ReadResult } from './reader';

export interface WorkbookCheck {
  /** The report as read (counts only), or null when no Biểu 01 was found. */
  report: UnitReportDraft | null;
  /** The lists found beside it (Biểu 02, Biểu 03), counted. */
  lists: ListCounts[];
  /** Reader and rule findings, each with its cell where one is known. */
  findings: Finding[];
  cells: CellMap;
  sheet: string | null;
  /** The layout read, when a table was found. */
  layout?: { id: string; name: string };
  /** The statistics layout's counts per kind of organisation (loại hình), when present (optional, never sent as a field). */
  byKind?: ReadResult['byKind'];
}

/** The cell of a finding's path: the path itself, or the nearest enclosing field that has one. */
export function cellForPath(cells: CellMap, path: (string | number)[]): string | undefined {
  for (let n = path.length; n > 0; n--) {
    const hit = cells[path.slice(0, n).join('.')];
    if (hit) return hit;
  }
  return undefined;
}

function levelsOf(report: UnitReportDraft, subject: string, group?: string) {
  const t = (report.tallies as Record<string, { levels?: Record<string, number | null | undefined>; groups?: Record<string, Record<string, number | null | undefined>> } | undefined>)[subject];
  return group ? t?.groups?.[group] : t?.levels;
}

/** Typed percentages and typed "rated" counts against the counts, at the precision they were typed with. */
function typedFigureFindings(read: ReadResult, report: UnitReportDraft, rounding: 'half-up' | 'half-up-or-truncate', prefix: string): Finding[] {
  const out: Finding[] = [];
  for (const p of read.percents) {
    const levels = levelsOf(report, p.subject, p.group);
    const values = LEVELS.map((l) => levels?.[l]);
    if (!values.every(usable)) continue;
    const rated = p.base === 'rated' ? (values as number[]).reduce((a, b) => a + b, 0) : p.base.reduce((a, l) => a + (levels?.[l] as number), 0);
    const num = p.numerator.reduce((a, l) => a + (levels?.[l] as number), 0);
    if (rated === 0) continue;
    const exact = (num * 100) / rated;
    const v = p.parsed.value;
    // a formula's result, or a percentage kept as a fraction (0,194 shown as 19,4%): compare at full precision
    const computed = p.formula || p.parsed.scaled.decimals > 4;
    const { mantissa, decimals: d } = p.parsed.scaled;
    // the same digits read as a fraction of 1 (0,194 → 19,4)
    const asFraction = d >= 2 ? { mantissa, decimals: d - 2 } : { mantissa: mantissa * 10n ** BigInt(2 - d), decimals: 0 };
    const ok = computed
      ? Math.abs(v - exact) <= 0.005 + 1e-9 || Math.abs(v * 100 - exact) <= 0.005 + 1e-9
      : typedPercentMatches(p.parsed.scaled, num, rated, rounding) || (v <= 1 && !p.parsed.percent && typedPercentMatches(asFraction, num, rated, rounding));
    if (ok) continue;
    const decimals = computed ? 2 : Math.min(p.parsed.scaled.decimals, 2);
    const expected = formatPercent(expectedTypedPercent(num, rated, decimals), { trim: decimals < 2 });
    const typed = String(v).replace('.', ',');
    out.push({
      code: `${prefix}.percent-mismatch.${p.subject}${p.group ? `.${p.group}` : ''}`,
      rule: 'percent-mismatch',
      severity: 'error',
      subject: p.subject,
      ...(p.group ? { group: p.group } : {}),
      level: p.level,
      path: ['tallies', p.subject, ...(p.group ? ['groups', p.group] : ['levels']), p.level],
      left: v,
      right: expectedTypedPercent(num, rated, 2),
      cell: p.cell,
      ...msg.reader.percentMismatch(typed, num, rated, expected),
    });
  }
  for (const r of read.rated) {
    const levels = levelsOf(report, r.subject, r.group);
    const values = LEVELS.map((l) => levels?.[l]);
    if (!values.every(usable)) continue;
    const sum = (values as number[]).reduce((a, b) => a + b, 0);
    if (sum === r.value) continue;
    out.push({
      code: `${prefix}.total-mismatch.${r.subject}.rated`,
      rule: 'total-mismatch',
      severity: 'error',
      subject: r.subject,
      ...(r.group ? { group: r.group } : {}),
      path: ['tallies', r.subject, 'rated'],
      left: r.value,
      right: sum,
      cell: r.cell,
      ...msg.reader.ratedMismatch(r.value, sum),
    });
  }
  return out;
}

/**
 * Read the workbook's Biểu 01 (from any of its sheets), check it with the rulebook of its year and the
 * policy, and put every finding at its cell. The same function runs in Excel, in the browser and in the CLI.
 */
export function checkGrids(input: Grid[], ctx: CheckContext = {}): WorkbookCheck {
  // text typed in the old TCVN3 / VNI fonts is converted before labels are matched, and that is said
  const { grids, converted } = convertOldEncodings(input);
  const encodingFindings: Finding[] = converted.map((c) => ({
    code: `template.old-encoding.${c.encoding.toLowerCase()}`,
    rule: 'template-structure',
    severity: 'info',
    path: [],
    cell: `${c.sheet}!A1`,
    ...msg.file.oldEncoding(c.encoding === 'TCVN3' ? 'TCVN3, phông .VnTime' : 'VNI', c.cells),
  }));
  const lists: ListCounts[] = [];
  const reads: (ReadResult & { visible: boolean; order: number })[] = [];
  grids.forEach((grid, order) => {
    const list = readList(grid, BIEU02) ?? readList(grid, BIEU03);
    if (list) lists.push(list);
    else reads.push({ ...readBieu01(grid), visible: (grid.visibility ?? 'visible') === 'visible', order });
  });
  const listFindings = lists.flatMap((l) => l.findings);
  const candidates = reads.filter((r) => r.report !== null);
  if (candidates.length === 0) {
    const first = reads[0]?.findings ?? [];
    return { report: null, lists, findings: sortFindings([...encodingFindings, ...first, ...listFindings]), cells: {}, sheet: null };
  }
  const { read, others, summaryOf } = chooseSheet(candidates, ctx);
  const report = read.report as UnitReportDraft;
  // scores are in the roster only: its score bands are checked with the member row
  const roster = lists.find((l) => l.def.id === 'bieu02');
  const member = report.tallies.member as { scoreBands?: unknown } | undefined;
  if (roster && roster.scored > 0 && member) {
    member.scoreBands = roster.scoreBands;
    if (roster.columnRange.score) read.cells['tallies.member.scoreBands'] = roster.columnRange.score;
  }
  const missingYear = read.findings.some((f) => f.code === 'template.missing-year');
  const missingUnit = read.findings.some((f) => f.code === 'template.missing-unit');
  // check the arithmetic even when the header lacks the year or the unit: the reader already said so
  const year = missingYear ? (ctx.period?.year ?? 2025) : report.year;
  const draft: UnitReportDraft = { ...report, year, unit: missingUnit ? (ctx.period?.unit ?? 'CHUA-RO') : report.unit };
  const rulebook = ctx.rulebook ?? findRulebook(year);
  const engine = checkReport(draft, {
    ...ctx,
    rulebook,
    period: ctx.period ? { year: ctx.period.year, unit: missingUnit ? undefined : ctx.period.unit } : undefined,
  });
  const reported = new Set(read.findings.map((f) => f.path.join('.')).filter(Boolean));
  const mapped = engine
    .filter((f) => !(f.rule === 'missing-value' && reported.has(f.path.join('.'))))
    .filter((f) => !(missingYear && f.path[0] === 'year') && !(missingUnit && f.path[0] === 'unit'))
    .map((f) => {
      const cell = cellForPath(read.cells, f.path);
      return cell ? { ...f, cell } : f;
    });
  const policy = rulebook ? resolvePolicy(rulebook, ctx.policy) : resolvePolicy(rulebookFor(2025), ctx.policy);
  const prefix = rulebook?.codePrefix ?? 'template';
  const typed = typedFigureFindings(read, draft, policy.typedPercentRounding, prefix);
  const cross = crossCheck(draft, read.cells, lists, prefix);
  const about = aboutTheRead(read, others, prefix);
  const breakdowns = read.breakdowns
    .filter((b) => b.parent !== null && b.value > b.parent)
    .map((b) => ({ ...readerFinding('breakdown-exceeds', read.sheet, b.cell.replace(/^.*!/, ''), { label: b.label, value: String(b.value), parent: String(b.parent) }), cells: [b.parentCell] }));
  const branchSums = summaryOf.length ? branchSheetFindings(read, summaryOf, prefix) : [];
  return {
    report,
    lists,
    findings: sortFindings([...encodingFindings, ...about, ...read.findings, ...listFindings, ...mapped, ...typed, ...cross, ...breakdowns, ...branchSums]),
    cells: read.cells,
    sheet: read.sheet,
    ...(read.byKind ? { byKind: read.byKind } : {}),
    ...(read.layout ? { layout: read.layout } : {}),
  };
}

type Candidate = ReadResult & { visible: boolean; order: number };

const isSummaryName = (sheet: string) => /tong hop|toan dang bo|tong cong/.test(normalizeLabel(sheet));
const isBranchName = (sheet: string) => /chi bo/.test(normalizeLabel(sheet));
const memberTotal = (r: ReadResult) => (r.report?.tallies.member?.total ?? null) as number | null;

/**
 * Several Biểu 01 in one workbook are normal: last year's (often hidden), a corrected copy, one per chi bộ
 * before the summary. Prefer the sheet of the year checked (then the visible one) and of the unit, then the one with fewest reading
 * errors, then the later copy. Chi bộ sheets beside a summary are kept to check that they add up to it.
 */
function chooseSheet(candidates: Candidate[], ctx: CheckContext): { read: Candidate; others: Candidate[]; summaryOf: Candidate[] } {
  if (candidates.length === 1) return { read: candidates[0] as Candidate, others: [], summaryOf: [] };
  // one sheet per chi bộ and a summary: the summary is read, the chi bộ sheets are added up against it
  const visible = candidates.filter((c) => c.visible);
  if (visible.length >= 3) {
    const named = visible.find((c) => isSummaryName(c.sheet));
    const rest = (s: Candidate) => visible.filter((c) => c !== s);
    const bySum = visible.find((s) => {
      const t = memberTotal(s);
      const parts = rest(s).map(memberTotal);
      return t !== null && parts.every((p) => p !== null) && parts.reduce((a, b) => (a as number) + (b as number), 0) === t;
    });
    const summary = named ?? (visible.filter((c) => isBranchName(c.sheet)).length === visible.length - 1 ? visible.find((c) => !isBranchName(c.sheet)) : undefined) ?? bySum;
    if (summary) return { read: summary, others: candidates.filter((c) => c !== summary), summaryOf: rest(summary) };
  }
  const errors = (c: Candidate) => c.findings.filter((f) => f.severity === 'error').length;
  const latest = Math.max(...candidates.map((c) => c.report?.year ?? 0));
  const wantYear = ctx.period?.year ?? latest;
  // a year asked for (the CLI's --year, the add-in's period) outranks visibility: checking 2023 reads the 2023
  // sheet even when it is hidden (and says so); with no year asked, the visible sheet wins
  const [yearWeight, visibleWeight] = ctx.period?.year ? [1000, 100] : [100, 1000];
  const score = (c: Candidate) =>
    (c.visible ? visibleWeight : 0) + (c.report?.year === wantYear ? yearWeight : 0) + (ctx.period?.unit && c.report?.unit === ctx.period.unit ? 10 : 0) - Math.min(errors(c), 9);
  const sorted = [...candidates].sort((a, b) => score(b) - score(a) || b.order - a.order);
  const read = sorted[0] as Candidate;
  return { read, others: candidates.filter((c) => c !== read), summaryOf: [] };
}

/** Info findings saying which layout and sheet were read, and which were not (hidden ones named as such). */
function aboutTheRead(read: Candidate, others: Candidate[], prefix: string): Finding[] {
  const out: Finding[] = [];
  const info = (code: string, texts: ReturnType<typeof msg.reader.layoutRead>, cells?: string[]): Finding => ({
    code: `${prefix}.${code}`,
    rule: 'template-structure',
    severity: 'info',
    path: [],
    cell: `${read.sheet}!A1`,
    ...(cells && cells.length ? { cells } : {}),
    ...texts,
  });
  if (read.layout && (read.layout.id !== 'bieu01' || others.length > 0)) out.push(info('layout-read', msg.reader.layoutRead(read.layout.name, read.sheet)));
  if (others.length > 0) {
    const hidden = others.filter((o) => !o.visible).map((o) => o.sheet);
    out.push(info('sheet-chosen', msg.reader.sheetChosen(read.sheet, others.map((o) => o.sheet), hidden)));
  }
  if (!read.visible) out.push(info('hidden-sheet-read', msg.reader.hiddenSheetRead(read.sheet)));
  return out;
}

/** The chi bộ sheets against the summary: every member figure that does not add up, at the summary's cell. */
function branchSheetFindings(summary: Candidate, parts: Candidate[], prefix: string): Finding[] {
  const out: Finding[] = [];
  const get = (r: ReadResult, path: string[]): unknown => path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], r.report?.tallies);
  const paths: string[][] = [['member', 'total'], ...UNRATED_REASONS.map((r) => ['member', 'unrated', r]), ...LEVELS.map((l) => ['member', 'levels', l])];
  for (const g of ['leader', 'manager', 'staff']) for (const l of LEVELS) paths.push(['member', 'groups', g, l]);
  for (const path of paths) {
    const top = get(summary, path);
    const values = parts.map((p) => get(p, path) ?? (path[1] === 'unrated' || path[1] === 'groups' ? 0 : null));
    if (typeof top !== 'number' && path[1] === 'groups') continue;
    if (!values.every((v) => typeof v === 'number')) continue;
    const sum = (values as number[]).reduce((a, b) => a + b, 0);
    const summaryValue = typeof top === 'number' ? top : 0;
    if (sum === summaryValue) continue;
    const cell = summary.cells[['tallies', ...path].join('.')];
    const what = path.slice(1).join(' ');
    const field = path[1] === 'levels' ? LEVEL_LABEL[path[2] as Level].short : path[1] === 'unrated' ? `Không xếp loại (${path[2]})` : path[1] === 'groups' ? `${GROUP_LABEL[path[2] as MemberGroup].vi} – ${LEVEL_LABEL[path[3] as Level].short}` : 'Tổng số';
    out.push({
      code: `${prefix}.branch-sheets.member`,
      rule: 'cross-template',
      severity: 'error',
      subject: 'member',
      path: ['tallies', ...path],
      left: summaryValue,
      right: sum,
      ...(cell ? { cell } : {}),
      cells: parts.map((p) => p.cells[['tallies', ...path].join('.')]).filter((c): c is string => !!c).slice(0, 20),
      ...msg.reader.branchSheetsDiffer(`Đảng viên – ${field}${what ? '' : ''}`, summaryValue, sum, parts.length),
    });
  }
  return out;
}
