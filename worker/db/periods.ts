import { reportsIn } from './register';

export function lock(db: D1Database, unit: string, year: number, by: string, now: string): D1PreparedStatement {
  return db.prepare('INSERT OR IGNORE INTO period_locks (unit, year, locked_at, locked_by) VALUES (?, ?, ?, ?)').bind(unit, year, now, by);
}

export function unlock(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db.prepare('DELETE FROM period_locks WHERE unit = ? AND year = ?').bind(unit, year);
}

/** The unit (itself or above) whose lock covers the unit and year, if any. */
export async function lockOf(db: D1Database, unit: string, year: number): Promise<string | null> {
  const row = await db
    .prepare('SELECT pl.unit FROM unit_closure uc JOIN period_locks pl ON pl.unit = uc.ancestor AND pl.year = ?2 WHERE uc.descendant = ?1 ORDER BY uc.depth LIMIT 1')
    .bind(unit, year)
    .first<{ unit: string }>();
  return row?.unit ?? null;
}

/** The locks above (or on) the given units, as "KM 2025, …": named in the 409 of a refused register change. */
export async function lockedYearsNote(db: D1Database, units: { code: string; parent: string | null }[]): Promise<string> {
  const codes = [...new Set(units.flatMap((u) => [u.code, u.parent]).filter((c): c is string => !!c))].slice(0, 90);
  if (!codes.length) return '';
  const { results } = await db
    .prepare(
      `SELECT DISTINCT pl.unit, pl.year FROM unit_closure uc JOIN period_locks pl ON pl.unit = uc.ancestor
       WHERE uc.descendant IN (${codes.map(() => '?').join(', ')}) ORDER BY pl.year, pl.unit LIMIT 10`,
    )
    .bind(...codes)
    .all<{ unit: string; year: number }>();
  return results.map((r) => `${r.unit} năm ${r.year}`).join(', ');
}

export interface OpenItem {
  unit: string;
  name: string;
  state: 'missing' | 'returned' | 'submitted' | 'stale';
}

/** The reporting units of the subtree whose report for the year is not approved: missing, stale, returned or only submitted. */
export async function openItems(db: D1Database, unit: string, year: number): Promise<OpenItem[]> {
  const { results } = await db
    .prepare(
      `SELECT l.code AS unit, l.name,
              CASE WHEN s.unit IS NULL THEN 'missing' WHEN s.stale = 1 THEN 'stale' ELSE s.status END AS state
       FROM unit_closure uc JOIN units l ON l.code = uc.descendant
       LEFT JOIN report_status s ON s.unit = l.code AND s.year = ?2
       WHERE uc.ancestor = ?1 AND ${reportsIn('l', '?2')} AND (s.unit IS NULL OR s.stale = 1 OR s.status <> 'approved')
       ORDER BY l.position LIMIT 2000`,
    )
    .bind(unit, year)
    .all<OpenItem>();
  return results;
}
