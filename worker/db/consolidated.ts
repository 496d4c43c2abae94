import type { Finding, Sums } from '../../shared';
import { mergeSums } from '../../shared';
import { sumsFromTotals, SUM_TOTALS } from './totals';
import { childrenStatements, mergeChildren, type ChildStatusRow } from './units';

/** Sums of report_totals per direct child's subtree: one row per unit visited. */
function childTotals(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ch.code AS child, ${SUM_TOTALS}
       FROM units ch
       JOIN unit_closure uc ON uc.ancestor = ch.code
       JOIN report_totals t ON t.unit = uc.descendant AND t.year = ?2
       WHERE ch.parent = ?1
       GROUP BY ch.code`,
    )
    .bind(unit, year);
}

/** Sums over the whole subtree, the unit itself included. */
function subtreeTotals(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(`SELECT COUNT(*) AS reports, ${SUM_TOTALS} FROM unit_closure uc JOIN report_totals t ON t.unit = uc.descendant AND t.year = ?2 WHERE uc.ancestor = ?1`)
    .bind(unit, year);
}

/** The unit's own report (a reporting unit looking at itself). */
function ownTotals(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db.prepare(`SELECT ${SUM_TOTALS} FROM report_totals t WHERE t.unit = ?1 AND t.year = ?2`).bind(unit, year);
}

/** The findings stored with the latest version of every report of the subtree that has warnings. */
function subtreeWarnings(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT v.findings
       FROM unit_closure uc
       JOIN report_status s ON s.unit = uc.descendant AND s.year = ?2 AND s.warnings > 0
       JOIN report_versions v ON v.unit = s.unit AND v.year = s.year AND v.version = s.version
       WHERE uc.ancestor = ?1`,
    )
    .bind(unit, year);
}

export interface ConsolidatedData {
  current: Sums;
  previous: Sums | null;
  children: ChildStatusRow[];
  childSums: Map<string, Sums>;
  warnings: Finding[];
}

/** Everything a consolidated view reads, in one batch (one round trip to D1). */
export async function consolidatedData(db: D1Database, unit: string, year: number): Promise<ConsolidatedData> {
  const [perChild, own, previous, warnings, children, coverage] = await db.batch<Record<string, unknown>>([
    childTotals(db, unit, year),
    ownTotals(db, unit, year),
    subtreeTotals(db, unit, year - 1),
    subtreeWarnings(db, unit, year),
    ...childrenStatements(db, unit, year),
  ]);
  const childSums = new Map<string, Sums>();
  for (const r of perChild!.results) childSums.set(r.child as string, sumsFromTotals(r));
  // the subtree is the unit's own report (if it reports) plus its children's subtrees
  const current = [...childSums.values()].reduce(mergeSums, sumsFromTotals(own!.results[0]));
  const prev = previous!.results[0];
  return {
    current,
    previous: prev && Number(prev.reports) > 0 ? sumsFromTotals(prev) : null,
    children: mergeChildren(children as D1Result, coverage as D1Result),
    childSums,
    warnings: (warnings!.results as { findings: string }[]).flatMap((r) => (JSON.parse(r.findings) as Finding[]).filter((f) => f.severity === 'warning')),
  };
}
