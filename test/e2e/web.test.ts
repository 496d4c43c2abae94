import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bieu01Workbook, workbookBuffer } from '../../shared/xlsx';

import { call, SAMPLE } from '../../scripts/lib/seed';
import { migrateLocal, startDev } from '../../scripts/lib/wrangler';
import { hasChromium, launch, requireBuild } from './browser';

const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = `${ROOT}test/e2e/screenshots/`;
const ADMIN = 'e2e-admin-key-0123456789abcdef';
const expected = JSON.parse(readFileSync(`${ROOT}test/fixtures/sample-khoi/expected.json`, 'utf8'));
// every warning needs a justification to be sent: KM-02 (chi bộ cap) too
const JUSTIFY: Record<string, string> = {
  'KM-02': 'Hai chi bộ được Đảng ủy Khối khen thưởng trong năm.',
  'KM-04': 'Đơn vị được tặng cờ thi đua, nhiều cá nhân tiêu biểu.',
  'KM-07': 'Chi bộ nhỏ, chỉ có đảng viên không giữ chức vụ.',
};

// CI installs Debian's chromium (.ci/run); a developer machine without it skips this file, and says so.
describe.skipIf(!hasChromium && !process.env.CI)('the web page against wrangler dev, in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xeploai-e2e-'));
  let dev: Awaited<ReturnType<typeof startDev>>;
  let browser: Browser;
  let page: Page;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    requireBuild();
    migrateLocal(join(dir, 'state'));
    dev = await startDev({ port: 8799, persistTo: join(dir, 'state'), vars: { ADMIN_KEY: ADMIN } });
    expect((await call(dev.url, ADMIN, 'PUT', '/api/v1/units', { units: SAMPLE.units })).status).toBe(200);
    for (const u of SAMPLE.units) keys[u.code] = (await call(dev.url, ADMIN, 'POST', '/api/v1/keys', { unit: u.code, role: u.parent ? 'unit' : 'reviewer' })).json.key;
    for (const r of SAMPLE.reports['2024']!) expect((await call(dev.url, ADMIN, 'PUT', `/api/v1/reports/2024/${r.unit}`, r)).status).toBe(200);
    for (const r of SAMPLE.reports['2025']!) {
      writeFileSync(join(dir, `${r.unit}.xlsx`), await workbookBuffer(bieu01Workbook({ year: 2025, unit: r.unit, unitName: SAMPLE.units.find((u) => u.code === r.unit)!.name, report: r })));
    }
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page.on('pageerror', (e) => {
      throw e;
    });
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(dev.url + '/');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    dev?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Signs in and waits until the page has checked the key (it then shows the key's unit). */
  async function signIn(key: string) {
    await page.fill('#key', key);
    await page.click('#btn-signin');
    await page.waitForFunction(() => / — /.test(document.querySelector('#who')?.textContent ?? ''));
  }

  it('a broken workbook shows its errors at their cells and cannot be sent', async () => {
    await signIn(keys['KM-01']!);
    await page.setInputFiles('#file', join(ROOT, 'test/fixtures/templates/break-total-mismatch.xlsx'));
    await page.waitForSelector('#findings .group.error li');
    const cells = await page.$$eval('#findings .group.error li .cell', (els) => els.map((e) => e.textContent));
    expect(cells).toEqual(['Biểu 01!C15']);
    expect(await page.textContent('#findings .group.error li .msg')).toContain('Đảng viên: tổng số 151');
    expect(await page.isDisabled('#btn-send')).toBe(true);
    await page.screenshot({ path: `${SHOTS}web-broken-workbook.png`, fullPage: true });
  });

  it('an unreadable file (old .xls, .ods, CSV named .xlsx) is an error with its reason, the same as the CLI says, and cannot be sent', async () => {
    const ods = join(dir, 'bieu-ods.xlsx');
    writeFileSync(ods, zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }));
    const csv = join(dir, 'bieu-csv.xlsx');
    writeFileSync(csv, 'TT,Nội dung,Tổng số\n1,Đảng viên,60\n');
    for (const file of [join(ROOT, 'test/fixtures/field-cases/f11-excel-97-2003.xls'), ods, csv]) {
      const cli = await new Promise<{ code: number; out: string }>((done) =>
        execFile('node', [join(ROOT, 'bin/xeploai.mjs'), 'check', '--json', file], { cwd: ROOT }, (err, stdout) => done({ code: err ? (err as { code: number }).code : 0, out: stdout })),
      );
      expect(cli.code).toBe(2);
      const said = JSON.parse(cli.out).findings[0].message as string;
      await page.setInputFiles('#file', file);
      await page.waitForFunction((m) => document.querySelector('#findings .group.error li .msg')?.textContent?.includes(m), said);
      expect(await page.getAttribute('#file-status', 'class')).toBe('error');
      expect(await page.textContent('#file-status')).toContain(said);
      expect(await page.textContent('#findings')).not.toContain('Không có lỗi');
      expect(await page.isDisabled('#btn-send')).toBe(true);
    }
  });

  it('each unit uploads its 2025 workbook and sends it (KM-02, KM-04 and KM-07 with justifications)', async () => {
    for (const r of SAMPLE.reports['2025']!) {
      await signIn(keys[r.unit]!);
      await page.setInputFiles('#file', join(dir, `${r.unit}.xlsx`));
      await page.waitForFunction((unit) => document.querySelector('#file-status')?.textContent?.includes(unit), r.unit);
      for (const area of await page.$$('#findings textarea')) await area.fill(JUSTIFY[r.unit] ?? '');
      if (r.unit === 'KM-04') await page.screenshot({ path: `${SHOTS}web-warnings-justified.png`, fullPage: true });
      await page.click('#btn-send');
      await page.waitForFunction(() => /phiên bản \d+/.test(document.querySelector('#send-status')?.textContent ?? '') || document.querySelector('#send-status')?.className === 'error');
      expect(await page.textContent('#send-status'), r.unit).toContain('Đã gửi phiên bản 1');
    }
  }, 120_000);

  it('the reviewer sees the expected figures, coverage 12/12 and the expected findings', async () => {
    await signIn(keys.KM!);
    await page.click('[data-tab="report"]');
    await page.fill('#r-year', '2025');
    await page.fill('#r-unit', 'KM');
    await page.click('#btn-report');
    await page.waitForSelector('#narrative p');
    expect(await page.textContent('#coverage')).toBe('Đã nhận 12/12 đơn vị');
    const rows = await page.$$eval('#report table:first-of-type tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    const member = rows.find((r) => r[0] === 'Đảng viên')!;
    const m = expected.consolidated['2025'].member;
    expect(member.slice(1, 5)).toEqual([String(m.total), String(m.rated), String(m.levels.excellent), m.percent.excellent.toFixed(2).replace('.', ',')]);
    expect(await page.textContent('#narrative')).toContain('807 đồng chí, bằng 97,82% (tăng 1,19% so với năm 2024');
    const found = await page.$$eval('#report-findings li', (lis) => lis.map((li) => (li as HTMLElement).dataset.rule));
    expect(found.sort()).toEqual(expected.findings.map((f: { rule: string }) => f.rule).sort());
    expect(await page.textContent('#report-findings')).toContain(JUSTIFY['KM-04']);
    await page.screenshot({ path: `${SHOTS}web-consolidated.png`, fullPage: true });
  });

  it('the downloaded .xlsx reads back to the same figures', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-xlsx')]);
    const file = join(dir, 'tong-hop.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Tổng hợp KM 2025')!;
    let member: ExcelJS.CellValue[] = [];
    ws.eachRow((row) => {
      if (row.getCell(2).value === 'Đảng viên' && member.length === 0) member = (row.values as ExcelJS.CellValue[]).slice(2, 16);
    });
    const m = expected.consolidated['2025'].member;
    expect(member.slice(0, 7)).toEqual(['Đảng viên', m.total, m.rated, m.percent.rated, m.unrated, m.levels.excellent, m.percent.excellent]);
  });

  it('the page has the two downloads: the report .docx carries the same prose as the page', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-docx')]);
    expect(download.suggestedFilename()).toBe('bao-cao-KM-2025.docx');
    const file = join(dir, 'bao-cao.docx');
    await download.saveAs(file);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']!);
    const paragraphs = xml.split('</w:p>').map((p) => p.replace(/<[^>]+>/g, ''));
    const shown = await page.$$eval('#narrative p', (ps) => ps.map((p) => p.textContent ?? ''));
    expect(shown.length).toBeGreaterThanOrEqual(4);
    for (const p of shown) expect(paragraphs).toContain(p);
    expect(paragraphs).toContain('ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH MẪU');
  });

  it('approve from the status table', async () => {
    const row = page.locator('tr', { hasText: 'KM-01' }).first();
    await row.getByRole('button', { name: 'Duyệt' }).click();
    await page.waitForSelector('tr:has-text("KM-01") .status-approved');
    const st = await call(dev.url, keys.KM!, 'GET', '/api/v1/status/2025/KM');
    expect(st.json.children.find((c: { unit: string }) => c.unit === 'KM-01').status).toBe('approved');
  });

  it('a blank template downloads for a year and unit, and works on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('[data-tab="blank"]');
    await page.fill('#b-year', '2026');
    await page.fill('#b-unit', 'KM-13');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-blank')]);
    expect(download.suggestedFilename()).toBe('bieu01-KM-13-2026.xlsx');
    // signed in with a unit's key and no code typed: the unit, its name and superior come from the register
    await signIn(keys['KM-06']!);
    await page.click('[data-tab="blank"]');
    await page.fill('#b-unit', '');
    await page.fill('#b-name', '');
    const [mine] = await Promise.all([page.waitForEvent('download'), page.click('#btn-blank')]);
    expect(mine.suggestedFilename()).toBe('bieu01-KM-06-2026.xlsx');
    await mine.saveAs(join(dir, 'blank-km06.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'blank-km06.xlsx'));
    const ws = wb.worksheets[0]!;
    expect([ws.getCell('A1').value, ws.getCell('A2').value, ws.getCell('A3').value]).toEqual(['ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH MẪU', 'CHI BỘ SỞ TƯ PHÁP', '*']);
    expect(await page.inputValue('#b-name')).toBe('Chi bộ Sở Tư pháp');
    await page.screenshot({ path: `${SHOTS}web-phone.png`, fullPage: true });
  });
});
