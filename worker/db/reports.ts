import type { CountRow } from '../../shared';
import { coversOf } from './register';
import { TOTAL_COLUMNS } from './totals';

export interface VersionRow {
  unit: string;
  year: number;
  version: number;
  payload: string;
  hash: string;
  findings: string;
  key_id: string;
  received_at: string;
  idempotency_key: string | null;
}

export async function latestVersion(db: D1Database, unit: string, year: number): Promise<VersionRow | null> {
  return db
    .prepare('SELECT * FROM report_versions WHERE unit = ? AND year = ? ORDER BY version DESC LIMIT 1')
    .bind(unit, year)
    .first<VersionRow>();
}

export async function versionByIdempotencyKey(db: D1Database, unit: string, year: number, key: string): Promise<VersionRow | null> {
  return db
    .prepare('SELECT * FROM report_versions WHERE unit = ? AND year = ? AND idempotency_key = ?')
    .bind(unit, year, key)
    .first<VersionRow>();
}

export async function history(db: D1Database, unit: string, year: number): Promise<{ version: number; receivedAt: string; keyId: string }[]> {
  const { results } = await db
    .prepare('SELECT version, received_at AS receivedAt, key_id AS keyId FROM report_versions WHERE unit = ? AND year = ? ORDER BY version')
    .bind(unit, year)
    .all<{ version: number; receivedAt: string; keyId: string }>();
  return results;
}

const COUNT_COLUMNS = 'year, unit, subject, grp, total, excellent, good, complete, incomplete, unrated_new, unrated_exempt, unrated_suspended, unrated_other';
const ROWS_PER_INSERT = 7; // 13 columns × 7 rows = 91 bound parameters (D1 allows 100)

/** The counts of a version as rows (replacing the unit's previous rows for the year). */
export function replaceCounts(db: D1Database, unit: string, year: number, rows: CountRow[]): D1PreparedStatement[] {
  const out = [db.prepare('DELETE FROM report_counts WHERE unit = ? AND year = ?').bind(unit, year)];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    const params = chunk.flatMap((r) => [year, unit, r.subject, r.group, r.total, r.excellent, r.good, r.complete, r.incomplete, r.new, r.exempt, r.suspended, r.other]);
    out.push(db.prepare(`INSERT INTO report_counts (${COUNT_COLUMNS}) VALUES ${values}`).bind(...params));
  }
  return out;
}

export interface NewVersion {
  unit: string;
  year: number;
  version: number;
  payload: string;
  hash: string;
  findings: string;
  keyId: string;
  receivedAt: string;
  idempotencyKey: string | null;
  warnings: number;
  rows: CountRow[];
  /** The report's values in TOTAL_COLUMNS order. */
  totals: number[];
}

/**
 * All the writes of an accepted report, for one atomic batch: the new version (its primary key makes a
 * concurrent write of the same version fail, and with it the whole batch), the counts, the status.
 */
export function writeVersion(db: D1Database, v: NewVersion): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO report_versions (unit, year, version, payload, hash, findings, key_id, received_at, idempotency_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(v.unit, v.year, v.version, v.payload, v.hash, v.findings, v.keyId, v.receivedAt, v.idempotencyKey),
    ...replaceCounts(db, v.unit, v.year, v.rows),
    db
      .prepare(`INSERT OR REPLACE INTO report_totals (unit, year, ${TOTAL_COLUMNS.join(', ')}) VALUES (?, ?, ${TOTAL_COLUMNS.map(() => '?').join(', ')})`)
      .bind(v.unit, v.year, ...v.totals),
    db
      .prepare(
        `INSERT INTO report_status (unit, year, status, version, received_at, warnings, reason, updated_at, updated_by, covers, stale)
         VALUES (?1, ?2, 'submitted', ?3, ?4, ?5, NULL, ?4, ?6, ${coversOf('?1', '?2')}, 0)
         ON CONFLICT(year, unit) DO UPDATE SET status = 'submitted', version = excluded.version, received_at = excluded.received_at,
           warnings = excluded.warnings, reason = NULL, updated_at = excluded.updated_at, updated_by = excluded.updated_by,
           covers = excluded.covers, stale = 0`,
      )
      .bind(v.unit, v.year, v.version, v.receivedAt, v.warnings, v.keyId),
  ];
}
