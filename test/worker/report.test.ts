import { SELF } from 'cloudflare:test';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEVELS, SUBJECTS } from '../../shared';
import { SAMPLE_TYPES } from '../helpers/sample-types';
import { api, justified, newKey, putUnits, sample, sampleExpected } from './helpers';

/** The text of a .docx, one line per paragraph (w:p), from its document.xml. */
function docxText(bytes: ArrayBuffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

describe('the report fields of the consolidated view, and the .docx', () => {
  let reviewer = '';
  let unitKey = '';
  beforeAll(async () => {
    // the sample bloc under a province, with each unit's kind of organisation (loại hình)
    const units = [
      { code: 'TM', name: 'Tỉnh ủy Mẫu', parent: null, kind: 'tinh' as const },
      ...sample.units.map((u) => (u.code === 'KM' ? { ...u, parent: 'TM' } : { ...u, type: SAMPLE_TYPES[u.code] })),
    ];
    const res = await putUnits(units);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    for (const r of sample.reports['2025']!) {
      const put = await api('PUT', `/api/v1/reports/2025/${r.unit}`, { key: await newKey(r.unit, 'unit'), body: justified(r) });
      if (put.status !== 200) throw new Error(JSON.stringify(put.body));
    }
    reviewer = await newKey('KM', 'reviewer');
    unitKey = await newKey('KM-01', 'unit');
  });

  it('names, not codes: the unit, its superior, its kind and the regulation in force', async () => {
    const res = await api('GET', '/api/v1/consolidated/2025/KM', { key: reviewer });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      unitName: 'Đảng ủy Khối các cơ quan tỉnh Mẫu',
      parentName: 'Tỉnh ủy Mẫu',
      unitKind: 'khoi',
      rulebookName: { regulation: 'Quy định 366-QĐ/TW ngày 30/8/2025', guidance: 'Hướng dẫn 43-HD/BTCTW ngày 31/10/2025' },
    });
  });

  it('byType: the four subjects by kind of organisation, summing to the totals', async () => {
    const res = await api('GET', '/api/v1/consolidated/2025/KM', { key: reviewer });
    const byType = res.body.byType as any[];
    expect(byType.map((t) => [t.label, t.units])).toEqual([
      ['Cơ quan Đảng, MTTQ và đoàn thể', 1],
      ['Cơ quan nhà nước', 6],
      ['Đơn vị sự nghiệp', 3],
      ['Doanh nghiệp nhà nước', 2],
    ]);
    for (const s of SUBJECTS) {
      const want = sampleExpected.consolidated['2025'][s];
      expect(byType.reduce((n, t) => n + t.subjects[s].total, 0), s).toBe(want.total);
      for (const l of LEVELS) expect(byType.reduce((n, t) => n + t.subjects[s].levels[l], 0), `${s}.${l}`).toBe(want.levels[l]);
    }
  });

  it('GET …/{unit}.docx: the report with the party header, the prose of the view and the signature block', async () => {
    const res = await SELF.fetch('https://xeploai.test/api/v1/consolidated/2025/KM.docx', { headers: { Authorization: `Bearer ${reviewer}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('wordprocessingml');
    expect(res.headers.get('Content-Disposition')).toContain('bao-cao-KM-2025.docx');
    const text = docxText(await res.arrayBuffer());
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['ĐẢNG BỘ TỈNH MẪU', 'ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH MẪU']);
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('Thực hiện Quy định 366-QĐ/TW ngày 30/8/2025 và Hướng dẫn 43-HD/BTCTW ngày 31/10/2025');
    const json = await api('GET', '/api/v1/consolidated/2025/KM', { key: reviewer });
    for (const p of (json.body.narrative as string).split('\n\n')) expect(lines).toContain(p);
    expect(text).toContain('807 đồng chí, bằng 97,82% (trong đó 139 đồng chí hoàn thành xuất sắc nhiệm vụ');
    expect(lines).toContain('T/M BAN THƯỜNG VỤ');
    // "Hạn chế" names the units and summarises their justifications
    expect(text).toContain('có 01 đảng ủy cơ sở (Đảng bộ Sở Y tế) xếp loại chi bộ trực thuộc hoàn thành xuất sắc nhiệm vụ vượt tỷ lệ 20% quy định');
    expect(text).toContain('Các đơn vị đã giải trình: ');
    expect(text).toContain('Đảng bộ Công ty Điện lực (“Giải trình của KM-04: excellent-cap”)');
    // no unit code printed except inside the test's own justification texts
    expect(text.replace(/Giải trình của KM-\d\d/g, '')).not.toMatch(/\bKM-\d\d\b/);
    const unit = await SELF.fetch('https://xeploai.test/api/v1/consolidated/2025/KM.docx', { headers: { Authorization: `Bearer ${unitKey}` } });
    expect(unit.status).toBe(403);
  });
});
