import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin, CDN, listFiles, OFFICE_FILES } from '../../scripts/build-addin';
import { ADDIN_ID, DEV_ADDIN_ID, manifestVersion } from '../../scripts/manifest';

const ROOT = new URL('../../', import.meta.url).pathname;
const ORIGIN = 'https://xeploai.example.workers.dev';

/** Both builds, each into a folder of its own, the production one over a dev build (what `npm run deploy` after `npm start` does). */
describe('the add-in builds: production (npm run deploy) and dev', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xeploai-build-'));
  const prodOut = join(dir, 'prod');
  const devOut = join(dir, 'dev');
  beforeAll(async () => {
    await buildAddin({ out: prodOut }); // a dev build first: nothing of it may survive the production build
    await buildAddin({ out: prodOut, prod: true, url: ORIGIN });
    await buildAddin({ out: devOut, url: 'https://localhost:8831' });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('production: /manifest.xml points at the deployed origin only, with the production Id and the package version', () => {
    const xml = readFileSync(join(prodOut, 'manifest.xml'), 'utf8');
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g), ...xml.matchAll(/<AppDomain>([^<]+)</g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith(`${ORIGIN}/`) || u === ORIGIN).toBe(true);
    expect(xml).not.toContain('localhost');
    expect(xml).toContain(`<Id>${ADDIN_ID}</Id>`);
    expect(xml).toContain(`<Version>${manifestVersion()}</Version>`);
    expect(listFiles(prodOut)).not.toContain('manifest.prod.xml');
  });

  it("production: office.js from Microsoft's CDN, no local copy, no source maps", () => {
    const html = readFileSync(join(prodOut, 'addin/taskpane.html'), 'utf8');
    expect(html).toContain(`<script src="${CDN}"></script>`);
    expect(html).not.toContain('/office/office.js');
    const files = listFiles(prodOut);
    expect(files.filter((f) => f.startsWith('office/'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(readFileSync(join(prodOut, 'addin/taskpane.js'), 'utf8')).not.toContain('sourceMappingURL');
    expect(files).toEqual(expect.arrayContaining(['manifest.xml', 'index.html', 'addin/taskpane.html', 'addin/taskpane.js', 'addin/taskpane.css', 'web/web.js', 'addin/assets/icon-80.png']));
  });

  it('dev: its own Id and name, the given port, office.js and every file it loads served locally, source maps', () => {
    const xml = readFileSync(join(devOut, 'manifest.xml'), 'utf8');
    expect(xml).toContain(`<Id>${DEV_ADDIN_ID}</Id>`);
    expect(DEV_ADDIN_ID).not.toBe(ADDIN_ID);
    expect(xml).toContain('DisplayName DefaultValue="Xếp loại (dev)"');
    expect(xml).toContain('https://localhost:8831/addin/taskpane.html');
    expect(xml).not.toContain(':8787');
    const files = listFiles(devOut);
    for (const f of OFFICE_FILES) expect(files).toContain(`office/${f}`);
    expect(files).toEqual(expect.arrayContaining(['office/excel-win32-16.00.js', 'office/telemetry/oteljs_agave.js', 'office/vi-vn/office_strings.js', 'addin/taskpane.js.map']));
    expect(readFileSync(join(devOut, 'addin/taskpane.html'), 'utf8')).toContain('<script src="/office/office.js"></script>');
  });

  it('the command line: a production build without an origin fails and says how to give it; npm run deploy builds first', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build-addin.ts'), '--prod'], { cwd: ROOT, env: { ...process.env, XEPLOAI_URL: '' }, encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('XEPLOAI_URL');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.deploy).toMatch(/^tsx scripts\/build-addin\.ts --prod && .*wrangler deploy$/);
  });
});
