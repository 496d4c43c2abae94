import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addSheet, workbookBuffer } from '../../shared/xlsx';
import { gridsFromXlsx } from '../helpers/xlsx';
import { BIEU02, BIEU03, bieu01Sheet, checkGrids, fillFromLists, listSheet, parseA1, type Grid, type ListRow, type UnitReport } from '../../shared';
import { branchListFor, rosterFor } from '../helpers/roster';
import { loadSample } from '../helpers/sample';

const { input } = loadSample();
const km01 = input.reports['2025']!.find((r) => r.unit === 'KM-01')!;

async function workbook(report: UnitReport, roster?: ListRow[], branches?: ListRow[]): Promise<Grid[]> {
  const wb = new ExcelJS.Workbook();
  addSheet(wb, bieu01Sheet({ year: report.year, unit: report.unit, unitName: 'Đảng bộ Sở Tài chính', report }));
  if (roster) addSheet(wb, listSheet(BIEU02, { year: report.year, unit: report.unit, unitName: 'x', rows: roster }));
  if (branches) addSheet(wb, listSheet(BIEU03, { year: report.year, unit: report.unit, unitName: 'x', rows: branches }));
  return gridsFromXlsx(await workbookBuffer(wb));
}

/** Writes values into a grid at `Sheet!A1` addresses (what the add-in does in one batch). */
function apply(grids: Grid[], writes: { cell: string; value: number | null }[]) {
  for (const w of writes) {
    const [sheet, addr] = w.cell.split('!') as [string, string];
    const g = grids.find((x) => x.sheet === sheet)!;
    const { row, col } = parseA1(addr)!;
    g.values[row - g.origin.row]![col - g.origin.col] = w.value ?? '';
  }
}

describe('Biểu 02 and Biểu 03 against Biểu 01', () => {
  it('a roster and a chi bộ list that agree: counted, no finding', async () => {
    const res = checkGrids(await workbook(km01, rosterFor(km01), branchListFor(km01)), { period: { year: 2025 } });
    expect(res.findings).toEqual([]);
    expect(res.lists.map((l) => [l.def.id, l.rows])).toEqual([
      ['bieu02', km01.tallies.member.total],
      ['bieu03', km01.tallies.branch.total],
    ]);
  });

  it('names never reach the report', async () => {
    const res = checkGrids(await workbook(km01, rosterFor(km01)));
    expect(JSON.stringify(res.report)).not.toContain('Nguyễn');
    expect(JSON.stringify(res.lists.map((l) => ({ ...l, def: l.def.id })))).not.toContain('Nguyễn');
  });

  it('every difference is a finding at both places', async () => {
    const roster = rosterFor(km01);
    const excellent = roster.find((r) => r.level.includes('xuất sắc') && r.group === 'Không giữ chức vụ')!;
    excellent.level = 'Hoàn thành tốt nhiệm vụ';
    const res = checkGrids(await workbook(km01, roster));
    const cross = res.findings.filter((f) => f.rule === 'cross-template');
    const at = cross.map((f) => f.cell);
    // excellent and good of the member row and of the staff group, each at Biểu 01 and at the roster
    expect(at).toEqual(expect.arrayContaining(['Biểu 01!I15', 'Biểu 01!K15', 'Biểu 01!I18', 'Biểu 01!K18']));
    expect(at.filter((c) => c?.startsWith('Biểu 02!'))).toHaveLength(4);
    const f = cross.find((x) => x.cell === 'Biểu 01!I15')!;
    expect(f.message).toBe('Đảng viên – Xuất sắc: Biểu 01 ghi 22, danh sách đảng viên (Biểu 02) đếm được 21');
    expect(f.cells?.[0]).toMatch(/^Biểu 02!E7:E\d+$/);
  });

  it('fill from the lists makes Biểu 01 agree', async () => {
    const roster = rosterFor(km01);
    roster.push({ name: 'Lê Văn Mới', group: 'Không giữ chức vụ', level: 'Hoàn thành tốt nhiệm vụ' });
    const grids = await workbook(km01, roster);
    const before = checkGrids(grids);
    expect(before.findings.some((f) => f.rule === 'cross-template')).toBe(true);
    const writes = fillFromLists(before.report!, before.cells, before.lists);
    expect(writes.map((w) => w.cell).sort()).toEqual(['Biểu 01!C15', 'Biểu 01!K15', 'Biểu 01!K18']);
    apply(grids, writes);
    const after = checkGrids(grids);
    // the formulas' percentages recalculate in Excel; this grid keeps their old results
    expect(after.findings.filter((f) => f.severity === 'error' && f.rule !== 'percent-mismatch').map((f) => f.code)).toEqual([]);
    expect(after.report?.tallies.member?.total).toBe(km01.tallies.member.total + 1);
  });

  it('a level the reader cannot tell is a finding at its cell', async () => {
    const roster = rosterFor(km01);
    roster[3]!.level = 'xuất xắc?';
    const res = checkGrids(await workbook(km01, roster));
    expect(res.findings.find((f) => f.rule === 'unreadable-cell')).toMatchObject({ cell: 'Biểu 02!E10', severity: 'error' });
  });

  it('2025: a score below its level’s band (from the roster) is an error at the score column', async () => {
    const roster = rosterFor(km01, { scores: true });
    roster.find((r) => r.level.includes('xuất sắc'))!.score = 85;
    const res = checkGrids(await workbook(km01, roster), { period: { year: 2025 } });
    const f = res.findings.find((x) => x.rule === 'score-band');
    expect(f).toMatchObject({ severity: 'error', cell: expect.stringMatching(/^Biểu 02!F7:F\d+$/) });
    expect(f!.message).toContain('dưới 90 điểm');
  });

  it('a chi bộ list that disagrees with the branch row', async () => {
    const branches = branchListFor(km01).slice(1);
    const res = checkGrids(await workbook(km01, undefined, branches));
    expect(res.findings.filter((f) => f.rule === 'cross-template' && f.cell?.startsWith('Biểu 01!')).map((f) => f.cell)).toEqual(['Biểu 01!C14', 'Biểu 01!I14']);
  });
});
