import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bieu01Workbook, workbookBuffer } from '../../shared/xlsx';
import { MARK_COLOR, RESULTS_SHEET } from '../../addin/excel/keys';
import type { UnitReport } from '../../shared';

import { call, SAMPLE } from '../../scripts/lib/seed';
import { justified } from '../helpers/reports';
import { migrateLocal, startDev } from '../../scripts/lib/wrangler';
import { hasChromium, launch, requireBuild } from './browser';

const ROOT = new URL('../../', import.meta.url).pathname;
const ADMIN = 'standin-admin-key-0123456789abcdef';
const expected = JSON.parse(readFileSync(`${ROOT}test/fixtures/sample-khoi/expected.json`, 'utf8'));

// CI installs Debian's chromium (.ci/run); a developer machine without it skips this file, and says so.
describe.skipIf(!hasChromium && !process.env.CI)("the add-in's command code in Chromium, over a workbook stand-in backed by exceljs", () => {
  const dir = mkdtempSync(join(tmpdir(), 'xeploai-standin-'));
  let dev: Awaited<ReturnType<typeof startDev>>;
  let browser: Browser;
  let page: Page;
  let reviewer = '';

  beforeAll(async () => {
    requireBuild();
    // the stand-in page is served by the same Worker (same origin as the API), from the built assets
    const out = join(ROOT, 'dist/public/test-standin');
    mkdirSync(out, { recursive: true });
    await build({ entryPoints: [join(ROOT, 'test/e2e/standin/page.ts')], bundle: true, format: 'iife', platform: 'browser', outfile: join(out, 'page.js'), logLevel: 'warning' });
    writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><title>stand-in</title><script src="page.js" defer></script>');
    migrateLocal(join(dir, 'state'));
    dev = await startDev({ port: 8798, persistTo: join(dir, 'state'), vars: { ADMIN_KEY: ADMIN } });
    await call(dev.url, ADMIN, 'PUT', '/api/v1/units', { units: SAMPLE.units });
    reviewer = (await call(dev.url, ADMIN, 'POST', '/api/v1/keys', { unit: 'KM', role: 'reviewer' })).json.key;
    for (const year of ['2024', '2025']) for (const r of SAMPLE.reports[year]!) {
      const res = await call(dev.url, ADMIN, 'PUT', `/api/v1/reports/${year}/${r.unit}`, justified(r as UnitReport));
      if (res.status !== 200 && res.status !== 201) throw new Error(`seed ${year} ${r.unit}: ${res.status} ${JSON.stringify(res.json)}`);
    }
    browser = await launch();
    page = await browser.newPage();
    page.on('pageerror', (e) => {
      throw e;
    });
    await page.goto(`${dev.url}/test-standin/index.html`);
    await page.waitForSelector('html[data-ready="yes"]', { state: 'attached' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    dev?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(ROOT, 'dist/public/test-standin'), { recursive: true, force: true });
  });

  async function run(xlsx: Uint8Array, action: 'validate' | 'pull', args: Record<string, unknown>) {
    const res = await page.evaluate(([b64, a, x]) => (window as any).standin(b64, a, x), [Buffer.from(xlsx).toString('base64'), action, args] as const);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.xlsx, 'base64') as unknown as ArrayBuffer);
    return { ...res, wb } as { syncs: number; payloads: number[]; result: any; wb: ExcelJS.Workbook };
  }

  it('Kiểm tra: the marks and the "Kết quả kiểm tra" sheet are in the saved .xlsx at the right cells (5 syncs)', async () => {
    const km04 = SAMPLE.reports['2025']!.find((r) => r.unit === 'KM-04')!;
    const file = await workbookBuffer(bieu01Workbook({ year: 2025, unit: 'KM-04', unitName: 'Đảng bộ Công ty Điện lực', report: km04 }));
    const { syncs, result, wb } = await run(file, 'validate', { year: 2025 });
    // sheets and settings · where the data is · the values · the fills to remember and the results sheet · the writes
    expect(syncs).toBe(5);
    expect(result.filter((f: any) => f.severity === 'warning').map((f: any) => f.cell)).toEqual(['Biểu 01!I15', 'Biểu 01!I18']);
    const sheet = wb.getWorksheet('Biểu 01')!;
    for (const addr of ['I15', 'I18']) expect((sheet.getCell(addr).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${MARK_COLOR.warning.slice(1)}`);
    expect((sheet.getCell('C15').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe(`FF${MARK_COLOR.warning.slice(1)}`);
    const results = wb.getWorksheet(RESULTS_SHEET)!;
    expect(results.getCell('A1').value).toBe('Mức');
    expect((results.getCell('B2').value as ExcelJS.CellFormulaValue).formula).toBe(`HYPERLINK("#'Biểu 01'!I15","Biểu 01!I15")`);
    expect(String(results.getCell('C2').value)).toContain('Xuất sắc 45 > 20% × 187');
  });

  it('Lấy tổng hợp against the Worker: the "Tổng hợp" sheet holds the expected figures (3 syncs)', async () => {
    const file = await workbookBuffer(bieu01Workbook({ year: 2025, unit: 'KM', unitName: 'x' }));
    const { syncs, result, wb } = await run(file, 'pull', { year: 2025, unit: 'KM', key: reviewer });
    expect(syncs).toBe(3);
    expect(result.sheet).toBe('Tổng hợp KM 2025');
    expect(result.coverage).toMatchObject({ expected: 12, submitted: 12, missing: [] });
    const ws = wb.getWorksheet('Tổng hợp KM 2025')!;
    const rows: Record<string, unknown[]> = {};
    ws.eachRow((row) => {
      const label = row.getCell(2).value;
      if (typeof label === 'string' && !(label in rows)) rows[label] = (row.values as unknown[]).slice(1);
    });
    for (const [subject, label] of [['member', 'Đảng viên'], ['organization', 'Tổ chức cơ sở đảng'], ['committee', 'Tập thể cấp ủy'], ['branch', 'Chi bộ trực thuộc']] as const) {
      const e = expected.consolidated['2025'][subject];
      expect(rows[label]!.slice(2, 8), subject).toEqual([e.total, e.rated, e.percent.rated, e.unrated, e.levels.excellent, e.percent.excellent]);
    }
  });
});
