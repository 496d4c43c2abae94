import { describe, expect, it } from 'vitest';
import { bieu01Sheet, checkGrids, issuerLine, signatureFor, superiorLine, type SheetSpec } from '../../shared';
import { loadSample } from '../helpers/sample';

const text = (spec: SheetSpec, row: number, col = 1) => spec.cells.find((c) => c.row === row && c.col === col)?.value;
const all = (spec: SheetSpec) => spec.cells.map((c) => String(c.value ?? '')).join('\n');

describe('party-document rules for the forms the units print (Biểu 01)', () => {
  const parentName = 'Đảng ủy Khối các cơ quan tỉnh Mẫu';

  it('a đảng bộ cơ sở: the superior đảng bộ, the unit’s đảng ủy with "*", signed for the đảng ủy', () => {
    const spec = bieu01Sheet({ year: 2025, unit: 'KM-01', unitName: 'Đảng bộ Sở Tài chính', parentName, kind: 'dang-bo-co-so' });
    expect([text(spec, 1), text(spec, 2), text(spec, 3)]).toEqual(['ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH MẪU', 'ĐẢNG ỦY SỞ TÀI CHÍNH', '*']);
    expect(all(spec)).toContain('T/M ĐẢNG ỦY');
    expect(all(spec)).not.toContain('T/M CHI BỘ');
  });

  it('a chi bộ cơ sở issues and signs as the chi bộ', () => {
    const spec = bieu01Sheet({ year: 2025, unit: 'KM-06', unitName: 'Chi bộ Sở Tư pháp', parentName, kind: 'chi-bo-co-so' });
    expect(text(spec, 2)).toBe('CHI BỘ SỞ TƯ PHÁP');
    expect(all(spec)).toContain('T/M CHI BỘ');
    expect(all(spec)).not.toContain('T/M ĐẢNG ỦY');
  });

  it('without a unit: its code and name left to fill, not a placeholder code', () => {
    const spec = bieu01Sheet({ year: 2025, unit: '', unitName: '' });
    expect(all(spec)).toContain('Mã đơn vị: …');
    expect(all(spec)).not.toMatch(/MA-DON-VI/);
  });

  it('no internal ids and no pre-printed signing date', () => {
    for (const year of [2018, 2024, 2025]) {
      const spec = bieu01Sheet({ year, unit: 'KM-01', unitName: 'Đảng bộ Sở Tài chính', parentName, kind: 'dang-bo-co-so' });
      const t = all(spec);
      expect(t).not.toMatch(/bieu01|phiên bản|Mẫu bieu/i);
      expect(t).toContain('…, ngày … tháng … năm …');
      expect(t).not.toContain(`năm ${year + 1}`);
    }
  });

  it('the form still reads back as its unit and year (the register code stays, for the reader)', () => {
    const report = loadSample().input.reports['2025']![0]!;
    const spec = bieu01Sheet({ year: 2025, unit: report.unit, unitName: 'Đảng bộ Sở Tài chính', parentName, kind: 'dang-bo-co-so', report });
    const rows = Math.max(...spec.cells.map((c) => c.row));
    const cols = Math.max(...spec.cells.map((c) => c.col));
    const values: unknown[][] = Array.from({ length: rows }, () => new Array(cols).fill(''));
    for (const c of spec.cells) (values[c.row - 1] as unknown[])[c.col - 1] = c.formula !== undefined ? c.result : (c.value ?? '');
    const res = checkGrids([{ sheet: spec.name, origin: { row: 1, col: 1 }, values }], { period: { year: 2025, unit: report.unit } });
    expect(res.report).toMatchObject({ unit: report.unit, year: 2025, tallies: report.tallies });
  });

  it('names from the register, whatever the level: superiors and issuers of other kinds', () => {
    expect(superiorLine('Tỉnh ủy Mẫu')).toBe('ĐẢNG BỘ TỈNH MẪU');
    expect(superiorLine('Thành ủy Hà Nội')).toBe('ĐẢNG BỘ THÀNH PHỐ HÀ NỘI');
    expect(superiorLine('Đảng bộ các cơ quan Đảng tỉnh')).toBe('ĐẢNG BỘ CÁC CƠ QUAN ĐẢNG TỈNH');
    expect(superiorLine(null)).toBe('');
    expect(issuerLine('Đảng bộ Công ty Điện lực', 'dang-bo-co-so')).toBe('ĐẢNG ỦY CÔNG TY ĐIỆN LỰC');
    expect(issuerLine('Đảng ủy Khối các cơ quan tỉnh Mẫu', 'khoi')).toBe('ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH MẪU');
    expect(signatureFor('khoi')).toEqual({ onBehalf: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ' });
    expect(signatureFor('chi-bo-co-so').onBehalf).toBe('T/M CHI BỘ');
  });
});
