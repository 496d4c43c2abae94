import type { CountRow, Finding } from '../../shared';

const SUMS = `SUM(c.total) AS total, SUM(c.excellent) AS excellent, SUM(c.good) AS good, SUM(c.complete) AS complete,
  SUM(c.incomplete) AS incomplete, SUM(c.unrated_new) AS new, SUM(c.unrated_exempt) AS exempt,
  SUM(c.unrated_suspended) AS suspended, SUM(c.unrated_other) AS other`;

type SumRow = Omit<CountRow, 'group'> & { group: '' };

/** Subject sums over the whole subtree (the unit itself included): one indexed query. */
export async function subtreeSums(db: D1Database, unit: string, year: number): Promise<SumRow[]> {
  const { results } = await db
    .prepare(
      `SELECT c.subject, '' AS "group", ${SUMS}
       FROM unit_closure uc JOIN report_counts c ON c.unit = uc.descendant AND c.year = ?2 AND c.grp = ''
       WHERE uc.ancestor = ?1
       GROUP BY c.subject`,
    )
    .bind(unit, year)
    .all<SumRow>();
  return results;
}

/** Subject sums per direct child's subtree. */
export async function childSums(db: D1Database, unit: string, year: number): Promise<Map<string, SumRow[]>> {
  const { results } = await db
    .prepare(
      `SELECT ch.code AS child, c.subject, '' AS "group", ${SUMS}
       FROM units ch
       JOIN unit_closure uc ON uc.ancestor = ch.code
       JOIN report_counts c ON c.unit = uc.descendant AND c.year = ?2 AND c.grp = ''
       WHERE ch.parent = ?1
       GROUP BY ch.code, c.subject`,
    )
    .bind(unit, year)
    .all<SumRow & { child: string }>();
  const out = new Map<string, SumRow[]>();
  for (const r of results) {
    const list = out.get(r.child) ?? [];
    list.push(r);
    out.set(r.child, list);
  }
  return out;
}

/** The warnings stored with the latest version of every report of the subtree that has any. */
export async function subtreeWarnings(db: D1Database, unit: string, year: number): Promise<Finding[]> {
  const { results } = await db
    .prepare(
      `SELECT v.findings
       FROM unit_closure uc
       JOIN report_status s ON s.unit = uc.descendant AND s.year = ?2 AND s.warnings > 0
       JOIN report_versions v ON v.unit = s.unit AND v.year = s.year AND v.version = s.version
       WHERE uc.ancestor = ?1`,
    )
    .bind(unit, year)
    .all<{ findings: string }>();
  return results.flatMap((r) => (JSON.parse(r.findings) as Finding[]).filter((f) => f.severity === 'warning'));
}

