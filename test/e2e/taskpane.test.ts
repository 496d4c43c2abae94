import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';

import { hasChromium, launch, requireBuild, serveFolder } from './browser';

const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = `${ROOT}test/e2e/screenshots/`;

// CI installs Debian's chromium (.ci/run); a developer machine without it skips this file, and says so.
describe.skipIf(!hasChromium && !process.env.CI)('the task pane page in Chromium, outside Office', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  beforeAll(async () => {
    requireBuild();
    site = await serveFolder(`${ROOT}dist/public`);
    browser = await launch();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    site?.server.close();
  });

  it('loads office.js locally, Office.onReady resolves with no host, shows "open in Excel", no console errors', async () => {
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
});
