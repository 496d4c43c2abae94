import { Hono } from 'hono';
import { canonicalJson, checkReport, countRowsOf, findRulebook, hasErrors, justificationKey, policyInForce, rulebookFor, SUBJECTS, unjustifiedWarnings, unitPolicy, UnitReport, type Finding, type Policy } from '../../shared';
import { authorizeUnit } from '../auth';
import { audit } from '../db/audit';
import { totalsOf } from '../db/totals';
import { latestVersion, versionByIdempotencyKey, writeVersion, type VersionRow } from '../db/reports';
import type { AppEnv } from '../env';
import { ApiError, errorItem, findingItems, guardError } from '../errors';
import { lockOf } from '../db/periods';
import type { UnitContext } from '../db/context';
import { versionOf, versionsWithActor } from '../db/page';
import { jsonBody, nowIso, sha256Hex, unitParam, yearParam } from '../http';

/** The version a client says it edited: `3`, `"3"` or `W/"3"`. */
function ifMatchVersion(header: string | undefined): number | null {
  if (header === undefined) return null;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!m) throw ApiError.of(422, 'request.invalid', { path: 'If-Match', detail: 'cần số phiên bản, ví dụ 3' }, ['headers', 'If-Match']);
  return Number(m[1]);
}

/** The policy a unit's report is checked under (shared/rules `unitPolicy` over the policy in force). */
export function reportPolicy(year: number, ctx: Pick<UnitContext, 'policies' | 'capException'> & { unit: { kind: string } | null }): Policy {
  return unitPolicy(policyInForce(rulebookFor(year), ctx.policies).values, { kind: ctx.unit?.kind, capException: ctx.capException });
}

function receipt(v: Pick<VersionRow, 'version' | 'received_at' | 'hash' | 'findings'>) {
  return { ok: true as const, version: v.version, receivedAt: v.received_at, hash: v.hash, findings: JSON.parse(v.findings) as Finding[] };
}

export const reports = new Hono<AppEnv>()
  .put('/:year/:unit', async (c) => {
    const db = c.env.DB;
    const year = yearParam(c);
    const unit = unitParam(c);
    // one round trip: key, unit, scope, lock, status and policy
    const { p, ctx } = await authorizeUnit(c, unit, year, 'unit', { missing: 422 });
    const body = await jsonBody(c);
    if (!findRulebook(year)) throw ApiError.of(422, 'report.unsupported-year', { year }, ['year']);
    const u = ctx.unit;
    if ((u.from_year !== null && year < u.from_year) || (u.to_year !== null && year > u.to_year)) {
      throw ApiError.of(422, 'unit.not-in-year', { unit, year }, ['unit']);
    }
    // who reports (docs/api.md): a TCCSĐ or a registered chi bộ always reports its own rows; a unit of
    // another kind only when nothing is registered under it that year
    if (!ctx.reports) throw ApiError.of(422, 'unit.consolidating', { unit, year }, ['unit']);

    // the same rule code as the add-in, under the policy in force (the strictest of the unit and the levels
    // above) and the cap exception the level above granted; the rows must fit the unit's kind
    const findings = checkReport(body, { period: { year, unit }, policy: reportPolicy(year, ctx), kind: ctx.unit.kind });
    if (hasErrors(findings)) throw new ApiError(422, findingItems(findings.filter((f) => f.severity === 'error')));
    // every channel: a warning is stored only with its justification (one rule, shared/rules)
    const unjustified = unjustifiedWarnings(findings);
    if (unjustified.length) {
      throw new ApiError(
        422,
        unjustified.map((f) => ({ ...errorItem('report.unjustified', { what: f.message }, ['justifications', justificationKey(f)]), rule: f.rule, severity: f.severity })),
      );
    }
    const report = UnitReport.parse(body);
    const payload = canonicalJson(report);
    const hash = await sha256Hex(payload);

    const idempotencyKey = c.req.header('Idempotency-Key')?.slice(0, 200) ?? null;
    if (idempotencyKey) {
      const first = await versionByIdempotencyKey(db, unit, year, idempotencyKey);
      if (first) {
        if (first.hash !== hash) throw ApiError.of(409, 'report.idempotency-conflict', {}, ['headers', 'Idempotency-Key']);
        return c.json(receipt(first));
      }
    }
    if (ctx.lockedBy) throw ApiError.of(409, 'report.locked', { year, by: ctx.lockedBy });
    if (ctx.status?.status === 'approved' && !ctx.status.stale) throw ApiError.of(409, 'report.approved', { unit, year });

    const expected = ifMatchVersion(c.req.header('If-Match'));
    const current = ctx.status?.version ?? 0;
    if (expected !== null && expected !== current) throw ApiError.of(409, 'report.stale', { current, expected }, ['headers', 'If-Match']);

    const kept = findings.filter((f) => f.severity !== 'error');
    const receivedAt = nowIso();
    const version = current + 1;
    try {
      await db.batch([
        ...writeVersion(db, {
          unit, year, version, payload, hash, findings: JSON.stringify(kept), keyId: p.keyId, receivedAt, idempotencyKey,
          warnings: kept.filter((f) => f.severity === 'warning').length,
          rows: countRowsOf(report),
          totals: totalsOf(report),
        }),
        audit(db, p.keyId, 'reports.put', `${year}/${unit}`, { version, hash }, receivedAt),
      ]);
    } catch (e) {
      // a lock or an approval that landed after our read: the guard trigger failed the whole batch
      const guard = guardError(e, { unit, year, by: (await lockOf(db, unit, year)) ?? '' });
      if (guard) throw guard;
      // (unit, year, version) or the idempotency key was taken by a concurrent write: the batch stored nothing
      if (!/UNIQUE|constraint/i.test(String(e))) throw e;
      if (idempotencyKey) {
        const first = await versionByIdempotencyKey(db, unit, year, idempotencyKey);
        if (first && first.hash === hash) return c.json(receipt(first));
      }
      const now = (await latestVersion(db, unit, year))?.version ?? version;
      throw ApiError.of(409, expected !== null ? 'report.stale' : 'report.busy', { current: now, expected: expected ?? current }, ['headers', 'If-Match']);
    }
    return c.json({ ok: true, version, receivedAt, hash, findings: kept });
  })
  /**
   * The latest version, or `?version=N`; with every version's time, sender and counts, the workflow status and
   * the return reason, and the lock that covers the year.
   */
  .get('/:year/:unit', async (c) => {
    const db = c.env.DB;
    const year = yearParam(c);
    const unit = unitParam(c);
    const { ctx } = await authorizeUnit(c, unit, year, 'unit');
    const raw = c.req.query('version');
    const wanted = raw === undefined ? null : /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (Number.isNaN(wanted)) throw ApiError.of(422, 'request.invalid', { path: 'version', detail: 'cần số phiên bản, ví dụ 2' }, ['query', 'version']);
    const [latest, versions] = await Promise.all([latestVersion(db, unit, year), versionsWithActor(db, unit, year)]);
    if (!latest) throw ApiError.of(404, 'report.not-found', { unit, year });
    const shown = wanted === null || wanted === latest.version ? latest : await versionOf(db, unit, year, wanted);
    if (!shown) throw ApiError.of(404, 'report.version-not-found', { unit, year, version: wanted ?? 0 });
    return c.json({
      version: shown.version,
      receivedAt: shown.received_at,
      hash: shown.hash,
      status: ctx.status?.status ?? 'submitted',
      reason: ctx.status?.reason ?? null,
      // the register changed under the unit after it sent: this report does not count until it sends again
      stale: !!ctx.status?.stale,
      report: JSON.parse(shown.payload),
      findings: JSON.parse(shown.findings),
      latest: latest.version,
      lockedBy: ctx.lockedBy,
      history: versions.map((v) => ({
        version: v.version,
        receivedAt: v.received_at,
        keyId: v.key_id,
        by: v.actor_unit && v.actor_role ? { unit: v.actor_unit, role: v.actor_role, label: v.actor_label } : null,
        counts: sentCounts(JSON.parse(v.payload) as UnitReport),
      })),
    });
  });

/** What a version counted, per subject: total and levels (the history shows them side by side). */
function sentCounts(r: UnitReport) {
  return Object.fromEntries(SUBJECTS.map((s) => [s, { total: r.tallies[s].total, ...r.tallies[s].levels }]));
}
