import { Hono, type Context } from 'hono';
import { ApproveBody, ReturnBody } from '../../shared';
import { authorizeUnit } from '../auth';
import { audit } from '../db/audit';
import { setStatus } from '../db/status';
import { childrenStatus, statusOf } from '../db/units';
import type { AppEnv } from '../env';
import { ApiError, guardError } from '../errors';
import { lockOf } from '../db/periods';
import { nowIso, parseBody, unitParam, yearParam } from '../http';

async function decide(c: Context<AppEnv>, status: 'approved' | 'returned') {
  const db = c.env.DB;
  const year = yearParam(c);
  const unit = unitParam(c);
  const { p, ctx } = await authorizeUnit(c, unit, year, 'reviewer', { parent: true });
  const reason = status === 'returned' ? (await parseBody(c, ReturnBody)).reason : null;
  const version = status === 'approved' ? (await parseBody(c, ApproveBody, { optional: true })).version : undefined;
  const current = ctx.status;
  // a report the register made stale does not count: the unit must send again before it can be approved
  if (!current || current.stale) throw ApiError.of(409, 'status.not-submitted', { unit, year });
  if (version !== undefined && version !== current.version) throw ApiError.of(409, 'status.version', { expected: version, current: current.version });
  const now = nowIso();
  if (ctx.lockedBy) throw ApiError.of(409, 'report.locked', { year, by: ctx.lockedBy });
  let res: D1Result | undefined;
  try {
    [res] = await db.batch([
      setStatus(db, { unit, year, version: current.version, status, reason, by: p.keyId, now }),
      audit(db, p.keyId, `status.${status === 'approved' ? 'approve' : 'return'}`, `${year}/${unit}`, { version: current.version, reason }, now),
    ]);
  } catch (e) {
    // a lock that landed after our read: the guard trigger failed the whole batch
    throw guardError(e, { year, by: (await lockOf(db, unit, year)) ?? '' }) ?? e;
  }
  if (!res?.meta.changes) throw ApiError.of(409, 'status.version', { expected: current.version, current: 'mới hơn' });
  return c.json({ ok: true, unit, year, status, version: current.version, reason });
}

export const status = new Hono<AppEnv>()
  .get('/:year/:unit', async (c) => {
    const year = yearParam(c);
    const unit = unitParam(c);
    const { ctx } = await authorizeUnit(c, unit, year, 'reviewer');
    const children = await childrenStatus(c.env.DB, unit, year);
    return c.json({
      unit,
      year,
      locked: ctx.lockedBy !== null,
      children: children.map((ch) => ({
        unit: ch.code,
        name: ch.name,
        status: statusOf(ch),
        version: ch.reports && !ch.stale ? ch.version : null,
        receivedAt: ch.reports && !ch.stale ? ch.received_at : null,
        warnings: ch.warnings ?? 0,
        reason: ch.status === 'returned' ? ch.reason : null,
        kind: ch.kind,
        ...(ch.stale ? { stale: true } : {}),
        ...(ch.has_children ? { coverage: { expected: ch.expected, submitted: ch.submitted, returned: ch.returned } } : {}),
      })),
    });
  })
  .post('/:year/:unit/approve', (c) => decide(c, 'approved'))
  .post('/:year/:unit/return', (c) => decide(c, 'returned'));
