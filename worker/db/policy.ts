import type { PolicyInput } from '../../shared';


export function putPolicy(db: D1Database, unit: string, year: number, policy: PolicyInput, by: string, now: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO policies (unit, year, policy, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(unit, year) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .bind(unit, year, JSON.stringify(policy), now, by);
}
