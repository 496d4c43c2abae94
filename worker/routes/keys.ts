import { Hono } from 'hono';
import { KeyCreate } from '../../shared';
import { newKey, principal, requireScope, roleAtMost } from '../auth';
import { audit } from '../db/audit';
import { findKey, insertKey, revokeKey } from '../db/keys';
import { getUnit } from '../db/units';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { nowIso, parseBody } from '../http';

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
  /** Revoke at once: the next request with that key gets 401. */
  .delete('/:id', async (c) => {
    const p = await principal(c);
    const id = c.req.param('id');
    const row = await findKey(c.env.DB, id);
    if (!row) throw ApiError.of(404, 'key.not-found', { id });
    await requireScope(c.env.DB, p, row.unit, 'admin');
    const now = nowIso();
    await c.env.DB.batch([revokeKey(c.env.DB, id, now), audit(c.env.DB, p.keyId, 'keys.revoke', id, undefined, now)]);
    return c.json({ ok: true, id, revokedAt: row.revoked_at ?? now });
  });
