import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSheet, bieu01Workbook, readXlsx, workbookBuffer } from '../../shared/xlsx';
import { checkGrids, readKeySlips, readRegister, registerSheet, type KeySlip, type UnitInput, type UnitReport } from '../../shared';
import { call, SAMPLE } from '../../scripts/lib/seed';
import { migrateLocal, startDev } from '../../scripts/lib/wrangler';
import { justified } from '../helpers/reports';
import { hasChromium, launch, requireBuild } from './browser';

const ROOT = new URL('../../', import.meta.url).pathname;
/** A workbook's grids as the page reads an uploaded file (the shared reader). */
const gridsFromXlsx = async (data: Uint8Array) => readXlsx(new Uint8Array(data)).grids;
const SHOTS = `${ROOT}test/e2e/screenshots/`;
const ADMIN = 'e2e-bloc-admin-key-0123456789abcdef';

/** The sample bloc under another code, as a new bloc would bring it: KM → KA. */
const ka = (code: string) => code.replace(/^KM/, 'KA');
const UNITS: UnitInput[] = SAMPLE.units.map((u) => ({ ...u, code: ka(u.code), parent: u.parent ? ka(u.parent) : null, name: u.name.replace('tỉnh Mẫu', 'tỉnh A') }));
const reportOf = (unit: string): UnitReport => ({ ...structuredClone(SAMPLE.reports['2025']!.find((r) => r.unit === unit.replace(/^KA/, 'KM'))!), unit });

async function xlsxOf(spec: Parameters<typeof addSheet>[1]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  addSheet(wb, spec);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * A bloc's first year on the page, as its people would do it: the administrator loads the register from Excel
 * and issues keys for every unit; a unit signs in with its slip's key and sends; the reviewer returns a report
 * with a reason, exports the reminders, locks with open items and unlocks; the unit sees the reason; the policy.
 */
describe.skipIf(!hasChromium && !process.env.CI)('a real bloc on the page, in Chromium against wrangler dev', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xeploai-bloc-'));
  let dev: Awaited<ReturnType<typeof startDev>>;
  let browser: Browser;
  let page: Page;
  let slips: KeySlip[] = [];
  const slip = (unit: string) => slips.find((s) => s.unit === unit)!.key;

  beforeAll(async () => {
    requireBuild();
    migrateLocal(join(dir, 'state'));
    dev = await startDev({ port: 8796, persistTo: join(dir, 'state'), vars: { ADMIN_KEY: ADMIN } });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page.on('pageerror', (e) => {
      throw e;
    });
    page.on('dialog', (d) => {
      throw new Error(`a native dialog was opened: ${d.message()}`);
    });
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(dev.url + '/');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    dev?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(key: string) {
    await page.fill('#key', key);
    await page.click('#btn-signin');
    await page.waitForFunction(() => !/Đang kiểm tra/.test(document.querySelector('#who')?.textContent ?? ''));
    return page.textContent('#who');
  }
  const visibleTabs = () => page.$$eval('[data-tab]', (ts) => ts.filter((t) => !(t as HTMLElement).hidden).map((t) => (t as HTMLElement).dataset.tab));
  async function download(selector: string, name: string): Promise<string> {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const file = join(dir, name);
    await d.saveAs(file);
    return file;
  }
  async function shot(name: string, fullPage = true) {
    // a full-page picture draws the sticky bar where the page is scrolled to: from the top
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}${name}`, fullPage });
  }

  it('sign-in checks the key: a wrong key says so at once; the bootstrap key is the root administrator', async () => {
    expect(await visibleTabs()).toEqual(['submit', 'blank']);
    const wrong = await signIn('xl_0123456789abcdef_notarealsecretnotarealsecret');
    expect(wrong).toContain('không đúng hoặc đã bị thu hồi');
    expect(wrong).not.toMatch(/Authorization|Bearer|tiêu đề/);
    expect(await page.getAttribute('#who', 'class')).toBe('error');
    expect(await visibleTabs()).toEqual(['submit', 'blank']);
    await shot('web-signin-wrong-key.png');
    expect(await signIn(ADMIN)).toBe('Quản trị gốc (toàn bộ danh sách đơn vị) — quản trị');
    expect(await visibleTabs()).toEqual(['submit', 'mine', 'report', 'policy', 'register', 'keys', 'blank']);
  });

  it('the register from Excel: errors at their rows before anything is written, then the preview, then one apply', async () => {
    await page.click('[data-tab="register"]');
    // the blank template is the register's own layout
    const blank = await download('#btn-reg-blank', 'blank-register.xlsx');
    const blankRead = readRegister(await gridsFromXlsx(readFileSync(blank)));
    expect(blankRead.sheet).toBe('Danh sách đơn vị');
    expect(blankRead.units).toEqual([]);
    // a sheet with two bad rows: nothing can be applied, each error at its row
    const bad = registerSheet(UNITS);
    // two rows the reader refuses, and one (a parent not in the register) that only the Worker's preview can tell
    bad.cells.push({ row: 6, col: 1, value: 'KA 01', style: 'label' }, { row: 8, col: 4, value: 'Tổ dân phố', style: 'label' }, { row: 10, col: 3, value: 'KA-99', style: 'label' });
    writeFileSync(join(dir, 'bad.xlsx'), await xlsxOf(bad));
    await page.setInputFiles('#reg-file', join(dir, 'bad.xlsx'));
    await page.waitForSelector('#reg-errors');
    const errs = await page.$$eval('#reg-errors tr', (trs) => trs.slice(1).map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(errs.map((e) => e[0])).toEqual(['6', '8', '10']);
    expect(errs[0]![2]).toContain('"KA 01" không hợp lệ');
    expect(errs[2]!.slice(1)).toEqual(['KA-05', 'Đơn vị KA-05: đơn vị cấp trên KA-99 không có trong danh sách.']);
    expect(await page.isDisabled('#btn-reg-apply')).toBe(true);
    expect((await call(dev.url, ADMIN, 'GET', '/api/v1/units/KA')).status).toBe(404);
    // the good sheet: 13 new units, applied in one call
    writeFileSync(join(dir, 'good.xlsx'), await xlsxOf(registerSheet(UNITS)));
    await page.setInputFiles('#reg-file', join(dir, 'good.xlsx'));
    await page.waitForSelector('#reg-summary');
    expect(await page.textContent('#reg-summary')).toContain('13 đơn vị trong tệp: 13 thêm mới');
    expect(await page.isDisabled('#btn-reg-apply')).toBe(false);
    await page.click('#btn-reg-apply');
    await page.waitForFunction(() => /Đã áp dụng/.test(document.querySelector('#reg-status')?.textContent ?? ''));
    expect((await call(dev.url, ADMIN, 'GET', '/api/v1/units/KA')).json.children).toHaveLength(12);
  });

  it('a changed register shows what would change: renamed, moved, closed, predecessors; the register downloads as the same sheet', async () => {
    const next = structuredClone(UNITS);
    next.find((u) => u.code === 'KA-02')!.name = 'Đảng bộ Sở Y tế tỉnh A';
    next.find((u) => u.code === 'KA-03')!.to = 2025;
    next.push({ code: 'KA-20', name: 'Đảng bộ Sở Nông nghiệp và Môi trường', parent: 'KA', kind: 'dang-bo-co-so', from: 2026, predecessors: ['KA-03'] });
    const moved = next.find((u) => u.kind === 'chi-bo-co-so')!;
    moved.parent = 'KA-05';
    moved.kind = 'chi-bo-truc-thuoc';
    writeFileSync(join(dir, 'next.xlsx'), await xlsxOf(registerSheet(next)));
    await page.setInputFiles('#reg-file', join(dir, 'next.xlsx'));
    await page.waitForSelector('#reg-changes');
    expect(await page.textContent('#reg-summary')).toContain('14 đơn vị trong tệp: 1 thêm mới, 1 đổi tên, 1 chuyển cấp trên, 1 ngừng hoạt động');
    const changes = await page.$$eval('#reg-changes tr', (trs) => trs.slice(1).map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(changes.find((c) => c[1] === 'KA-02')![3]).toBe('Đổi tên: "Đảng bộ Sở Y tế" → "Đảng bộ Sở Y tế tỉnh A"');
    expect(changes.find((c) => c[1] === 'KA-03')![3]).toBe('Ngừng hoạt động sau năm 2025');
    expect(changes.find((c) => c[1] === moved.code)![3]).toContain('Chuyển cấp trên: KA → KA-05');
    expect(changes.find((c) => c[1] === 'KA-20')![3]).toBe('Thêm mới');
    await shot('web-register.png');
    await page.click('#btn-reg-apply');
    await page.waitForFunction(() => /Đã áp dụng: 4/.test(document.querySelector('#reg-status')?.textContent ?? ''));
    await page.fill('#g-unit', 'KA');
    const file = await download('#btn-reg-download', 'register.xlsx');
    const read = readRegister(await gridsFromXlsx(readFileSync(file)));
    expect(read.issues).toEqual([]);
    expect(read.units.find((u) => u.code === 'KA-20')).toEqual({ code: 'KA-20', name: 'Đảng bộ Sở Nông nghiệp và Môi trường', parent: 'KA', kind: 'dang-bo-co-so', from: 2026, predecessors: ['KA-03'] });
    expect(read.units.map((u) => u.code).sort()).toEqual(next.map((u) => u.code).sort());
  });

  it('keys for every unit at once: printable slips read back with exceljs, a key list without secrets, revoke and re-issue', async () => {
    await page.click('[data-tab="keys"]');
    await page.fill('#k-unit', 'KA');
    await page.fill('#k-year', '2025');
    await page.click('#btn-k-issue');
    await page.waitForSelector('#k-issued-table');
    expect(await page.textContent('#k-status')).toBe('Đã cấp 13 khóa.');
    const file = await download('#btn-k-slips', 'slips.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Phiếu khóa truy cập')!;
    slips = readKeySlips((await gridsFromXlsx(readFileSync(file)))[0]!);
    expect(slips).toHaveLength(13);
    expect(slips[0]).toMatchObject({ unit: 'KA', role: 'reviewer' });
    expect(slips.find((s) => s.unit === 'KA-01')).toMatchObject({ name: 'Đảng bộ Sở Tài chính', role: 'unit' });
    expect(ws.getCell('B5').value).toBe(`${dev.url}/`);
    await shot('web-keys.png');
    // the list: one row per key, none of them a secret
    await page.waitForSelector('#k-table');
    const list = await page.textContent('#k-table');
    expect(list).not.toContain(slips[1]!.key.slice(20));
    expect(await page.$$eval('#k-table tr', (trs) => trs.length - 1)).toBe(13);
    // a second batch for those without a key issues none
    await page.click('#btn-k-issue');
    await page.waitForFunction(() => /bỏ qua 13/.test(document.querySelector('#k-status')?.textContent ?? ''));
    // revoke KA-12's key through the dialog; re-issue KA-11's
    const row12 = page.locator('#k-table tr', { hasText: 'KA-12' });
    await row12.getByRole('button', { name: 'Thu hồi KA-12' }).click();
    await page.click('#dlg-ok');
    await page.waitForFunction(() => /Đã thu hồi khóa của KA-12/.test(document.querySelector('#k-status')?.textContent ?? ''));
    expect((await call(dev.url, slip('KA-12'), 'GET', '/api/v1/me')).status).toBe(401);
    await page.locator('#k-table tr', { hasText: 'KA-11' }).getByRole('button', { name: 'Cấp lại KA-11' }).click();
    await page.click('#dlg-ok');
    await page.waitForFunction(() => document.querySelectorAll('#k-issued-table tr').length === 2);
    const reissued = (await page.textContent('#k-issued-table code'))!;
    expect((await call(dev.url, reissued, 'GET', '/api/v1/me')).json).toMatchObject({ unit: 'KA-11', role: 'unit' });
    expect((await call(dev.url, slip('KA-11'), 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('a revoked key is refused at sign-in, and the page keeps nothing of it', async () => {
    const who = await signIn(slip('KA-12'));
    expect(who).toBe('Khóa truy cập không đúng hoặc đã bị thu hồi. Kiểm tra lại khóa trên phiếu, hoặc đề nghị Ban Tổ chức cấp khóa mới.');
    expect(await visibleTabs()).toEqual(['submit', 'blank']);
    expect(await page.evaluate(() => localStorage.getItem('xeploai.key'))).toBeNull();
    expect(await page.textContent('#k-list')).toBe('');
  });

  it("a unit signs in with its slip's key, sends two versions, and sees its status, history and the changed cells", async () => {
    expect(await signIn(slip('KA-01'))).toBe('Đảng bộ Sở Tài chính (KA-01) — đơn vị');
    expect(await visibleTabs()).toEqual(['submit', 'mine', 'blank']);
    const v1 = reportOf('KA-01');
    const v2 = structuredClone(v1);
    v2.tallies.member.levels.good -= 2;
    v2.tallies.member.levels.complete += 2;
    v2.tallies.member.groups!.leader!.good -= 2;
    v2.tallies.member.groups!.leader!.complete += 2;
    for (const [i, r] of [v1, v2].entries()) {
      writeFileSync(join(dir, `ka01-v${i + 1}.xlsx`), await workbookBuffer(bieu01Workbook({ year: 2025, unit: 'KA-01', unitName: 'Đảng bộ Sở Tài chính', report: r })));
      await page.setInputFiles('#file', join(dir, `ka01-v${i + 1}.xlsx`));
      await page.waitForFunction((n) => document.querySelector('#file-status')?.textContent?.includes(`ka01-v${n}`), i + 1);
      for (const area of await page.$$('#findings textarea')) await area.fill('Đơn vị được khen thưởng trong năm.');
      await page.click('#btn-send');
      await page.waitForFunction((n) => new RegExp(`phiên bản ${n}`).test(document.querySelector('#send-status')?.textContent ?? ''), i + 1);
    }
    await page.click('[data-tab="mine"]');
    await page.fill('#m-year', '2025');
    await page.click('#btn-mine');
    await page.waitForSelector('#mine-history');
    expect(await page.textContent('#mine-state')).toMatch(/^Đã gửi phiên bản 2 lúc .*; đang chờ cấp trên duyệt\.$/);
    const hist = await page.$$eval('#mine-history tr', (trs) => trs.slice(1).map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(hist.map((h) => [h[0], h[2], h[3], h[5]])).toEqual([
      ['2', 'KA-01 (đơn vị)', String(v2.tallies.member.total), String(v2.tallies.member.levels.good)],
      ['1', 'KA-01 (đơn vị)', String(v1.tallies.member.total), String(v1.tallies.member.levels.good)],
    ]);
    await page.click('#btn-compare');
    await page.waitForSelector('#cmp-left');
    // good and complete of the member row and of the leader row: 4 cells, marked on both sides
    expect(await page.textContent('#compare-summary')).toBe('4 ô khác nhau giữa phiên bản 1 và 2 (được tô màu).');
    expect(await page.$$eval('#cmp-left .changed', (e) => e.map((x) => x.textContent))).toEqual([v1.tallies.member.levels.good, v1.tallies.member.levels.complete, v1.tallies.member.groups!.leader!.good, v1.tallies.member.groups!.leader!.complete].map(String));
    expect(await page.$$eval('#cmp-right .changed', (e) => e.length)).toBe(4);
    await shot('web-unit-history.png');
    // any version downloads as a Biểu 01 that reads back to what was sent
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải .xlsx 1' }).click()]);
    expect(d.suggestedFilename()).toBe('bieu01-KA-01-2025-v1.xlsx');
    await d.saveAs(join(dir, 'v1-back.xlsx'));
    const back = checkGrids(await gridsFromXlsx(readFileSync(join(dir, 'v1-back.xlsx'))));
    expect(back.report?.tallies.member?.levels).toEqual(v1.tallies.member.levels);
  });

  it("the reviewer's round: return with a required reason (a real dialog), reminders, lock over open items with a reason, the audit trail", async () => {
    // two more units send, so that the list has some of each
    for (const u of ['KA-02', 'KA-03']) expect((await call(dev.url, slip(u), 'PUT', `/api/v1/reports/2025/${u}`, justified(reportOf(u)))).status, u).toBe(200);
    expect(await signIn(slip('KA'))).toBe('Đảng ủy Khối các cơ quan tỉnh A (KA) — người duyệt');
    expect(await visibleTabs()).toEqual(['submit', 'mine', 'report', 'policy', 'blank']);
    await page.click('[data-tab="report"]');
    await page.fill('#r-year', '2025');
    await page.fill('#r-unit', 'KA');
    await page.click('#btn-report');
    await page.waitForSelector('#lock-state');
    // approve KA-02, return KA-01 (the reason is required: OK with an empty box does nothing)
    await page.locator('#units-table tr', { hasText: 'KA-02' }).getByRole('button', { name: 'Duyệt' }).click();
    await page.waitForSelector('#units-table tr:has-text("KA-02") .status-approved');
    await page.locator('#units-table tr', { hasText: 'KA-01' }).getByRole('button', { name: 'Trả lại' }).click();
    expect(await page.isVisible('#dlg')).toBe(true);
    expect(await page.textContent('#dlg-title')).toBe('Trả lại báo cáo của Đảng bộ Sở Tài chính (KA-01)');
    await page.click('#dlg-ok');
    expect(await page.textContent('#dlg-error')).toBe('Cần ghi lý do (ít nhất 3 ký tự).');
    expect(await page.isVisible('#dlg')).toBe(true);
    // Escape cancels: nothing is returned
    await page.keyboard.press('Escape');
    expect(await page.isVisible('#dlg')).toBe(false);
    expect(await page.$$eval('#units-table tr:has-text("KA-01") .status-submitted', (e) => e.length)).toBe(1);
    // by keyboard: the reason box has the focus when the dialog opens
    await page.locator('#units-table tr', { hasText: 'KA-01' }).getByRole('button', { name: 'Trả lại' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dlg-reason');
    await page.fill('#dlg-reason', 'Số đảng viên hoàn thành nhiệm vụ chưa khớp biên bản.');
    await shot('web-return-dialog.png', false);
    await page.click('#dlg-ok');
    await page.waitForSelector('#units-table tr:has-text("KA-01") .status-returned');
    expect(await page.textContent('#units-table tr:has-text("KA-01") .reason')).toBe('Số đảng viên hoàn thành nhiệm vụ chưa khớp biên bản.');
    // reminders: the missing and the returned, exported in one click
    expect(await page.textContent('#remind-summary')).toBe('Còn 9 đơn vị chưa gửi, 1 đơn vị bị trả lại.');
    const file = await download('#btn-remind', 'reminders.xlsx');
    expect(file).toBeTruthy();
    const rows = (await gridsFromXlsx(readFileSync(file)))[0]!.values.slice(3);
    expect(rows).toHaveLength(10);
    expect(rows.find((r) => r[1] === 'KA-01')!.slice(3)).toEqual(['Bị trả lại', 'Số đảng viên hoàn thành nhiệm vụ chưa khớp biên bản.']);
    expect(rows.filter((r) => r[3] === 'Chưa gửi')).toHaveLength(9);
    // lock over open items: the checklist, and a reason
    await page.click('#btn-lock');
    expect(await page.$$eval('#dlg-list li', (li) => li.length)).toBe(11);
    expect(await page.textContent('#dlg-text')).toContain('Còn 11 việc chưa xong');
    await page.click('#dlg-ok');
    expect(await page.textContent('#dlg-error')).toBe('Cần ghi lý do (ít nhất 3 ký tự).');
    await page.fill('#dlg-reason', 'Hết hạn báo cáo của Đảng ủy Khối; các đơn vị còn lại báo cáo bổ sung sau.');
    await page.click('#dlg-ok');
    await page.waitForFunction(() => /Đã khóa kỳ báo cáo \(khóa bởi KA\)/.test(document.querySelector('#lock-state')?.textContent ?? ''));
    expect(await page.$$eval('#units-table button', (b) => b.length)).toBe(0);
    const audit = await page.$$eval('#audit-table tr', (trs) => trs.slice(1).map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(audit[0]!.slice(1)).toEqual(['KA (người duyệt)', 'Khóa kỳ báo cáo khi còn 11 việc chưa xong: Hết hạn báo cáo của Đảng ủy Khối; các đơn vị còn lại báo cáo bổ sung sau.', 'KA']);
    expect(audit.some((a) => a[2] === 'Trả lại phiên bản 2: Số đảng viên hoàn thành nhiệm vụ chưa khớp biên bản.' && a[3] === 'KA-01')).toBe(true);
    expect(audit.some((a) => a[1] === 'KA-01 (đơn vị)' && a[2] === 'Gửi báo cáo (phiên bản 1)')).toBe(true);
    await shot('web-round.png');
  });

  it('the unit sees that its report was returned and why, and that the year is locked', async () => {
    await signIn(slip('KA-01'));
    await page.click('[data-tab="mine"]');
    await page.click('#btn-mine');
    await page.waitForSelector('#mine-history');
    expect(await page.textContent('#mine-state')).toBe('Đã khóa kỳ báo cáo (khóa bởi KA); trạng thái: Trả lại.');
    await shot('web-unit-locked.png');
  });

  it('the reviewer unlocks with a reason; the unit then sees the return reason', async () => {
    await signIn(slip('KA'));
    await page.click('[data-tab="report"]');
    await page.click('#btn-report');
    await page.waitForSelector('#btn-unlock');
    await page.click('#btn-unlock');
    await page.click('#dlg-ok');
    expect(await page.textContent('#dlg-error')).toBe('Cần ghi lý do (ít nhất 3 ký tự).');
    await page.fill('#dlg-reason', 'Đơn vị KA-01 gửi lại bản đã sửa.');
    await page.click('#dlg-ok');
    await page.waitForFunction(() => /Chưa khóa/.test(document.querySelector('#lock-state')?.textContent ?? ''));
    await signIn(slip('KA-01'));
    await page.click('[data-tab="mine"]');
    await page.click('#btn-mine');
    await page.waitForSelector('#mine-reason');
    expect(await page.textContent('#mine-state')).toBe('Bị trả lại — lý do: Số đảng viên hoàn thành nhiệm vụ chưa khớp biên bản.');
    await shot('web-unit-returned.png');
  });

  it('the unit sees the ratings the level above decided for its rows, beside its proposal', async () => {
    const proposal = reportOf('KA-03').tallies.organization;
    const decided = { total: proposal.total, unrated: {}, levels: { excellent: 0, good: 0, complete: proposal.total, incomplete: 0 } };
    const put = await call(dev.url, slip('KA'), 'PUT', '/api/v1/decisions/2025/KA-03', { tallies: { organization: decided }, note: 'Quyết định số 15-QĐ/ĐUK' });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    await signIn(slip('KA-03'));
    await page.click('[data-tab="mine"]');
    await page.fill('#m-unit', '');
    await page.click('#btn-mine');
    await page.waitForSelector('#mine-decisions table');
    const rows = await page.$$eval('#mine-decisions tr', (trs) => trs.slice(1).map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['Tổ chức cơ sở đảng', 'Đề xuất', ...(['excellent', 'good', 'complete', 'incomplete'] as const).map((l) => String(proposal.levels[l]))],
      ['', 'Quyết định', '0', '0', String(proposal.total), '0'],
    ]);
    expect(await page.textContent('#mine-decisions')).toContain('Quyết định số 15-QĐ/ĐUK');
    await shot('web-unit-decisions.png');
  });

  it('a report the register changed under is shown to its unit as not counted, to be sent again', async () => {
    const put = await call(dev.url, ADMIN, 'PUT', '/api/v1/units', { units: [{ code: 'KA-03.1', name: 'Chi bộ Khoa Nội', parent: 'KA-03', kind: 'chi-bo-truc-thuoc', from: 2025 }] });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    await signIn(slip('KA-03'));
    await page.click('[data-tab="mine"]');
    await page.click('#btn-mine');
    await page.waitForSelector('#mine-history');
    expect(await page.textContent('#mine-state')).toBe('Danh sách đơn vị đã thay đổi sau khi gửi phiên bản 1: báo cáo chưa được tính, cần gửi lại.');
  });

  it('policy: reviewers see it with where each value comes from; admins change it; a looser value than above is refused', async () => {
    await signIn(slip('KA'));
    await page.click('[data-tab="policy"]');
    await page.fill('#p-year', '2025');
    await page.fill('#p-unit', 'KA');
    await page.click('#btn-policy');
    await page.waitForSelector('#p-capRatio');
    expect(await page.inputValue('#p-capRatio')).toBe('20');
    expect(await page.isDisabled('#p-capRatio')).toBe(true);
    expect(await page.isVisible('#btn-policy-save')).toBe(false);
    expect(await page.textContent('#p-capRatio-from')).toBe('Mặc định của quy định (qd366-hd43)');
    await signIn(ADMIN);
    await page.click('[data-tab="policy"]');
    await page.click('#btn-policy');
    await page.waitForSelector('#p-capRatio:not([disabled])');
    await page.fill('#p-capRatio', '15');
    await page.fill('#p-target-member', '92');
    await page.click('#btn-policy-save');
    await page.waitForFunction(() => document.querySelector('#p-status')?.textContent === 'Đã lưu chính sách.');
    expect(await page.textContent('#p-capRatio-from')).toBe('Đặt ở cấp này');
    expect((await call(dev.url, ADMIN, 'GET', '/api/v1/policy/2025/KA-01')).json.from).toMatchObject({ capRatio: 'KA', targets: 'KA' });
    // below, KA-01 inherits; a looser value is refused with the reason
    await page.fill('#p-unit', 'KA-01');
    await page.click('#btn-policy');
    await page.waitForFunction(() => document.querySelector('#p-capRatio-from')?.textContent === 'Kế thừa từ cấp trên KA');
    await page.fill('#p-capRatio', '22');
    await page.click('#btn-policy-save');
    await page.waitForFunction(() => document.querySelector('#p-status')?.className === 'error');
    expect(await page.textContent('#p-status')).toContain('lỏng hơn quy định của cấp trên KA');
    await page.fill('#p-unit', 'KA');
    await page.click('#btn-policy');
    await page.waitForSelector('#p-ex-unit');
    await page.fill('#p-ex-unit', 'KA-02');
    await page.fill('#p-ex-ratio', '25');
    await page.fill('#p-ex-reason', 'Đơn vị được tặng Cờ thi đua của Chính phủ.');
    await page.click('#btn-p-ex');
    await page.waitForFunction(() => document.querySelector('#p-ex-table') || document.querySelector('#p-status')?.className === 'error');
    expect(await page.textContent('#p-status')).toBe('Đã ghi nâng tỷ lệ cho KA-02.');
    expect(await page.textContent('#p-ex-table')).toContain('Cờ thi đua');
    await shot('web-policy.png');
  });

  it('the tabs move with the arrow keys', async () => {
    await page.focus('[data-tab="submit"]');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('[data-tab="mine"]', 'aria-selected')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.tab)).toBe('mine');
    expect(await page.isVisible('#tab-mine')).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.getAttribute('[data-tab="blank"]', 'aria-selected')).toBe('true');
  });

  it('the English switch translates the screens and the API messages', async () => {
    await page.selectOption('#lang', 'en');
    expect(await page.textContent('[data-tab="keys"]')).toBe('Access keys');
    expect(await page.textContent('#who')).toBe('Root administrator (the whole register) — administrator');
    await page.click('[data-tab="policy"]');
    await page.fill('#p-unit', 'KX');
    await page.click('#btn-policy');
    await page.waitForFunction(() => document.querySelector('#p-status')?.className === 'error');
    expect(await page.textContent('#p-status')).toBe('Unit KX is not in the register.');
    await page.selectOption('#lang', 'vi');
    await page.fill('#p-unit', 'KA');
  });

  it('every screen at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const tab of ['register', 'keys', 'policy', 'report', 'mine']) {
      await page.click(`[data-tab="${tab}"]`);
      if (tab === 'report') await page.click('#btn-report').then(() => page.waitForSelector('#lock-state'));
      if (tab === 'mine') {
        await page.fill('#m-unit', 'KA-01');
        await page.click('#btn-mine');
        await page.waitForSelector('#mine-history');
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, tab).toBeLessThanOrEqual(0);
      await shot(`web-phone-${tab}.png`);
      if (tab === 'report') {
        await page.locator('#round').scrollIntoViewIfNeeded();
        await shot('web-phone-round.png', false);
      }
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });
});
