import type { PolicyInput } from '../../shared';

/** The policy set by the nearest consolidating ancestor (or the unit itself) for the year, if any. */
export async function nearestPolicy(db: D1Database, unit: string, year: number): Promise<{ unit: string; policy: PolicyInput } | null> {
  const row = await db
    .prepare(
      `SELECT p.unit, p.policy FROM unit_closure uc JOIN policies p ON p.unit = uc.ancestor AND p.year = ?2
       WHERE uc.descendant = ?1 ORDER BY uc.depth LIMIT 1`,
    )
    .bind(unit, year)
    .first<{ unit: string; policy: string }>();
  return row ? { unit: row.unit, policy: JSON.parse(row.policy) as PolicyInput } : null;
}

export function putPolicy(db: D1Database, unit: string, year: number, policy: PolicyInput, by: string, now: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO policies (unit, year, policy, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(unit, year) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .bind(unit, year, JSON.stringify(policy), now, by);
}
