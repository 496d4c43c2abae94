import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bieu01Sheet,
  BIEU02,
  checkGrids,
  checkReport,
  inclusiveSheet,
  listSheet,
  readBieu01,
  statisticsSheet,
  SUBJECTS,
  type Grid,
  type SheetSpec,
  type UnitReport,
} from '../../shared';
import { addSheet, checkXlsx, readXlsx, workbookBuffer } from '../../shared/xlsx';
import { baseReport, edit } from '../helpers/reports';
import { loadSample } from '../helpers/sample';

const { input } = loadSample();
const tallies = (r: { tallies: any }) => JSON.parse(JSON.stringify(Object.fromEntries(SUBJECTS.map((s) => [s, r.tallies[s]]))));
const blocking = <F extends { severity: string }>(fs: F[]) => fs.filter((f) => f.severity !== 'info');

/** A sheet spec as the grid Excel would give for it (values and formula results). */
function gridOf(spec: SheetSpec, edit?: (values: unknown[][]) => void, extra: Partial<Grid> = {}): Grid {
  const values: unknown[][] = [];
  const formulas: boolean[][] = [];
  let cols = 0;
  for (const c of spec.cells) cols = Math.max(cols, c.col);
  for (const c of spec.cells) {
    while (values.length < c.row) {
      values.push(new Array(cols).fill(''));
      formulas.push(new Array(cols).fill(false));
    }
    const v = c.formula !== undefined ? c.result : c.value;
    values[c.row - 1]![c.col - 1] = v ?? '';
    formulas[c.row - 1]![c.col - 1] = c.formula !== undefined;
  }
  edit?.(values);
  return { sheet: spec.name, origin: { row: 1, col: 1 }, values, formulas, ...extra };
}

async function fileOf(...specs: SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of specs) addSheet(wb, s);
  return workbookBuffer(wb);
}

describe('layouts as data: the inclusive and statistics layouts, written by our writer from the sample bloc, read back', () => {
  for (const year of [2024, 2025]) {
    for (const r of input.reports[String(year)]!) {
      it(`${year} ${r.unit}: inclusive and statistics layouts give the same tallies and findings as Biểu 01`, async () => {
        const opts = { year, unit: r.unit, unitName: r.unit, report: r };
        const own = checkXlsx(await fileOf(bieu01Sheet(opts)), { period: { year, unit: r.unit } });
        const inc = checkXlsx(await fileOf(inclusiveSheet(opts)), { period: { year, unit: r.unit } });
        expect(inc.layout?.id).toBe('bieu01-inclusive');
        expect(tallies(inc.report!)).toEqual(tallies(r));
        expect(blocking(inc.findings).map((f) => f.code)).toEqual(blocking(own.findings).map((f) => f.code));
        expect(inc.findings.find((f) => f.code.endsWith('layout-read'))?.message).toMatch(/^Đọc theo mẫu Biểu 01 kiểu "Hoàn thành tốt nhiệm vụ trở lên.*trang "Báo cáo"$/);
        const st = checkXlsx(await fileOf(statisticsSheet(opts)), { period: { year, unit: r.unit } });
        expect(st.layout?.id).toBe('thong-ke');
        // the statistics form has no group split: the member groups are not part of it
        const { groups: _g, ...member } = (r.tallies.member as UnitReport['tallies']['member']);
        expect(tallies(st.report!)).toEqual(tallies({ tallies: { ...r.tallies, member } }));
      });
    }
  }

  it('statistics layout: the loại hình columns are kept as a breakdown by kind of organisation', async () => {
    const r = baseReport(2025);
    const half = (n: number) => Math.floor(n / 2);
    const split = edit(r, (x) => {
      for (const s of SUBJECTS) {
        const t = x.tallies[s];
        t.total = half(t.total);
        for (const k of Object.keys(t.unrated)) t.unrated[k] = half(t.unrated[k]);
        for (const l of Object.keys(t.levels)) t.levels[l] = half(t.levels[l]);
        delete t.groups;
      }
    });
    const rest = edit(r, (x) => {
      for (const s of SUBJECTS) {
        const t = x.tallies[s];
        const a = split.tallies[s] as any;
        t.total -= a.total;
        for (const k of Object.keys(t.unrated)) t.unrated[k] -= a.unrated[k];
        for (const l of Object.keys(t.levels)) t.levels[l] -= a.levels[l];
        delete t.groups;
      }
    });
    const spec = statisticsSheet({ year: 2025, unit: 'KM-01', unitName: 'x', report: r, kinds: [{ kind: 'Cơ quan nhà nước', tallies: split.tallies }, { kind: 'Đơn vị sự nghiệp', tallies: rest.tallies }] });
    const res = checkXlsx(await fileOf(spec));
    expect(res.byKind?.map((k) => k.kind)).toEqual(['Cơ quan nhà nước', 'Đơn vị sự nghiệp']);
    expect(res.byKind?.[0]!.tallies.member?.levels).toEqual(split.tallies.member.levels);
    expect(res.byKind?.[1]!.tallies.member?.total).toBe(rest.tallies.member.total);
    // the report sent is the Tổng số column only
    expect(res.report!.tallies.member?.total).toBe(r.tallies.member.total);
    expect(Object.keys(res.report!)).toEqual(['unit', 'year', 'tallies']);
  });

  it('statistics layout: the reasons for "không hoàn thành" are a breakdown of that row, never a level', () => {
    const r = baseReport(2025);
    const spec = statisticsSheet({ year: 2025, unit: 'KM-01', unitName: 'x', report: r });
    const at = spec.cells.find((c) => c.value === 'Không hoàn thành nhiệm vụ')!.row;
    const withReasons = (n: number) =>
      gridOf(spec, (vals) => {
        const rows = ['Biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống', 'Hoàn thành dưới 50% chỉ tiêu, nhiệm vụ', 'Bị kỷ luật trong năm', 'Khác'].map((label, i) => {
          const row = new Array(vals[0]!.length).fill('');
          row[0] = `4.4.${i + 1}`;
          row[1] = label;
          row[2] = i === 2 ? n : 0;
          return row;
        });
        vals.splice(at, 0, ...rows);
      });
    const ok = checkGrids([withReasons(1)], { period: { year: 2025 } });
    expect(tallies(ok.report!).member.levels).toEqual(r.tallies.member.levels);
    expect(ok.findings.filter((f) => f.code === 'template.breakdown-exceeds')).toEqual([]);
    const over = checkGrids([withReasons(5)], { period: { year: 2025 } });
    expect(over.findings.filter((f) => f.code === 'template.breakdown-exceeds').map((f) => f.message)).toEqual(['Dòng "Bị kỷ luật trong năm" ghi 5, lớn hơn dòng trên nó (1)']);
  });

  it('inclusive layout: an excellent share stated against "hoàn thành tốt trở lên" is checked on that base', () => {
    const r = baseReport(2025);
    const spec = inclusiveSheet({ year: 2025, unit: 'KM-01', unitName: 'x', report: r, excellentOfGoodOrBetter: true });
    const m = r.tallies.member.levels;
    // typed (not formulas): 10/55 = 18,18 on its stated base; 10/60 = 16,67 would be wrong there
    const typed = (v: number) => gridOf(spec, (vals) => (vals[spec.cells.find((c) => c.value === 'Đảng viên')!.row - 1]![11] = v), { formulas: undefined });
    expect(blocking(checkGrids([typed(18.18)]).findings).filter((f) => f.rule === 'percent-mismatch')).toEqual([]);
    const wrong = checkGrids([typed(16.67)]).findings.filter((f) => f.rule === 'percent-mismatch');
    expect(wrong.map((f) => f.message)).toEqual([`Tỷ lệ ghi 16,67% nhưng ${m.excellent}/${m.excellent + m.good} = 18,18%`]);
  });

  it('inclusive layout without "Số lượng" sub-headers, with the level blocks moved', () => {
    const r = baseReport(2025);
    const spec = inclusiveSheet({ year: 2025, unit: 'KM-01', unitName: 'x', report: r });
    const g = gridOf(spec, (vals) => {
      vals[6] = vals[6]!.map((v, i) => (i >= 8 ? '' : v)); // no "Số lượng / Tỷ lệ %" sub-headers
      for (const row of vals) {
        // swap "Hoàn thành nhiệm vụ" (M, N) with "trở lên" (I, J)
        [row[8], row[9], row[12], row[13]] = [row[12], row[13], row[8], row[9]];
      }
    });
    const res = checkGrids([g], { period: { year: 2025 } });
    expect(res.layout?.id).toBe('bieu01-inclusive');
    expect(tallies(res.report!)).toEqual(tallies(r));
  });

  it('never throws or miscounts on generated variants of either layout (rows moved, blank rows, accents dropped, columns shifted)', async () => {
    const r = baseReport(2025);
    const specs = [inclusiveSheet({ year: 2025, unit: 'KM-01', unitName: 'x', report: r }), statisticsSheet({ year: 2025, unit: 'KM-01', unitName: 'x', report: r })];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.integer({ min: 0, max: 40 }), (which, blankRows, shift, noAccents, garbageRow) => {
        const spec = specs[which]!;
        const g = gridOf(spec, (vals) => {
          for (let i = 0; i < blankRows; i++) vals.splice(4, 0, new Array(vals[0]!.length).fill(''));
          for (const row of vals) row.unshift(...new Array(shift).fill(''));
          if (noAccents) for (const row of vals) row.forEach((v, i) => typeof v === 'string' && (row[i] = v.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')));
          vals.push(new Array(vals[0]!.length).fill(''));
          vals[vals.length - 1]![garbageRow % vals[0]!.length] = 'Ghi chú: số liệu đảng viên tính đến 31/12';
        }, { formulas: undefined });
        const res = checkGrids([g], { period: { year: 2025 } });
        const want = which === 0 ? tallies(r) : tallies({ tallies: { ...r.tallies, member: { ...r.tallies.member, groups: undefined } } });
        expect(tallies(res.report!)).toEqual(want);
        expect(res.findings.filter((f) => f.rule === 'template-structure' && f.severity !== 'info')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('rows: "Trong đó" breakdowns and note lines', () => {
  const r = baseReport(2025);
  const spec = bieu01Sheet({ year: 2025, unit: 'KM-01', unitName: 'x', report: r });
  const memberRow = spec.layout.row.member!;
  const withRows = (insert: unknown[][], at: number) =>
    gridOf(spec, (vals) => {
      vals.splice(at - 1, 0, ...insert.map((row) => Object.assign(new Array(vals[0]!.length).fill(''), row)));
    });
  const sub = (label: string, total: number) => {
    const row: unknown[] = [];
    row[1] = label;
    row[2] = total;
    return row;
  };

  it('"Trong đó: đảng viên dự bị" under Đảng viên is a breakdown, never a second member row or an ambiguous label', () => {
    const res = checkGrids([withRows([sub('Trong đó: đảng viên dự bị', 5)], memberRow + 4)], { period: { year: 2025 } });
    expect(blocking(res.findings).filter((f) => f.rule !== 'excellent-cap')).toEqual(checkReport(r).filter((f) => f.severity !== 'info' && f.rule !== 'excellent-cap'));
    expect(tallies(res.report!)).toEqual(tallies(r));
  });

  it('a breakdown larger than its parent row is an error at its cell', () => {
    const res = checkGrids([withRows([sub('Trong đó: đảng viên dự bị', 500)], memberRow + 4)], { period: { year: 2025 } });
    const f = res.findings.find((x) => x.code === 'template.breakdown-exceeds');
    expect(f).toMatchObject({ severity: 'error', cell: `Biểu 01!C${memberRow + 4}` });
    expect(f!.message).toContain('dự bị');
  });

  it('a note line mentioning the members, above or below the table, is never taken for the member row', () => {
    for (const at of [8, memberRow + 8]) {
      const res = checkGrids([withRows([sub('Ghi chú: số liệu đảng viên tính đến ngày 31/12', 0).slice(0, 2)], at)], { period: { year: 2025 } });
      expect(tallies(res.report!)).toEqual(tallies(r));
      expect(res.findings.filter((f) => f.rule === 'template-structure' && f.severity !== 'info')).toEqual([]);
    }
  });
});

describe('blank levels, "Khác" with its reason, typed percentages as shown', () => {
  it('blank level cells are 0 when Tổng số equals the unrated count (other rows than the field case too)', () => {
    for (const subject of ['organization', 'branch', 'member'] as const) {
      const r = edit(baseReport(2025), (x) => {
        const t = x.tallies[subject];
        t.total = 2;
        t.unrated = { new: 2 };
        t.levels = { excellent: 0, good: 0, complete: 0, incomplete: 0 };
        if (subject === 'member') delete t.groups;
      });
      const spec = bieu01Sheet({ year: 2025, unit: 'KM-01', unitName: 'x', report: r });
      const row = spec.layout.row[subject]!;
      const g = gridOf(spec, (vals) => {
        for (const k of ['excellent.count', 'good.count', 'complete.count', 'incomplete.count']) vals[row - 1]![spec.layout.col[k]! - 1] = '';
      });
      const res = checkGrids([g], { period: { year: 2025 } });
      expect(res.report!.tallies[subject]!.levels).toEqual({ excellent: 0, good: 0, complete: 0, incomplete: 0 });
      expect(res.findings.filter((f) => f.rule === 'missing-value')).toEqual([]);
    }
  });

  it('"Khác" with its reason written in Ghi chú on that row is justified by the note', () => {
    const r = edit(baseReport(2025), (x) => {
      x.tallies.member.unrated = { new: 1, other: 1 };
    });
    const spec = bieu01Sheet({ year: 2025, unit: 'KM-01', unitName: 'x', report: r });
    const row = spec.layout.row.member!;
    const note = 'Đồng chí Nguyễn Văn A đi học dài hạn ở nước ngoài';
    const res = checkGrids([gridOf(spec, (vals) => (vals[row - 1]![spec.layout.col.note! - 1] = note))], { period: { year: 2025 } });
    const other = res.findings.find((f) => f.rule === 'unrated-reason' && f.severity === 'warning');
    expect(other?.justification).toBe(note);
    const bare = checkGrids([gridOf(spec)], { period: { year: 2025 } }).findings.find((f) => f.rule === 'unrated-reason' && f.severity === 'warning');
    expect(bare?.justification).toBeUndefined();
  });

  it('a typed percentage is checked at the precision its number format shows (6,10 in a 0.00 cell)', () => {
    const r = edit(baseReport(2025), (x) => {
      x.tallies.member = { total: 147, unrated: {}, levels: { excellent: 9, good: 120, complete: 17, incomplete: 1 } };
    });
    const spec = bieu01Sheet({ year: 2025, unit: 'KM-01', unitName: 'x', report: r });
    const row = spec.layout.row.member!;
    const c = spec.layout.col['excellent.percent']!;
    const run = (value: unknown, format?: string) => {
      const g = gridOf(spec, (vals) => (vals[row - 1]![c - 1] = value), { formulas: undefined });
      if (format) g.formats = g.values.map((vals, i) => vals.map((_, j) => (i === row - 1 && j === c - 1 ? format : undefined)));
      return checkGrids([g], { period: { year: 2025 } }).findings.filter((f) => f.rule === 'percent-mismatch' && f.cell === `Biểu 01!${String.fromCharCode(64 + c)}${row}`);
    };
    // 9/147 = 6,122…: 6,1 typed in a General cell is one decimal and right; in a 0.00 cell it shows 6,10 and is wrong
    expect(run(6.1)).toEqual([]);
    expect(run(6.1, '0.00').map((f) => f.hint)).toEqual(['Sửa thành 6,12 (hoặc để công thức tính).']);
    expect(run(0.061, '0.00%')).toHaveLength(1);
    expect(run(0.0612, '0.00%')).toEqual([]);
    // text is shown as typed, whatever the format
    expect(run('6,1', '0.00')).toEqual([]);
  });
});

describe('rules and hints that never mislead', () => {
  it('Tốt 181 typed for 118 (the groups sum to 118): the hint points at the level, never at inflating the total', () => {
    const r = edit(baseReport(2025), (x) => {
      x.tallies.member = { total: 150, unrated: { new: 4 }, levels: { excellent: 22, good: 181, complete: 5, incomplete: 1 }, groups: { leader: { excellent: 2, good: 10, complete: 0, incomplete: 0 }, manager: { excellent: 5, good: 20, complete: 0, incomplete: 0 }, staff: { excellent: 15, good: 88, complete: 5, incomplete: 1 } } };
    });
    const fs = checkReport(r);
    const bad = fs.filter((f) => f.severity === 'error');
    expect(bad.map((f) => [f.rule, f.path.join('.')])).toEqual([['total-mismatch', 'tallies.member.levels.good']]);
    expect(bad[0]!.hint).toContain('Sửa số Tốt thành 118');
    expect(fs.map((f) => f.hint ?? '').join(' ')).not.toMatch(/Sửa tổng số/);
    // the total "fixed" as an old hint said: still an error, on the groups that no longer add up
    const inflated = edit(r, (x) => (x.tallies.member.total = 213));
    expect(checkReport(inflated).filter((f) => f.severity === 'error').map((f) => [f.rule, f.level])).toEqual([['group-sum', 'good']]);
  });

  it('every level adds up over the groups when the split is given (not only the excellent)', () => {
    for (const level of ['good', 'complete', 'incomplete'] as const) {
      const r = edit(baseReport(2025), (x) => (x.tallies.member.groups.staff[level] += 1));
      const fs = checkReport(r).filter((f) => f.severity === 'error');
      expect(fs.map((f) => [f.rule, f.level])).toEqual([['group-sum', level]]);
      const r2 = edit(baseReport(2025), (x) => (x.tallies.member.groups.staff[level] -= level === 'good' ? 1 : 0));
      if (level === 'good') expect(checkReport(r2).filter((f) => f.severity === 'error').map((f) => [f.rule, f.level])).toEqual([['group-sum', 'good']]);
    }
  });

  it('"1.234" stored as 1,234: the hint suggests 1234 when that makes the row add up, never "gần nhất: 1"', () => {
    const r = edit(baseReport(2025), (x) => {
      x.tallies.member = { total: 1300, unrated: {}, levels: { excellent: 60, good: 1.234, complete: 5, incomplete: 1 } };
    });
    const f = checkReport(r).find((x) => x.rule === 'negative-or-fraction')!;
    expect(f.hint).toContain('Nhập 1234');
    expect(f.hint).not.toContain('gần nhất');
    const other = checkReport(edit(r, (x) => (x.tallies.member.total = 999))).find((x) => x.rule === 'negative-or-fraction')!;
    expect(other.hint).not.toContain('gần nhất: 1)');
  });

  it('counts over the maximum and 1e308 get a plain message', () => {
    for (const v of [1e308, 2e8, -1e20]) {
      const f = checkReport(edit(baseReport(2025), (x) => (x.tallies.member.levels.good = v))).find((x) => x.rule === 'negative-or-fraction')!;
      expect(f.message).toBe('Đảng viên – Tốt: số quá lớn, không thể là số người hoặc số tổ chức');
      expect(`${f.message} ${f.hint}`).not.toMatch(/e\+|e-|Infinity/);
    }
  });
});

describe('rosters: level synonyms and position titles as data', () => {
  it('"Không HTNV", "Chưa hoàn thành nhiệm vụ" are incomplete; titles map to groups', async () => {
    const rows = [
      ['Giám đốc', 'HTXSNV'],
      ['Phó Giám đốc', 'Hoàn thành tốt nhiệm vụ'],
      ['Trưởng phòng Tổ chức', 'HTTNV'],
      ['Phó trưởng phòng', 'Không HTNV'],
      ['Chánh Văn phòng', 'HTNV'],
      ['Chuyên viên', 'Chưa hoàn thành nhiệm vụ'],
      ['Nhân viên', 'Không hoàn thành nhiệm vụ'],
      ['Không giữ chức vụ lãnh đạo, quản lý', 'Hoàn thành nhiệm vụ'],
    ].map(([group, level], i) => ({ name: `Người ${i}`, branch: 'Chi bộ 1', group, level, score: null }));
    const wb = new ExcelJS.Workbook();
    addSheet(wb, listSheet(BIEU02, { year: 2025, unit: 'KM-01', unitName: 'x', rows: rows as never }));
    const list = checkGrids(readXlsx(await workbookBuffer(wb)).grids).lists[0]!;
    expect(list.findings).toEqual([]);
    expect(list.levels).toEqual({ excellent: 1, good: 2, complete: 2, incomplete: 3 });
    expect(list.groups.leader).toEqual({ excellent: 1, good: 1, complete: 0, incomplete: 0 });
    expect(list.groups.manager).toEqual({ excellent: 0, good: 1, complete: 1, incomplete: 1 });
    expect(list.groups.staff).toEqual({ excellent: 0, good: 0, complete: 1, incomplete: 2 });
  });
});

describe('choosing the sheet, and saying which', () => {
  const r = baseReport(2025);
  const spec = (year: number, name: string, report = r) => ({ ...bieu01Sheet({ year, unit: 'KM-01', unitName: 'x', report }), name });

  it('a hidden sheet is read only when no visible one holds Biểu 01, and then it is said', () => {
    const res = checkGrids([gridOf(spec(2025, 'Cũ'), undefined, { visibility: 'hidden' })], { period: { year: 2025 } });
    expect(res.sheet).toBe('Cũ');
    expect(res.findings.some((f) => f.message.includes('trang ẩn "Cũ"'))).toBe(true);
  });

  it('a corrected copy "Biểu 01 (2)": the later copy is read, one finding names both', () => {
    const fixed = edit(r, (x) => (x.tallies.member.total = r.tallies.member.total));
    const broken = edit(r, (x) => (x.tallies.member.total += 3));
    const res = checkGrids([gridOf(spec(2025, 'Biểu 01', broken)), gridOf(spec(2025, 'Biểu 01 (2)', fixed))], { period: { year: 2025 } });
    expect(res.sheet).toBe('Biểu 01 (2)');
    const named = res.findings.filter((f) => f.message.includes('"Biểu 01"') && f.message.includes('"Biểu 01 (2)"'));
    expect(named).toHaveLength(1);
    expect(named[0]!.severity).toBe('info');
  });

  it('last year\'s visible sheet beside this year\'s: the year checked wins', () => {
    const res = checkGrids([gridOf(spec(2025, 'Năm nay')), gridOf(spec(2024, 'Năm trước'))], { period: { year: 2025 } });
    expect(res.sheet).toBe('Năm nay');
    const res2 = checkGrids([gridOf(spec(2024, 'Năm trước')), gridOf(spec(2025, 'Năm nay'))], { period: { year: 2024 } });
    expect(res2.sheet).toBe('Năm trước');
  });

  it('one sheet per chi bộ and the summary: the summary is read and the chi bộ sheets must add up to it', () => {
    const part = (levels: [number, number, number, number], total: number) =>
      edit(r, (x) => {
        const [excellent, good, complete, incomplete] = levels;
        x.tallies.member = { total, unrated: {}, levels: { excellent, good, complete, incomplete } };
      });
    const a = part([2, 20, 2, 0], 24);
    const b = part([3, 30, 3, 0], 36);
    const sum = part([5, 50, 5, 0], 60);
    const ok = checkGrids([gridOf(spec(2025, 'Chi bộ 1', a)), gridOf(spec(2025, 'Chi bộ 2', b)), gridOf(spec(2025, 'Tổng hợp', sum))], { period: { year: 2025 } });
    expect(ok.sheet).toBe('Tổng hợp');
    expect(ok.findings.filter((f) => f.code.includes('branch-sheets'))).toEqual([]);
    const off = part([5, 51, 5, 0], 61);
    const bad = checkGrids([gridOf(spec(2025, 'Chi bộ 1', a)), gridOf(spec(2025, 'Chi bộ 2', b)), gridOf(spec(2025, 'Tổng hợp', off))], { period: { year: 2025 } });
    const diffs = bad.findings.filter((f) => f.code.includes('branch-sheets'));
    const col = (k: string) => String.fromCharCode(64 + spec(2025, 'x').layout.col[k]!);
    const row = spec(2025, 'x').layout.row.member!;
    expect(diffs.map((f) => f.cell).sort()).toEqual([`Tổng hợp!${col('good.count')}${row}`, `Tổng hợp!${col('total')}${row}`].sort());
    expect(diffs[0]!.cells?.length).toBe(2);
  });
});

void readBieu01;
