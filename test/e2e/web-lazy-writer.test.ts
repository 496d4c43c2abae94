import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkXlsx } from '../../shared/xlsx/check';
import { bieu01Xlsx } from '../../shared/xlsx/workbook';
import { loadSample } from '../helpers/sample';
import { hasChromium, launch, requireBuild, serveFolder } from './browser';

const ROOT = new URL('../../', import.meta.url).pathname;

// The page starts without the writer (exceljs): web/writer.js is fetched only when a download is asked for.
describe.skipIf(!hasChromium && !process.env.CI)('the web page loads the writer only for a download, in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xeploai-lazy-'));
  let browser: Browser;
  let served: { url: string; server: Server };

  beforeAll(async () => {
    requireBuild();
    served = await serveFolder(join(ROOT, 'dist/public'));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    served?.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads and checks an uploaded file without the writer; the blank template download fetches it, once', async () => {
    const { input } = loadSample();
    const r = input.reports['2025']![3]!;
    const file = join(dir, `${r.unit}.xlsx`);
    writeFileSync(file, await bieu01Xlsx({ year: 2025, unit: r.unit, unitName: r.unit, report: r }));
    const page = await browser.newPage({ acceptDownloads: true });
    const scripts: string[] = [];
    page.on('request', (req) => {
      if (req.resourceType() === 'script' || req.url().endsWith('.js')) scripts.push(new URL(req.url()).pathname);
    });
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    await page.goto(`${served.url}/index.html`, { waitUntil: 'load' });
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => (document.getElementById('file-status')?.textContent ?? '').includes('KM-'));
    expect(await page.textContent('#file-status')).toContain(r.unit);
    expect(scripts).toContain('/web/web.js');
    expect(scripts).not.toContain('/web/writer.js');

    await page.click('[data-tab="blank"]');
    await page.fill('#b-year', '2025');
    await page.fill('#b-unit', 'KM-42');
    await page.fill('#b-name', 'Chi bộ Thử');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#btn-blank')]);
    expect(scripts.filter((s) => s === '/web/writer.js')).toHaveLength(1);
    const bytes = new Uint8Array(readFileSync((await download.path())!));
    const back = checkXlsx(bytes);
    expect(back.unreadable).toBe(false);
    expect(back.report?.unit).toBe('KM-42');
    // a second download reuses the loaded writer
    await Promise.all([page.waitForEvent('download'), page.click('#btn-blank')]);
    expect(scripts.filter((s) => s === '/web/writer.js')).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
