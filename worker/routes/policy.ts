import { Hono } from 'hono';
import { findRulebook, looserParameters, PolicyInput, policyInForce, rulebookFor } from '../../shared';
import { authorizeUnit } from '../auth';
import { audit } from '../db/audit';
import { putPolicy } from '../db/policy';
import type { AppEnv } from '../env';
import { ApiError, errorItem } from '../errors';
import { nowIso, parseBody, unitParam, yearParam } from '../http';

export const policy = new Hono<AppEnv>()
  /** The policy in force for the unit: its own or its nearest ancestor's, over the rulebook's defaults. */
  .get('/:year/:unit', async (c) => {
    const year = yearParam(c);
    const unit = unitParam(c);
    const { ctx } = await authorizeUnit(c, unit, year, 'reviewer');
    if (!findRulebook(year)) throw ApiError.of(422, 'report.unsupported-year', { year }, ['year']);
    const book = rulebookFor(year);
    const inForce = policyInForce(book, ctx.policies);
    const own = ctx.policies.find((p) => p.unit === unit)?.policy ?? null;
    // setBy: the nearest unit that set a policy (kept from the first contract); from: who set each parameter
    return c.json({ unit, year, rulebook: book.id, setBy: ctx.policies[0]?.unit ?? null, policy: inForce.values, from: inForce.from, own, defaults: book.defaultPolicy });
  })
  .put('/:year/:unit', async (c) => {
    const db = c.env.DB;
    const year = yearParam(c);
    const unit = unitParam(c);
    const { p, ctx } = await authorizeUnit(c, unit, year, 'admin');
    if (!findRulebook(year)) throw ApiError.of(422, 'report.unsupported-year', { year }, ['year']);
    const body = await parseBody(c, PolicyInput);
    // a policy set below may only be as strict as, or stricter than, the one in force above
    const chainAbove = ctx.policies.filter((x) => x.unit !== unit);
    const above = policyInForce(rulebookFor(year), chainAbove);
    const looser = looserParameters(body, above);
    if (looser.length) throw new ApiError(422, looser.map((l) => errorItem('policy.looser', { param: l.param, from: l.from }, [l.param])));
    const now = nowIso();
    await db.batch([putPolicy(db, unit, year, body, p.keyId, now), audit(db, p.keyId, 'policy.put', `${year}/${unit}`, body, now)]);
    return c.json({ ok: true, unit, year, policy: policyInForce(rulebookFor(year), [{ unit, policy: body }, ...chainAbove]).values });
  });
