import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, newKey, putUnits, report, seedSample } from './helpers';

describe('authorisation by scoped keys', () => {
  let keys: Awaited<ReturnType<typeof seedSample>>;
  beforeAll(async () => {
    keys = await seedSample();
  });

  it('no key → 401 with the envelope, in Vietnamese', async () => {
    const res = await api('GET', '/api/v1/reports/2025/KM-01', { key: null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ ok: false, errors: [{ code: 'auth.missing', message: expect.stringContaining('Thiếu khóa truy cập') }] });
  });

  it('a wrong key → 401; English with Accept-Language: en', async () => {
    const res = await api('GET', '/api/v1/reports/2025/KM-01', { key: 'xl_0123456789abcdef_notarealsecretnotarealsecret', headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ code: 'auth.invalid', message: expect.stringContaining('invalid or revoked') });
  });

  it("another unit's key → 403", async () => {
    const res = await api('PUT', '/api/v1/reports/2025/KM-02', { key: keys.unitKeys['KM-01'], body: report('KM-02', 2025) });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].code).toBe('auth.scope');
    const read = await api('GET', '/api/v1/reports/2025/KM-02', { key: keys.unitKeys['KM-01'] });
    expect(read.status).toBe(403);
  });

  it("a unit key cannot read the bloc's consolidated view, status, or approve", async () => {
    expect((await api('GET', '/api/v1/consolidated/2025/KM', { key: keys.unitKeys['KM-01'] })).status).toBe(403);
    expect((await api('GET', '/api/v1/status/2025/KM', { key: keys.unitKeys['KM-01'] })).status).toBe(403);
    expect((await api('POST', '/api/v1/status/2025/KM-01/approve', { key: keys.unitKeys['KM-01'] })).status).toBe(403);
  });

  it('a reviewer cannot approve its own unit, only a parent can', async () => {
    const own = await newKey('KM-01', 'reviewer');
    await api('PUT', '/api/v1/reports/2025/KM-01', { key: keys.unitKeys['KM-01'], body: report('KM-01', 2025) });
    const self = await api('POST', '/api/v1/status/2025/KM-01/approve', { key: own });
    expect(self.status).toBe(403);
    expect(self.body.errors[0].code).toBe('auth.parent');
    expect((await api('POST', '/api/v1/status/2025/KM-01/approve', { key: keys.reviewer })).status).toBe(200);
  });

  it('GET /api/v1/me tells a key its unit and role', async () => {
    const me = await api('GET', '/api/v1/me', { key: keys.reviewer });
    expect(me.body).toMatchObject({ unit: 'KM', role: 'reviewer' });
    expect((await api('GET', '/api/v1/me')).body).toMatchObject({ unit: null, role: 'admin', keyId: 'bootstrap' });
  });

  it('a revoked key → 401 at once', async () => {
    const key = await newKey('KM-03', 'unit');
    expect((await api('GET', '/api/v1/units/KM-03', { key })).status).toBe(200);
    const id = key.split('_')[1];
    const del = await api('DELETE', `/api/v1/keys/${id}`);
    expect(del.status).toBe(200);
    const after = await api('GET', '/api/v1/units/KM-03', { key });
    expect(after.status).toBe(401);
    expect(after.body.errors[0].code).toBe('auth.invalid');
  });

  it('keys are stored only as salted hashes', async () => {
    const key = await newKey('KM-05', 'unit');
    const [, id, secret] = key.match(/^xl_([0-9a-f]{16})_(.+)$/)!;
    const row = await env.DB.prepare('SELECT * FROM api_keys WHERE id = ?').bind(id).first<Record<string, string>>();
    expect(row).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(secret!.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
  });

  it('only admins issue keys, within their subtree, up to their own role', async () => {
    const unitKey = keys.unitKeys['KM-01']!;
    expect((await api('POST', '/api/v1/keys', { key: unitKey, body: { unit: 'KM-01', role: 'unit' } })).status).toBe(403);
    await putUnits([{ code: 'KX', name: 'Đảng ủy Khối khác', parent: null, kind: 'khoi' }]);
    const kmAdmin = await newKey('KM', 'admin');
    const outside = await api('POST', '/api/v1/keys', { key: kmAdmin, body: { unit: 'KX', role: 'unit' } });
    expect(outside.status).toBe(403);
    const inside = await api('POST', '/api/v1/keys', { key: kmAdmin, body: { unit: 'KM-02', role: 'reviewer' } });
    expect(inside.status).toBe(201);
    expect(inside.body).toMatchObject({ unit: 'KM-02', role: 'reviewer', key: expect.stringMatching(/^xl_/) });
  });

  it('a scoped admin cannot change units outside its subtree', async () => {
    const kmAdmin = await newKey('KM', 'admin');
    const res = await putUnits([{ code: 'KX-01', name: 'Chi bộ X', parent: 'KX', kind: 'chi-bo-co-so' }], kmAdmin);
    expect(res.status).toBe(403);
    expect(res.body.errors[0].code).toBe('unit.out-of-scope');
    const ok = await putUnits([{ code: 'KM-13', name: 'Chi bộ Mới', parent: 'KM', kind: 'chi-bo-co-so', from: 2026 }], kmAdmin);
    expect(ok.status).toBe(200);
  });

  it('every write is audited with the key that made it', async () => {
    const rows = await env.DB.prepare("SELECT action, key_id FROM audit WHERE action IN ('keys.create', 'keys.revoke', 'units.put', 'reports.put')").all<{ action: string; key_id: string }>();
    const actions = new Set(rows.results.map((r: { action: string }) => r.action));
    expect(actions).toEqual(new Set(['keys.create', 'keys.revoke', 'units.put', 'reports.put']));
    expect(rows.results.some((r: { key_id: string }) => r.key_id === 'bootstrap')).toBe(true);
  });

  it('CORS: the configured origins only', async () => {
    const own = await api('GET', '/api/v1/health', { key: null, headers: { Origin: 'https://xeploai.test' } });
    expect(own.headers.get('Access-Control-Allow-Origin')).toBe('https://xeploai.test');
    const other = await api('GET', '/api/v1/health', { key: null, headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

});
