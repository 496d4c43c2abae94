import { beforeAll, describe, expect, it } from 'vitest';
import type { UnitReport } from '../../shared';
import { api, newKey, putUnits } from './helpers';

/** A small report with `m` members, all good. */
function small(unit: string, year: number, m: number): UnitReport {
  const lv = (good: number) => ({ excellent: 0, good, complete: 0, incomplete: 0 });
  return {
    unit,
    year,
    tallies: {
      committee: { total: 0, unrated: {}, levels: lv(0) },
      organization: { total: 1, unrated: {}, levels: lv(1) },
      branch: { total: 0, unrated: {}, levels: lv(0) },
      member: { total: m, unrated: {}, levels: lv(m), groups: { leader: lv(1), manager: lv(1), staff: lv(m - 2) } },
    },
  };
}

describe('a hierarchy of any depth', () => {
  let root: string;
  beforeAll(async () => {
    // country → 2 provinces → blocs/districts → grassroots units, 4 levels below the root
    const res = await putUnits([
      { code: 'T1-K1-01', name: 'Chi bộ 1', parent: 'T1-K1', kind: 'chi-bo-co-so' }, // a child may come before its parent
      { code: 'VN', name: 'Trung ương (mô phỏng)', parent: null, kind: 'other' },
      { code: 'T1', name: 'Tỉnh Một', parent: 'VN', kind: 'tinh' },
      { code: 'T2', name: 'Tỉnh Hai', parent: 'VN', kind: 'tinh' },
      { code: 'T1-K1', name: 'Đảng ủy Khối Một', parent: 'T1', kind: 'khoi' },
      { code: 'T1-K1-02', name: 'Chi bộ 2', parent: 'T1-K1', kind: 'chi-bo-co-so' },
      { code: 'T1-H1', name: 'Huyện ủy Một', parent: 'T1', kind: 'huyen' },
      { code: 'T1-H1-01', name: 'Chi bộ Xã A', parent: 'T1-H1', kind: 'chi-bo-co-so' },
      { code: 'T2-K1', name: 'Đảng ủy Khối Hai', parent: 'T2', kind: 'khoi' },
      { code: 'T2-K1-01', name: 'Chi bộ B', parent: 'T2-K1', kind: 'chi-bo-co-so', to: 2024 },
      { code: 'T2-K1-02', name: 'Chi bộ C', parent: 'T2-K1', kind: 'chi-bo-co-so' },
    ]);
    expect(res.status).toBe(200);
    root = await newKey('VN', 'reviewer');
    const sizes: Record<string, number> = { 'T1-K1-01': 10, 'T1-K1-02': 20, 'T1-H1-01': 30, 'T2-K1-02': 40 };
    for (const [unit, m] of Object.entries(sizes)) {
      const r = await api('PUT', `/api/v1/reports/2025/${unit}`, { body: small(unit, 2025, m) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  });

  it('the root view sums every level below it; its rows are its children', async () => {
    const res = await api('GET', '/api/v1/consolidated/2025/VN', { key: root });
    expect(res.status).toBe(200);
    expect(res.body.subjects.member.total).toBe(100);
    expect(res.body.coverage).toMatchObject({ expected: 4, submitted: 4, missing: [] }); // T2-K1-01 closed in 2024
    expect(res.body.units.map((u: any) => [u.unit, u.status, u.tallies?.member.total])).toEqual([
      ['T1', 'submitted', 60],
      ['T2', 'submitted', 40],
    ]);
  });

  it('a province and a bloc see their own subtree', async () => {
    const t1 = await api('GET', '/api/v1/consolidated/2025/T1', { key: root });
    expect(t1.body.subjects.member.total).toBe(60);
    const k1 = await api('GET', '/api/v1/consolidated/2025/T1-K1', { key: root });
    expect(k1.body.subjects.member.total).toBe(30);
    expect(k1.body.units.map((u: any) => u.unit)).toEqual(['T1-K1-01', 'T1-K1-02']);
  });

  it('a missing unit is named in coverage at every level above it', async () => {
    await putUnits([{ code: 'T1-K1-03', name: 'Chi bộ 3', parent: 'T1-K1', kind: 'chi-bo-co-so' }]);
    const res = await api('GET', '/api/v1/consolidated/2025/VN', { key: root });
    expect(res.body.coverage).toMatchObject({ expected: 5, submitted: 4, missing: ['T1-K1-03'] });
    expect(res.body.units[0]).toMatchObject({ unit: 'T1', status: 'missing' });
  });

  it('reparenting moves the subtree and its figures', async () => {
    const res = await putUnits([{ code: 'T1-K1', name: 'Đảng ủy Khối Một', parent: 'T2', kind: 'khoi' }]);
    expect(res.status).toBe(200);
    const t2 = await api('GET', '/api/v1/consolidated/2025/T2', { key: root });
    expect(t2.body.subjects.member.total).toBe(70);
    const t1 = await api('GET', '/api/v1/consolidated/2025/T1', { key: root });
    expect(t1.body.subjects.member.total).toBe(30);
    const unit = await api('GET', '/api/v1/units/T2', { key: root });
    // register order: T1-K1 was listed before T2-K1
    expect(unit.body.children.map((c: any) => c.code)).toEqual(['T1-K1', 'T2-K1']);
  });

  it('a province reviewer cannot see the other province', async () => {
    const t1 = await newKey('T1', 'reviewer');
    expect((await api('GET', '/api/v1/consolidated/2025/T2', { key: t1 })).status).toBe(403);
  });
});
