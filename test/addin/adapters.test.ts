import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addSheet, workbookToGrids } from '../../addin/xlsx';
import { apiClient } from '../../addin/api-client';
import { MARK_COLOR, MARKS_KEY, RECEIPT_KEY, RESULTS_SHEET } from '../../addin/excel/keys';
import { insertTemplate, pull, submit, validate } from '../../addin/excel/workbook';
import { BIEU02, bieu01Sheet, consolidateReports, listSheet, type UnitReport } from '../../shared';
import { rosterFor } from '../helpers/roster';
import { loadSample } from '../helpers/sample';
import { excelMock, type SheetData } from './excel-mock';

const { input } = loadSample();
const km04 = input.reports['2025']!.find((r) => r.unit === 'KM-04')!;

/** A workbook as Excel would hold it: Biểu 01 filled from a report, optionally with a roster of n members. */
function sheets(report: UnitReport, rosterSize?: number): SheetData[] {
  const wb = new ExcelJS.Workbook();
  addSheet(wb, bieu01Sheet({ year: report.year, unit: report.unit, unitName: 'Đảng bộ Công ty Điện lực', report }));
  if (rosterSize !== undefined) {
    const base = rosterFor(report);
    const rows = Array.from({ length: rosterSize }, (_, i) => ({ ...base[i % base.length]!, name: `Đảng viên ${i + 1}` }));
    addSheet(wb, listSheet(BIEU02, { year: report.year, unit: report.unit, unitName: 'x', rows }));
  }
  return workbookToGrids(wb).map((g) => ({ name: g.sheet, values: g.values, formulas: g.values.map((r, i) => r.map((v, j) => (g.formulas?.[i]?.[j] ? '=F()' : v))) }));
}

function fakeFetch(handler: (url: string, init: RequestInit) => { status: number; body: unknown }): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    const { status, body } = handler(url, init);
    return new Response(JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
}

describe('Kiểm tra (validate)', () => {
  for (const n of [10, 10_000]) {
    it(`marks, results sheet and findings in at most 3 syncs (roster of ${n})`, async () => {
      const { context, log } = excelMock(sheets(km04, n));
      const res = await validate(context, { period: { year: 2025 } });
      expect(log.syncs).toBeLessThanOrEqual(3);
      // the roster of n members disagrees with Biểu 01 unless it has exactly 190: cross-template errors
      const warnings = res.findings.filter((f) => f.severity === 'warning').map((f) => f.cell);
      expect(warnings).toEqual(expect.arrayContaining(['Biểu 01!I15', 'Biểu 01!I18']));
      // one fill per sheet and severity (a few RangeAreas), never one per cell
      const warnFills = log.fills.filter((f) => f.color === MARK_COLOR.warning);
      expect(warnFills).toHaveLength(1);
      expect(warnFills[0]).toMatchObject({ sheet: 'Biểu 01' });
      expect(warnFills[0]!.address.split(',').sort()).toEqual(expect.arrayContaining(['I15', 'I18']));
      expect(log.fills.length).toBeLessThanOrEqual(4);
      // the results sheet: one 2-D write with a link to each cell
      expect(log.added).toContain(RESULTS_SHEET);
      const table = log.writes.find((w) => w.sheet === RESULTS_SHEET && w.formulas)!.formulas as string[][];
      expect(table[0]).toEqual(['Mức', 'Ô', 'Nội dung', 'Cách sửa']);
      expect(table.some((r) => r[1] === `=HYPERLINK("#'Biểu 01'!I15","Biểu 01!I15")`)).toBe(true);
      expect(JSON.parse(log.settings[MARKS_KEY]!)['Biểu 01']).toEqual(expect.arrayContaining(['I15', 'I18']));
    });
  }

  it('clears the previous marks first and replaces the results sheet', async () => {
    const { context, log } = excelMock([...sheets(km04), { name: RESULTS_SHEET, values: [['old']] }], { [MARKS_KEY]: JSON.stringify({ 'Biểu 01': ['C15', 'K15'] }) });
    await validate(context);
    expect(log.clears).toEqual([{ sheet: 'Biểu 01', address: 'C15,K15' }]);
    expect(log.deleted).toEqual([RESULTS_SHEET]);
    expect(log.syncs).toBe(3);
  });

  it('a cell edited after sending shows as changed since that version', async () => {
    const sent = { unit: 'KM-04', year: 2025, version: 3, receivedAt: '2025-12-01T00:00:00Z', hash: 'h', server: '', sent: { 'tallies.member.total': 189 } };
    const { context } = excelMock(sheets(km04), { [RECEIPT_KEY]: JSON.stringify(sent) });
    const res = await validate(context);
    const f = res.findings.find((x) => x.rule === 'changed-since-sent')!;
    expect(f).toMatchObject({ cell: 'Biểu 01!C15', severity: 'info' });
    expect(f.message).toContain('phiên bản 3: 189 → 190');
  });
});

describe('Gửi số liệu (submit)', () => {
  it('blocked while warnings have no justification; nothing sent', async () => {
    let calls = 0;
    const api = apiClient({ baseUrl: 'https://x', key: 'k', fetch: fakeFetch(() => (calls++, { status: 200, body: {} })) });
    const { context, log } = excelMock(sheets(km04));
    const res = await submit(context, api, {});
    expect(res.ok).toBe(false);
    expect('blocked' in res && res.blocked).toMatchObject({ ok: false, errors: 0, unjustified: ['member.excellent-cap', 'member.staff.excellent-cap'] });
    expect(calls).toBe(0);
    expect(log.settings[RECEIPT_KEY]).toBeUndefined();
  });

  it('sends counts only with the justifications, keeps the receipt: at most 3 syncs', async () => {
    let sentBody: any;
    let headers: Record<string, string> = {};
    const api = apiClient({
      baseUrl: 'https://x',
      key: 'k',
      fetch: fakeFetch((_url, init) => {
        sentBody = JSON.parse(String(init.body));
        headers = init.headers as Record<string, string>;
        return { status: 200, body: { ok: true, version: 2, receivedAt: '2025-12-02T08:00:00Z', hash: 'abc', findings: [] } };
      }),
    });
    const { context, log } = excelMock(sheets(km04, 190));
    const res = await submit(context, api, { 'member.excellent-cap': 'Đơn vị tiêu biểu', 'member.staff.excellent-cap': 'Như trên' });
    expect(res.ok).toBe(true);
    expect(log.syncs).toBeLessThanOrEqual(3);
    expect(sentBody.tallies.member).toEqual(km04.tallies.member);
    expect(sentBody.justifications).toEqual({ 'member.excellent-cap': 'Đơn vị tiêu biểu', 'member.staff.excellent-cap': 'Như trên' });
    expect(JSON.stringify(sentBody)).not.toContain('Đảng viên 1');
    expect(headers['Idempotency-Key']).toMatch(/^KM-04-2025-[0-9a-f]{32}$/);
    expect(JSON.parse(log.settings[RECEIPT_KEY]!)).toMatchObject({ version: 2, hash: 'abc', unit: 'KM-04' });
  });

  it('a network failure keeps everything in the workbook and says what to do', async () => {
    const api = apiClient({ baseUrl: 'https://x', key: 'k', fetch: (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch });
    const { context, log } = excelMock(sheets(km04));
    const res = await submit(context, api, { 'member.excellent-cap': 'x', 'member.staff.excellent-cap': 'y' });
    expect(res.ok).toBe(false);
    expect('error' in res && res.error.message).toContain('Số liệu vẫn nằm trong sổ tính');
    expect(log.settings[RECEIPT_KEY]).toBeUndefined();
    expect(log.writes).toEqual([]);
  });
});

describe('Lấy tổng hợp (pull) and Chèn biểu mẫu', () => {
  const view = consolidateReports({ unit: 'KM', year: 2025, reports: input.reports['2025']!, previousReports: input.reports['2024']! });

  it('writes the consolidated sheet in one array, a few formats, a chart: 2 syncs', async () => {
    const api = apiClient({ baseUrl: 'https://x', key: 'k', fetch: fakeFetch(() => ({ status: 200, body: view })) });
    const { context, log } = excelMock([...sheets(km04), { name: 'Tổng hợp KM 2025', values: [['cũ']] }]);
    await pull(context, api, 2025, 'KM');
    expect(log.syncs).toBe(2);
    expect(log.deleted).toEqual(['Tổng hợp KM 2025']);
    expect(log.added).toEqual(['Tổng hợp KM 2025']);
    const main = log.writes.filter((w) => w.sheet === 'Tổng hợp KM 2025' && w.formulas);
    expect(main).toHaveLength(1);
    const rows = main[0]!.formulas as unknown[][];
    const member = rows.find((r) => r[1] === 'Đảng viên')!;
    expect(member.slice(2, 7)).toEqual([845, 825, 97.63, 20, 139]);
    expect(rows.flat()).toContain(view.narrative.split('\n\n')[3]);
    expect(log.charts).toHaveLength(1);
    // formats are per style, in ranges of runs: far fewer than cells
    expect(log.formats.length).toBeLessThan(rows.flat().filter((v) => v !== '').length);
  });

  it('inserts a blank Biểu 01 as a new sheet in 2 syncs', async () => {
    const { context, log } = excelMock(sheets(km04));
    const name = await insertTemplate(context, { year: 2026, unit: 'KM-04', unitName: 'Đảng bộ Công ty Điện lực' });
    expect(name).toBe('Biểu 01 (2)');
    expect(log.syncs).toBe(2);
    const table = log.writes.find((w) => w.sheet === name && w.formulas)!.formulas as string[][];
    expect(table.flat()).toContain('TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN NĂM 2026');
  });
});
