/** One row of the audit trail; added to the batch of the write it records. */
export function audit(db: D1Database, keyId: string, action: string, target: string, detail: unknown, now: string): D1PreparedStatement {
  return db
    .prepare('INSERT INTO audit (at, key_id, action, target, detail) VALUES (?, ?, ?, ?, ?)')
    .bind(now, keyId, action, target, detail === undefined ? null : JSON.stringify(detail));
}
