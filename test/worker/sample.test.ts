import { SELF } from 'cloudflare:test';
import ExcelJS from 'exceljs/dist/exceljs.min.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUBJECTS } from '../../shared';
import { expectFigures } from '../helpers/figures';
import { api, justified, report, sample, sampleExpected, seedSample } from './helpers';

const JUSTIFY: Record<string, Record<string, string>> = {
  'KM-02': { 'branch.excellent-cap': 'Hai chi bộ được Đảng ủy Khối tặng giấy khen.' },
  'KM-04': { 'member.excellent-cap': 'Đơn vị được Bộ Công Thương tặng cờ thi đua, nhiều cá nhân tiêu biểu.' },
  'KM-07': { 'member.group-split': 'Chi bộ nhỏ, chỉ có đảng viên không giữ chức vụ.' },
};

describe('the sample bloc through HTTP only', () => {
  let keys: Awaited<ReturnType<typeof seedSample>>;
  beforeAll(async () => {
    keys = await seedSample();
    for (const year of [2024, 2025]) {
      for (const r of sample.reports[String(year)]!) {
        const body = year === 2025 && JUSTIFY[r.unit] ? { ...r, justifications: JUSTIFY[r.unit] } : r;
        const res = await api('PUT', `/api/v1/reports/${year}/${r.unit}`, { key: keys.unitKeys[r.unit], body });
        if (res.status !== 200) throw new Error(`${year} ${r.unit}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
  });

  it('the bloc view of 2025 has every figure of expected.json, last year and the change', async () => {
    const res = await api('GET', '/api/v1/consolidated/2025/KM', { key: keys.reviewer });
    expect(res.status).toBe(200);
    for (const subject of SUBJECTS) {
      const got = res.body.subjects[subject];
      expectFigures(got, sampleExpected.consolidated['2025'][subject], subject);
      expect(got.previous.percent).toEqual(sampleExpected.consolidated['2024'][subject].percent);
    }
    expect(res.body.rulebook).toBe('qd366-hd43');
    expect(res.body.narrative).toContain('807 đồng chí, bằng 97,82% (tăng 1,19% so với năm 2024');
  });

  it('coverage 12/12, one row per unit in register order', async () => {
    const res = await api('GET', '/api/v1/consolidated/2025/KM', { key: keys.reviewer });
    expect(res.body.coverage).toMatchObject({ expected: 12, submitted: 12, missing: [] });
    expect(res.body.units.map((u: any) => u.unit)).toEqual(sample.units.filter((u) => u.parent).map((u) => u.code));
    expect(res.body.units[3]).toMatchObject({ unit: 'KM-04', status: 'submitted', version: 1 });
    expect(res.body.units[3].tallies.member.levels.excellent).toBe(45);
  });

  it('exactly the expected findings, with the justifications given', async () => {
    const res = await api('GET', '/api/v1/consolidated/2025/KM', { key: keys.reviewer });
    const got = res.body.findings
      .filter((f: any) => f.severity !== 'info')
      .map((f: any) => [f.unit, f.subject, f.group ?? null, f.rule, f.severity].join('|'))
      .sort();
    const want = sampleExpected.findings.map((f: any) => [f.unit, f.subject, f.group ?? null, f.rule, f.severity].join('|')).sort();
    expect(got).toEqual(want);
    const km04 = res.body.findings.filter((f: any) => f.unit === 'KM-04');
    expect(km04.every((f: any) => f.justification === JUSTIFY['KM-04']!['member.excellent-cap'])).toBe(true);
  });

  it('2024: coverage 11/11 (KM-12 exists from 2025), no change without 2023', async () => {
    const res = await api('GET', '/api/v1/consolidated/2024/KM', { key: keys.reviewer });
    expect(res.body.coverage).toMatchObject({ expected: 11, submitted: 11, missing: [] });
    expect(res.body.subjects.member.percent).toEqual(sampleExpected.consolidated['2024'].member.percent);
    expect(res.body.subjects.member.previous).toBeNull();
    expect(res.body.subjects.member.change).toBeNull();
  });

  it('the receipt of a PUT carries the warnings, version and a hash; GET returns what was stored', async () => {
    const res = await api('GET', '/api/v1/reports/2025/KM-04', { key: keys.unitKeys['KM-04'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, status: 'submitted' });
    expect(res.body.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.report.tallies).toEqual(report('KM-04', 2025).tallies);
    expect(res.body.findings.map((f: any) => f.code)).toEqual(['qd366.excellent-cap.member', 'qd366.excellent-cap.member.staff']);
  });

  it('status lists every child with its version and warnings', async () => {
    const res = await api('GET', '/api/v1/status/2025/KM', { key: keys.reviewer });
    expect(res.status).toBe(200);
    expect(res.body.children).toHaveLength(12);
    expect(res.body.children.find((c: any) => c.unit === 'KM-04')).toMatchObject({ status: 'submitted', version: 1, warnings: 2 });
    expect(res.body.locked).toBe(false);
  });
});

describe('GET /api/v1/consolidated/{year}/{unit}.xlsx', () => {
  it('returns the consolidated workbook with the same figures', async () => {
    const { unitKeys, reviewer } = await seedSample();
    for (const r of sample.reports['2025']!) await api('PUT', `/api/v1/reports/2025/${r.unit}`, { key: unitKeys[r.unit], body: justified(r) });
    const res = await SELF.fetch('https://xeploai.test/api/v1/consolidated/2025/KM.xlsx', { headers: { Authorization: `Bearer ${reviewer}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Tổng hợp KM 2025')!;
    let member: unknown[] = [];
    ws.eachRow((row) => {
      if (row.getCell(2).value === 'Đảng viên' && member.length === 0) member = (row.values as unknown[]).slice(2, 8);
    });
    const m = sampleExpected.consolidated['2025'].member;
    expect(member).toEqual(['Đảng viên', m.total, m.rated, m.percent.rated, m.unrated, m.levels.excellent]);
    const unit = await SELF.fetch('https://xeploai.test/api/v1/consolidated/2025/KM.xlsx', { headers: { Authorization: `Bearer ${unitKeys['KM-01']}` } });
    expect(unit.status).toBe(403);
  });
});
