/**
 * The queries behind the web page's screens: the key list and the keys to issue for a subtree, the audit trail of
 * a subtree for a year, the register of a subtree as its sheet holds it, one version of a report with its sender.
 */
import type { OrgType, Role, UnitInput, UnitKind } from '../../shared';
import { inYear } from './register';
import type { UnitRowDb } from './units';

export interface KeyListRow {
  id: string;
  unit: string;
  name: string;
  role: Role;
  label: string | null;
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Every key of the units in the subtree of `unit` (all units when null), in register order, newest first per unit. */
export async function keysOfSubtree(db: D1Database, unit: string | null): Promise<KeyListRow[]> {
  const cols = 'k.id, k.unit, u.name, k.role, k.label, k.created_at, k.created_by, k.last_used_at, k.revoked_at';
  const stmt =
    unit === null
      ? db.prepare(`SELECT ${cols} FROM api_keys k JOIN units u ON u.code = k.unit ORDER BY u.position, k.created_at DESC LIMIT 10000`)
      : db
          .prepare(
            `SELECT ${cols} FROM unit_closure uc JOIN api_keys k ON k.unit = uc.descendant JOIN units u ON u.code = k.unit
             WHERE uc.ancestor = ? ORDER BY u.position, k.created_at DESC LIMIT 10000`,
          )
          .bind(unit);
  return (await stmt.all<KeyListRow>()).results;
}

export interface KeyTargetRow {
  code: string;
  name: string;
  kind: UnitKind;
  has_children: number;
  has_key: number;
}

/** The units of the subtree of `unit` (itself included) that exist in `year` (all when null), with whether each has units under it and a key in force. */
export async function keyTargets(db: D1Database, unit: string, year: number | null): Promise<KeyTargetRow[]> {
  const y = ` AND (?2 IS NULL OR ${inYear('u', '?2')})`;
  const gy = ` AND (?2 IS NULL OR ${inYear('g', '?2')})`;
  const { results } = await db
    .prepare(
      `SELECT u.code, u.name, u.kind,
              EXISTS (SELECT 1 FROM units g WHERE g.parent = u.code${gy}) AS has_children,
              EXISTS (SELECT 1 FROM api_keys k WHERE k.unit = u.code AND k.revoked_at IS NULL) AS has_key
       FROM unit_closure uc JOIN units u ON u.code = uc.descendant
       WHERE uc.ancestor = ?1${y}
       ORDER BY uc.depth, u.position`,
    )
    .bind(unit, year)
    .all<KeyTargetRow>();
  return results;
}

/** Marks a key used now (to the minute: at most one write a minute per key). */
export function touchKey(db: D1Database, id: string, now: string): D1PreparedStatement {
  const minute = now.slice(0, 16);
  return db.prepare('UPDATE api_keys SET last_used_at = ?1 WHERE id = ?2 AND (last_used_at IS NULL OR substr(last_used_at, 1, 16) < ?3)').bind(now, id, minute);
}

export interface AuditRow {
  id: number;
  at: string;
  key_id: string;
  action: string;
  target: string;
  detail: string | null;
  actor_unit: string | null;
  actor_role: Role | null;
  actor_label: string | null;
}

/**
 * The audit trail of a subtree for a year, newest first: what was done to the year's reports, statuses,
 * decisions, locks and policy of its units (target "year/unit"), and the keys issued or revoked and register
 * changes for its units.
 */
export async function auditOf(db: D1Database, unit: string, year: number, limit: number): Promise<AuditRow[]> {
  const { results } = await db
    .prepare(
      `WITH sub AS (SELECT descendant AS code FROM unit_closure WHERE ancestor = ?1)
       SELECT a.id, a.at, a.key_id, a.action, a.target, a.detail, k.unit AS actor_unit, k.role AS actor_role, k.label AS actor_label
       FROM audit a LEFT JOIN api_keys k ON k.id = a.key_id
       WHERE a.target IN (SELECT ?2 || '/' || code FROM sub)
          OR (a.action LIKE 'keys.%' AND json_extract(a.detail, '$.unit') IN (SELECT code FROM sub))
          OR (a.action = 'units.put' AND EXISTS (SELECT 1 FROM json_each(a.detail, '$.codes') j WHERE j.value IN (SELECT code FROM sub)))
       ORDER BY a.id DESC LIMIT ?3`,
    )
    .bind(unit, String(year), limit)
    .all<AuditRow>();
  return results;
}

/** A register row as the sheet holds it: the unit and its lineage. */
interface RegisterRowDb extends UnitRowDb {
  predecessors: string | null;
}

const asInput = (r: RegisterRowDb): UnitInput => ({
  code: r.code,
  name: r.name,
  parent: r.parent,
  kind: r.kind,
  ...(r.type ? { type: r.type as OrgType } : {}),
  ...(r.from_year !== null ? { from: r.from_year } : {}),
  ...(r.to_year !== null ? { to: r.to_year } : {}),
  predecessors: r.predecessors ? r.predecessors.split(',') : [],
});

const REGISTER_COLS = `u.code, u.name, u.parent, u.kind, u.type, u.from_year, u.to_year,
  (SELECT group_concat(predecessor, ',') FROM (SELECT predecessor FROM unit_predecessors p WHERE p.unit = u.code ORDER BY predecessor)) AS predecessors`;

/** The subtree of `unit` as the register sheet holds it: parents first, then register order. */
export async function registerOf(db: D1Database, unit: string): Promise<UnitInput[]> {
  const { results } = await db
    .prepare(`SELECT ${REGISTER_COLS} FROM unit_closure uc JOIN units u ON u.code = uc.descendant WHERE uc.ancestor = ? ORDER BY uc.depth, u.position`)
    .bind(unit)
    .all<RegisterRowDb>();
  return results.map(asInput);
}

/** The stored units among `codes` (≤ 100 per query), as the register sheet holds them. */
export async function registerUnits(db: D1Database, codes: string[]): Promise<Map<string, UnitInput>> {
  const out = new Map<string, UnitInput>();
  const chunks: string[][] = [];
  for (let i = 0; i < codes.length; i += 90) chunks.push(codes.slice(i, i + 90));
  if (!chunks.length) return out;
  const res = await db.batch<RegisterRowDb>(chunks.map((c) => db.prepare(`SELECT ${REGISTER_COLS} FROM units u WHERE u.code IN (${c.map(() => '?').join(', ')})`).bind(...c)));
  for (const r of res) for (const row of r.results) out.set(row.code, asInput(row));
  return out;
}

/** The registered units under any of `roots` (not the roots themselves). */
export async function descendantsOf(db: D1Database, roots: string[]): Promise<string[]> {
  if (!roots.length) return [];
  const chunks: string[][] = [];
  for (let i = 0; i < roots.length; i += 90) chunks.push(roots.slice(i, i + 90));
  const res = await db.batch<{ code: string }>(
    chunks.map((c) => db.prepare(`SELECT DISTINCT descendant AS code FROM unit_closure WHERE depth >= 1 AND ancestor IN (${c.map(() => '?').join(', ')})`).bind(...c)),
  );
  return [...new Set(res.flatMap((r) => r.results.map((x) => x.code)))];
}

export interface VersionWithActor {
  version: number;
  received_at: string;
  key_id: string;
  payload: string;
  actor_unit: string | null;
  actor_role: Role | null;
  actor_label: string | null;
}

/** Every version of a unit's report for a year, with who sent it (payloads included: a unit sends a few versions a year). */
export async function versionsWithActor(db: D1Database, unit: string, year: number): Promise<VersionWithActor[]> {
  const { results } = await db
    .prepare(
      `SELECT v.version, v.received_at, v.key_id, v.payload, k.unit AS actor_unit, k.role AS actor_role, k.label AS actor_label
       FROM report_versions v LEFT JOIN api_keys k ON k.id = v.key_id WHERE v.unit = ? AND v.year = ? ORDER BY v.version`,
    )
    .bind(unit, year)
    .all<VersionWithActor>();
  return results;
}

export async function versionOf(db: D1Database, unit: string, year: number, version: number): Promise<{ version: number; received_at: string; hash: string; payload: string; findings: string } | null> {
  return db
    .prepare('SELECT version, received_at, hash, payload, findings FROM report_versions WHERE unit = ? AND year = ? AND version = ?')
    .bind(unit, year, version)
    .first();
}
