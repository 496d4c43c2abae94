import type { UnitInput, UnitKind } from '../../shared';
import { coversOf, inYear, reportsIn } from './register';

export interface UnitRowDb {
  code: string;
  name: string;
  parent: string | null;
  kind: UnitKind;
  type: string | null;
  from_year: number | null;
  to_year: number | null;
}


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


export interface RegisterEntry {
  parent: string | null;
  from: number | null;
  to: number | null;
}

/**
 * The whole register as it stands (code → parent and years) and its lineage (successor → predecessors), to
 * check a change (cycles, scope, years, lineage) before writing it. One round trip.
 */
export async function registerSnapshot(db: D1Database): Promise<{ units: Map<string, RegisterEntry>; predecessors: Map<string, string[]> }> {
  const [u, p] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT code, parent, from_year, to_year FROM units'),
    db.prepare('SELECT unit, predecessor FROM unit_predecessors ORDER BY unit, predecessor'),
  ]);
  const units = new Map<string, RegisterEntry>();
  for (const r of u!.results) units.set(r.code as string, { parent: (r.parent as string | null) ?? null, from: (r.from_year as number | null) ?? null, to: (r.to_year as number | null) ?? null });
  const predecessors = new Map<string, string[]>();
  for (const r of p!.results) {
    const list = predecessors.get(r.unit as string) ?? [];
    list.push(r.predecessor as string);
    predecessors.set(r.unit as string, list);
  }
  return { units, predecessors };
}

/** Lineage rows to add and remove (only the changes: a write that changes nothing touches no row). */
export function predecessorStatements(db: D1Database, add: [string, string][], remove: [string, string][]): D1PreparedStatement[] {
  const del = db.prepare('DELETE FROM unit_predecessors WHERE unit = ? AND predecessor = ?');
  const ins = db.prepare('INSERT INTO unit_predecessors (unit, predecessor) VALUES (?, ?)');
  return [...remove.map(([u, p]) => del.bind(u, p)), ...add.map(([u, p]) => ins.bind(u, p))];
}

/**
 * After a register change, in the same batch: every stored report whose registered units under it are no
 * longer those it was sent with becomes stale (it stops counting until the unit sends again), and one whose
 * units are back as they were counts again.
 */
export function refreshStale(db: D1Database): D1PreparedStatement {
  return db.prepare(
    `UPDATE report_status SET stale = (covers IS NOT ${coversOf('report_status.unit', 'report_status.year')})
     WHERE covers <> '' OR stale <> 0 OR EXISTS (SELECT 1 FROM unit_closure x WHERE x.ancestor = report_status.unit AND x.depth >= 1)`,
  );
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
  kind: UnitKind;
  type: string | null;
  /** The child sends a report of its own this year. */
  reports: number;
  /** The child has units under it this year. */
  has_children: number;
  status: 'submitted' | 'returned' | 'approved' | null;
  version: number | null;
  received_at: string | null;
  warnings: number | null;
  reason: string | null;
  stale: number | null;
  /** Reporting units in the child's subtree, itself included, and how many have a counted report, approved, returned. */
  expected: number;
  submitted: number;
  approved: number;
  returned: string[];
  missing: string[];
}

/**
 * The direct children of `code` that exist in `year` (or have reporting units under them that year: a unit
 * moved under a parent that did not exist yet), with their own report status.
 */
function childrenStmt(db: D1Database, code: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ch.code, ch.name, ch.kind, ch.type,
              ${reportsIn('ch', '?2')} AS reports,
              EXISTS (SELECT 1 FROM units g WHERE g.parent = ch.code AND ${inYear('g', '?2')}) AS has_children,
              s.status, s.version, s.received_at, s.warnings, s.reason, s.stale
       FROM units ch
       LEFT JOIN report_status s ON s.unit = ch.code AND s.year = ?2
       WHERE ch.parent = ?1 AND (${inYear('ch', '?2')} OR EXISTS (
         SELECT 1 FROM unit_closure x JOIN units l ON l.code = x.descendant WHERE x.ancestor = ch.code AND ${reportsIn('l', '?2')}))
       ORDER BY ch.position`,
    )
    .bind(code, year);
}

/**
 * Per direct child, in one pass over the closure: its reporting units of the year, how many have a counted
 * report (not stale), were approved or returned, and the codes of those that did not send.
 */
function coverageStmt(db: D1Database, code: string, year: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ch.code AS child, COUNT(*) AS expected, COUNT(s.unit) AS submitted,
              COALESCE(SUM(s.status = 'approved'), 0) AS approved,
              group_concat(CASE WHEN s.status = 'returned' THEN l.code END) AS returned,
              group_concat(CASE WHEN s.unit IS NULL THEN l.code END) AS missing
       FROM units ch
       JOIN unit_closure uc ON uc.ancestor = ch.code
       JOIN units l ON l.code = uc.descendant
       LEFT JOIN report_status s ON s.unit = l.code AND s.year = ?2 AND s.stale = 0
       WHERE ch.parent = ?1 AND ${reportsIn('l', '?2')}
       GROUP BY ch.code`,
    )
    .bind(code, year);
}

/** Both statements, for a batch; `mergeChildren` puts their results together. */
export function childrenStatements(db: D1Database, code: string, year: number): D1PreparedStatement[] {
  return [childrenStmt(db, code, year), coverageStmt(db, code, year)];
}

type CoverageRow = { child: string; expected: number; submitted: number; approved: number; returned: string | null; missing: string | null };

export function mergeChildren(children: D1Result, coverage: D1Result): ChildStatusRow[] {
  const cov = new Map((coverage.results as CoverageRow[]).map((r) => [r.child, r]));
  return (children.results as Omit<ChildStatusRow, 'expected' | 'submitted' | 'approved' | 'returned' | 'missing'>[]).map((ch) => {
    const c = cov.get(ch.code);
    return {
      ...ch,
      expected: c?.expected ?? 0,
      submitted: c?.submitted ?? 0,
      approved: c?.approved ?? 0,
      returned: c?.returned ? c.returned.split(',') : [],
      missing: c?.missing ? c.missing.split(',') : [],
    };
  });
}

export async function childrenStatus(db: D1Database, code: string, year: number): Promise<ChildStatusRow[]> {
  const [children, coverage] = await db.batch(childrenStatements(db, code, year));
  return mergeChildren(children as D1Result, coverage as D1Result);
}

/**
 * A child's status. A unit with nothing registered under it: its own report's (a stale report is missing).
 * Otherwise over its reporting units: missing until all sent, returned if one was returned, approved when all are.
 */
export function statusOf(ch: ChildStatusRow): 'missing' | 'submitted' | 'returned' | 'approved' {
  if (!ch.has_children) return ch.status && !ch.stale ? ch.status : 'missing';
  if (ch.submitted < ch.expected) return 'missing';
  if (ch.returned.length > 0) return 'returned';
  return ch.approved === ch.expected ? 'approved' : 'submitted';
}

/**
 * What a printed report names, in one round trip: the unit, its kind, its superior (the register's parent), and
 * its children's types (loại hình).
 */
export async function reportHeaderOf(
  db: D1Database,
  code: string,
): Promise<{ unitName: string; unitKind: UnitKind; parentName: string | null; types: Record<string, string | null> } | null> {
  const [self, children] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT u.name, u.kind, p.name AS parent_name FROM units u LEFT JOIN units p ON p.code = u.parent WHERE u.code = ?1').bind(code),
    db.prepare('SELECT code, type FROM units WHERE parent = ?').bind(code),
  ]);
  const row = self!.results[0] as { name: string; kind: UnitKind; parent_name: string | null } | undefined;
  if (!row) return null;
  return {
    unitName: row.name,
    unitKind: row.kind,
    parentName: row.parent_name,
    types: Object.fromEntries((children!.results as { code: string; type: string | null }[]).map((c) => [c.code, c.type])),
  };
}

/** code → name for the given codes (one batch; 90 codes a statement, under D1's 100 bound parameters). */
export async function unitNames(db: D1Database, codes: string[]): Promise<Record<string, string>> {
  if (!codes.length) return {};
  const stmts: D1PreparedStatement[] = [];
  for (let i = 0; i < codes.length; i += 90) {
    const chunk = codes.slice(i, i + 90);
    stmts.push(db.prepare(`SELECT code, name FROM units WHERE code IN (${chunk.map(() => '?').join(', ')})`).bind(...chunk));
  }
  const results = await db.batch<{ code: string; name: string }>(stmts);
  return Object.fromEntries(results.flatMap((r) => r.results.map((x) => [x.code, x.name])));
}
