import type { Sums, Tally, UnitReport, UnratedReason } from '../../shared';
import { DecidedTallies, LEVELS, SUBJECTS, UNRATED_REASONS, emptySums } from '../../shared';

/** Column prefixes of report_totals: c_ committee, o_ organization, b_ branch, m_ member. */
const PREFIX = { committee: 'c', organization: 'o', branch: 'b', member: 'm' } as const;
const FIELDS = ['total', ...LEVELS, ...UNRATED_REASONS.map((r) => `unrated_${r}`)];

/** The 36 columns of report_totals, in order. */
export const TOTAL_COLUMNS = SUBJECTS.flatMap((s) => FIELDS.map((f) => `${PREFIX[s]}_${f}`));

/** `SUM(t.c_total) AS c_total, …` over a table aliased `t`. */
export const SUM_TOTALS = TOTAL_COLUMNS.map((c) => `SUM(t.${c}) AS ${c}`).join(', ');

/** The values of a report for report_totals, in TOTAL_COLUMNS order. */
export function totalsOf(report: Pick<UnitReport, 'tallies'>): number[] {
  return SUBJECTS.flatMap((s) => {
    const t: Tally = report.tallies[s];
    return [t.total, ...LEVELS.map((l) => t.levels[l]), ...UNRATED_REASONS.map((r) => t.unrated[r] ?? 0)];
  });
}

/** Sums from one row of summed totals (null sums, from no rows at all, read as 0). */
export function sumsFromTotals(row: Record<string, unknown> | null | undefined): Sums {
  const sums = emptySums();
  if (!row) return sums;
  const n = (k: string) => Number(row[k] ?? 0);
  for (const s of SUBJECTS) {
    const p = PREFIX[s];
    sums[s].total = n(`${p}_total`);
    for (const l of LEVELS) sums[s].levels[l] = n(`${p}_${l}`);
    const unrated: Partial<Record<UnratedReason, number>> = {};
    for (const r of UNRATED_REASONS) if (n(`${p}_unrated_${r}`)) unrated[r] = n(`${p}_unrated_${r}`);
    sums[s].unrated = unrated;
  }
  return sums;
}

/** The columns a decision of the level above may set: the organisation, committee and chi bộ rows (never members). */
export const DECIDED_SUBJECTS = DecidedTallies.keyof().options;
export const DECIDED_COLUMNS = TOTAL_COLUMNS.filter((c) => !c.startsWith('m_'));

/** `SUM(COALESCE(d.c_total, t.c_total)) AS c_total, …`: the report's counts with the decision applied (aliases t, d). */
export const SUM_EFFECTIVE = TOTAL_COLUMNS.map((c) => (c.startsWith('m_') ? `SUM(t.${c}) AS ${c}` : `SUM(COALESCE(d.${c}, t.${c})) AS ${c}`)).join(', ');

/** The decision's values in DECIDED_COLUMNS order (null where that subject was not decided). */
export function decidedValuesOf(tallies: Partial<Record<(typeof DECIDED_SUBJECTS)[number], Tally>>): (number | null)[] {
  return DECIDED_SUBJECTS.flatMap((s) => {
    const t = tallies[s];
    return [t ? t.total : null, ...LEVELS.map((l) => (t ? t.levels[l] : null)), ...UNRATED_REASONS.map((r) => (t ? (t.unrated[r] ?? 0) : null))];
  });
}

/** One subject's tally from a row of report_totals or decision_totals (null when the row has no value for it). */
export function subjectFromRow(row: Record<string, unknown>, subject: (typeof DECIDED_SUBJECTS)[number] | 'member'): Tally | null {
  const p = PREFIX[subject];
  if (row[`${p}_total`] === null || row[`${p}_total`] === undefined) return null;
  const n = (k: string) => Number(row[k] ?? 0);
  const unrated: Partial<Record<UnratedReason, number>> = {};
  for (const r of UNRATED_REASONS) if (n(`${p}_unrated_${r}`)) unrated[r] = n(`${p}_unrated_${r}`);
  return {
    total: n(`${p}_total`),
    unrated,
    levels: { excellent: n(`${p}_excellent`), good: n(`${p}_good`), complete: n(`${p}_complete`), incomplete: n(`${p}_incomplete`) },
  };
}
