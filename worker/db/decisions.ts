import type { CapException, DecidedTallies } from '../../shared';
import { DECIDED_COLUMNS, decidedValuesOf } from './totals';

export interface DecisionRow {
  unit: string;
  year: number;
  version: number;
  payload: string;
  key_id: string;
  decided_at: string;
}

/** Every version of the decisions about a unit's rows for a year, oldest first. */
export async function decisionVersions(db: D1Database, unit: string, year: number): Promise<DecisionRow[]> {
  const { results } = await db.prepare('SELECT * FROM decisions WHERE unit = ? AND year = ? ORDER BY version').bind(unit, year).all<DecisionRow>();
  return results;
}

export interface DecisionPayload {
  tallies: DecidedTallies;
  capException: CapException | null;
  note: string | null;
}

/**
 * The writes of a decision, for one atomic batch: the new version (the guard trigger refuses it in a locked
 * year; its primary key refuses a concurrent write of the same version) and the decided counts used by sums.
 */
export function writeDecision(db: D1Database, d: { unit: string; year: number; version: number; payload: DecisionPayload; keyId: string; at: string }): D1PreparedStatement[] {
  const cols = DECIDED_COLUMNS;
  return [
    db
      .prepare('INSERT INTO decisions (unit, year, version, payload, key_id, decided_at) VALUES (?, ?, ?, ?, ?, ?)')
      .bind(d.unit, d.year, d.version, JSON.stringify(d.payload), d.keyId, d.at),
    db
      .prepare(
        `INSERT OR REPLACE INTO decision_totals (unit, year, version, ${cols.join(', ')}, cap_ratio, cap_reason)
         VALUES (?, ?, ?, ${cols.map(() => '?').join(', ')}, ?, ?)`,
      )
      .bind(d.unit, d.year, d.version, ...decidedValuesOf(d.payload.tallies), d.payload.capException?.ratio ?? null, d.payload.capException?.reason ?? null),
  ];
}
