import type { ReportStatus } from '../../shared';

export interface StatusRowDb {
  unit: string;
  year: number;
  status: Exclude<ReportStatus, 'missing'>;
  version: number;
  received_at: string;
  warnings: number;
  reason: string | null;
  /** The register changed under the unit after it sent: the report does not count until sent again. */
  stale: number;
}


/** Approve or return the report at `version` (only if that is still the latest: otherwise no row changes). */
export function setStatus(
  db: D1Database,
  s: { unit: string; year: number; version: number; status: 'approved' | 'returned'; reason: string | null; by: string; now: string },
): D1PreparedStatement {
  return db
    .prepare('UPDATE report_status SET status = ?, reason = ?, updated_at = ?, updated_by = ? WHERE unit = ? AND year = ? AND version = ?')
    .bind(s.status, s.reason, s.now, s.by, s.unit, s.year, s.version);
}
