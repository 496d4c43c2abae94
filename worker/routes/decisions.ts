import { Hono } from 'hono';
import { checkReport, DecisionInput, hasErrors, SUBJECT_LABEL, type DecidedTallies, type UnitReport } from '../../shared';
import { authorizeUnit } from '../auth';
import { audit } from '../db/audit';
import { decisionVersions, writeDecision, type DecisionPayload } from '../db/decisions';
import { DECIDED_SUBJECTS } from '../db/totals';
import { lockOf } from '../db/periods';
import { latestVersion } from '../db/reports';
import type { AppEnv } from '../env';
import { ApiError, errorItem, findingItems, guardError } from '../errors';
import { nowIso, parseBody, unitParam, yearParam } from '../http';
import { reportPolicy } from './reports';

function record(unit: string, year: number, versions: Awaited<ReturnType<typeof decisionVersions>>) {
  const last = versions[versions.length - 1]!;
  const payload = JSON.parse(last.payload) as DecisionPayload;
  return {
    unit,
    year,
    version: last.version,
    decidedAt: last.decided_at,
    keyId: last.key_id,
    tallies: payload.tallies,
    capException: payload.capException,
    note: payload.note,
    history: versions.map((v) => ({ version: v.version, decidedAt: v.decided_at, keyId: v.key_id })),
  };
}

/**
 * HD 43: the level above decides the ratings of a unit's organisation and committee (and the chi bộ row of a
 * đảng bộ cơ sở, or of a registered chi bộ). The unit's report stays as its proposal; consolidations use the
 * decision. Each PUT is a new version (what it leaves out is kept from the previous one); all are audited.
 */
export const decisions = new Hono<AppEnv>()
  .put('/:year/:unit', async (c) => {
    const db = c.env.DB;
    const year = yearParam(c);
    const unit = unitParam(c);
    const { p, ctx } = await authorizeUnit(c, unit, year, 'reviewer', { parent: true });
    const body = await parseBody(c, DecisionInput);
    if (ctx.lockedBy) throw ApiError.of(409, 'report.locked', { year, by: ctx.lockedBy });
    const latest = ctx.status && !ctx.status.stale ? await latestVersion(db, unit, year) : null;
    if (!latest) throw ApiError.of(409, 'decision.no-report', { unit, year });
    const versions = await decisionVersions(db, unit, year);
    const previous = versions.length ? (JSON.parse(versions[versions.length - 1]!.payload) as DecisionPayload) : { tallies: {}, capException: null, note: null };
    const tallies: DecidedTallies = { ...previous.tallies, ...(body.tallies ?? {}) };
    // a decision changes levels, not how many there are; and the decided rows must add up (the same rules)
    const proposal = JSON.parse(latest.payload) as UnitReport;
    const errors = DECIDED_SUBJECTS.flatMap((s) => {
      const t = tallies[s];
      if (!t || t.total === proposal.tallies[s].total) return [];
      return [errorItem('decision.total', { row: SUBJECT_LABEL[s].vi, decided: t.total, proposed: proposal.tallies[s].total }, ['tallies', s, 'total'])];
    });
    if (errors.length) throw new ApiError(422, errors);
    const decided: UnitReport = { ...proposal, tallies: { ...proposal.tallies, ...tallies }, justifications: undefined };
    const findings = checkReport(decided, { policy: reportPolicy(year, ctx), kind: ctx.unit.kind }).filter((f) => f.severity === 'error' && f.subject !== 'member');
    if (hasErrors(findings)) throw new ApiError(422, findingItems(findings));
    const payload: DecisionPayload = {
      tallies,
      capException: body.capException === undefined ? previous.capException : body.capException,
      note: body.note ?? null,
    };
    const version = (versions[versions.length - 1]?.version ?? 0) + 1;
    const at = nowIso();
    try {
      await db.batch([...writeDecision(db, { unit, year, version, payload, keyId: p.keyId, at }), audit(db, p.keyId, 'decisions.put', `${year}/${unit}`, { version, ...payload }, at)]);
    } catch (e) {
      const guard = guardError(e, { year, by: (await lockOf(db, unit, year)) ?? '' });
      if (guard) throw guard;
      if (/UNIQUE|constraint/i.test(String(e))) throw ApiError.of(409, 'report.busy');
      throw e;
    }
    return c.json({ ok: true, ...record(unit, year, [...versions, { unit, year, version, payload: JSON.stringify(payload), key_id: p.keyId, decided_at: at }]) });
  })
  /** The decisions about a unit's rows (the unit itself may read them). */
  .get('/:year/:unit', async (c) => {
    const year = yearParam(c);
    const unit = unitParam(c);
    await authorizeUnit(c, unit, year, 'unit');
    const versions = await decisionVersions(c.env.DB, unit, year);
    if (!versions.length) throw ApiError.of(404, 'decision.not-found', { unit, year });
    return c.json(record(unit, year, versions));
  });
