import { beforeAll, describe, expect, it } from 'vitest';
import { api, count, report, seedSample } from './helpers';

describe('versions, concurrency, approval and locking', () => {
  let keys: Awaited<ReturnType<typeof seedSample>>;
  const put = (unit: string, body: unknown, headers: Record<string, string> = {}) =>
    api('PUT', `/api/v1/reports/2025/${unit}`, { key: keys.unitKeys[unit], body, headers });
  beforeAll(async () => {
    keys = await seedSample();
  });

  it('two PUTs with the same If-Match → exactly one 409', async () => {
    expect((await put('KM-01', report('KM-01', 2025))).body.version).toBe(1);
    const a = report('KM-01', 2025);
    const b = report('KM-01', 2025);
    b.tallies.member.levels.good -= 1;
    b.tallies.member.levels.complete += 1;
    b.tallies.member.groups!.staff!.good -= 1;
    b.tallies.member.groups!.staff!.complete += 1;
    const [r1, r2] = await Promise.all([put('KM-01', a, { 'If-Match': '1' }), put('KM-01', b, { 'If-Match': '1' })]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const lost = r1.status === 409 ? r1 : r2;
    expect(lost.body.errors[0].code).toBe('report.stale');
    const hist = await api('GET', '/api/v1/reports/2025/KM-01', { key: keys.unitKeys['KM-01'] });
    expect(hist.body.history.map((h: any) => h.version)).toEqual([1, 2]);
  });

  it('a stale If-Match → 409 naming the current version', async () => {
    const res = await put('KM-01', report('KM-01', 2025), { 'If-Match': '1' });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].message).toContain('phiên bản 2');
  });

  it('a repeated Idempotency-Key stores once and answers the same', async () => {
    const before = await count('report_versions');
    const first = await put('KM-02', report('KM-02', 2025), { 'Idempotency-Key': 'km02-2025-a' });
    const again = await put('KM-02', report('KM-02', 2025), { 'Idempotency-Key': 'km02-2025-a' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await count('report_versions')).toBe(before + 1);
    const other = report('KM-02', 2025);
    other.justifications = { 'branch.excellent-cap': 'Hai chi bộ tiêu biểu' };
    const conflict = await put('KM-02', other, { 'Idempotency-Key': 'km02-2025-a' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.errors[0].code).toBe('report.idempotency-conflict');
  });

  it('accepted versions are never overwritten: history lists every version, GET the latest', async () => {
    await put('KM-03', report('KM-03', 2025));
    const v2 = report('KM-03', 2025);
    v2.justifications = { 'member.excellent-cap': 'x' };
    await put('KM-03', v2);
    const res = await api('GET', '/api/v1/reports/2025/KM-03', { key: keys.unitKeys['KM-03'] });
    expect(res.body.version).toBe(2);
    expect(res.body.history).toHaveLength(2);
    expect(res.body.history[0]).toMatchObject({ version: 1, keyId: expect.any(String) });
    expect(res.body.report.justifications).toEqual({ 'member.excellent-cap': 'x' });
  });

  it('approve, then a PUT → 409; return with a reason, resubmit → 200, status submitted again', async () => {
    await put('KM-05', report('KM-05', 2025));
    const approve = await api('POST', '/api/v1/status/2025/KM-05/approve', { key: keys.reviewer });
    expect(approve.status).toBe(200);
    expect(approve.body).toMatchObject({ status: 'approved', version: 1 });
    const blocked = await put('KM-05', report('KM-05', 2025));
    expect(blocked.status).toBe(409);
    expect(blocked.body.errors[0].code).toBe('report.approved');
    const noReason = await api('POST', '/api/v1/status/2025/KM-05/return', { key: keys.reviewer, body: {} });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toEqual(['reason']);
    const ret = await api('POST', '/api/v1/status/2025/KM-05/return', { key: keys.reviewer, body: { reason: 'Số chi bộ chưa khớp với báo cáo của Ban Tổ chức' } });
    expect(ret.status).toBe(200);
    const st = await api('GET', '/api/v1/status/2025/KM', { key: keys.reviewer });
    expect(st.body.children.find((c: any) => c.unit === 'KM-05')).toMatchObject({ status: 'returned', reason: 'Số chi bộ chưa khớp với báo cáo của Ban Tổ chức' });
    const again = await put('KM-05', report('KM-05', 2025));
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);
    const st2 = await api('GET', '/api/v1/status/2025/KM', { key: keys.reviewer });
    expect(st2.body.children.find((c: any) => c.unit === 'KM-05')).toMatchObject({ status: 'submitted', version: 2, reason: null });
    const hist = await api('GET', '/api/v1/reports/2025/KM-05', { key: keys.unitKeys['KM-05'] });
    expect(hist.body.history.map((h: any) => h.version)).toEqual([1, 2]);
  });

  it('approving a version that is no longer the latest → 409', async () => {
    await put('KM-06', report('KM-06', 2025));
    await put('KM-06', report('KM-06', 2025));
    const res = await api('POST', '/api/v1/status/2025/KM-06/approve', { key: keys.reviewer, body: { version: 1 } });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].code).toBe('status.version');
  });

  it('a locked period → 409 for every unit below; unlocked → accepted again', async () => {
    // units are still open (missing, not approved): a lock needs force and a reason
    const refused = await api('POST', '/api/v1/periods/2025/KM/lock', { key: keys.reviewer });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('period.open-items');
    expect(refused.body.errors.map((e: any) => e.path?.[1]).filter(Boolean)).toContain('KM-08');
    expect((await api('POST', '/api/v1/periods/2025/KM/lock', { key: keys.reviewer, body: { force: true } })).status).toBe(422);
    const lock = await api('POST', '/api/v1/periods/2025/KM/lock', { key: keys.reviewer, body: { force: true, reason: 'Hết hạn nộp báo cáo' } });
    expect(lock.status).toBe(200);
    expect(lock.body.forced).toBe(true);
    const res = await put('KM-08', report('KM-08', 2025));
    expect(res.status).toBe(409);
    expect(res.body.errors[0]).toMatchObject({ code: 'report.locked', message: expect.stringContaining('KM') });
    expect((await api('GET', '/api/v1/status/2025/KM', { key: keys.reviewer })).body.locked).toBe(true);
    expect((await api('GET', '/api/v1/reports/2025/KM-08', { key: keys.unitKeys['KM-08'] })).status).toBe(404);
    // unlock takes a reason
    expect((await api('POST', '/api/v1/periods/2025/KM/unlock', { key: keys.reviewer })).status).toBe(422);
    expect((await api('POST', '/api/v1/periods/2025/KM/unlock', { key: keys.reviewer, body: { reason: 'Đơn vị KM-08 cần sửa số liệu' } })).status).toBe(200);
    expect((await put('KM-08', report('KM-08', 2025))).status).toBe(200);
    expect((await api('POST', '/api/v1/periods/2025/KM/unlock', { key: keys.reviewer, body: { reason: 'lần hai' } })).status).toBe(409);
  });

  it('a unit key cannot lock', async () => {
    expect((await api('POST', '/api/v1/periods/2025/KM-09/lock', { key: keys.unitKeys['KM-09'] })).status).toBe(403);
  });
});
