import type { PolicySet, Role } from '../../shared';
import { reportsIn } from './register';
import type { KeyRow } from './keys';
import type { StatusRowDb } from './status';
import type { UnitRowDb } from './units';

/** Everything a route about one unit and year needs to decide, read in one round trip. */
export interface UnitContext {
  key: KeyRow | null;
  unit: UnitRowDb | null;
  /** The unit is the key's unit or below it. */
  inScope: boolean;
  /** The key's unit is strictly above the unit. */
  inParentScope: boolean;
  /** The unit has units under it that exist in the year (it consolidates, it does not report). */
  hasChildren: boolean;
  /** The unit (itself or an ancestor) whose lock covers this unit and year. */
  lockedBy: string | null;
  status: StatusRowDb | null;
  /** The policies set for the year by the unit and the units above it, nearest first (see policyInForce). */
  policies: PolicySet[];
  /** The cap exception the level above granted the unit for the year (QĐ 366), if any. */
  capException: { ratio: number; reason: string } | null;
  /** The unit's register kind says it sends a report of its own this year. */
  reports: boolean;
}

interface Row {
  key_id: string | null;
  key_unit: string;
  key_role: Role;
  key_salt: string;
  key_hash: string;
  key_revoked: string | null;
  code: string | null;
  name: string;
  parent: string | null;
  kind: UnitRowDb['kind'];
  type: string | null;
  from_year: number | null;
  to_year: number | null;
  in_scope: number;
  in_parent_scope: number;
  has_children: number;
  locked_by: string | null;
  status: StatusRowDb['status'] | null;
  version: number;
  received_at: string;
  warnings: number;
  reason: string | null;
  stale: number;
  policies: string | null;
  cap_ratio: number | null;
  cap_reason: string | null;
  reports: number;
}

const SQL = /* sql */ `
SELECT
  k.id AS key_id, k.unit AS key_unit, k.role AS key_role, k.salt AS key_salt, k.hash AS key_hash, k.revoked_at AS key_revoked,
  u.code, u.name, u.parent, u.kind, u.type, u.from_year, u.to_year,
  EXISTS (SELECT 1 FROM unit_closure uc WHERE uc.ancestor = k.unit AND uc.descendant = ?2) AS in_scope,
  EXISTS (SELECT 1 FROM unit_closure uc WHERE uc.ancestor = k.unit AND uc.descendant = ?2 AND uc.depth >= 1) AS in_parent_scope,
  EXISTS (SELECT 1 FROM units g WHERE g.parent = ?2
          AND (g.from_year IS NULL OR g.from_year <= ?3) AND (g.to_year IS NULL OR g.to_year >= ?3)) AS has_children,
  (SELECT pl.unit FROM unit_closure uc JOIN period_locks pl ON pl.unit = uc.ancestor AND pl.year = ?3
    WHERE uc.descendant = ?2 ORDER BY uc.depth LIMIT 1) AS locked_by,
  s.status, s.version, s.received_at, s.warnings, s.reason, s.stale,
  (SELECT json_group_array(json_object('unit', pp.unit, 'policy', json(pp.policy))) FROM (
     SELECT pp.unit, pp.policy FROM unit_closure uc JOIN policies pp ON pp.unit = uc.ancestor AND pp.year = ?3
     WHERE uc.descendant = ?2 ORDER BY uc.depth) pp) AS policies,
  dt.cap_ratio, dt.cap_reason,
  COALESCE(${reportsIn('u', '?3')}, 0) AS reports
FROM (SELECT 1) AS one
LEFT JOIN api_keys k ON k.id = ?1
LEFT JOIN units u ON u.code = ?2
LEFT JOIN report_status s ON s.unit = ?2 AND s.year = ?3
LEFT JOIN decision_totals dt ON dt.unit = ?2 AND dt.year = ?3`;

export async function unitContext(db: D1Database, keyId: string | null, unit: string, year: number): Promise<UnitContext> {
  const r = (await db.prepare(SQL).bind(keyId, unit, year).first<Row>()) as Row;
  return {
    key: r.key_id ? { id: r.key_id, unit: r.key_unit, role: r.key_role, salt: r.key_salt, hash: r.key_hash, revoked_at: r.key_revoked } : null,
    unit: r.code ? { code: r.code, name: r.name, parent: r.parent, kind: r.kind, type: r.type, from_year: r.from_year, to_year: r.to_year } : null,
    inScope: !!r.in_scope,
    inParentScope: !!r.in_parent_scope,
    hasChildren: !!r.has_children,
    lockedBy: r.locked_by,
    status: r.status ? { unit, year, status: r.status, version: r.version, received_at: r.received_at, warnings: r.warnings, reason: r.reason, stale: r.stale } : null,
    policies: r.policies ? (JSON.parse(r.policies) as PolicySet[]) : [],
    capException: r.cap_ratio !== null ? { ratio: r.cap_ratio, reason: r.cap_reason ?? '' } : null,
    reports: !!r.reports,
  };
}
