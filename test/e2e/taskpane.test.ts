import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';

import { bieu01Workbook, workbookBuffer } from '../../shared/xlsx';
import { loadSample } from '../helpers/sample';
import { hasChromium, launch, requireBuild, serveFolder } from './browser';

const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = `${ROOT}test/e2e/screenshots/`;

// CI installs Debian's chromium (.ci/run); a developer machine without it skips this file, and says so.
describe.skipIf(!hasChromium && !process.env.CI)('the task pane page in Chromium', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let standin = '';
  beforeAll(async () => {
    requireBuild();
    // the workbook stand-in, which plays Office and Excel for the second test
    const res = await build({ entryPoints: [join(ROOT, 'test/e2e/standin/page.ts')], bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'warning' });
    standin = res.outputFiles[0]!.text;
    site = await serveFolder(`${ROOT}dist/public`);
    browser = await launch();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    site?.server.close();
  });

  it('outside Office: loads office.js locally, Office.onReady resolves with no host, shows "open in Excel", no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 600 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    const external: string[] = [];
    page.on('request', (r) => !r.url().startsWith(site.url) && !r.url().startsWith('data:') && external.push(r.url()));
    await page.goto(`${site.url}/addin/taskpane.html`);
    await page.waitForSelector('#outside:not([hidden])', { timeout: 15_000 });
    expect(await page.textContent('#outside')).toContain('Mở trong Excel');
    expect(await page.isHidden('#app')).toBe(true);
    await page.screenshot({ path: `${SHOTS}taskpane-outside-office.png` });
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 60_000);

  it('as in Excel (office.js replaced by the stand-in): Kiểm tra from the pane lists the findings grouped, with their cells, and asks for justifications', async () => {
    const page = await browser.newPage({ viewport: { width: 340, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // the page's office.js is replaced by the stand-in, which plays Excel
    await page.route('**/office/office.js', (route) => route.fulfill({ contentType: 'text/javascript', body: standin }));
    await page.goto(`${site.url}/addin/taskpane.html`);
    await page.waitForSelector('#app:not([hidden])');
    const km04 = loadSample().input.reports['2025']!.find((r) => r.unit === 'KM-04')!;
    const file = await workbookBuffer(bieu01Workbook({ year: 2025, unit: 'KM-04', unitName: 'Đảng bộ Công ty Điện lực', report: km04 }));
    await page.evaluate((b64) => (window as any).loadWorkbook(b64), Buffer.from(file).toString('base64'));
    await page.click('#btn-validate');
    await page.waitForSelector('#findings .group.warning li');
    expect(await page.$$eval('#findings .group.warning li .cell', (els) => els.map((e) => e.textContent))).toEqual(['Biểu 01!I15', 'Biểu 01!I18']);
    expect(await page.textContent('#findings .group.warning .badge')).toBe('2');
    expect(await page.$$eval('#findings textarea', (els) => els.length)).toBe(2);
    expect(await page.textContent('#status')).toContain('Đã kiểm tra');
    // sending without justifications is refused in the pane, naming what is missing
    await page.click('#btn-submit');
    await page.waitForFunction(() => document.querySelector('#status')?.className === 'error');
    expect(await page.textContent('#status')).toBe('Cần ghi giải trình cho: member.excellent-cap, member.staff.excellent-cap.');
    expect(await page.evaluate(() => (window as any).syncsPerRun())).toEqual(expect.arrayContaining([3]));
    await page.screenshot({ path: `${SHOTS}taskpane-findings.png` });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
