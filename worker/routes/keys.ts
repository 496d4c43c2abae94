import { Hono } from 'hono';
import { KeyBatchCreate, KeyCreate, UnitCode, type IssuedKey, type Role } from '../../shared';
import { newKey, principal, requireRole, requireScope, roleAtMost } from '../auth';
import { audit } from '../db/audit';
import { findKey, insertKey, revokeKey } from '../db/keys';
import { keysOfSubtree, keyTargets } from '../db/page';
import { getUnit } from '../db/units';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { nowIso, parseBody } from '../http';

/** Keys issued in one batch at most (each one a hashed row and an audit row in a single D1 batch). */
export const MAX_BATCH_KEYS = 500;

export const keys = new Hono<AppEnv>()
  /** Issue a key: shown once in this answer, stored only as a salted, peppered hash. */
  .post('/', async (c) => {
    const p = await principal(c);
    const body = await parseBody(c, KeyCreate);
    if (!(await getUnit(c.env.DB, body.unit))) throw ApiError.of(422, 'unit.not-found', { unit: body.unit }, ['unit']);
    await requireScope(c.env.DB, p, body.unit, 'admin');
    if (!roleAtMost(p, body.role)) throw ApiError.of(403, 'key.role-too-high', { role: body.role });
    const k = await newKey(c.env.KEY_PEPPER ?? '');
    const now = nowIso();
    await c.env.DB.batch([
      insertKey(c.env.DB, { id: k.id, unit: body.unit, role: body.role, salt: k.salt, hash: k.hash, label: body.label ?? null, createdBy: p.keyId, now }),
      audit(c.env.DB, p.keyId, 'keys.create', k.id, { unit: body.unit, role: body.role }, now),
    ]);
    return c.json({ id: k.id, key: k.key, unit: body.unit, role: body.role }, 201);
  })
  /**
   * A key for every unit of a subtree in one call (only those without a key in force, if asked): all written in
   * one batch, each audited; the keys are in this answer only.
   */
  .post('/batch', async (c) => {
    const db = c.env.DB;
    const p = await principal(c);
    const body = await parseBody(c, KeyBatchCreate);
    if (!(await getUnit(db, body.unit))) throw ApiError.of(422, 'unit.not-found', { unit: body.unit }, ['unit']);
    await requireScope(db, p, body.unit, 'admin');
    if (body.role && !roleAtMost(p, body.role)) throw ApiError.of(403, 'key.role-too-high', { role: body.role });
    const targets = await keyTargets(db, body.unit, body.year ?? null);
    const chosen = targets.filter((t) => !(body.onlyWithoutKey && t.has_key));
    if (chosen.length > MAX_BATCH_KEYS) throw ApiError.of(422, 'key.batch-too-large', { count: chosen.length, max: MAX_BATCH_KEYS }, ['unit']);
    const now = nowIso();
    const issued: IssuedKey[] = [];
    const statements: D1PreparedStatement[] = [];
    for (const t of chosen) {
      const role: Role = body.role ?? (t.has_children ? 'reviewer' : 'unit');
      const k = await newKey(c.env.KEY_PEPPER ?? '');
      issued.push({ id: k.id, key: k.key, unit: t.code, name: t.name, role });
      statements.push(
        insertKey(db, { id: k.id, unit: t.code, role, salt: k.salt, hash: k.hash, label: body.label ?? null, createdBy: p.keyId, now }),
        audit(db, p.keyId, 'keys.create', k.id, { unit: t.code, role, batch: body.unit }, now),
      );
    }
    if (statements.length) await db.batch(statements);
    return c.json({ ok: true, keys: issued, skipped: targets.filter((t) => !chosen.includes(t)).map((t) => t.code) }, 201);
  })
  /** The keys of the units in a subtree (`?unit=`, default the key's own unit): never their secrets. */
  .get('/', async (c) => {
    const p = await principal(c);
    requireRole(p, 'admin');
    const raw = c.req.query('unit');
    const parsed = raw === undefined ? null : UnitCode.safeParse(raw);
    if (parsed && !parsed.success) throw ApiError.of(400, 'unit.code', { unit: String(raw).slice(0, 64) }, ['unit']);
    const unit = parsed?.data ?? p.unit;
    if (unit !== null) await requireScope(c.env.DB, p, unit, 'admin');
    const rows = await keysOfSubtree(c.env.DB, unit);
    return c.json({
      unit,
      keys: rows.map((r) => ({ id: r.id, unit: r.unit, name: r.name, role: r.role, label: r.label, createdAt: r.created_at, createdBy: r.created_by, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at })),
    });
  })
  /** Revoke a key and issue its unit a new one with the same role, in one batch (the new key is in this answer only). */
  .post('/:id/reissue', async (c) => {
    const db = c.env.DB;
    const p = await principal(c);
    const id = c.req.param('id');
    const row = await findKey(db, id);
    if (!row) throw ApiError.of(404, 'key.not-found', { id });
    await requireScope(db, p, row.unit, 'admin');
    if (!roleAtMost(p, row.role)) throw ApiError.of(403, 'key.role-too-high', { role: row.role });
    const unit = await getUnit(db, row.unit);
    const k = await newKey(c.env.KEY_PEPPER ?? '');
    const now = nowIso();
    await db.batch([
      revokeKey(db, id, now),
      insertKey(db, { id: k.id, unit: row.unit, role: row.role, salt: k.salt, hash: k.hash, label: null, createdBy: p.keyId, now }),
      audit(db, p.keyId, 'keys.revoke', id, { unit: row.unit, role: row.role, replacedBy: k.id }, now),
      audit(db, p.keyId, 'keys.create', k.id, { unit: row.unit, role: row.role, replaces: id }, now),
    ]);
    return c.json({ id: k.id, key: k.key, unit: row.unit, name: unit?.name ?? row.unit, role: row.role, replaces: id }, 201);
  })
  /** Revoke at once: the next request with that key gets 401. */
  .delete('/:id', async (c) => {
    const p = await principal(c);
    const id = c.req.param('id');
    const row = await findKey(c.env.DB, id);
    if (!row) throw ApiError.of(404, 'key.not-found', { id });
    await requireScope(c.env.DB, p, row.unit, 'admin');
    const now = nowIso();
    await c.env.DB.batch([revokeKey(c.env.DB, id, now), audit(c.env.DB, p.keyId, 'keys.revoke', id, { unit: row.unit, role: row.role }, now)]);
    return c.json({ ok: true, id, revokedAt: row.revoked_at ?? now });
  });
