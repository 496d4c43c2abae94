import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { byTypeOf, consolidateReports, LEVELS, SUBJECTS, UNTYPED_LABEL } from '../../shared';
import { reportContent, reportDocx } from '../../shared/report';
import { sampleView } from '../helpers/report-view';
import { loadSample } from '../helpers/sample';

describe('the report: breakdown by kind, content, .docx', () => {
  it('byType: the four subjects by loại hình sum to the totals; units without a type are named as such', () => {
    const view = sampleView(2025);
    expect(view.byType!.map((t) => t.label)).toEqual(['Cơ quan Đảng, MTTQ và đoàn thể', 'Cơ quan nhà nước', 'Đơn vị sự nghiệp', 'Doanh nghiệp nhà nước']);
    for (const s of SUBJECTS) {
      expect(view.byType!.reduce((n, t) => n + t.subjects[s].total, 0)).toBe(view.subjects[s].total);
      for (const l of LEVELS) expect(view.byType!.reduce((n, t) => n + t.subjects[s].levels[l], 0)).toBe(view.subjects[s].levels[l]);
    }
    const untyped = byTypeOf(consolidateReports({ unit: 'KM', year: 2025, reports: loadSample().input.reports['2025']! }).units);
    expect(untyped.map((t) => [t.type, t.label, t.units])).toEqual([[null, UNTYPED_LABEL, 12]]);
    // a missing unit counts in no row
    const partial = sampleView(2025, { drop: ['KM-04'] });
    expect(partial.byType!.find((t) => t.type === 'doanh-nghiep-nha-nuoc')!.units).toBe(1);
  });

  it('content: header from the register, the opening names the regulation, the committee’s own prose left as marked places', () => {
    const c = reportContent(sampleView(2025));
    expect(c.header).toMatchObject({ superior: 'ĐẢNG BỘ TỈNH MẪU', issuer: 'ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH MẪU', placeDate: '…, ngày … tháng … năm …' });
    expect(c.signature).toMatchObject({ onBehalf: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ' });
    expect(c.opening[0]![0]!.text).toContain('Thực hiện Quy định 366-QĐ/TW ngày 30/8/2025 và Hướng dẫn 43-HD/BTCTW ngày 31/10/2025');
    const fills = [...c.opening, ...c.sections.flatMap((s) => s.paragraphs)].flat().filter((s) => s.fill);
    expect(fills.map((f) => f.text.slice(0, 22))).toEqual(['[Phần do cấp ủy viết: ', '[Phần do cấp ủy viết: ', '[Phần do cấp ủy viết: ']);
    // without a superior in the register, a place to fill, never a bloc's name
    const top = reportContent(sampleView(2025, { parentName: null }));
    expect(top.header.superior).toBe('');
    expect(top.recipients.flat().some((s) => s.fill && s.text === '[cấp ủy cấp trên]')).toBe(true);
  });

  it('the .docx builds in Node with the same paragraphs as the view’s prose', async () => {
    const view = sampleView(2025);
    const bytes = await reportDocx(view);
    expect(strFromU8(bytes.slice(0, 2))).toBe('PK');
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    const paragraphs = xml.split('</w:p>').map((p) => p.replace(/<[^>]+>/g, ''));
    for (const p of view.narrative.split('\n\n')) expect(paragraphs).toContain(p);
    expect(xml).toContain('w:orient="landscape"');
  });
});
