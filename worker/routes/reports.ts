import { Hono } from 'hono';
import { canonicalJson, checkReport, countRowsOf, findRulebook, hasErrors, UnitReport, type Finding } from '../../shared';
import { requireScope } from '../auth';
import { audit } from '../db/audit';
import { nearestPolicy } from '../db/policy';
import { history, latestVersion, lockOf, versionByIdempotencyKey, writeVersion, type VersionRow } from '../db/reports';
import { getStatus } from '../db/status';
import { getUnit, hasChildrenInYear } from '../db/units';
import type { AppEnv } from '../env';
import { ApiError, findingItems } from '../errors';
import { jsonBody, nowIso, sha256Hex, unitParam, yearParam } from '../http';

/** The version a client says it edited: `3`, `"3"` or `W/"3"`. */
function ifMatchVersion(header: string | undefined): number | null {
  if (header === undefined) return null;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!m) throw ApiError.of(422, 'request.invalid', { path: 'If-Match', detail: 'cần số phiên bản, ví dụ 3' }, ['headers', 'If-Match']);
  return Number(m[1]);
}

function receipt(v: Pick<VersionRow, 'version' | 'received_at' | 'hash' | 'findings'>) {
  return { ok: true as const, version: v.version, receivedAt: v.received_at, hash: v.hash, findings: JSON.parse(v.findings) as Finding[] };
}

/** The unit exists in the register and in the year, and reports for itself (it has no units under it that year). */
async function reportingUnit(db: D1Database, unit: string, year: number) {
  const row = await getUnit(db, unit);
  if (!row) throw ApiError.of(422, 'unit.not-found', { unit }, ['unit']);
  if ((row.from_year !== null && year < row.from_year) || (row.to_year !== null && year > row.to_year)) {
    throw ApiError.of(422, 'unit.not-in-year', { unit, year }, ['unit']);
  }
  if (await hasChildrenInYear(db, unit, year)) throw ApiError.of(422, 'unit.consolidating', { unit, year }, ['unit']);
  return row;
}

export const reports = new Hono<AppEnv>()
  .put('/:year/:unit', async (c) => {
    const db = c.env.DB;
    const p = c.get('principal');
    const year = yearParam(c);
    const unit = unitParam(c);
    await requireScope(db, p, unit, 'unit');
    const body = await jsonBody(c);
    if (!findRulebook(year)) throw ApiError.of(422, 'report.unsupported-year', { year }, ['year']);
    await reportingUnit(db, unit, year);

    // the same rule code as the add-in, under the policy of the nearest consolidating unit
    const policy = (await nearestPolicy(db, unit, year))?.policy;
    const findings = checkReport(body, { period: { year, unit }, policy });
    if (hasErrors(findings)) throw new ApiError(422, findingItems(findings.filter((f) => f.severity === 'error')));
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
    const lock = await lockOf(db, unit, year);
    if (lock) throw ApiError.of(409, 'report.locked', { year, by: lock.unit });
    const status = await getStatus(db, unit, year);
    if (status?.status === 'approved') throw ApiError.of(409, 'report.approved', { unit, year });

    const expected = ifMatchVersion(c.req.header('If-Match'));
    const current = status?.version ?? (await latestVersion(db, unit, year))?.version ?? 0;
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
        }),
        audit(db, p.keyId, 'reports.put', `${year}/${unit}`, { version, hash }, receivedAt),
      ]);
    } catch (e) {
      // the primary key (unit, year, version) or the idempotency key was taken by a concurrent write
      if (/UNIQUE|constraint/i.test(String(e))) {
        if (idempotencyKey) {
          const first = await versionByIdempotencyKey(db, unit, year, idempotencyKey);
          if (first && first.hash === hash) return c.json(receipt(first));
        }
        const now = (await latestVersion(db, unit, year))?.version ?? current;
        throw ApiError.of(409, expected !== null ? 'report.stale' : 'report.busy', { current: now, expected: expected ?? current }, ['headers', 'If-Match']);
      }
      throw e;
    }
    return c.json({ ok: true, version, receivedAt, hash, findings: kept });
  })
  .get('/:year/:unit', async (c) => {
    const db = c.env.DB;
    const year = yearParam(c);
    const unit = unitParam(c);
    await requireScope(db, c.get('principal'), unit, 'unit');
    const [latest, status] = await Promise.all([latestVersion(db, unit, year), getStatus(db, unit, year)]);
    if (!latest) throw ApiError.of(404, 'report.not-found', { unit, year });
    return c.json({
      version: latest.version,
      receivedAt: latest.received_at,
      hash: latest.hash,
      status: status?.status ?? 'submitted',
      reason: status?.reason ?? null,
      report: JSON.parse(latest.payload),
      findings: JSON.parse(latest.findings),
      history: await history(db, unit, year),
    });
  });
