import type { CapException, DecidedTallies, Finding, Sums } from '../../shared';
import { emptySums, mergeSums } from '../../shared';
import { countedJoins, inYear, reportsIn } from './register';
import { DECIDED_SUBJECTS, SUM_EFFECTIVE, subjectFromRow, sumsFromTotals, TOTAL_COLUMNS } from './totals';
import { childrenStatements, mergeChildren, type ChildStatusRow } from './units';

/**
 * Sums per direct child's subtree of the counted reports (reporting units of the year, not stale), with the
 * level above's decisions applied: one row per report visited.
 */
function childTotals(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ch.code AS child, ${SUM_EFFECTIVE}
       FROM units ch
       CROSS JOIN unit_closure uc ON uc.ancestor = ch.code
       CROSS JOIN units l ON l.code = uc.descendant
       ${countedJoins('l', '?2')}
       WHERE ch.parent = ?1 AND ${reportsIn('l', '?2')}
       GROUP BY ch.code`,
    )
    .bind(unit, year);
}

/** The consolidating unit's own counted report (a đảng bộ cơ sở with registered chi bộ still reports its own rows). */
function ownTotals(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT COUNT(*) AS reports, ${SUM_EFFECTIVE}
       FROM units l ${countedJoins('l', '?2')}
       WHERE l.code = ?1 AND ${reportsIn('l', '?2')}`,
    )
    .bind(unit, year);
}

/**
 * Last year's base (lineage): for every unit under the unit whose report counts this year, last year's
 * counted reports of the same unit and of its predecessors (a predecessor's units that closed with it
 * included). Each report is summed once: the same units on both sides, however many have sent so far.
 * ?3 = the previous year.
 */
const BASE = `
  own(unit) AS (
    SELECT l.code FROM unit_closure uc CROSS JOIN units l ON l.code = uc.descendant
    CROSS JOIN report_status s0 ON s0.unit = l.code AND s0.year = ?2 AND s0.stale = 0
    WHERE uc.ancestor = ?1 AND ${reportsIn('l', '?2')}
  ),
  pred(unit, pred) AS (
    SELECT o.unit, p.predecessor FROM own o JOIN unit_predecessors p ON p.unit = o.unit
  ),
  src(unit, code) AS (
    SELECT unit, unit FROM own
    UNION
    SELECT unit, pred FROM pred
    UNION
    SELECT pr.unit, x.descendant FROM pred pr CROSS JOIN unit_closure x ON x.ancestor = pr.pred AND x.depth >= 1
      JOIN units dd ON dd.code = x.descendant
    WHERE NOT (${inYear('dd', '?2')})
  )`;

function previousTotals(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `WITH ${BASE}
       SELECT COUNT(*) AS reports, ${SUM_EFFECTIVE}
       FROM (SELECT DISTINCT code FROM src) l ${countedJoins('l', '?3')}`,
    )
    .bind(unit, year, year - 1);
}

/** This year's units with and without a report to compare with (the codes of the first 200 without). */
function previousCoverage(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `WITH ${BASE},
       per(unit, has) AS (
         SELECT src.unit, MAX(s.unit IS NOT NULL) FROM src
         LEFT JOIN report_status s ON s.unit = src.code AND s.year = ?3 AND s.stale = 0
         GROUP BY src.unit
       )
       SELECT SUM(has) AS units, SUM(1 - has) AS missing_count,
              (SELECT group_concat(unit, ',') FROM (SELECT unit FROM per WHERE has = 0 ORDER BY unit LIMIT 200)) AS missing
       FROM per`,
    )
    .bind(unit, year, year - 1);
}

/** The warnings stored with every counted report of the subtree, with the unit's cap exception if any. */
function subtreeWarnings(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT l.code AS unit, v.findings, v.payload, l.kind, d.cap_ratio, d.cap_reason
       FROM unit_closure uc
       CROSS JOIN units l ON l.code = uc.descendant
       ${countedJoins('l', '?2')}
       JOIN report_versions v ON v.unit = s.unit AND v.year = s.year AND v.version = s.version
       WHERE uc.ancestor = ?1 AND ${reportsIn('l', '?2')} AND (s.warnings > 0 OR d.cap_ratio IS NOT NULL)`,
    )
    .bind(unit, year);
}

/** Stored reports of the subtree that do not count this year: closed units, consolidating units, stale ones. */
function notCounted(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT l.code AS unit, l.name, s.stale, s.covers, ${inYear('l', '?2')} AS in_year
       FROM unit_closure uc
       JOIN units l ON l.code = uc.descendant
       JOIN report_status s ON s.unit = l.code AND s.year = ?2
       WHERE uc.ancestor = ?1 AND (s.stale = 1 OR NOT ${reportsIn('l', '?2')})
       ORDER BY l.position`,
    )
    .bind(unit, year);
}

/** The proposal and the decision of every direct child (and of the unit itself) that has a decision this year. */
function decisionsOfChildren(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT l.code AS unit, ${TOTAL_COLUMNS.filter((c) => !c.startsWith('m_')).map((c) => `t.${c} AS p_${c}, d.${c} AS d_${c}`).join(', ')},
              d.cap_ratio, d.cap_reason
       FROM unit_closure uc
       JOIN decision_totals d ON d.unit = uc.descendant AND d.year = ?2
       LEFT JOIN report_totals t ON t.unit = uc.descendant AND t.year = ?2
       JOIN units l ON l.code = uc.descendant
       WHERE uc.ancestor = ?1 AND uc.depth <= 1`,
    )
    .bind(unit, year);
}

/**
 * For every đảng bộ cơ sở of the subtree that has registered chi bộ trực thuộc this year: its chi bộ counted
 * across its own report's chi bộ row and the registered chi bộ (decided where decided), for its chi bộ cap.
 */
function branchesOfPartyCommittees(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT p.code AS unit, p.name,
              SUM(COALESCE(d.b_excellent, t.b_excellent)) AS excellent, SUM(COALESCE(d.b_good, t.b_good)) AS good
       FROM unit_closure up
       CROSS JOIN units p ON p.code = up.descendant AND p.kind = 'dang-bo-co-so'
       CROSS JOIN unit_closure uc ON uc.ancestor = p.code
       CROSS JOIN units l ON l.code = uc.descendant
       ${countedJoins('l', '?2')}
       WHERE up.ancestor = ?1 AND ${reportsIn('l', '?2')}
         AND EXISTS (SELECT 1 FROM units c WHERE c.parent = p.code AND c.kind = 'chi-bo-truc-thuoc' AND ${inYear('c', '?2')})
       GROUP BY p.code`,
    )
    .bind(unit, year);
}

export interface NotCountedRow {
  unit: string;
  name: string;
  why: 'closed' | 'consolidating' | 'stale';
  covers: string;
}

export interface UnitDecision {
  proposal: DecidedTallies;
  decision: DecidedTallies;
  capException: CapException | null;
}

export interface StoredWarnings {
  unit: string;
  findings: Finding[];
  payload: string;
  kind: string;
  capException: CapException | null;
}

export interface ConsolidatedData {
  current: Sums;
  previous: Sums | null;
  previousBase: { units: number; reports: number; missing: string[]; missingCount: number };
  /** The unit's own counted report, when it reports itself (a đảng bộ cơ sở with registered chi bộ). */
  own: Sums | null;
  children: ChildStatusRow[];
  childSums: Map<string, Sums>;
  warnings: StoredWarnings[];
  notCounted: NotCountedRow[];
  decisions: Map<string, UnitDecision>;
  partyCommitteeBranches: { unit: string; name: string; excellent: number; good: number }[];
}

function decisionOf(row: Record<string, unknown>): UnitDecision {
  const proposal: DecidedTallies = {};
  const decision: DecidedTallies = {};
  const pick = (prefix: string) => Object.fromEntries(Object.entries(row).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  const p = pick('p_');
  const d = pick('d_');
  for (const s of DECIDED_SUBJECTS) {
    const dt = subjectFromRow(d, s);
    if (!dt) continue;
    decision[s] = dt;
    const pt = subjectFromRow(p, s);
    if (pt) proposal[s] = pt;
  }
  const capException = row.cap_ratio !== null && row.cap_ratio !== undefined ? { ratio: Number(row.cap_ratio), reason: String(row.cap_reason ?? '') } : null;
  return { proposal, decision, capException };
}

/** Everything a consolidated view reads, in one batch (one round trip to D1). */
export async function consolidatedData(db: D1Database, unit: string, year: number): Promise<ConsolidatedData> {
  const [perChild, own, previous, prevCoverage, warnings, notCountedRes, decisions, branches, children, coverage] = await db.batch<Record<string, unknown>>([
    childTotals(db, unit, year),
    ownTotals(db, unit, year),
    previousTotals(db, unit, year),
    previousCoverage(db, unit, year),
    subtreeWarnings(db, unit, year),
    notCounted(db, unit, year),
    decisionsOfChildren(db, unit, year),
    branchesOfPartyCommittees(db, unit, year),
    ...childrenStatements(db, unit, year),
  ]);
  const childSums = new Map<string, Sums>();
  for (const r of perChild!.results) childSums.set(r.child as string, sumsFromTotals(r));
  const ownRow = own!.results[0];
  const ownSums = ownRow && Number(ownRow.reports) > 0 ? sumsFromTotals(ownRow) : null;
  // the subtree is the unit's own report (if it reports) plus its children's subtrees
  const current = [...childSums.values()].reduce(mergeSums, ownSums ?? emptySums());
  const prev = previous!.results[0];
  const pc = prevCoverage!.results[0] ?? {};
  const decisionMap = new Map<string, UnitDecision>();
  for (const r of decisions!.results) decisionMap.set(r.unit as string, decisionOf(r));
  return {
    current,
    previous: prev && Number(prev.reports) > 0 ? sumsFromTotals(prev) : null,
    previousBase: {
      units: Number(pc.units ?? 0),
      reports: Number(prev?.reports ?? 0),
      missing: pc.missing ? String(pc.missing).split(',') : [],
      missingCount: Number(pc.missing_count ?? 0),
    },
    own: ownSums,
    children: mergeChildren(children as D1Result, coverage as D1Result),
    childSums,
    warnings: (warnings!.results as Record<string, unknown>[]).map((r) => ({
      unit: r.unit as string,
      findings: JSON.parse(r.findings as string) as Finding[],
      payload: r.payload as string,
      kind: r.kind as string,
      capException: r.cap_ratio !== null && r.cap_ratio !== undefined ? { ratio: Number(r.cap_ratio), reason: String(r.cap_reason ?? '') } : null,
    })),
    notCounted: (notCountedRes!.results as Record<string, unknown>[]).map((r) => ({
      unit: r.unit as string,
      name: r.name as string,
      why: Number(r.stale) ? 'stale' : Number(r.in_year) ? 'consolidating' : 'closed',
      covers: String(r.covers ?? ''),
    })),
    decisions: decisionMap,
    partyCommitteeBranches: (branches!.results as Record<string, unknown>[]).map((r) => ({
      unit: r.unit as string,
      name: r.name as string,
      excellent: Number(r.excellent ?? 0),
      good: Number(r.good ?? 0),
    })),
  };
}

