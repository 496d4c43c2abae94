import { Hono } from 'hono';
import { PolicyInput, resolvePolicy, rulebookFor, findRulebook } from '../../shared';
import { authorizeUnit } from '../auth';
import { audit } from '../db/audit';
import { putPolicy } from '../db/policy';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { nowIso, parseBody, unitParam, yearParam } from '../http';

export const policy = new Hono<AppEnv>()
  /** The policy in force for the unit: its own or its nearest ancestor's, over the rulebook's defaults. */
  .get('/:year/:unit', async (c) => {
    const year = yearParam(c);
    const unit = unitParam(c);
    const { ctx } = await authorizeUnit(c, unit, year, 'admin');
    if (!findRulebook(year)) throw ApiError.of(422, 'report.unsupported-year', { year }, ['year']);
    const book = rulebookFor(year);
    const set = ctx.policy;
    return c.json({ unit, year, rulebook: book.id, setBy: set?.unit ?? null, policy: resolvePolicy(book, set?.policy), defaults: book.defaultPolicy });
  })
  .put('/:year/:unit', async (c) => {
    const db = c.env.DB;
    const year = yearParam(c);
    const unit = unitParam(c);
    const { p } = await authorizeUnit(c, unit, year, 'admin');
    if (!findRulebook(year)) throw ApiError.of(422, 'report.unsupported-year', { year }, ['year']);
    const body = await parseBody(c, PolicyInput);
    const now = nowIso();
    await db.batch([putPolicy(db, unit, year, body, p.keyId, now), audit(db, p.keyId, 'policy.put', `${year}/${unit}`, body, now)]);
    return c.json({ ok: true, unit, year, policy: resolvePolicy(rulebookFor(year), body) });
  });
