import { expectedTypedPercent, formatPercent, typedPercentMatches } from '../format';
import type { Finding, UnitReportDraft } from '../model';
import { LEVELS } from '../model';
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
    const rated = (values as number[]).reduce((a, b) => a + b, 0);
    const num = levels?.[p.level] as number;
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
export function checkGrids(grids: Grid[], ctx: CheckContext = {}): WorkbookCheck {
  const lists: ListCounts[] = [];
  const reads: ReadResult[] = [];
  for (const grid of grids) {
    const list = readList(grid, BIEU02) ?? readList(grid, BIEU03);
    if (list) lists.push(list);
    else reads.push(readBieu01(grid));
  }
  const listFindings = lists.flatMap((l) => l.findings);
  const read = reads.find((r) => r.report !== null);
  if (!read || !read.report) {
    const first = reads[0]?.findings ?? [];
    return { report: null, lists, findings: sortFindings([...first, ...listFindings]), cells: {}, sheet: null };
  }
  const report = read.report;
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
  const typed = typedFigureFindings(read, draft, policy.typedPercentRounding, rulebook?.codePrefix ?? 'template');
  const cross = crossCheck(draft, read.cells, lists, rulebook?.codePrefix ?? 'template');
  return { report, lists, findings: sortFindings([...read.findings, ...listFindings, ...mapped, ...typed, ...cross]), cells: read.cells, sheet: read.sheet };
}
