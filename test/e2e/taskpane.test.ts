import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

import { bieu01Workbook, workbookBuffer } from '../../shared/xlsx';
import { JUSTIFY_KEY, RESULTS_SHEET } from '../../addin/excel/keys';
import { loadSample } from '../helpers/sample';
import { hasChromium, launch, requireBuild, serveFolder } from './browser';

const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = `${ROOT}test/e2e/screenshots/`;
const km04 = loadSample().input.reports['2025']!.find((r) => r.unit === 'KM-04')!;

// CI installs Debian's chromium (.ci/run); a developer machine without it skips this file, and says so.
describe.skipIf(!hasChromium && !process.env.CI)('the task pane page in Chromium', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let standin = '';
  let km04File: Uint8Array;
  beforeAll(async () => {
    requireBuild();
    // the workbook stand-in, which plays Office (with the shared runtime's hidden pane) and Excel
    const res = await build({ entryPoints: [join(ROOT, 'test/e2e/standin/page.ts')], bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'warning' });
    standin = res.outputFiles[0]!.text;
    site = await serveFolder(`${ROOT}dist/public`);
    browser = await launch();
    mkdirSync(SHOTS, { recursive: true });
    km04File = await workbookBuffer(bieu01Workbook({ year: 2025, unit: 'KM-04', unitName: 'Đảng bộ Công ty Điện lực', report: km04 }));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    site?.server.close();
  });

  /** The pane "in Excel": office.js replaced by the stand-in; /api/v1/me answered with the given role (none: 401). */
  async function pane(opts: { role?: string; height?: number; beforeLoad?: (page: Page) => Promise<unknown> } = {}) {
    const page = await browser.newPage({ viewport: { width: 340, height: opts.height ?? 760 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/office/office.js', (route) => route.fulfill({ contentType: 'text/javascript', body: standin }));
    await page.route('**/api/v1/me', (route) =>
      opts.role
        ? route.fulfill({ contentType: 'application/json', body: JSON.stringify({ keyId: 'k1', unit: 'KM', role: opts.role }) })
        : route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ ok: false, errors: [{ code: 'auth.key', message: 'Khóa không hợp lệ.' }] }) }),
    );
    await opts.beforeLoad?.(page);
    await page.goto(`${site.url}/addin/taskpane.html`);
    await page.waitForSelector('#app:not([hidden])');
    return { page, errors };
  }
  const load = (page: Page, file: Uint8Array, opts: Record<string, unknown> = {}) => page.evaluate(([b64, o]) => (window as any).loadWorkbook(b64, o), [Buffer.from(file).toString('base64'), opts] as const);
  const ribbon = (page: Page, id: string) => page.evaluate((x) => (window as any).ribbon(x), id) as Promise<{ completed: number }>;
  const state = (page: Page) => page.evaluate(() => ({ pane: (window as any).pane(), active: (window as any).activeSheet(), tab: document.querySelector('[aria-selected="true"]')?.getAttribute('data-tab') }));
  async function saveSettings(page: Page, key = 'demo-key') {
    await page.click('[data-tab="settings"]');
    await page.fill('#in-key', key);
    await page.click('#btn-save');
    await page.click('[data-tab="check"]');
  }

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
    // and where to go instead: the upload page, one click away
    expect(await page.getAttribute('#outside-web', 'href')).toBe('/');
    expect(await page.textContent('#outside-web')).toBe('Mở trang web nộp biểu mẫu');
    expect(await page.isHidden('#app')).toBe(true);
    await page.screenshot({ path: `${SHOTS}taskpane-outside-office.png` });
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 60_000);

  it('from the pane: an empty state before the first check, then the findings grouped with their cells; refusals name cells, never rule keys', async () => {
    const { page, errors } = await pane();
    await load(page, km04File);
    // before anything was read: never "no errors"
    expect(await page.textContent('#findings')).toBe('Chưa kiểm tra. Bấm Kiểm tra để đọc biểu mẫu trong sổ tính này.');
    expect(await page.evaluate(() => getComputedStyle(document.body).overflowY)).toBe('scroll');
    await page.screenshot({ path: `${SHOTS}taskpane-empty.png` });
    await page.click('#btn-validate');
    await page.waitForSelector('#findings .group.warning li');
    expect(await page.$$eval('#findings .group.warning li .cell', (els) => els.map((e) => e.textContent))).toEqual(['Biểu 01!I15', 'Biểu 01!I18']);
    expect(await page.textContent('#findings .group.warning .badge')).toBe('2');
    expect(await page.$$eval('#findings textarea', (els) => els.length)).toBe(2);
    expect(await page.textContent('#status')).toContain('Đã kiểm tra');
    // the pane's own click does not take the user away from Biểu 01; the results sheet is there
    expect((await state(page)).active).toBeUndefined();
    expect(await page.evaluate(() => (window as any).sheetNames())).toContain(RESULTS_SHEET);
    // sending without justifications is refused, naming the cells
    await page.click('#btn-submit');
    await page.waitForFunction(() => document.querySelector('#status')?.className === 'error');
    const refusal = await page.textContent('#status');
    expect(refusal).toBe('Cần ghi giải trình cho 2 cảnh báo (Biểu 01!I15; Biểu 01!I18) rồi mới gửi được.');
    expect(refusal).not.toMatch(/excellent-cap|member\./);
    expect(await page.evaluate(() => (window as any).syncsPerRun())).toEqual(expect.arrayContaining([5, 3]));
    // a justification typed is kept in the workbook (document settings), not only in the pane's memory
    await page.fill('#findings textarea >> nth=0', 'Đơn vị được Đảng ủy Khối tặng cờ thi đua.');
    await page.waitForFunction((k) => !!(window as any).workbookSetting(k), JUSTIFY_KEY);
    expect(JSON.parse(await page.evaluate((k) => (window as any).workbookSetting(k), JUSTIFY_KEY))).toEqual({ 'member.excellent-cap': 'Đơn vị được Đảng ủy Khối tặng cờ thi đua.' });
    await page.screenshot({ path: `${SHOTS}taskpane-findings.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('one command at a time: buttons disabled while it runs, a double click does not run two checks at once', async () => {
    const { page } = await pane();
    await load(page, km04File);
    const seen = await page.evaluate(async () => {
      const disabled: boolean[] = [];
      const obs = new MutationObserver(() => disabled.push((document.getElementById('btn-submit') as HTMLButtonElement).disabled));
      obs.observe(document.getElementById('btn-submit')!, { attributes: true });
      document.getElementById('btn-validate')!.click();
      document.getElementById('btn-validate')!.click();
      while (!/Đã kiểm tra/.test(document.getElementById('status')!.textContent ?? '') || (document.getElementById('btn-validate') as HTMLButtonElement).disabled) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      obs.disconnect();
      return disabled;
    });
    expect(seen).toContain(true);
    expect(seen[seen.length - 1]).toBe(false);
    expect(await page.evaluate(() => (window as any).maxConcurrentRuns())).toBe(1);
    await page.close();
  }, 60_000);

  it('ribbon commands with the pane hidden: registered before any DOM work; each shows its outcome and completes', async () => {
    const { page, errors } = await pane();
    const events = await page.evaluate(() => (window as any).officeEvents());
    const associations = events.filter((e: any) => e.associate);
    expect(associations.map((e: any) => e.associate).sort()).toEqual(['insertTemplate', 'pull', 'submit', 'validate']);
    expect(associations.every((e: any) => e.domTouched === false)).toBe(true);
    expect(events.findIndex((e: any) => e.onReady)).toBeGreaterThan(events.findLastIndex((e: any) => e.associate));
    await load(page, km04File);
    expect((await state(page)).pane).toEqual({ visible: false, shown: 0 });

    // Kiểm tra: findings to act on → the pane opens at Kiểm tra, and the results sheet is shown
    expect(await ribbon(page, 'validate')).toEqual({ completed: 1 });
    expect(await state(page)).toEqual({ pane: { visible: true, shown: 1 }, active: RESULTS_SHEET, tab: 'check' });
    expect(await page.textContent('#status')).toBe('Đã kiểm tra: 2 phát hiện.');

    // Lấy tổng hợp with no key: the pane opens at Cài đặt with the reason
    await page.click('[data-tab="check"]');
    expect(await ribbon(page, 'pull')).toEqual({ completed: 1 });
    expect(await state(page)).toMatchObject({ pane: { shown: 2 }, tab: 'settings' });
    expect(await page.textContent('#status3')).toBe('Nhập địa chỉ máy chủ và khóa truy cập ở tab Cài đặt.');
    expect(await page.getAttribute('#status3', 'class')).toBe('error');
    await page.screenshot({ path: `${SHOTS}taskpane-ribbon-no-key.png` });

    // Chèn biểu mẫu: its outcome is the new sheet, activated; no pane needed
    expect(await ribbon(page, 'insertTemplate')).toEqual({ completed: 1 });
    expect(await state(page)).toMatchObject({ pane: { shown: 2 }, active: 'Biểu 01 (2)' });
    expect(await page.textContent('#status')).toBe('Đã chèn biểu mẫu vào trang "Biểu 01 (2)".');

    // Gửi số liệu always answers in the pane
    expect(await ribbon(page, 'submit')).toEqual({ completed: 1 });
    expect(await state(page)).toMatchObject({ pane: { shown: 3 }, tab: 'check' });
    expect(await page.getAttribute('#status', 'class')).toBe('error');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('no Biểu 01 in the workbook: the ribbon check opens the pane with "no template", never "no errors"', async () => {
    const { page } = await pane();
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'Danh sách họp chi bộ';
    await load(page, new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(await ribbon(page, 'validate')).toEqual({ completed: 1 });
    expect(await state(page)).toMatchObject({ pane: { shown: 1 }, tab: 'check' });
    expect(await page.textContent('#findings .group.error li .msg')).toContain('Không tìm thấy bảng Biểu 01');
    expect(await page.textContent('#findings')).not.toContain('Không có lỗi');
    await page.close();
  }, 60_000);

  it('a protected sheet and a protected workbook: findings listed, no marks, and the reason said', async () => {
    const { page } = await pane();
    await load(page, km04File, { workbookProtected: true, protect: [{ sheet: 'Biểu 01' }] });
    expect(await ribbon(page, 'validate')).toEqual({ completed: 1 });
    expect(await page.$$eval('#findings .group.warning li .cell', (els) => els.map((e) => e.textContent))).toEqual(['Biểu 01!I15', 'Biểu 01!I18']);
    expect(await page.textContent('#status')).toBe('Đã kiểm tra: 2 phát hiện.');
    const status = await page.textContent('#notes');
    expect(status).toContain('Trang "Biểu 01" đang được bảo vệ nên các ô sai không được tô màu');
    expect(status).toContain('bảo vệ cấu trúc');
    expect(await page.evaluate(() => (window as any).cellFill('Biểu 01', 'I15'))).toBeNull();
    expect(await page.evaluate(() => (window as any).sheetNames())).toEqual(['Biểu 01']);
    await page.screenshot({ path: `${SHOTS}taskpane-protected.png`, fullPage: true });
    await page.close();
  }, 60_000);

  it('Lấy tổng hợp only for roles that may use it; a network failure is said and the command completes; the key store is partitioned', async () => {
    // a unit key: no Tổng hợp tab; the ribbon command says why, at Cài đặt
    const unit = await pane({ role: 'unit' });
    await load(unit.page, km04File);
    await saveSettings(unit.page);
    await unit.page.waitForFunction(() => true);
    expect(await unit.page.isHidden('[data-tab="consolidate"]')).toBe(true);
    expect(await ribbon(unit.page, 'pull')).toEqual({ completed: 1 });
    expect(await state(unit.page)).toMatchObject({ pane: { shown: 1 }, tab: 'settings' });
    expect(await unit.page.textContent('#status3')).toContain('chỉ khóa của cấp trên (người duyệt) mới lấy được bảng tổng hợp');
    expect(await unit.page.evaluate(() => Object.keys(localStorage))).toEqual(['standin-partition:xeploai.settings']);
    await unit.page.close();

    // a reviewer key: the tab is there; the server unreachable → the network message on that tab, completed
    const rev = await pane({ role: 'reviewer', beforeLoad: (p) => p.route('**/api/v1/consolidated/**', (r) => r.abort('connectionreset')) });
    await load(rev.page, km04File);
    await saveSettings(rev.page);
    await rev.page.waitForSelector('[data-tab="consolidate"]:not([hidden])');
    expect(await ribbon(rev.page, 'pull')).toEqual({ completed: 1 });
    expect(await state(rev.page)).toMatchObject({ pane: { shown: 1 }, tab: 'consolidate' });
    expect(await rev.page.textContent('#status2')).toContain('Không kết nối được máy chủ');
    await rev.page.close();
  }, 60_000);

  it('storage refused by the browser: said, and the pane keeps working', async () => {
    const { page, errors } = await pane({ beforeLoad: (p) => p.addInitScript(() => (Storage.prototype.setItem = () => { throw new DOMException('blocked', 'SecurityError'); })) });
    await page.click('[data-tab="settings"]');
    await page.fill('#in-key', 'x');
    await page.click('#btn-save');
    expect(await page.textContent('#status3')).toContain('Không lưu được trên máy này');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
