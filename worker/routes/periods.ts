import { Hono, type Context } from 'hono';
import { LockBody, OPEN_STATE_LABEL, UnlockBody } from '../../shared';
import { authorizeUnit } from '../auth';
import { audit } from '../db/audit';
import { lock, openItems, unlock } from '../db/periods';
import type { AppEnv } from '../env';
import { ApiError, errorItem } from '../errors';
import { nowIso, parseBody, unitParam, yearParam } from '../http';

/** The checklist before a lock: every reporting unit of the subtree that is missing, returned, not yet approved or stale. */
async function checklist(c: Context<AppEnv>, need: 'unit' | 'reviewer') {
  const year = yearParam(c);
  const unit = unitParam(c);
  const { p, ctx } = await authorizeUnit(c, unit, year, need);
  return { year, unit, p, ctx, open: await openItems(c.env.DB, unit, year) };
}

/**
 * Lock a year for a unit's subtree: reports, decisions, approvals and the register's effect on that year are
 * frozen (enforced inside each write). Locking over open items needs `force` and a reason; both are audited.
 */
async function setLock(c: Context<AppEnv>) {
  const db = c.env.DB;
  const { year, unit, p, open } = await checklist(c, 'reviewer');
  const body = await parseBody(c, LockBody, { optional: true });
  if (open.length && !body.force) {
    const say = (items: typeof open, lang: 'vi' | 'en') => items.map((o) => `${o.name} (${o.unit}): ${OPEN_STATE_LABEL[o.state][lang]}`).join(', ');
    const more = open.length > 10 ? ', …' : '';
    throw new ApiError(409, [
      errorItem('period.open-items', { count: open.length, list: say(open.slice(0, 10), 'vi') + more, listEn: say(open.slice(0, 10), 'en') + more }),
      ...open.slice(0, 500).map((o) => ({ ...errorItem('period.open-items', { count: 1, list: say([o], 'vi'), listEn: say([o], 'en') }, ['open', o.unit]), code: `period.open.${o.state}` })),
    ]);
  }
  if (open.length && !body.reason) throw ApiError.of(422, 'period.force-reason', {}, ['reason']);
  const now = nowIso();
  await db.batch([
    lock(db, unit, year, p.keyId, now),
    audit(db, p.keyId, 'periods.lock', `${year}/${unit}`, open.length ? { force: true, reason: body.reason, open: open.slice(0, 100) } : undefined, now),
  ]);
  return c.json({ ok: true, unit, year, locked: true, forced: open.length > 0, open });
}

export const periods = new Hono<AppEnv>()
  /** Whether the year is locked for the unit (and by whom), and what is still open; a unit may read its own. */
  .get('/:year/:unit', async (c) => {
    const { year, unit, ctx, open } = await checklist(c, 'unit');
    return c.json({ unit, year, locked: ctx.lockedBy !== null, lockedBy: ctx.lockedBy, open });
  })
  .post('/:year/:unit/lock', (c) => setLock(c))
  .post('/:year/:unit/unlock', async (c) => {
    const db = c.env.DB;
    const year = yearParam(c);
    const unit = unitParam(c);
    const { p, ctx } = await authorizeUnit(c, unit, year, 'reviewer');
    // a reason is required: said in words, not as a schema error
    const raw = await parseBody(c, LockBody.pick({ reason: true }).partial(), { optional: true }).catch(() => ({ reason: undefined }));
    if (!raw.reason) throw ApiError.of(422, 'period.unlock-reason', {}, ['reason']);
    const body = UnlockBody.parse(raw);
    if (ctx.lockedBy !== unit) throw ApiError.of(409, 'period.not-locked', { unit, year });
    const now = nowIso();
    await db.batch([unlock(db, unit, year), audit(db, p.keyId, 'periods.unlock', `${year}/${unit}`, { reason: body.reason }, now)]);
    return c.json({ ok: true, unit, year, locked: false });
  });
