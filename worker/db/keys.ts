import type { Role } from '../../shared';

export { isInSubtree } from './units';

export interface KeyRow {
  id: string;
  unit: string;
  role: Role;
  salt: string;
  hash: string;
  revoked_at: string | null;
}

export async function findKey(db: D1Database, id: string): Promise<KeyRow | null> {
  return db.prepare('SELECT id, unit, role, salt, hash, revoked_at FROM api_keys WHERE id = ?').bind(id).first<KeyRow>();
}

export function insertKey(
  db: D1Database,
  k: { id: string; unit: string; role: Role; salt: string; hash: string; label: string | null; createdBy: string; now: string },
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO api_keys (id, unit, role, salt, hash, label, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(k.id, k.unit, k.role, k.salt, k.hash, k.label, k.now, k.createdBy);
}

export function revokeKey(db: D1Database, id: string, now: string): D1PreparedStatement {
  return db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').bind(now, id);
}
