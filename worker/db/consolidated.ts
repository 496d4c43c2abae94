import type { CountRow, Finding } from '../../shared';
import { childrenStatusStmt, coverageStmt, type ChildStatusRow } from './units';

const SUMS = `SUM(c.total) AS total, SUM(c.excellent) AS excellent, SUM(c.good) AS good, SUM(c.complete) AS complete,
  SUM(c.incomplete) AS incomplete, SUM(c.unrated_new) AS new, SUM(c.unrated_exempt) AS exempt,
  SUM(c.unrated_suspended) AS suspended, SUM(c.unrated_other) AS other`;

export type SumRow = Omit<CountRow, 'group'> & { group: '' };

/** Subject sums over the whole subtree (the unit itself included): one indexed range of the closure table. */
function subtreeSums(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT c.subject, '' AS "group", ${SUMS}
       FROM unit_closure uc JOIN report_counts c ON c.unit = uc.descendant AND c.year = ?2 AND c.grp = ''
       WHERE uc.ancestor = ?1
       GROUP BY c.subject`,
    )
    .bind(unit, year);
}

/** Subject sums per direct child's subtree. */
function childSums(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ch.code AS child, c.subject, '' AS "group", ${SUMS}
       FROM units ch
       JOIN unit_closure uc ON uc.ancestor = ch.code
       JOIN report_counts c ON c.unit = uc.descendant AND c.year = ?2 AND c.grp = ''
       WHERE ch.parent = ?1
       GROUP BY ch.code, c.subject`,
    )
    .bind(unit, year);
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
  current: SumRow[];
  previous: SumRow[];
  children: ChildStatusRow[];
  childSums: Map<string, SumRow[]>;
  coverage: { expected: number; missing: string[] };
  warnings: Finding[];
}

/** Everything a consolidated view reads, in one batch (one round trip to D1). */
export async function consolidatedData(db: D1Database, unit: string, year: number): Promise<ConsolidatedData> {
  const [current, previous, children, perChild, coverage, warnings] = await db.batch<Record<string, unknown>>([
    subtreeSums(db, unit, year),
    subtreeSums(db, unit, year - 1),
    childrenStatusStmt(db, unit, year),
    childSums(db, unit, year),
    coverageStmt(db, unit, year),
    subtreeWarnings(db, unit, year),
  ]);
  const byChild = new Map<string, SumRow[]>();
  for (const r of perChild!.results as (SumRow & { child: string })[]) {
    const list = byChild.get(r.child) ?? [];
    list.push(r);
    byChild.set(r.child, list);
  }
  const leaves = coverage!.results as { code: string; sent: number }[];
  return {
    current: current!.results as SumRow[],
    previous: previous!.results as SumRow[],
    children: children!.results as unknown as ChildStatusRow[],
    childSums: byChild,
    coverage: { expected: leaves.length, missing: leaves.filter((l) => !l.sent).map((l) => l.code) },
    warnings: (warnings!.results as { findings: string }[]).flatMap((r) => (JSON.parse(r.findings) as Finding[]).filter((f) => f.severity === 'warning')),
  };
}
