/**
 * SQL fragments of the reporting rule (docs/api.md, "Who reports what"), used by every query that counts:
 * the consolidated view, the status view, coverage, the write of a report. One definition, so that the totals,
 * the unit rows and the coverage always count the same reports.
 */

/** Unit alias `a` exists in the reporting year given by the SQL expression `y` (from/to inclusive). */
export const inYear = (a: string, y: string) => `(${a}.from_year IS NULL OR ${a}.from_year <= ${y}) AND (${a}.to_year IS NULL OR ${a}.to_year >= ${y})`;

/**
 * Unit alias `a` sends a report of its own in year `y`: it exists, and it is a TCCSĐ or a registered chi bộ
 * trực thuộc (these always report their own rows, registered units under them or not), or a unit of another
 * kind with no unit under it that year.
 */
export const reportsIn = (a: string, y: string) =>
  `(${inYear(a, y)} AND (${a}.kind IN ('dang-bo-co-so', 'chi-bo-co-so', 'chi-bo-truc-thuoc')
    OR NOT EXISTS (SELECT 1 FROM units g WHERE g.parent = ${a}.code AND ${inYear('g', y)})))`;

/**
 * The registered units under unit expression `u` in year `y`, as sorted comma-joined codes: stored with a
 * report when it is accepted; when the register changes it, the report is stale (it may count members of a
 * unit that now reports itself, or miss those of a unit that no longer does).
 */
export const coversOf = (u: string, y: string) =>
  `(SELECT COALESCE(group_concat(code, ','), '') FROM (SELECT dd.code FROM unit_closure xx JOIN units dd ON dd.code = xx.descendant
     WHERE xx.ancestor = ${u} AND xx.depth >= 1 AND ${inYear('dd', y)} ORDER BY dd.code))`;

/**
 * The joins of a counted report of unit alias `l` in year `y`: its status row (not stale), its totals, and the
 * level above's decision if any (aliases s, t, d). CROSS JOIN keeps SQLite's order: from the units of the
 * subtree to their reports, never all the year's reports first (52,000 on the national register).
 */
export const countedJoins = (l: string, y: string) =>
  `CROSS JOIN report_status s ON s.unit = ${l}.code AND s.year = ${y} AND s.stale = 0
   CROSS JOIN report_totals t ON t.unit = ${l}.code AND t.year = ${y}
   LEFT JOIN decision_totals d ON d.unit = ${l}.code AND d.year = ${y}`;
