import { Hono } from 'hono';
import { authorizeUnit } from '../auth';
import { auditOf } from '../db/page';
import type { AppEnv } from '../env';
import { unitParam, yearParam } from '../http';

const LIMIT = 500;

/** The audit trail of a subtree for a year (reviewer): who did what, when; newest first, at most 500 entries. */
export const auditTrail = new Hono<AppEnv>().get('/:year/:unit', async (c) => {
  const year = yearParam(c);
  const unit = unitParam(c);
  await authorizeUnit(c, unit, year, 'reviewer');
  const rows = await auditOf(c.env.DB, unit, year, LIMIT + 1);
  return c.json({
    unit,
    year,
    more: rows.length > LIMIT,
    entries: rows.slice(0, LIMIT).map((r) => ({
      id: r.id,
      at: r.at,
      keyId: r.key_id,
      actor: r.actor_unit && r.actor_role ? { unit: r.actor_unit, role: r.actor_role, label: r.actor_label } : null,
      action: r.action,
      target: r.target,
      detail: r.detail ? JSON.parse(r.detail) : null,
    })),
  });
});
