import { beforeAll, describe, expect, it } from 'vitest';
import { api, count, report, seedSample } from './helpers';

describe('bad input: a clear status, a message naming the field, and nothing stored', () => {
  let keys: Awaited<ReturnType<typeof seedSample>>;
  beforeAll(async () => {
    keys = await seedSample();
  });

  async function expectNothingStored() {
    expect(await count('report_versions')).toBe(0);
    expect(await count('report_counts')).toBe(0);
    expect(await count('report_status')).toBe(0);
  }

  const put = (unit: string, year: number, init: { body?: unknown; raw?: string; key?: string; headers?: Record<string, string> }) =>
    api('PUT', `/api/v1/reports/${year}/${unit}`, { key: keys.unitKeys[unit] ?? init.key, ...init });

  it('malformed JSON → 400', async () => {
    const res = await put('KM-01', 2025, { raw: '{"unit": "KM-01", ', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 'request.malformed-json', message: expect.stringContaining('JSON') });
    await expectNothingStored();
  });

  it('unknown keys → 422 naming the field (member names never get in)', async () => {
    const body = report('KM-01', 2025) as any;
    body.tallies.member.names = ['Nguyễn Văn A'];
    const res = await put('KM-01', 2025, { body });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'report.invalid-structure', path: ['tallies', 'member'] });
    expect(res.body.errors[0].message).toContain('names');
    await expectNothingStored();
  });

  it('negative and fractional counts → 422, each at its path', async () => {
    const body = report('KM-01', 2025) as any;
    body.tallies.member.levels.complete = -3;
    body.tallies.branch.levels.good = 6.5;
    const res = await put('KM-01', 2025, { body });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => [e.code, e.path.join('.')])).toEqual([
      ['report.negative-or-fraction', 'tallies.branch.levels.good'],
      ['report.negative-or-fraction', 'tallies.member.levels.complete'],
    ]);
    await expectNothingStored();
  });

  it('totals that do not add up → 422 with the fix, English on request', async () => {
    const body = report('KM-01', 2025) as any;
    body.tallies.member.total += 1;
    const res = await put('KM-01', 2025, { body });
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({ code: 'report.total-mismatch', path: ['tallies', 'member', 'total'], severity: 'error' });
    expect(res.body.errors[0].message).toContain('Đảng viên: tổng số 151');
    expect(res.body.errors[0].hint).toContain('150');
    const en = await put('KM-01', 2025, { body, headers: { 'Accept-Language': 'en' } });
    expect(en.body.errors[0].message).toContain('Party members: total 151');
    await expectNothingStored();
  });

  it('a year with no rulebook → 422', async () => {
    const body = { ...report('KM-01', 2025), year: 2017 };
    const res = await put('KM-01', 2017, { body });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'report.unsupported-year', path: ['year'] });
    await expectNothingStored();
  });

  it('a report whose year is not the period → 422 year-mismatch', async () => {
    const res = await put('KM-01', 2025, { body: report('KM-01', 2024) });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'report.year-mismatch', path: ['year'] });
    await expectNothingStored();
  });

  it('a unit outside the register → 422', async () => {
    const body = { ...report('KM-01', 2025), unit: 'KM-99' };
    const res = await api('PUT', '/api/v1/reports/2025/KM-99', { body });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'unit.not-found', path: ['unit'] });
    await expectNothingStored();
  });

  it('a unit outside its from/to years → 422 (KM-12 exists from 2025)', async () => {
    const body = { ...report('KM-12', 2025), year: 2024 };
    const res = await put('KM-12', 2024, { body });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('unit.not-in-year');
    await expectNothingStored();
  });

  it('a consolidating unit does not submit a report of its own → 422', async () => {
    const body = { ...report('KM-01', 2025), unit: 'KM' };
    const res = await api('PUT', '/api/v1/reports/2025/KM', { body });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('unit.consolidating');
    await expectNothingStored();
  });

  it('a body over 256 KB → 413', async () => {
    const body = report('KM-01', 2025) as any;
    body.justifications = { x: 'a'.repeat(300 * 1024) };
    const res = await put('KM-01', 2025, { body });
    expect(res.status).toBe(413);
    expect(res.body.errors[0].code).toBe('request.too-large');
    await expectNothingStored();
  });

  it('a year that is not a number → 422; an unknown route → 404 envelope', async () => {
    const res = await put('KM-01', 'abcd' as any, { body: report('KM-01', 2025) });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('request.year');
    const nf = await api('GET', '/api/v1/nothing');
    expect(nf.status).toBe(404);
    expect(nf.body.ok).toBe(false);
    await expectNothingStored();
  });

  it('units: unknown parent, cycle and duplicates → 422, nothing written', async () => {
    const before = await count('units');
    const bad = await api('PUT', '/api/v1/units', {
      body: {
        units: [
          { code: 'A1', name: 'A1', parent: 'NOPE', kind: 'other' },
          { code: 'C1', name: 'C1', parent: 'C2', kind: 'other' },
          { code: 'C2', name: 'C2', parent: 'C1', kind: 'other' },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.code)).toEqual(['unit.unknown-parent', 'unit.cycle', 'unit.cycle']);
    expect(bad.body.errors[0].path).toEqual(['units', 0, 'parent']);
    const strict = await api('PUT', '/api/v1/units', { body: { units: [{ code: 'B1', name: 'B1', parent: null, kind: 'khoi', colour: 'red' }] } });
    expect(strict.status).toBe(422);
    expect(strict.body.errors[0].path).toEqual(['units', 0]);
    expect(await count('units')).toBe(before);
  });
});
