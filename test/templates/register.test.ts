import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addSheet, readXlsx } from '../../shared/xlsx';
import { keySlipsSheet, kindOf, typeOf, readKeySlips, readRegister, registerSheet, SLIP_HOWTO, type Grid, type UnitInput } from '../../shared';

const SAMPLE = JSON.parse(readFileSync(new URL('../fixtures/sample-khoi/input.json', import.meta.url), 'utf8')) as { units: UnitInput[] };

/** Through real .xlsx bytes: the writer's spec → exceljs → bytes → exceljs → grids. */
async function roundTrip(spec: ReturnType<typeof registerSheet>, edit?: (ws: ExcelJS.Worksheet) => void): Promise<Grid[]> {
  const wb = new ExcelJS.Workbook();
  const ws = addSheet(wb, spec);
  edit?.(ws);
  // read back by the shared file reader, as the page reads an uploaded file
  const read = readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
  expect(read.unreadable).toBe(false);
  return read.grids;
}

const grid = (sheet: string, values: unknown[][]): Grid => ({ sheet, origin: { row: 1, col: 1 }, values });

describe('the register sheet', () => {
  it('reads back what it wrote: the sample register with years, types and lineage', async () => {
    const units: UnitInput[] = [
      ...SAMPLE.units,
      { code: 'KM-20', name: 'Đảng bộ Sở Nông nghiệp và Môi trường', parent: 'KM', kind: 'dang-bo-co-so', type: 'co-quan-nha-nuoc', from: 2025, predecessors: ['KM-90', 'KM-91'] },
      { code: 'KM-90', name: 'Đảng bộ Sở cũ', parent: 'KM', kind: 'dang-bo-co-so', to: 2024, predecessors: [] },
    ];
    const read = readRegister(await roundTrip(registerSheet(units)));
    expect(read.issues).toEqual([]);
    expect(read.sheet).toBe('Danh sách đơn vị');
    expect(read.units).toEqual(units.map((u) => ({ ...u, predecessors: u.predecessors ?? [] })));
    expect(read.rows[0]).toBe(5);
  });

  it('a blank template reads as a register with no units, and says so (not an all-clear)', async () => {
    const read = readRegister(await roundTrip(registerSheet([])));
    expect(read.units).toEqual([]);
    expect(read.issues).toHaveLength(1);
    expect(read.issues[0]!.message).toContain('không có đơn vị nào');
  });

  it('finds the columns by their labels: moved, typed without accents, on another sheet, with kinds by label or code', () => {
    const read = readRegister([
      grid('Ghi chú', [['Danh sách gửi kèm công văn số 12']]),
      grid('DS 2025', [
        ['Danh sach don vi khoi'],
        [],
        ['Ten don vi', 'Ma don vi', 'Loai', 'Ma cap tren', 'Tu nam', 'Den nam', 'Loai hinh', 'Don vi tien than'],
        ['Đảng ủy Khối A', 'KA', 'khoi', '', '', '', '', ''],
        ['Đảng bộ Sở Tài chính', 'KA-01', 'Dang bo co so', 'KA', 2025, '', 'co-quan-nha-nuoc', 'KA-90; KA-91'],
        [],
        ['Chi bộ Phòng Kế hoạch', ' KA-01.1 ', 'chi bộ trực thuộc', 'KA-01', '2025', '2026', '', ''],
      ]),
    ]);
    expect(read.sheet).toBe('DS 2025');
    expect(read.issues).toEqual([]);
    expect(read.units).toEqual([
      { code: 'KA', name: 'Đảng ủy Khối A', parent: null, kind: 'khoi', predecessors: [] },
      { code: 'KA-01', name: 'Đảng bộ Sở Tài chính', parent: 'KA', kind: 'dang-bo-co-so', from: 2025, type: 'co-quan-nha-nuoc', predecessors: ['KA-90', 'KA-91'] },
      { code: 'KA-01.1', name: 'Chi bộ Phòng Kế hoạch', parent: 'KA-01', kind: 'chi-bo-truc-thuoc', from: 2025, to: 2026, predecessors: [] },
    ]);
    expect(read.rows).toEqual([4, 5, 7]);
  });

  it('puts every unreadable value at its cell and keeps the rows it could read', () => {
    const read = readRegister([
      grid('Sheet1', [
        ['Mã đơn vị', 'Tên đơn vị', 'Mã cấp trên', 'Loại', 'Loại hình', 'Từ năm', 'Đến năm', 'Đơn vị tiền thân'],
        ['KA', 'Đảng ủy Khối A', '', 'Đảng bộ khối', '', '', '', ''],
        ['KA 02', 'Đảng bộ Sở Y tế', 'KA', 'Đảng bộ cơ sở', '', '', '', ''],
        ['KA-03', '', 'KA', 'Tổ dân phố', '', '25', '', ''],
        ['KA-04', 'Đảng bộ Sở Xây dựng', 'KA', 'chi bộ cơ sở', '', 2026, 2025, ''],
        ['KA', 'Trùng mã', '', 'khoi', '', '', '', ''],
      ]),
    ]);
    expect(read.units.map((u) => u.code)).toEqual(['KA']);
    expect(read.issues.map((i) => [i.cell, i.column])).toEqual([
      ['Sheet1!A3', 'code'],
      ['Sheet1!B4', 'name'],
      ['Sheet1!D4', 'kind'],
      ['Sheet1!F4', 'from'],
      ['Sheet1!G5', 'to'],
      ['Sheet1!A6', 'code'],
    ]);
    expect(read.issues[0]!.message).toContain('"KA 02" không hợp lệ');
    expect(read.issues[5]!.message).toBe('Mã KA đã có ở hàng 2.');
  });

  it('a workbook without a register is one issue naming the columns it needs', () => {
    const read = readRegister([grid('Biểu 01', [['TỔNG HỢP KẾT QUẢ'], ['TT', 'Nội dung', 'Tổng số']])]);
    expect(read.sheet).toBeNull();
    expect(read.units).toEqual([]);
    expect(read.issues[0]!.message).toContain('Mã đơn vị');
  });

  it('names kinds by code or by label, and refuses what it cannot tell', () => {
    expect(kindOf('dang-bo-co-so')).toBe('dang-bo-co-so');
    expect(kindOf('Chi bộ cơ sở')).toBe('chi-bo-co-so');
    expect(kindOf('CHI BO TRUC THUOC')).toBe('chi-bo-truc-thuoc');
    expect(kindOf('Đảng bộ Khối')).toBe('khoi');
    expect(kindOf('Hội đồng')).toBeNull();
  });
});

describe('key slips', () => {
  it('one slip per unit with its key, address and how to sign in; read back from the .xlsx', async () => {
    const slips = [
      { unit: 'KM-01', name: 'Đảng bộ Sở Tài chính', role: 'unit' as const, key: 'xl_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      { unit: 'KM', name: 'Đảng ủy Khối (Mẫu)', role: 'reviewer' as const, key: 'xl_fedcba9876543210_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' },
    ];
    const grids = await roundTrip(keySlipsSheet(slips, { url: 'https://xeploai.example', issuedAt: '29/11/2026' }));
    expect(readKeySlips(grids[0]!)).toEqual(slips);
    const all = grids[0]!.values.flat().map(String).join('\n');
    expect(all.split('https://xeploai.example').length - 1).toBe(2);
    expect(all).toContain(SLIP_HOWTO[0]);
  });
});

describe('loại hình in the register sheet', () => {
  it('is read by its printed label (accents optional) or its code, and anything else is not guessed', () => {
    expect(typeOf('Doanh nghiệp nhà nước')).toBe('doanh-nghiep-nha-nuoc');
    expect(typeOf('doanh nghiep nha nuoc')).toBe('doanh-nghiep-nha-nuoc');
    expect(typeOf('co-quan-nha-nuoc')).toBe('co-quan-nha-nuoc');
    expect(typeOf('Doanh nghiệp')).toBeNull();
  });
});
