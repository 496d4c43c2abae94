import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addSheet } from '../../shared/xlsx';
import { apiClient, ApiCallError } from '../../addin/api-client';
import { JUSTIFY_KEY, MARK_COLOR, MARKS_KEY, OWNED_KEY, RECEIPT_KEY, RESULTS_SHEET } from '../../addin/excel/keys';
import { CELLS_PER_SYNC } from '../../addin/excel/read';
import { chunks, runs } from '../../addin/excel/sheet-spec';
import { fillFromRoster, insertTemplate, loadJustifications, pull, resultRows, saveJustifications, submit, validate, WorkbookError } from '../../addin/excel/workbook';
import { BIEU02, bieu01Sheet, consolidatedSheet, consolidateReports, listSheet, type UnitReport } from '../../shared';
import { createExcelStandin, PAYLOAD_LIMIT, sheetId } from '../e2e/standin/excel-standin';
import { rosterFor } from '../helpers/roster';
import { loadSample } from '../helpers/sample';
import { excelMock } from './excel-mock';

const { input } = loadSample();
const km04 = input.reports['2025']!.find((r) => r.unit === 'KM-04')!;
const WARN = `FF${MARK_COLOR.warning.slice(1)}`;

/** A workbook as Excel would hold it: Biểu 01 filled from a report (its tab named as given), optionally a roster of n members. */
function workbook(report: UnitReport, opts: { rosterSize?: number; tab?: string } = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const spec = bieu01Sheet({ year: report.year, unit: report.unit, unitName: 'Đảng bộ Công ty Điện lực', report });
  addSheet(wb, { ...spec, name: opts.tab ?? spec.name });
  if (opts.rosterSize !== undefined) {
    const base = rosterFor(report);
    const rows = Array.from({ length: opts.rosterSize }, (_, i) => ({ ...base[i % base.length]!, name: `Đảng viên ${i + 1}` }));
    addSheet(wb, listSheet(BIEU02, { year: report.year, unit: report.unit, unitName: 'x', rows }));
  }
  return wb;
}

const fill = (wb: ExcelJS.Workbook, sheet: string, cell: string) => {
  const f = wb.getWorksheet(sheet)!.getCell(cell).fill as ExcelJS.FillPattern | undefined;
  return f && f.pattern && f.pattern !== 'none' ? ((f.fgColor as { argb?: string } | undefined)?.argb ?? null) : null;
};

/** Sets one cell's fill (exceljs shares a style object between cells styled alike: copied first). */
function paint(wb: ExcelJS.Workbook, sheet: string, cell: string, argb: string) {
  const c = wb.getWorksheet(sheet)!.getCell(cell);
  c.style = { ...c.style };
  c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function fakeFetch(handler: (url: string, init: RequestInit) => { status: number; body: unknown }): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    const { status, body } = handler(url, init);
    return new Response(JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
}

describe('Kiểm tra (validate)', () => {
  for (const n of [190, 10_000]) {
    it(`marks, results sheet and findings; syncs bounded by the cells read (roster of ${n})`, async () => {
      const { context, log, wb, settings } = excelMock(workbook(km04, { rosterSize: n }));
      const res = await validate(context, { period: { year: 2025 } });
      // 1 (sheets, settings) + 1 (where the data is) + the value blocks + 1 (fills to remember, results sheet) + 1 (write)
      const cells = 40 * 14 + (n + 10) * 7;
      expect(res.syncs).toBe(log.syncs);
      expect(log.syncs).toBeLessThanOrEqual(4 + Math.ceil(cells / CELLS_PER_SYNC));
      if (n === 190) expect(log.syncs).toBe(5);
      for (const p of log.payloads) expect(p).toBeLessThan(PAYLOAD_LIMIT);
      const warnings = res.findings.filter((f) => f.severity === 'warning').map((f) => f.cell);
      expect(warnings).toEqual(expect.arrayContaining(['Biểu 01!I15', 'Biểu 01!I18']));
      // one fill per sheet and severity (a RangeAreas), never one per cell; errors win over warnings
      const severity = n === 190 ? 'warning' : 'error';
      const fills = log.fills.filter((f) => f.color === MARK_COLOR[severity] && f.sheet === 'Biểu 01');
      expect(fills).toHaveLength(1);
      expect(fills[0]!.address.split(',').sort()).toEqual(expect.arrayContaining(['I15', 'I18']));
      expect(fill(wb, 'Biểu 01', 'I15')).toBe(`FF${MARK_COLOR[severity].slice(1)}`);
      // the roster's column, one range, marked whole
      if (n === 10_000) expect(log.fills.find((f) => f.sheet === 'Biểu 02')?.address).toMatch(/^[A-Z]7:[A-Z]10006(,|$)/);
      // the results sheet: one 2-D write with a link to each cell
      expect(log.added).toEqual([RESULTS_SHEET]);
      const table = log.writes.find((w) => w.sheet === RESULTS_SHEET && w.kind === 'formulas')!.value as string[][];
      expect(table[0]).toEqual(['Mức', 'Ô', 'Nội dung', 'Cách sửa']);
      expect(table.some((r) => r[1] === `=HYPERLINK("#'Biểu 01'!I15","Biểu 01!I15")`)).toBe(true);
      expect(Object.keys(JSON.parse(settings.get(MARKS_KEY)!).sheets[sheetId(wb.getWorksheet('Biểu 01')!)].cells)).toEqual(expect.arrayContaining(['I15', 'I18']));
    });
  }

  it('a roster of 40,000 rows checks within the 5 MB limit of Excel on the web (bounded row blocks)', async () => {
    const { context, log } = excelMock(workbook(km04, { rosterSize: 40_000 }));
    const res = await validate(context, { period: { year: 2025 } });
    expect(res.findings.some((f) => f.rule === 'cross-template')).toBe(true);
    expect(Math.max(...log.payloads)).toBeLessThan(PAYLOAD_LIMIT);
    // 40,010 × 7 cells in blocks of 50,000: 6 value syncs, 10 in all
    expect(log.syncs).toBe(10);
  }, 60_000);

  it('the stand-in refuses what the old reader did on that roster: values and formulas of every used range in one sync', async () => {
    const wb = workbook(km04, { rosterSize: 40_000 });
    const { context } = createExcelStandin(wb);
    const ranges = wb.worksheets.map((ws) => {
      const r = context.workbook.worksheets.getItem(ws.name).getUsedRangeOrNullObject(true);
      r.load(['values', 'formulas']);
      return r;
    });
    await expect(context.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(ranges).toHaveLength(2);
  }, 60_000);

  for (const tab of ['Tổng hợp 2025', 'Tổng hợp xếp loại', 'Tổng hợp']) {
    it(`reads Biểu 01 on a tab named "${tab}" (only the sheets the add-in wrote are skipped)`, async () => {
      const { context } = excelMock(workbook(km04, { tab }));
      const res = await validate(context, { period: { year: 2025 } });
      expect(res.check.report?.unit).toBe('KM-04');
      expect(res.findings.filter((f) => f.severity === 'warning').map((f) => f.cell)).toEqual([`${tab}!I15`, `${tab}!I18`]);
    });
  }

  it('no Biểu 01 anywhere: an error "no template", never "no problems" — also for an empty workbook', async () => {
    for (const wb of [new ExcelJS.Workbook(), (() => { const w = new ExcelJS.Workbook(); w.addWorksheet('Sheet1'); return w; })(), (() => { const w = new ExcelJS.Workbook(); w.addWorksheet('Ghi chép').getCell('B3').value = 'Danh sách họp'; return w; })()]) {
      const { context } = excelMock(wb);
      const res = await validate(context, {});
      expect(res.findings.map((f) => f.code)).toContain('template.no-template');
      expect(res.findings.find((f) => f.code === 'template.no-template')!.severity).toBe('error');
    }
  });

  it('skips the sheets it wrote, by id: a pulled consolidated sheet, even renamed, is not read as Biểu 01', async () => {
    const view = consolidateReports({ unit: 'KM', year: 2025, reports: input.reports['2025']!, previousReports: input.reports['2024']! });
    const api = apiClient({ baseUrl: 'https://x', key: 'k', fetch: fakeFetch(() => ({ status: 200, body: view })) });
    const wb = new ExcelJS.Workbook();
    const first = excelMock(wb);
    const pulled = await pull(first.context, api, 2025, 'KM');
    expect(JSON.parse(first.settings.get(OWNED_KEY)!).ids).toEqual([sheetId(wb.getWorksheet(pulled.sheet)!)]);
    wb.getWorksheet(pulled.sheet)!.name = 'Tổng hợp khối 2025';
    const { context } = createExcelStandin(wb);
    const res = await validate(context, {});
    expect(res.check.report).toBeNull();
    expect(res.findings.map((f) => f.code)).toEqual(['template.no-template']);
  });

  it("marks put back the template's own fills; a fill the user changed since is left alone; old-format marks are cleared", async () => {
    const wb = workbook(km04);
    const ws = wb.getWorksheet('Biểu 01')!;
    paint(wb, 'Biểu 01', 'I15', 'FFF7F7F7');
    const { context, settings } = excelMock(wb);
    await validate(context, {});
    expect(fill(wb, 'Biểu 01', 'I15')).toBe(WARN);
    const store = JSON.parse(settings.get(MARKS_KEY)!);
    expect(store.sheets[sheetId(ws)].cells.I15).toEqual({ color: '#F7F7F7', pattern: 'Solid' });
    expect(store.sheets[sheetId(ws)].cells.I18).toBeNull();
    // two cells marked by an earlier check that no longer have a finding: C20 (grey before), D20 (repainted blue by the user)
    store.sheets[sheetId(ws)].cells.C20 = { color: '#F7F7F7', pattern: 'Solid' };
    store.sheets[sheetId(ws)].cells.D20 = null;
    settings.set(MARKS_KEY, JSON.stringify(store));
    paint(wb, 'Biểu 01', 'C20', WARN);
    paint(wb, 'Biểu 01', 'D20', 'FF0000FF');
    await validate(createExcelStandin(wb).context, {});
    expect(fill(wb, 'Biểu 01', 'C20')).toBe('FFF7F7F7');
    expect(fill(wb, 'Biểu 01', 'D20')).toBe('FF0000FF');
    expect(fill(wb, 'Biểu 01', 'I15')).toBe(WARN);
    expect(JSON.parse(settings.get(MARKS_KEY)!).sheets[sheetId(ws)].cells.I15).toEqual({ color: '#F7F7F7', pattern: 'Solid' });
    // the first format ({ sheet: [addresses] }): cleared where our colour still is
    settings.set(MARKS_KEY, JSON.stringify({ 'Biểu 01': ['E20'] }));
    paint(wb, 'Biểu 01', 'E20', WARN);
    await validate(createExcelStandin(wb).context, {});
    expect(fill(wb, 'Biểu 01', 'E20')).toBeNull();
  });

  it('reuses its results sheet: what the user wrote beside the table (column F) stays', async () => {
    const wb = workbook(km04);
    await validate(createExcelStandin(wb).context, {});
    wb.getWorksheet(RESULTS_SHEET)!.getCell('F2').value = 'Đã báo đồng chí Hùng';
    const { context, log } = createExcelStandin(wb);
    await validate(context, {});
    expect(log.deleted).toEqual([]);
    expect(log.added).toEqual([]);
    expect(wb.getWorksheet(RESULTS_SHEET)!.getCell('F2').value).toBe('Đã báo đồng chí Hùng');
    expect(wb.getWorksheet(RESULTS_SHEET)!.getCell('A1').value).toBe('Mức');
  });

  it('a protected sheet: findings listed, no marks there, and said; the stand-in refuses the fill the old code made', async () => {
    const wb = workbook(km04);
    await wb.getWorksheet('Biểu 01')!.protect('', {});
    const { context, log } = excelMock(wb);
    const res = await validate(context, {});
    expect(res.protectedSheets).toEqual(['Biểu 01']);
    expect(res.findings.filter((f) => f.severity === 'warning')).toHaveLength(2);
    expect(log.fills.filter((f) => f.sheet === 'Biểu 01')).toEqual([]);
    expect(fill(wb, 'Biểu 01', 'I15')).toBeNull();
    expect(wb.getWorksheet(RESULTS_SHEET)).toBeDefined();
    const probe = createExcelStandin(wb).context;
    probe.workbook.worksheets.getItem('Biểu 01').getRanges('I15,I18').format.fill.color = MARK_COLOR.warning;
    await expect(probe.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('a sheet protected with formatting allowed is marked', async () => {
    const wb = workbook(km04);
    await wb.getWorksheet('Biểu 01')!.protect('', { formatCells: true });
    const res = await validate(excelMock(wb).context, {});
    expect(res.protectedSheets).toEqual([]);
    expect(fill(wb, 'Biểu 01', 'I15')).toBe(WARN);
  });

  it('a workbook with a protected structure: no sheet added, the findings returned and the reason given', async () => {
    const wb = workbook(km04);
    const { context, log } = excelMock(wb, {}, { workbookProtected: true });
    const res = await validate(context, {});
    expect(res.noResultsSheet).toBe(true);
    expect(log.added).toEqual([]);
    expect(res.findings.filter((f) => f.severity === 'warning')).toHaveLength(2);
    // the stand-in refuses adding a sheet there, as Excel does
    const probe = createExcelStandin(wb).context;
    probe.workbook.worksheets.add('x');
    await expect(probe.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('a sheet named with "!" gets its marks and links right', async () => {
    const { context, wb } = excelMock(workbook(km04, { tab: 'Biểu 01!' }));
    const res = await validate(context, {});
    expect(res.findings.filter((f) => f.severity === 'warning').map((f) => f.cell)).toEqual(['Biểu 01!!I15', 'Biểu 01!!I18']);
    expect(fill(wb, 'Biểu 01!', 'I15')).toBe(WARN);
    expect(resultRows(res.findings).find((r) => r[1]?.includes('I15'))![1]).toBe(`=HYPERLINK("#'Biểu 01!'!I15","Biểu 01!!I15")`);
  });

  it('a stray cell far away (row 1,048,576, column XFD) is read as a cell, not a million rows', async () => {
    const wb = workbook(km04);
    const ws = wb.getWorksheet('Biểu 01')!;
    ws.getCell('A1048576').value = 'x';
    ws.getCell('XFD3').value = 'y';
    const { context, log } = excelMock(wb);
    const res = await validate(context, {});
    expect(res.findings.filter((f) => f.severity === 'warning').map((f) => f.cell)).toEqual(['Biểu 01!I15', 'Biểu 01!I18']);
    expect(Math.max(...log.payloads)).toBeLessThan(100_000);
    // Excel's used range reaches the stray cell: reading it whole is refused
    const probe = createExcelStandin(wb).context;
    probe.workbook.worksheets.getItem('Biểu 01').getUsedRangeOrNullObject(true).load('values');
    await expect(probe.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });

  it('a cell edited after sending shows as changed since that version', async () => {
    const sent = { unit: 'KM-04', year: 2025, version: 3, receivedAt: '2025-12-01T00:00:00Z', hash: 'h', server: '', sent: { 'tallies.member.total': 189 } };
    const { context } = excelMock(workbook(km04), { [RECEIPT_KEY]: JSON.stringify(sent) });
    const res = await validate(context);
    const f = res.findings.find((x) => x.rule === 'changed-since-sent')!;
    expect(f).toMatchObject({ cell: 'Biểu 01!C15', severity: 'info' });
    expect(f.message).toContain('phiên bản 3: 189 → 190');
  });
});

describe('the stand-in enforces what Excel enforces', () => {
  it('addresses over 8,192 characters; the adapters chunk theirs far below', async () => {
    const wb = workbook(km04);
    const { context } = createExcelStandin(wb);
    const long = Array.from({ length: 1200 }, (_, i) => `AB${i + 1}:AC${i + 1}`).join(',');
    expect(long.length).toBeGreaterThan(8192);
    context.workbook.worksheets.getItem('Biểu 01').getRanges(long).format.fill.color = '#FF0000';
    await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    for (const c of chunks(Array.from({ length: 5000 }, (_, i) => `AB${i + 1}:AC${i + 1}`))) expect(c.length).toBeLessThanOrEqual(8192);
  });
  it('numberFormat must be a 2-D array of the range shape; a property is read only after load + sync; unknown sheets fail', async () => {
    const { context } = createExcelStandin(workbook(km04));
    const ws = context.workbook.worksheets.getItem('Biểu 01');
    ws.getRange('C15:H15').numberFormat = '#,##0' as unknown as string[][];
    await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    const r = ws.getRange('C15');
    expect(() => r.values).toThrow(/not available/);
    context.workbook.worksheets.getItem('Không có');
    await expect(context.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(runs([{ row: 15, col: 3 }, { row: 15, col: 4 }, { row: 15, col: 6 }])).toEqual(['C15:D15', 'F15']);
  });
});

describe('Gửi số liệu (submit)', () => {
  it('blocked while warnings have no justification; nothing sent', async () => {
    let calls = 0;
    const api = apiClient({ baseUrl: 'https://x', key: 'k', fetch: fakeFetch(() => (calls++, { status: 200, body: {} })) });
    const { context, settings } = excelMock(workbook(km04));
    const res = await submit(context, api, {});
    expect(res.ok).toBe(false);
    expect('blocked' in res && res.blocked).toMatchObject({ ok: false, errors: 0, unjustified: ['member.excellent-cap', 'member.staff.excellent-cap'] });
    expect(calls).toBe(0);
    expect(settings.get(RECEIPT_KEY)).toBeUndefined();
  });

  it('on a tab "Tổng hợp 2025" it sends (the old code sent nothing and said nothing)', async () => {
    let calls = 0;
    const api = apiClient({ baseUrl: 'https://x', key: 'k', fetch: fakeFetch(() => (calls++, { status: 200, body: { ok: true, version: 1, receivedAt: '2025-12-02T08:00:00Z', hash: 'abc', findings: [] } })) });
    const res = await submit(excelMock(workbook(km04, { tab: 'Tổng hợp 2025' })).context, api, { 'member.excellent-cap': 'a', 'member.staff.excellent-cap': 'b' });
    expect(res.ok).toBe(true);
    expect(calls).toBe(1);
  });

  it('no Biểu 01: refused as "no template", with the finding, nothing sent', async () => {
    let calls = 0;
    const api = apiClient({ baseUrl: 'https://x', key: 'k', fetch: fakeFetch(() => (calls++, { status: 200, body: {} })) });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'x';
    const res = await submit(excelMock(wb).context, api, {});
    expect(res.ok).toBe(false);
    expect('blocked' in res && res.blocked).toEqual({ ok: false, noTemplate: true });
    expect(res.findings.map((f) => f.code)).toContain('template.no-template');
    expect(calls).toBe(0);
  });

  it('sends counts only with the justifications (typed, and kept in the workbook), keeps the receipt: 4 syncs', async () => {
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
    const { context, log, settings } = excelMock(workbook(km04, { rosterSize: 190 }), { [JUSTIFY_KEY]: JSON.stringify({ 'member.staff.excellent-cap': 'Như trên' }) });
    const res = await submit(context, api, { 'member.excellent-cap': 'Đơn vị tiêu biểu' });
    expect(res.ok).toBe(true);
    expect(log.syncs).toBe(4);
    expect(sentBody.tallies.member).toEqual(km04.tallies.member);
    expect(sentBody.justifications).toEqual({ 'member.excellent-cap': 'Đơn vị tiêu biểu', 'member.staff.excellent-cap': 'Như trên' });
    expect(JSON.stringify(sentBody)).not.toContain('Đảng viên 1');
    expect(headers['Idempotency-Key']).toMatch(/^KM-04-2025-[0-9a-f]{32}$/);
    expect(JSON.parse(settings.get(RECEIPT_KEY)!)).toMatchObject({ version: 2, hash: 'abc', unit: 'KM-04' });
  });

  it('a network failure keeps everything in the workbook and says what to do', async () => {
    const api = apiClient({ baseUrl: 'https://x', key: 'k', fetch: (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch });
    const { context, log, settings } = excelMock(workbook(km04));
    const res = await submit(context, api, { 'member.excellent-cap': 'x', 'member.staff.excellent-cap': 'y' });
    expect(res.ok).toBe(false);
    expect('error' in res && res.error.message).toContain('Số liệu vẫn nằm trong sổ tính');
    expect(settings.get(RECEIPT_KEY)).toBeUndefined();
    expect(log.writes).toEqual([]);
  });

  it('a hung connection ends as the network message after the timeout', async () => {
    let aborted = false;
    const hang = ((_url: string, init: RequestInit) => new Promise(() => init.signal?.addEventListener('abort', () => (aborted = true)))) as unknown as typeof fetch;
    const api = apiClient({ baseUrl: 'https://x', key: 'k', fetch: hang, timeoutMs: 50 });
    const err = await api.me().catch((e) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).network).toBe(true);
    expect((err as ApiCallError).message).toContain('Không kết nối được máy chủ');
    expect(aborted).toBe(true);
    // even a fetch that ignores the signal
    const deaf = apiClient({ baseUrl: 'https://x', key: 'k', fetch: (() => new Promise(() => undefined)) as unknown as typeof fetch, timeoutMs: 50 });
    await expect(deaf.me()).rejects.toMatchObject({ status: 0 });
  });

  it('justifications are kept in the workbook and read back', async () => {
    const wb = workbook(km04);
    await saveJustifications(createExcelStandin(wb).context, { 'member.excellent-cap': 'Lý do', 'x.y': '  ' });
    expect(await loadJustifications(createExcelStandin(wb).context)).toEqual({ 'member.excellent-cap': 'Lý do' });
    const res = await validate(createExcelStandin(wb).context, {});
    expect(res.justifications).toEqual({ 'member.excellent-cap': 'Lý do' });
  });
});

describe('Lấy tổng hợp (pull), Chèn biểu mẫu, Điền từ danh sách', () => {
  const view = consolidateReports({ unit: 'KM', year: 2025, reports: input.reports['2025']!, previousReports: input.reports['2024']! });

  it('writes the consolidated sheet in one array, formats per style, a chart, the print area: 3 syncs; an earlier pull is kept', async () => {
    const api = apiClient({ baseUrl: 'https://x', key: 'k', fetch: fakeFetch(() => ({ status: 200, body: view })) });
    const wb = workbook(km04);
    wb.addWorksheet('Tổng hợp KM 2025').getCell('A1').value = 'ghi chú của tôi';
    const { context, log } = excelMock(wb);
    const res = await pull(context, api, 2025, 'KM');
    expect(log.syncs).toBe(3);
    expect(res).toMatchObject({ sheet: 'Tổng hợp KM 2025 (2)', kept: true });
    expect(log.deleted).toEqual([]);
    expect(wb.getWorksheet('Tổng hợp KM 2025')!.getCell('A1').value).toBe('ghi chú của tôi');
    expect(log.activated).toEqual([res.sheet]);
    const main = log.writes.filter((w) => w.sheet === res.sheet && w.kind === 'formulas');
    expect(main).toHaveLength(1);
    const rows = main[0]!.value as unknown[][];
    const member = rows.find((r) => r[1] === 'Đảng viên')!;
    expect(member.slice(2, 7)).toEqual([845, 825, 97.63, 20, 139]);
    expect(log.writes.filter((w) => w.kind === 'numberFormat').every((w) => Array.isArray(w.value) && Array.isArray((w.value as unknown[])[0]))).toBe(true);
    expect(log.printAreas).toEqual([{ sheet: res.sheet, address: expect.stringMatching(/^A1:[A-Z]+\d+$/) }]);
    // Biểu 4 (one row per unit) and the prose start new printed pages, as in the .xlsx
    const spec = consolidatedSheet(view);
    expect(log.pageBreaks).toEqual(spec.rowBreaks!.map((after) => ({ sheet: res.sheet, after })));
    expect(log.pageBreaks).toHaveLength(2);
  });

  it('pull and insert refuse a workbook with a protected structure, with the reason', async () => {
    const api = apiClient({ baseUrl: 'https://x', key: 'k', fetch: fakeFetch(() => ({ status: 200, body: view })) });
    await expect(pull(excelMock(workbook(km04), {}, { workbookProtected: true }).context, api, 2025, 'KM')).rejects.toBeInstanceOf(WorkbookError);
    await expect(insertTemplate(excelMock(workbook(km04), {}, { workbookProtected: true }).context, { year: 2026, unit: 'KM-04', unitName: 'x' })).rejects.toMatchObject({ code: 'workbook-protected' });
  });

  it('inserts a blank Biểu 01 as a new sheet in 2 syncs', async () => {
    const { context, log } = excelMock(workbook(km04));
    const name = await insertTemplate(context, { year: 2026, unit: 'KM-04', unitName: 'Đảng bộ Công ty Điện lực' });
    expect(name).toBe('Biểu 01 (2)');
    expect(log.syncs).toBe(2);
    const table = log.writes.find((w) => w.sheet === name && w.kind === 'formulas')!.value as string[][];
    expect(table.flat()).toContain('TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN NĂM 2026');
  });

  it('fills Biểu 01 from the roster; on a protected sheet only unlocked cells, the locked ones named', async () => {
    const report = { ...km04, tallies: { ...km04.tallies, member: { ...km04.tallies.member } } } as UnitReport;
    const wb = workbook(report, { rosterSize: 150 });
    const res = await fillFromRoster(excelMock(wb).context);
    expect(res.written).toBeGreaterThan(0);
    expect(res.locked).toEqual([]);
    const locked = workbook(report, { rosterSize: 150 });
    await locked.getWorksheet('Biểu 01')!.protect('', {});
    const res2 = await fillFromRoster(excelMock(locked).context);
    expect(res2.written).toBe(0);
    expect(res2.locked.length).toBe(res.written);
  });
});
