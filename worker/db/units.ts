import type { PolicyInput, UnitInput, UnitKind } from '../../shared';

export interface UnitRowDb {
  code: string;
  name: string;
  parent: string | null;
  kind: UnitKind;
  type: string | null;
  from_year: number | null;
  to_year: number | null;
}

/** SQL condition: unit alias `u` exists in reporting year ?Y (named parameter index given). */
const inYear = (alias: string, p: string) =>
  `(${alias}.from_year IS NULL OR ${alias}.from_year <= ${p}) AND (${alias}.to_year IS NULL OR ${alias}.to_year >= ${p})`;

export async function getUnit(db: D1Database, code: string): Promise<UnitRowDb | null> {
  return db.prepare('SELECT code, name, parent, kind, type, from_year, to_year FROM units WHERE code = ?').bind(code).first<UnitRowDb>();
}

export async function childrenOf(db: D1Database, code: string): Promise<UnitRowDb[]> {
  const { results } = await db
    .prepare('SELECT code, name, parent, kind, type, from_year, to_year FROM units WHERE parent = ? ORDER BY position')
    .bind(code)
    .all<UnitRowDb>();
  return results;
}

export async function isInSubtree(db: D1Database, ancestor: string, descendant: string): Promise<boolean> {
  const row = await db.prepare('SELECT 1 AS ok FROM unit_closure WHERE ancestor = ? AND descendant = ?').bind(ancestor, descendant).first();
  return row !== null;
}


/** code → parent for the whole register (to check a new hierarchy for cycles before writing it). */
export async function allParents(db: D1Database): Promise<Map<string, string | null>> {
  const { results } = await db.prepare('SELECT code, parent FROM units').all<{ code: string; parent: string | null }>();
  return new Map(results.map((r) => [r.code, r.parent]));
}


/** Upsert statements, one per unit (position: register order of first appearance). */
export function upsertUnits(db: D1Database, units: UnitInput[], now: string): D1PreparedStatement[] {
  const stmt = db.prepare(
    `INSERT INTO units (code, name, parent, kind, type, from_year, to_year, position, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT COALESCE(MAX(position), 0) + 1 FROM units), ?8)
     ON CONFLICT(code) DO UPDATE SET name = excluded.name, parent = excluded.parent, kind = excluded.kind,
       type = excluded.type, from_year = excluded.from_year, to_year = excluded.to_year, updated_at = excluded.updated_at`,
  );
  return units.map((u) => stmt.bind(u.code, u.name, u.parent, u.kind, u.type ?? null, u.from ?? null, u.to ?? null, now));
}

/** Rebuild the closure table from the parent links (run in the same batch as the upsert: atomic). */
export function rebuildClosure(db: D1Database): D1PreparedStatement[] {
  return [
    db.prepare('DELETE FROM unit_closure'),
    db.prepare(
      `INSERT INTO unit_closure (ancestor, descendant, depth)
       WITH RECURSIVE c(ancestor, descendant, depth) AS (
         SELECT code, code, 0 FROM units
         UNION ALL
         SELECT c.ancestor, u.code, c.depth + 1 FROM c JOIN units u ON u.parent = c.descendant
       )
       SELECT ancestor, descendant, depth FROM c`,
    ),
  ];
}

export interface ChildStatusRow {
  code: string;
  name: string;
  is_leaf: number;
  status: 'submitted' | 'returned' | 'approved' | null;
  version: number | null;
  received_at: string | null;
  warnings: number | null;
  reason: string | null;
  /** Reporting units (no children that year) in the child's subtree, itself included, and how many sent. */
  expected: number;
  submitted: number;
  approved: number;
  missing: string[];
}

/** The direct children of `code` that exist in `year`, with their own report status. */
function childrenStmt(db: D1Database, code: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ch.code, ch.name,
              NOT EXISTS (SELECT 1 FROM units g WHERE g.parent = ch.code AND ${inYear('g', '?2')}) AS is_leaf,
              s.status, s.version, s.received_at, s.warnings, s.reason
       FROM units ch
       LEFT JOIN report_status s ON s.unit = ch.code AND s.year = ?2
       WHERE ch.parent = ?1 AND ${inYear('ch', '?2')}
       ORDER BY ch.position`,
    )
    .bind(code, year);
}

/**
 * Per direct child, in one pass over the closure: its reporting units (no children that year) that exist in
 * `year`, how many sent and were approved, and the codes of those that did not send.
 */
function coverageStmt(db: D1Database, code: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ch.code AS child, COUNT(*) AS expected, COUNT(s.unit) AS submitted,
              COALESCE(SUM(s.status = 'approved'), 0) AS approved,
              group_concat(CASE WHEN s.unit IS NULL THEN l.code END) AS missing
       FROM units ch
       JOIN unit_closure uc ON uc.ancestor = ch.code
       JOIN units l ON l.code = uc.descendant
       LEFT JOIN report_status s ON s.unit = l.code AND s.year = ?2
       WHERE ch.parent = ?1 AND ${inYear('ch', '?2')} AND ${inYear('l', '?2')}
         AND NOT EXISTS (SELECT 1 FROM units g WHERE g.parent = l.code AND ${inYear('g', '?2')})
       GROUP BY ch.code`,
    )
    .bind(code, year);
}

/** Both statements, for a batch; `mergeChildren` puts their results together. */
export function childrenStatements(db: D1Database, code: string, year: number): D1PreparedStatement[] {
  return [childrenStmt(db, code, year), coverageStmt(db, code, year)];
}

export function mergeChildren(children: D1Result, coverage: D1Result): ChildStatusRow[] {
  const cov = new Map((coverage.results as { child: string; expected: number; submitted: number; approved: number; missing: string | null }[]).map((r) => [r.child, r]));
  return (children.results as Omit<ChildStatusRow, 'expected' | 'submitted' | 'approved' | 'missing'>[]).map((ch) => {
    const c = cov.get(ch.code);
    return { ...ch, expected: c?.expected ?? 0, submitted: c?.submitted ?? 0, approved: c?.approved ?? 0, missing: c?.missing ? c.missing.split(',') : [] };
  });
}

export async function childrenStatus(db: D1Database, code: string, year: number): Promise<ChildStatusRow[]> {
  const [children, coverage] = await db.batch(childrenStatements(db, code, year));
  return mergeChildren(children as D1Result, coverage as D1Result);
}

/** A child's status: its own report's, or for a consolidating child: missing until all its units sent, approved when all are. */
export function statusOf(ch: ChildStatusRow): 'missing' | 'submitted' | 'returned' | 'approved' {
  if (ch.is_leaf) return ch.status ?? 'missing';
  if (ch.submitted < ch.expected) return 'missing';
  return ch.approved === ch.expected ? 'approved' : 'submitted';
}

/**
 * What a printed report names, in one round trip: the unit, its kind, its superior (the register's parent), its
 * children's types (loại hình), and the policy in force for the year (for the cap ratio the prose quotes).
 */
export async function reportHeaderOf(
  db: D1Database,
  code: string,
  year: number,
): Promise<{ unitName: string; unitKind: UnitKind; parentName: string | null; types: Record<string, string | null>; policy: PolicyInput | undefined } | null> {
  const [self, children] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT u.name, u.kind, p.name AS parent_name,
                (SELECT pp.policy FROM unit_closure uc JOIN policies pp ON pp.unit = uc.ancestor AND pp.year = ?2
                 WHERE uc.descendant = ?1 ORDER BY uc.depth LIMIT 1) AS policy
         FROM units u LEFT JOIN units p ON p.code = u.parent WHERE u.code = ?1`,
      )
      .bind(code, year),
    db.prepare('SELECT code, type FROM units WHERE parent = ?').bind(code),
  ]);
  const row = self!.results[0] as { name: string; kind: UnitKind; parent_name: string | null; policy: string | null } | undefined;
  if (!row) return null;
  return {
    unitName: row.name,
    unitKind: row.kind,
    parentName: row.parent_name,
    types: Object.fromEntries((children!.results as { code: string; type: string | null }[]).map((c) => [c.code, c.type])),
    policy: row.policy ? (JSON.parse(row.policy) as PolicyInput) : undefined,
  };
}
