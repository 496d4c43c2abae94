import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, count, newKey, putUnits, report, sample, seedSample } from './helpers';

/** The endpoints the web page's screens stand on: keys for a subtree, the key list, report versions, the audit trail, the register. */
describe('endpoints of the page', () => {
  let keys: Awaited<ReturnType<typeof seedSample>>;
  beforeAll(async () => {
    keys = await seedSample();
    const bloc = [
      { code: 'KB', name: 'Đảng ủy Khối B', parent: null, kind: 'khoi' as const },
      { code: 'KB-01', name: 'Đảng bộ Sở Công Thương', parent: 'KB', kind: 'dang-bo-co-so' as const },
      { code: 'KB-02', name: 'Chi bộ Báo tỉnh', parent: 'KB', kind: 'chi-bo-co-so' as const },
      { code: 'KB-03', name: 'Chi bộ đã giải thể', parent: 'KB', kind: 'chi-bo-co-so' as const, to: 2023 },
    ];
    expect((await putUnits(bloc)).status).toBe(200);
  });

  describe('POST /api/v1/keys/batch', () => {
    it('issues a key for every unit of a subtree in one call: reviewer above, unit below; each works, each audited', async () => {
      const before = await count('audit');
      const res = await api('POST', '/api/v1/keys/batch', { body: { unit: 'KB', year: 2025 } });
      expect(res.status).toBe(201);
      expect(res.body.keys.map((k: any) => [k.unit, k.role])).toEqual([
        ['KB', 'reviewer'],
        ['KB-01', 'unit'],
        ['KB-02', 'unit'],
      ]);
      expect(res.body.keys[1].name).toBe('Đảng bộ Sở Công Thương');
      for (const k of res.body.keys) {
        const me = await api('GET', '/api/v1/me', { key: k.key });
        expect(me.body).toMatchObject({ unit: k.unit, role: k.role });
      }
      expect(await count('audit')).toBe(before + 3);
    });

    it('only the units without a key in force, when asked; without a year, closed units too', async () => {
      const res = await api('POST', '/api/v1/keys/batch', { body: { unit: 'KB', onlyWithoutKey: true } });
      expect(res.status).toBe(201);
      expect(res.body.keys.map((k: any) => k.unit)).toEqual(['KB-03']);
      expect(res.body.skipped).toEqual(['KB', 'KB-01', 'KB-02']);
    });

    it('a unit or reviewer key may not; an admin of another bloc may not; an admin may not issue above its role', async () => {
      expect((await api('POST', '/api/v1/keys/batch', { key: keys.reviewer, body: { unit: 'KM' } })).status).toBe(403);
      const kmAdmin = await newKey('KM', 'admin');
      expect((await api('POST', '/api/v1/keys/batch', { key: kmAdmin, body: { unit: 'KB' } })).status).toBe(403);
      const kb1Admin = await newKey('KB-01', 'admin');
      const up = await api('POST', '/api/v1/keys/batch', { key: kb1Admin, body: { unit: 'KB-01', role: 'admin', onlyWithoutKey: false } });
      expect(up.status).toBe(201);
      expect((await api('POST', '/api/v1/keys/batch', { body: { unit: 'KX' } })).status).toBe(422);
    });
  });

  describe('GET /api/v1/keys, reissue, revoke', () => {
    it('lists the keys of a subtree without secrets, with when each was last used', async () => {
      const fresh = await api('POST', '/api/v1/keys', { body: { unit: 'KB-02', role: 'unit', label: 'văn phòng' } });
      await api('GET', '/api/v1/me', { key: fresh.body.key });
      const list = await api('GET', '/api/v1/keys?unit=KB');
      expect(list.status).toBe(200);
      expect(list.body.keys.every((k: any) => ['KB', 'KB-01', 'KB-02', 'KB-03'].includes(k.unit))).toBe(true);
      const row = list.body.keys.find((k: any) => k.id === fresh.body.id);
      expect(row).toMatchObject({ unit: 'KB-02', name: 'Chi bộ Báo tỉnh', role: 'unit', label: 'văn phòng', revokedAt: null });
      expect(row.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(JSON.stringify(list.body)).not.toMatch(/"(key|hash|salt)"/);
      const never = list.body.keys.find((k: any) => k.unit === 'KB-03');
      expect(never.lastUsedAt).toBeNull();
      // an admin of KM sees KM's keys only
      const kmAdmin = await newKey('KM', 'admin');
      const km = await api('GET', '/api/v1/keys', { key: kmAdmin });
      expect(km.body.unit).toBe('KM');
      expect(km.body.keys.some((k: any) => k.unit.startsWith('KB'))).toBe(false);
      expect((await api('GET', '/api/v1/keys?unit=KB', { key: kmAdmin })).status).toBe(403);
      expect((await api('GET', '/api/v1/keys', { key: keys.reviewer })).status).toBe(403);
    });

    it('re-issue revokes the old key and gives the unit a new one with the same role', async () => {
      const old = await api('POST', '/api/v1/keys', { body: { unit: 'KB-01', role: 'unit' } });
      const re = await api('POST', `/api/v1/keys/${old.body.id}/reissue`);
      expect(re.status).toBe(201);
      expect(re.body).toMatchObject({ unit: 'KB-01', role: 'unit', name: 'Đảng bộ Sở Công Thương', replaces: old.body.id });
      expect((await api('GET', '/api/v1/me', { key: old.body.key })).status).toBe(401);
      expect((await api('GET', '/api/v1/me', { key: re.body.key })).status).toBe(200);
      const list = await api('GET', '/api/v1/keys?unit=KB-01');
      expect(list.body.keys.find((k: any) => k.id === old.body.id).revokedAt).not.toBeNull();
    });
  });

  describe('GET /api/v1/reports/{year}/{unit}?version=N', () => {
    it('returns that version; the history names the sender and the counts of each version', async () => {
      const v1 = report('KM-03', 2025);
      const v2 = structuredClone(v1);
      v2.tallies.member.levels.good -= 1;
      v2.tallies.member.levels.complete += 1;
      if (v2.tallies.member.groups) {
        v2.tallies.member.groups.leader!.good -= 1;
        v2.tallies.member.groups.leader!.complete += 1;
      }
      expect((await api('PUT', '/api/v1/reports/2025/KM-03', { key: keys.unitKeys['KM-03'], body: v1 })).status).toBe(200);
      expect((await api('PUT', '/api/v1/reports/2025/KM-03', { key: keys.unitKeys['KM-03'], body: v2 })).status).toBe(200);
      const first = await api('GET', '/api/v1/reports/2025/KM-03?version=1', { key: keys.unitKeys['KM-03'] });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ version: 1, latest: 2, lockedBy: null, status: 'submitted' });
      expect(first.body.report.tallies.member.levels).toEqual(v1.tallies.member.levels);
      const latest = await api('GET', '/api/v1/reports/2025/KM-03', { key: keys.unitKeys['KM-03'] });
      expect(latest.body.version).toBe(2);
      expect(latest.body.history.map((h: any) => [h.version, h.by.unit, h.by.role, h.counts.member.good])).toEqual([
        [1, 'KM-03', 'unit', v1.tallies.member.levels.good],
        [2, 'KM-03', 'unit', v2.tallies.member.levels.good],
      ]);
      expect((await api('GET', '/api/v1/reports/2025/KM-03?version=7', { key: keys.unitKeys['KM-03'] })).status).toBe(404);
      expect((await api('GET', '/api/v1/reports/2025/KM-03?version=x', { key: keys.unitKeys['KM-03'] })).status).toBe(422);
      expect((await api('GET', '/api/v1/reports/2025/KM-03?version=1', { key: keys.unitKeys['KM-04'] })).status).toBe(403);
    });
  });

  describe('GET /api/v1/audit/{year}/{unit}', () => {
    it('who did what, when, in the subtree for the year, newest first; a unit key may not read it', async () => {
      await api('PUT', '/api/v1/reports/2025/KM-05', { key: keys.unitKeys['KM-05'], body: report('KM-05', 2025) });
      await api('POST', '/api/v1/status/2025/KM-05/return', { key: keys.reviewer, body: { reason: 'Thiếu chữ ký của bí thư.' } });
      const trail = await api('GET', '/api/v1/audit/2025/KM', { key: keys.reviewer });
      expect(trail.status).toBe(200);
      const [ret, put] = trail.body.entries.filter((e: any) => e.target === '2025/KM-05');
      expect(ret).toMatchObject({ action: 'status.return', actor: { unit: 'KM', role: 'reviewer' }, detail: { reason: 'Thiếu chữ ký của bí thư.' } });
      expect(put).toMatchObject({ action: 'reports.put', actor: { unit: 'KM-05', role: 'unit' } });
      expect(trail.body.entries.some((e: any) => e.action === 'keys.create' && e.detail.unit === 'KM-05')).toBe(true);
      expect(trail.body.entries.some((e: any) => e.target.startsWith('2024/') || (e.detail?.unit ?? '').startsWith('KB'))).toBe(false);
      const ids = trail.body.entries.map((e: any) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect((await api('GET', '/api/v1/audit/2025/KM', { key: keys.unitKeys['KM-05'] })).status).toBe(403);
      const narrow = await api('GET', '/api/v1/audit/2025/KM-01', { key: keys.reviewer });
      expect(narrow.body.entries.some((e: any) => e.target === '2025/KM-05')).toBe(false);
    });
  });

  describe('the register: GET /api/v1/units/{unit}/register and POST /api/v1/units/preview', () => {
    it('gives the subtree as the sheet holds it, parents first', async () => {
      const res = await api('GET', '/api/v1/units/KM/register', { key: keys.reviewer });
      expect(res.status).toBe(200);
      expect(res.body.units).toHaveLength(sample.units.length);
      expect(res.body.units[0]).toEqual({ code: 'KM', name: sample.units[0]!.name, parent: null, kind: 'khoi', predecessors: [] });
      expect((await api('GET', '/api/v1/units/KM/register', { key: keys.unitKeys['KM-01'] })).status).toBe(403);
    });

    it('previews what a PUT would change — added, renamed, moved, closed, lineage — and writes nothing', async () => {
      const before = await count('units');
      const body = {
        units: [
          { code: 'KB-01', name: 'Đảng bộ Sở Công Thương tỉnh B', parent: 'KB', kind: 'dang-bo-co-so' },
          { code: 'KB-02', name: 'Chi bộ Báo tỉnh', parent: 'KB-01', kind: 'chi-bo-co-so', to: 2025 },
          { code: 'KB-04', name: 'Đảng bộ Sở mới', parent: 'KB', kind: 'dang-bo-co-so', from: 2026, predecessors: ['KB-03'] },
        ],
      };
      const res = await api('POST', '/api/v1/units/preview', { body });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(0);
      expect(res.body.errors).toEqual([]);
      expect(res.body.units).toEqual([
        { code: 'KB-01', state: 'changed', changes: [{ field: 'name', before: 'Đảng bộ Sở Công Thương', after: 'Đảng bộ Sở Công Thương tỉnh B' }] },
        { code: 'KB-02', state: 'changed', changes: [{ field: 'parent', before: 'KB', after: 'KB-01' }, { field: 'to', before: null, after: 2025 }] },
        { code: 'KB-04', state: 'added', changes: [] },
      ]);
      expect(res.body.absent).toEqual([]);
      expect(await count('units')).toBe(before);
      const same = await api('POST', '/api/v1/units/preview', { body: { units: [{ code: 'KB', name: 'Đảng ủy Khối B', parent: null, kind: 'khoi' }] } });
      expect(same.body.units).toEqual([{ code: 'KB', state: 'unchanged', changes: [] }]);
      expect(same.body.absent).toEqual(['KB-01', 'KB-02', 'KB-03']);
    });

    it('names what the PUT would refuse, at its row, with the status it would answer', async () => {
      const res = await api('POST', '/api/v1/units/preview', {
        body: { units: [{ code: 'KB-05', name: 'X', parent: 'KB-99', kind: 'chi-bo-co-so' }, { code: 'KB-06', name: 'Y', parent: 'KB', kind: 'chi-bo-co-so', predecessors: ['KB-06'] }] },
      });
      expect(res.body.status).toBe(422);
      expect(res.body.errors.map((e: any) => [e.code, e.path])).toEqual([
        ['unit.unknown-parent', ['units', 0, 'parent']],
        ['unit.predecessor-self', ['units', 1, 'predecessors', 0]],
      ]);
      const kmAdmin = await newKey('KM', 'admin');
      const out = await api('POST', '/api/v1/units/preview', { key: kmAdmin, body: { units: [{ code: 'KB-01', name: 'Z', parent: 'KB', kind: 'dang-bo-co-so' }] } });
      expect(out.body.status).toBe(403);
      expect((await api('POST', '/api/v1/units/preview', { key: keys.reviewer, body: { units: [] } })).status).toBe(403);
    });
  });

  it('every endpoint of the page is in the OpenAPI document', async () => {
    const doc = await api('GET', '/api/v1/openapi.json', { key: null });
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/keys/batch', '/api/v1/keys/{id}/reissue', '/api/v1/audit/{year}/{unit}', '/api/v1/units/preview', '/api/v1/units/{unit}/register']));
    expect(doc.body.paths['/api/v1/keys'].get).toBeDefined();
    expect(doc.body.paths['/api/v1/reports/{year}/{unit}'].get.parameters.map((p: any) => p.name)).toContain('version');
    expect(Object.keys(doc.body.paths['/api/v1/keys/batch'].post.requestBody.content['application/json'].schema.properties)).toEqual(['unit', 'role', 'onlyWithoutKey', 'year', 'label']);
  });

  it('no key: the message says to sign in, in words a user reads (no header names)', async () => {
    const res = await api('GET', '/api/v1/me', { key: null });
    expect(res.body.errors[0].message).not.toMatch(/Authorization|Bearer|tiêu đề/);
    expect(env.DB).toBeDefined();
  });
});
