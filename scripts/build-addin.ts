/**
 * Builds the add-in's files into the Worker's static assets (dist/public): the task pane bundle, its page and
 * styles, the icons, the manifest at /manifest.xml, and — in the dev build only — office.js served locally.
 *   npm run build:addin            dev: office.js from @microsoft/office-js under /office/, source maps, the dev
 *                                  manifest (its own Id) for https://localhost:$PORT (8787)
 *   XEPLOAI_URL=https://xeploai.<account>.workers.dev npm run deploy
 *   tsx scripts/build-addin.ts --prod --url https://…   [--sourcemap]
 *                                  production: office.js from Microsoft's CDN, no source maps unless asked,
 *                                  no local office.js, /manifest.xml pointing at that origin
 * The manifest's <Version> is package.json's version in four parts. The repository's manifest.xml is the dev
 * manifest for https://localhost:8787 (written by the dev build).
 */
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_URL, devUrl, manifestVersion, renderManifest } from './manifest';

const ROOT = new URL('../', import.meta.url).pathname;
export const OUT = join(ROOT, 'dist/public');
const OFFICE_SRC = join(ROOT, 'node_modules/@microsoft/office-js/dist');
export const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/**
 * What office.js loads for Excel: the host files (Windows reports 16.00 or 16.01), the telemetry module it
 * fetches on load, and the strings of the two languages we ship (others fall back to en-us).
 */
export const OFFICE_FILES = [
  'office.js',
  'o15apptofilemappingtable.js',
  'excel-web-16.00.js',
  'excel-win32-16.00.js',
  'excel-win32-16.01.js',
  'excel-mac-16.00.js',
  'es6-promise.js',
  'telemetry/oteljs_agave.js',
];

/**
 * One browser bundle (ES2020), always minified (dev too: what is measured is what ships); a source map when asked
 * (always in dev). The page's scripts are IIFE; the writer is an ES module the page imports on demand.
 */
function bundle(entry: string, outfile: string, sourcemap: boolean, format: 'iife' | 'esm' = 'iife') {
  return build({ entryPoints: [join(ROOT, entry)], bundle: true, format, target: 'es2020', platform: 'browser', minify: true, charset: 'utf8', sourcemap, outfile, logLevel: 'warning' });
}

export interface BuildOptions {
  /** The origin the add-in is served from: required for production (https), https://localhost:$PORT in dev. */
  url?: string;
  prod?: boolean;
  /** Source maps in production (dev always has them). */
  sourcemap?: boolean;
  /** Where to build (dist/public by default; tests build elsewhere). */
  out?: string;
}

export async function buildAddin(opts: BuildOptions = {}): Promise<{ out: string; url: string; version: string }> {
  const prod = !!opts.prod;
  const url = (opts.url ?? (prod ? '' : devUrl())).replace(/\/$/, '');
  if (prod && !/^https:\/\/[^/]+$/.test(url)) throw new Error(`A production build needs the deployed origin (https://…, no path), got "${url}".`);
  const out = opts.out ?? OUT;
  const maps = !prod || !!opts.sourcemap;
  mkdirSync(out, { recursive: true });
  const addin = join(out, 'addin');
  rmSync(addin, { recursive: true, force: true });
  mkdirSync(addin, { recursive: true });
  await bundle('addin/taskpane/taskpane.ts', join(addin, 'taskpane.js'), maps);
  // the web page for units without the add-in, at /
  const web = join(out, 'web');
  rmSync(web, { recursive: true, force: true });
  mkdirSync(web, { recursive: true });
  await bundle('addin/web/web.ts', join(web, 'web.js'), prod ? !!opts.sourcemap : false);
  // the writer (exceljs, the sheet specs): fetched by the page only when a download is asked for
  await bundle('shared/xlsx/workbook.ts', join(web, 'writer.js'), prod ? !!opts.sourcemap : false, 'esm');
  cpSync(join(ROOT, 'addin/web/web.css'), join(web, 'web.css'));
  cpSync(join(ROOT, 'addin/web/index.html'), join(out, 'index.html'));
  const html = readFileSync(join(ROOT, 'addin/taskpane/taskpane.html'), 'utf8').replace('%OFFICE_JS%', prod ? CDN : '/office/office.js');
  writeFileSync(join(addin, 'taskpane.html'), html);
  cpSync(join(ROOT, 'addin/taskpane/taskpane.css'), join(addin, 'taskpane.css'));
  cpSync(join(ROOT, 'addin/assets'), join(addin, 'assets'), { recursive: true });
  // nothing of the other build may stay behind: a dev office.js or manifest in a production deployment, or the reverse
  const office = join(out, 'office');
  rmSync(office, { recursive: true, force: true });
  rmSync(join(out, 'manifest.prod.xml'), { force: true });
  if (!prod) {
    for (const f of OFFICE_FILES) {
      mkdirSync(join(office, f, '..'), { recursive: true });
      cpSync(join(OFFICE_SRC, f), join(office, f));
    }
    for (const locale of ['en-us', 'vi-vn']) cpSync(join(OFFICE_SRC, locale), join(office, locale), { recursive: true, filter: (p) => !p.includes('.debug.') });
  }
  const version = manifestVersion();
  writeFileSync(join(out, 'manifest.xml'), renderManifest(url, { dev: !prod, version }));
  // the repository's manifest.xml: the dev manifest for the default port, whatever PORT this build was for
  if (!prod && !opts.out) writeFileSync(join(ROOT, 'manifest.xml'), renderManifest(DEV_URL, { dev: true, version }));
  return { out, url, version };
}

/** Every file under a folder, relative paths (for the build test and the deploy summary). */
export function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), base) : [join(dir, e.name).slice(base.length + 1)]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { url: { type: 'string' }, prod: { type: 'boolean' }, sourcemap: { type: 'boolean' } } });
  const prod = !!values.prod || !!values.url;
  const url = values.url ?? (prod ? process.env.XEPLOAI_URL : undefined);
  if (prod && !url?.startsWith('https://')) {
    console.error(
      'Bản triển khai cần địa chỉ Worker đã triển khai: đặt XEPLOAI_URL=https://xeploai.<tài-khoản>.workers.dev (hoặc --url https://…) rồi chạy lại.\n' +
        'A production build needs the deployed origin: set XEPLOAI_URL=https://xeploai.<account>.workers.dev (or --url https://…).',
    );
    process.exit(2);
  }
  try {
    const res = await buildAddin({ url, prod, sourcemap: !!values.sourcemap });
    console.log(
      prod
        ? `Đã build bản triển khai vào dist/public: /manifest.xml (phiên bản ${res.version}) trỏ tới ${res.url}, office.js từ CDN của Microsoft.`
        : `Đã build bản phát triển vào dist/public: /manifest.xml (phiên bản ${res.version}) cho ${res.url}, office.js cục bộ.`,
    );
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}
