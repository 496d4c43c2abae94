
export function lock(db: D1Database, unit: string, year: number, by: string, now: string): D1PreparedStatement {
  return db.prepare('INSERT OR IGNORE INTO period_locks (unit, year, locked_at, locked_by) VALUES (?, ?, ?, ?)').bind(unit, year, now, by);
}

export function unlock(db: D1Database, unit: string, year: number): D1PreparedStatement {
  return db.prepare('DELETE FROM period_locks WHERE unit = ? AND year = ?').bind(unit, year);
}
