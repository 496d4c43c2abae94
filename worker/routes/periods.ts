import { Hono, type Context } from 'hono';
import { authorizeUnit } from '../auth';
import { audit } from '../db/audit';
import { lock, unlock } from '../db/periods';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { nowIso, unitParam, yearParam } from '../http';

/** Lock or unlock a year for a unit's subtree: while locked, no report below it can be sent. */
async function setLock(c: Context<AppEnv>, locked: boolean) {
  const db = c.env.DB;
  const year = yearParam(c);
  const unit = unitParam(c);
  const { p, ctx } = await authorizeUnit(c, unit, year, 'reviewer');
  if (!locked && ctx.lockedBy !== unit) throw ApiError.of(409, 'period.not-locked', { unit, year });
  const now = nowIso();
  await db.batch([
    locked ? lock(db, unit, year, p.keyId, now) : unlock(db, unit, year),
    audit(db, p.keyId, locked ? 'periods.lock' : 'periods.unlock', `${year}/${unit}`, undefined, now),
  ]);
  return c.json({ ok: true, unit, year, locked });
}

export const periods = new Hono<AppEnv>()
  .post('/:year/:unit/lock', (c) => setLock(c, true))
  .post('/:year/:unit/unlock', (c) => setLock(c, false));
