import { describe, expect, it } from 'vitest';
import { consolidateReports, consolidateSums, crossUnitFindings, emptySums, narrative, rulebookFor, sumReports, countRowsOf, consolidatedFigures, SUBJECTS } from '../../shared';
import { baseReport, edit } from '../helpers/reports';
import { loadSample } from '../helpers/sample';

const { input } = loadSample();
const r2024 = input.reports['2024']!;
const r2025 = input.reports['2025']!;

describe('consolidation', () => {
  it('the narrative prints the figures of the tables, in the style of a bloc report', () => {
    const view = consolidateReports({ unit: 'KM', year: 2025, reports: r2025, previousReports: r2024 });
    const paragraphs = view.narrative.split('\n\n');
    // four subjects, then coverage
    expect(paragraphs).toHaveLength(5);
    expect(paragraphs[4]).toBe('Đã có báo cáo của 12/12 đơn vị.');
    expect(paragraphs[3]).toContain(
      'Số đảng viên được đánh giá, xếp loại chất lượng hoàn thành tốt nhiệm vụ trở lên là 807 đồng chí, bằng 97,82% (tăng 1,19% so với năm 2024, trong đó hoàn thành xuất sắc nhiệm vụ là 139 đồng chí, đạt 17,22% so với số hoàn thành tốt nhiệm vụ trở lên)',
    );
    expect(paragraphs[3]).toContain('hoàn thành nhiệm vụ là 16 đồng chí, bằng 1,94% (giảm 0,93%)');
    expect(paragraphs[3]).toContain('Tổng số đảng viên là 845 đồng chí, trong đó đã đánh giá, xếp loại 825 đồng chí, bằng 97,63%');
    expect(paragraphs[1]).toContain('(mới thành lập chưa đủ 6 tháng)');
    expect(paragraphs[0]).toContain('bằng 75% (giảm 12,5% so với năm 2024');
    expect(paragraphs[2]).toContain('không có chi bộ trực thuộc đảng ủy cơ sở hoàn thành nhiệm vụ');
  });

  it('without last year, the prose has no change and `change` is null', () => {
    const view = consolidateReports({ unit: 'KM', year: 2024, reports: r2024 });
    expect(view.narrative).not.toMatch(/so với năm/);
    for (const s of SUBJECTS) expect(view.subjects[s].change).toBeNull();
  });

  it('an empty subject reads as such, with null percentages', () => {
    const f = consolidatedFigures(emptySums(), null);
    expect(f.branch.percent.rated).toBeNull();
    expect(narrative(f, 2025)).toContain('không có chi bộ trực thuộc đảng ủy cơ sở thuộc diện đánh giá, xếp loại');
  });

  it('count rows (the Worker’s SQL shape): one per subject, one per member group', () => {
    const rows = r2025.flatMap((r) => countRowsOf(r));
    expect(rows.filter((r) => r.group === '')).toHaveLength(4 * r2025.length);
    expect(rows.filter((r) => r.group === '' && r.subject === 'member').reduce((n, r) => n + r.total, 0)).toBe(sumReports(r2025).member.total);
    const km04 = countRowsOf(r2025.find((r) => r.unit === 'KM-04')!);
    expect(km04.find((r) => r.group === 'staff')).toMatchObject({ subject: 'member', excellent: 33 });
  });

  it('coverage names the missing units; their rows say so', () => {
    const expected = input.units.filter((u) => u.parent === 'KM').map((u) => ({ code: u.code, name: u.name }));
    const view = consolidateReports({ unit: 'KM', year: 2025, reports: r2025.filter((r) => r.unit !== 'KM-05' && r.unit !== 'KM-09'), expected });
    expect(view.coverage).toEqual({ expected: 12, submitted: 10, missing: ['KM-05', 'KM-09'] });
    expect(view.units.find((u) => u.unit === 'KM-05')).toMatchObject({ status: 'missing', version: null, tallies: null });
  });

  it('cross-unit cap: organisations over 20% at the consolidating unit, committees not', () => {
    const fs = crossUnitFindings({ unit: 'KM', sums: sumReports(r2025), policy: rulebookFor(2025).defaultPolicy, rulebook: rulebookFor(2025) });
    expect(fs.filter((f) => f.severity === 'warning').map((f) => f.code)).toEqual(['qd366.excellent-cap.organization']);
  });

  it('cross-unit findings follow the policy scopes', () => {
    const policy = { ...rulebookFor(2025).defaultPolicy, capScopes: ['member.consolidating' as const] };
    const fs = crossUnitFindings({ unit: 'KM', sums: sumReports(r2025), policy, rulebook: rulebookFor(2025) });
    expect(fs.filter((f) => f.rule === 'excellent-cap')).toEqual([]);
  });

  it('justifications travel with the unit findings into the consolidated view', () => {
    const reports = r2025.map((r) => (r.unit === 'KM-04' ? edit(r, (x) => (x.justifications = { 'member.excellent-cap': 'Đơn vị đạt danh hiệu thi đua xuất sắc' })) : r));
    const view = consolidateReports({ unit: 'KM', year: 2025, reports });
    const f = view.findings.filter((x) => x.unit === 'KM-04');
    expect(f.map((x) => x.justification)).toEqual(['Đơn vị đạt danh hiệu thi đua xuất sắc', 'Đơn vị đạt danh hiệu thi đua xuất sắc']);
  });

  it('consolidateSums takes what the Worker passes: sums, coverage and the unit rows', () => {
    const view = consolidateSums({
      unit: 'KM',
      year: 2025,
      current: sumReports([baseReport()]),
      previous: null,
      coverage: { expected: 1, submitted: 1, missing: [] },
      units: [{ unit: 'KM-01', name: 'Đảng bộ Sở Tài chính', status: 'approved', version: 3, tallies: baseReport().tallies }],
      unitFindings: [],
    });
    expect(view.units[0]).toMatchObject({ unit: 'KM-01', status: 'approved', version: 3 });
    expect(view.rulebook).toBe('qd366-hd43');
    expect(view.subjects.member.total).toBe(62);
  });
});
