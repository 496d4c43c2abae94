/**
 * Builds the add-in's files into the Worker's static assets (dist/public): the task pane bundle, its page and
 * styles, the icons, the manifest, and — in the dev build — office.js served locally.
 *   npm run build:addin                    dev: office.js from @microsoft/office-js, manifest for https://localhost:8787
 *   npm run build:manifest -- --url https://xeploai.example.workers.dev
 *                                          production: Microsoft's CDN for office.js, manifest for that URL
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_URL, renderManifest } from './manifest';

const ROOT = new URL('../', import.meta.url).pathname;
const OUT = join(ROOT, 'dist/public');
const OFFICE_SRC = join(ROOT, 'node_modules/@microsoft/office-js/dist');
const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
// what office.js loads for Excel: the host files and the strings of the two languages we ship
const OFFICE_FILES = ['office.js', 'o15apptofilemappingtable.js', 'excel-web-16.00.js', 'excel-win32-16.01.js', 'excel-mac-16.00.js', 'es6-promise.js'];

/** One browser bundle (IIFE, ES2020): minified in production, with a source map in dev. */
function bundle(entry: string, outfile: string, minify: boolean) {
  return build({ entryPoints: [join(ROOT, entry)], bundle: true, format: 'iife', target: 'es2020', platform: 'browser', minify, sourcemap: !minify, outfile, logLevel: 'warning' });
}

export async function buildAddin(opts: { url?: string; prod?: boolean } = {}): Promise<void> {
  const prod = !!opts.prod;
  const url = opts.url ?? DEV_URL;
  const addin = join(OUT, 'addin');
  rmSync(addin, { recursive: true, force: true });
  mkdirSync(addin, { recursive: true });
  await bundle('addin/taskpane/taskpane.ts', join(addin, 'taskpane.js'), prod);
  // the web page for units without the add-in, at /
  const web = join(OUT, 'web');
  rmSync(web, { recursive: true, force: true });
  mkdirSync(web, { recursive: true });
  await bundle('addin/web/web.ts', join(web, 'web.js'), true);
  cpSync(join(ROOT, 'addin/web/web.css'), join(web, 'web.css'));
  cpSync(join(ROOT, 'addin/web/index.html'), join(OUT, 'index.html'));
  const html = readFileSync(join(ROOT, 'addin/taskpane/taskpane.html'), 'utf8').replace('%OFFICE_JS%', prod ? CDN : '/office/office.js');
  writeFileSync(join(addin, 'taskpane.html'), html);
  cpSync(join(ROOT, 'addin/taskpane/taskpane.css'), join(addin, 'taskpane.css'));
  cpSync(join(ROOT, 'addin/assets'), join(addin, 'assets'), { recursive: true });
  if (!prod) {
    const office = join(OUT, 'office');
    mkdirSync(office, { recursive: true });
    for (const f of OFFICE_FILES) cpSync(join(OFFICE_SRC, f), join(office, f));
    for (const locale of ['en-us', 'vi-vn']) cpSync(join(OFFICE_SRC, locale), join(office, locale), { recursive: true, filter: (p) => !p.includes('.debug.') });
  }
  const manifest = renderManifest(url);
  writeFileSync(join(OUT, prod ? 'manifest.prod.xml' : 'manifest.xml'), manifest);
  if (!prod) writeFileSync(join(ROOT, 'manifest.xml'), manifest);
  else writeFileSync(join(ROOT, 'dist/manifest.prod.xml'), manifest);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { url: { type: 'string' }, prod: { type: 'boolean' } } });
  const prod = values.prod || !!values.url;
  if (prod && !values.url?.startsWith('https://')) {
    console.error('Cần --url https://… (địa chỉ Worker đã triển khai).');
    process.exit(2);
  }
  await buildAddin({ url: values.url, prod });
  console.log(prod ? `Đã tạo dist/manifest.prod.xml cho ${values.url}` : 'Đã build phần bổ trợ vào dist/public (manifest.xml cho https://localhost:8787).');
}
