import { describe, expect, it } from 'vitest';
import { consolidateReports, consolidateSums, crossUnitFindings, emptySums, limitations, narrative, rulebookFor, sumReports, countRowsOf, consolidatedFigures, SUBJECTS } from '../../shared';
import { baseReport, edit } from '../helpers/reports';
import { loadSample } from '../helpers/sample';

const { input } = loadSample();
const r2024 = input.reports['2024']!;
const r2025 = input.reports['2025']!;

describe('consolidation', () => {
  it('the narrative prints the figures of the tables, in numbered paragraphs in the voice of a bloc report', () => {
    const view = consolidateReports({ unit: 'KM', year: 2025, reports: r2025, previousReports: r2024 });
    const paragraphs = view.narrative.split('\n\n');
    // four numbered subjects, then coverage
    expect(paragraphs).toHaveLength(5);
    expect(paragraphs.slice(0, 4).map((p) => p.slice(0, 3))).toEqual(['1. ', '2. ', '3. ', '4. ']);
    expect(paragraphs[4]).toBe('Đã có báo cáo của 12/12 đơn vị.');
    expect(paragraphs[3]).toContain(
      'Số đảng viên hoàn thành tốt nhiệm vụ trở lên là 807 đồng chí, bằng 97,82% (tăng 1,19% so với năm 2024, trong đó 139 đồng chí hoàn thành xuất sắc nhiệm vụ, đạt 17,22% so với số hoàn thành tốt nhiệm vụ trở lên)',
    );
    expect(paragraphs[3]).toContain('; 16 đồng chí hoàn thành nhiệm vụ, bằng 1,94% (giảm 0,93% so với năm 2024)');
    expect(paragraphs[3]).toContain('4. Đảng viên: tổng số đảng viên là 845 đồng chí; đã đánh giá, xếp loại 825 đồng chí, bằng 97,63%; 20 đồng chí do mới kết nạp chưa đủ 6 tháng chưa đánh giá, xếp loại');
    // counts under 10 with a leading zero, unrated with their reason
    expect(paragraphs[1]).toContain('2. Tổ chức cơ sở đảng: tổng số TCCSĐ là 12; đã đánh giá, xếp loại 11 TCCSĐ, bằng 91,67%; 01 TCCSĐ do mới thành lập chưa đánh giá, xếp loại.');
    expect(paragraphs[1]).toContain('trong đó 03 TCCSĐ hoàn thành xuất sắc nhiệm vụ, đạt 30% so với số hoàn thành tốt nhiệm vụ trở lên); 01 TCCSĐ hoàn thành nhiệm vụ, bằng 9,09% (giảm 9,09% so với năm 2024); không có TCCSĐ không hoàn thành nhiệm vụ.');
    expect(paragraphs[0]).toContain('là 06, bằng 75% (giảm 12,5% so với năm 2024');
    // zero counts read "không có …", with last year's change when there was one
    expect(paragraphs[2]).toContain('không có chi bộ trực thuộc hoàn thành nhiệm vụ (giảm 5% so với năm 2024); không có chi bộ trực thuộc không hoàn thành nhiệm vụ.');
    expect(view.narrative).not.toMatch(/là 0\b|\b0 (tổ chức|đồng chí|TCCSĐ)|bằng 0%|đạt 0%/);
  });

  it('without last year, the prose has no change and `change` is null', () => {
    const view = consolidateReports({ unit: 'KM', year: 2024, reports: r2024 });
    expect(view.narrative).not.toMatch(/so với năm/);
    for (const s of SUBJECTS) expect(view.subjects[s].change).toBeNull();
  });

  it('an empty subject reads as such, with null percentages', () => {
    const f = consolidatedFigures(emptySums(), null);
    expect(f.branch.percent.rated).toBeNull();
    expect(narrative(f, 2025)).toContain('3. Chi bộ trực thuộc đảng ủy cơ sở: không có chi bộ trực thuộc thuộc diện đánh giá, xếp loại.');
  });

  it('a year of zeros reads naturally: "không có …", never "là 0" or "0%"', () => {
    // a bloc of chi bộ cơ sở: no chi bộ trực thuộc, no committee, nobody excellent or failing
    const reports = r2025.filter((r) => r.tallies.branch.total === 0).map((r) =>
      edit(r, (x) => {
        x.tallies.committee = { total: 0, unrated: {}, levels: { excellent: 0, good: 0, complete: 0, incomplete: 0 } };
        const m = x.tallies.member;
        m.levels.good += m.levels.excellent + m.levels.incomplete;
        m.levels.excellent = 0;
        m.levels.incomplete = 0;
        delete m.groups;
        x.tallies.organization.levels = { excellent: 0, good: 1, complete: 0, incomplete: 0 };
        x.tallies.organization.total = 1;
        x.tallies.organization.unrated = {};
      }),
    );
    const text = consolidateReports({ unit: 'KM', year: 2025, reports }).narrative;
    expect(text).toContain('1. Tập thể cấp ủy cơ sở: không có tập thể cấp ủy thuộc diện đánh giá, xếp loại.');
    expect(text).toContain('trong đó không có TCCSĐ hoàn thành xuất sắc nhiệm vụ); không có TCCSĐ hoàn thành nhiệm vụ; không có TCCSĐ không hoàn thành nhiệm vụ.');
    expect(text).toContain('trong đó không có đảng viên hoàn thành xuất sắc nhiệm vụ)');
    expect(text).toMatch(/tổng số TCCSĐ là 0\d; đã đánh giá, xếp loại 0\d TCCSĐ, bằng 100%\./);
    expect(text).not.toMatch(/là 0\b|\b0 (tập thể|TCCSĐ|chi bộ|đồng chí)|bằng 0%|đạt 0%|không thay đổi/);
  });

  it('last year\'s base is named when the register changed', () => {
    const view = consolidateReports({ unit: 'KM', year: 2025, reports: r2025, previousReports: r2024 });
    const names = { 'KM-12': 'Chi bộ Công ty Xổ số' };
    const text = narrative(view.subjects, 2025, { coverage: view.coverage, previousBase: { year: 2024, units: 11, reports: 11, missing: ['KM-12'], missingCount: 1 }, names });
    expect(text.split('\n\n')).toHaveLength(5);
    expect(text.split('\n\n')[4]).toBe(
      'Đã có báo cáo của 12/12 đơn vị. Tỷ lệ tăng, giảm so với năm 2024 tính trên cùng 11 đơn vị (11 báo cáo năm 2024); 01 đơn vị không có số liệu năm 2024 để so sánh: Chi bộ Công ty Xổ số.',
    );
    const returned = narrative(view.subjects, 2025, { coverage: { expected: 12, submitted: 11, missing: ['KM-09'], returned: ['KM-04'] }, names: { 'KM-04': 'Đảng bộ Công ty Điện lực', 'KM-09': 'Chi bộ Sở Ngoại vụ' } });
    expect(returned).toContain('Đã có báo cáo của 11/12 đơn vị; 01 đơn vị có báo cáo bị trả lại: Đảng bộ Công ty Điện lực (số liệu vẫn tính cho đến khi đơn vị gửi lại); 01 đơn vị chưa gửi báo cáo: Chi bộ Sở Ngoại vụ.');
  });

  it('"Hạn chế" in the report\'s words: the findings across units, the justifications, who has not reported', () => {
    const expected = input.units.filter((u) => u.parent === 'KM').map((u) => ({ code: u.code, name: u.name }));
    const reports = r2025.filter((r) => r.unit !== 'KM-05' && r.unit !== 'KM-09');
    const km04 = reports.findIndex((r) => r.unit === 'KM-04');
    reports[km04] = { ...reports[km04]!, justifications: { 'member.excellent-cap': 'Đơn vị được Tỉnh ủy tặng Bằng khen.' } };
    const view = consolidateReports({ unit: 'KM', year: 2025, reports, expected });
    const names = Object.fromEntries(expected.map((u) => [u.code, u.name]));
    const text = limitations(view, { names, capRatio: 0.2 }).join('\n');
    expect(text).toContain('Việc xếp loại đảng viên hoàn thành xuất sắc nhiệm vụ ở 01 đơn vị (Đảng bộ Công ty Điện lực) vượt tỷ lệ 20% quy định');
    expect(text).toContain('việc xếp loại đảng viên hoàn thành xuất sắc nhiệm vụ theo nhóm chức vụ ở 01 đơn vị (Đảng bộ Công ty Điện lực) chưa bảo đảm tỷ lệ 20% quy định (nhóm không giữ chức vụ)');
    expect(text).toContain('ở 01 đơn vị (Chi bộ Ban Dân tộc) chưa phân theo 03 nhóm');
    expect(text).toContain('có 01 đảng ủy cơ sở (Đảng bộ Sở Y tế) xếp loại chi bộ trực thuộc hoàn thành xuất sắc nhiệm vụ vượt tỷ lệ 20% quy định');
    expect(text).toContain('Các đơn vị đã giải trình: Đảng bộ Công ty Điện lực (“Đơn vị được Tỉnh ủy tặng Bằng khen.”)');
    expect(text).toContain('02 đơn vị chưa gửi báo cáo: Đảng bộ Trường Cao đẳng Nghề, Chi bộ Sở Ngoại vụ');
    expect(text).not.toContain('không phát hiện');
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
