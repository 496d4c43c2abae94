import { beforeAll, describe, expect, it } from 'vitest';
import { api, newKey, report, seedSample } from './helpers';

describe('policy per consolidating unit and year', () => {
  let keys: Awaited<ReturnType<typeof seedSample>>;
  let admin: string;
  beforeAll(async () => {
    keys = await seedSample();
    admin = await newKey('KM', 'admin');
  });

  it('defaults come from the rulebook of the year', async () => {
    const res = await api('GET', '/api/v1/policy/2025/KM', { key: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rulebook: 'qd366-hd43', setBy: null, policy: { capRatio: 0.2, capDenominator: 'goodOrBetter', groupSplitRequired: true } });
  });

  it('a bloc policy applies to its units’ reports and to its consolidated view', async () => {
    const put = await api('PUT', '/api/v1/policy/2025/KM', { key: admin, body: { capRatio: 0.25, groupSplitRequired: false } });
    expect(put.status).toBe(200);
    expect(put.body.policy).toMatchObject({ capRatio: 0.25, groupSplitRequired: false, capDenominator: 'goodOrBetter' });
    const km04 = await api('PUT', '/api/v1/reports/2025/KM-04', { key: keys.unitKeys['KM-04'], body: report('KM-04', 2025) });
    expect(km04.status).toBe(200);
    // 45 of 187 = 24,06% passes a 25% cap; the staff group (33 of 123 = 26,8%) still does not
    expect(km04.body.findings.filter((f: any) => f.severity === 'warning').map((f: any) => f.code)).toEqual(['qd366.excellent-cap.member.staff']);
    const km07 = await api('PUT', '/api/v1/reports/2025/KM-07', { key: keys.unitKeys['KM-07'], body: report('KM-07', 2025) });
    expect(km07.body.findings.filter((f: any) => f.severity === 'warning')).toEqual([]);
    const unitPolicy = await api('GET', '/api/v1/policy/2025/KM-04', { key: admin });
    expect(unitPolicy.body.setBy).toBe('KM');
  });

  it('bad policy values → 422 naming the field; only admins set policy', async () => {
    const bad = await api('PUT', '/api/v1/policy/2025/KM', { key: admin, body: { capRatio: 2, capDenominator: 'all' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.path[0]).sort()).toEqual(['capDenominator', 'capRatio']);
    expect((await api('PUT', '/api/v1/policy/2025/KM', { key: keys.reviewer, body: { capRatio: 0.3 } })).status).toBe(403);
  });
});
