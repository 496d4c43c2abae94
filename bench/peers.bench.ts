/**
 * The product side by side with what a bloc's IT person would otherwise use, in one run, as ratios:
 *   - whole processes (median of interleaved runs): bare `node -e 0`; `xeploai check` of one Biểu 01; `xeploai
 *     consolidate` of a bloc's 83 workbooks (a folder) and of 8,300 (100 folders of them); the floor — a Node
 *     process that inflates every file and scans its XML once (fflate + a byte scan, nothing built); and, when
 *     python3-openpyxl is installed, a 20-line openpyxl script over the same files (normal and read-only);
 *   - in process: read + check of the 10,000-member roster file against unzip + scan of the same file;
 *   - the pages (when Chromium is installed): minified JS before a download, time until the page is usable
 *     against a bare page, and checking the roster after upload.
 * The workbooks come from the seeded generators (bench/data.ts, bench/roster.ts), written by the product's writer.
 * Run: npm run bench:peers   (builds build/cli and a production dist first; apt-get install python3-openpyxl for
 * the openpyxl rows)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { checkXlsx } from '../shared/xlsx/check';
import { addSheet, bieu01Xlsx, workbookBuffer } from '../shared/xlsx/workbook';
import { buildCli } from '../scripts/build-cli';
import { buildAddin } from '../scripts/build-addin';
import { syntheticReports } from './data';
import { machine } from './harness';
import { rosterSpecs } from './roster';

const ROOT = new URL('../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'xeploai-peers-'));
const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 9;

// ---------- data ----------
const bloc = join(dir, 'khoi');
mkdirSync(bloc);
const reports = syntheticReports(83, 2023, 7);
for (const r of reports) writeFileSync(join(bloc, `bieu01-${r.unit}-2023.xlsx`), await bieu01Xlsx({ year: 2023, unit: r.unit, unitName: `Đảng bộ ${r.unit}`, report: r }));
const one = join(bloc, `bieu01-${reports[1]!.unit}-2023.xlsx`);
// 8,300 files: the 83 in 100 folders (every file read and checked; same units, so the newest of each is kept)
const many = join(dir, 'nhieu');
for (let k = 0; k < 100; k++) {
  const sub = join(many, `dot-${String(k).padStart(3, '0')}`);
  mkdirSync(sub, { recursive: true });
  for (const r of reports) copyFileSync(join(bloc, `bieu01-${r.unit}-2023.xlsx`), join(sub, `bieu01-${r.unit}-2023.xlsx`));
}
const roster = join(dir, 'danh-sach-10000.xlsx');
const rwb = new ExcelJS.Workbook();
for (const spec of rosterSpecs().sheets) addSheet(rwb, spec);
const rosterBuf = await workbookBuffer(rwb);
writeFileSync(roster, rosterBuf);

// ---------- the programs ----------
await buildCli();
const CLI = join(ROOT, 'bin/xeploai.mjs');
const floorJs = join(dir, 'floor.mjs');
writeFileSync(
  floorJs,
  `// the floor: read every .xlsx under the folders given, inflate every part, scan its bytes once (count <c cells)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from ${JSON.stringify(join(ROOT, 'node_modules/fflate/esm/index.mjs'))};
let cells = 0;
const walk = (p) => { if (statSync(p).isDirectory()) { for (const n of readdirSync(p).sort()) walk(join(p, n)); return; }
  if (!p.endsWith('.xlsx')) return;
  for (const b of Object.values(unzipSync(readFileSync(p)))) for (let i = b.indexOf(60); i >= 0; i = b.indexOf(60, i + 1)) if (b[i + 1] === 99 && b[i + 2] === 32) cells++; };
for (const p of process.argv.slice(2)) walk(p);
console.log(cells);
`,
);
const pyScript = join(dir, 'openpyxl_sum.py');
writeFileSync(
  pyScript,
  `# What an IT person writes: open each workbook, read every cell of every sheet, add up the numbers.
import os, sys
from openpyxl import load_workbook
read_only = sys.argv[1] == 'ro'
total = 0.0
files = 0
for root in sys.argv[2:]:
    paths = [root] if root.endswith('.xlsx') else [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith('.xlsx')]
    for path in sorted(paths):
        wb = load_workbook(path, read_only=read_only, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, (int, float)):
                        total += v
        wb.close()
        files += 1
print(files, total)
`,
);
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);

// ---------- whole processes, interleaved ----------
type Cmd = { name: string; argv: string[]; runs?: number };
function wall(argv: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}`);
  return ms;
}
function interleaved(cmds: Cmd[]): Map<string, number[]> {
  const times = new Map(cmds.map((c) => [c.name, [] as number[]]));
  for (const c of cmds) wall(c.argv); // warm the file cache and the OS
  const max = Math.max(...cmds.map((c) => c.runs ?? RUNS));
  for (let i = 0; i < max; i++) for (const c of cmds) if (i < (c.runs ?? RUNS)) times.get(c.name)!.push(wall(c.argv));
  return times;
}
const med = (t: number[]) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)]!;
const range = (t: number[]) => `${Math.min(...t).toFixed(0)}–${Math.max(...t).toFixed(0)}`;

const load0 = loadavg()[0]!;
const cmds: Cmd[] = [
  { name: 'node -e 0', argv: ['node', '-e', '0'] },
  { name: 'xeploai check (one Biểu 01)', argv: ['node', CLI, 'check', one] },
  { name: 'xeploai check (10,000-member roster)', argv: ['node', CLI, 'check', roster] },
  { name: 'floor: roster', argv: ['node', floorJs, roster] },
  { name: 'xeploai consolidate (83 files, a folder)', argv: ['node', CLI, 'consolidate', '--year', '2023', bloc] },
  { name: 'floor: 83 files', argv: ['node', floorJs, bloc] },
];
if (python) {
  cmds.push({ name: 'openpyxl read-only (83 files)', argv: [python, pyScript, 'ro', bloc], runs: Math.min(RUNS, 5) });
  cmds.push({ name: 'openpyxl (83 files)', argv: [python, pyScript, 'rw', bloc], runs: Math.min(RUNS, 5) });
  cmds.push({ name: 'openpyxl read-only (roster)', argv: [python, pyScript, 'ro', roster], runs: Math.min(RUNS, 5) });
}
const T = interleaved(cmds);
const bigRuns = quick ? 1 : 3;
const T2 = interleaved([
  { name: 'xeploai consolidate (8,300 files, 100 folders)', argv: ['node', CLI, 'consolidate', '--year', '2023', many], runs: bigRuns },
  { name: 'floor: 8,300 files', argv: ['node', floorJs, many], runs: bigRuns },
]);
for (const [k, v] of T2) T.set(k, v);

// ---------- in process: read + check the roster against unzip + scan ----------
function unzipScan(data: Uint8Array): number {
  let cells = 0;
  for (const b of Object.values(unzipSync(data))) for (let i = b.indexOf(60); i >= 0; i = b.indexOf(60, i + 1)) if (b[i + 1] === 99 && b[i + 2] === 32) cells++;
  return cells;
}
function timed(fn: () => void, runs: number) {
  for (let i = 0; i < 3; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return t;
}
const inReadT: number[] = [];
const inFloorT: number[] = [];
for (let i = 0; i < 5; i++) {
  inReadT.push(...timed(() => void checkXlsx(rosterBuf, { period: { year: 2025 } }), 7));
  inFloorT.push(...timed(() => void unzipScan(rosterBuf), 7));
}

// ---------- pages ----------
const pages: string[] = [];
if (existsSync('/usr/bin/chromium')) {
  const out = join(dir, 'public');
  await buildAddin({ prod: true, url: 'https://xeploai.example.workers.dev', out });
  const kib = (f: string) => statSync(join(out, f)).size / 1024;
  pages.push(`| task pane JS (addin/taskpane.js) | ${kib('addin/taskpane.js').toFixed(1)} KiB | ≤ 200 KiB |`);
  pages.push(`| web page JS before a download (web/web.js) | ${kib('web/web.js').toFixed(1)} KiB | ≤ 350 KiB |`);
  pages.push(`| the writer, fetched on the first download (web/writer.js) | ${kib('web/writer.js').toFixed(1)} KiB | |`);
  // the bare page: the same HTML and styles without the script (what the script costs before the page is usable)
  writeFileSync(join(out, 'bare.html'), readFileSync(join(out, 'index.html'), 'utf8').replace(/<script[^>]*><\/script>/g, ''));
  const { serveFolder, launch } = await import('../test/e2e/browser');
  const served = await serveFolder(out);
  const browser = await launch();
  // usable: the load event has ended (the deferred script has run init(): strings applied, buttons wired), from
  // navigation start; a fresh browser context (empty cache) each time
  const usableOnce = async (path: string) => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(served.url + path, { waitUntil: 'load' });
    await page.waitForFunction(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd > 0);
    const t = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    await ctx.close();
    return t;
  };
  // interleaved, so that both pages see the same moments of a shared machine
  const bare: number[] = [];
  const web: number[] = [];
  await usableOnce('/bare.html');
  await usableOnce('/index.html');
  for (let i = 0; i < (quick ? 5 : 25); i++) {
    bare.push(await usableOnce('/bare.html'));
    web.push(await usableOnce('/index.html'));
  }
  pages.push(`| page usable (load event ended, script run), from navigation start | ${med(web).toFixed(0)} ms (${range(web)}) | ≤ 1.5× the bare page: ${(med(web) / med(bare)).toFixed(2)}× (the same HTML and CSS without script: ${med(bare).toFixed(0)} ms, ${range(bare)}) |`);
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(served.url + '/index.html', { waitUntil: 'load' });
  const checks: number[] = [];
  for (let i = 0; i < (quick ? 3 : 9); i++) {
    await page.setInputFiles('#file', []);
    await page.evaluate(() => {
      const w = window as unknown as { __t0: number; __t1: number };
      const status = document.getElementById('file-status')!;
      status.textContent = '';
      w.__t0 = 0;
      w.__t1 = 0;
      document.getElementById('file')!.addEventListener('change', () => (w.__t0 = performance.now()), { capture: true, once: true });
      new MutationObserver((_, obs) => {
        w.__t1 = performance.now();
        obs.disconnect();
      }).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await page.setInputFiles('#file', roster);
    await page.waitForFunction(() => (window as unknown as { __t1: number }).__t1 > 0);
    if (!((await page.textContent('#file-status')) ?? '').includes('DB-1')) throw new Error(`the page did not read the roster: ${await page.textContent('#file-status')}`);
    checks.push(await page.evaluate(() => ((w) => w.__t1 - w.__t0)(window as unknown as { __t0: number; __t1: number })));
  }
  pages.push(`| check the 10,000-member roster after upload (change event → status shown) | ${med(checks).toFixed(0)} ms (${range(checks)}) | ≤ 150 ms in Chromium |`);
  await browser.close();
  served.server.close();
}
rmSync(dir, { recursive: true, force: true });

// ---------- the table ----------
const m = (k: string) => med(T.get(k)!);
const row = (k: string, note = '') => `| ${k} | ${m(k).toFixed(0)} | ${range(T.get(k)!)} | ${T.get(k)!.length} | ${note} |`;
const x = (a: string, b: string) => (m(a) / m(b)).toFixed(2);
console.log(`Machine: ${machine()}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}${python ? '' : '; openpyxl not installed (apt-get install python3-openpyxl)'}`);
console.log('\n| whole process | median ms | range ms | runs | ratio |\n| --- | ---: | ---: | ---: | --- |');
console.log(row('node -e 0', 'baseline'));
console.log(row('xeploai check (one Biểu 01)', `${x('xeploai check (one Biểu 01)', 'node -e 0')}× bare Node (budget ≤ 4×, ≤ 250 ms)`));
console.log(row('xeploai consolidate (83 files, a folder)', `${x('xeploai consolidate (83 files, a folder)', 'floor: 83 files')}× the floor (budget ≤ 3×)${python ? `; openpyxl read-only is ${x('openpyxl read-only (83 files)', 'xeploai consolidate (83 files, a folder)')}× slower (budget ≥ 5×), openpyxl ${x('openpyxl (83 files)', 'xeploai consolidate (83 files, a folder)')}× slower` : ''}`));
console.log(row('floor: 83 files', 'Node: read, inflate every part, one byte scan'));
if (python) {
  console.log(row('openpyxl read-only (83 files)', 'every cell of every sheet, values only'));
  console.log(row('openpyxl (83 files)', ''));
}
const per = (k: string, n: number) => m(k) / n;
console.log(
  row(
    'xeploai consolidate (8,300 files, 100 folders)',
    `${x('xeploai consolidate (8,300 files, 100 folders)', 'floor: 8,300 files')}× the floor; ${per('xeploai consolidate (8,300 files, 100 folders)', 8300).toFixed(2)} ms a file against ${per('xeploai consolidate (83 files, a folder)', 83).toFixed(2)} with 83 (linear: ${(per('xeploai consolidate (8,300 files, 100 folders)', 8300) / per('xeploai consolidate (83 files, a folder)', 83)).toFixed(2)}×)`,
  ),
);
console.log(row('floor: 8,300 files', ''));
console.log(row('xeploai check (10,000-member roster)', `${x('xeploai check (10,000-member roster)', 'floor: roster')}× its floor process${python ? `; openpyxl read-only ${x('openpyxl read-only (roster)', 'xeploai check (10,000-member roster)')}× slower` : ''}`));
console.log(row('floor: roster', ''));
if (python) console.log(row('openpyxl read-only (roster)', ''));
console.log('\n| in process (roster file, ' + (rosterBuf.length / 1024).toFixed(0) + ' KiB) | median ms | range ms | runs | ratio |\n| --- | ---: | ---: | ---: | --- |');
console.log(`| read + check | ${med(inReadT).toFixed(1)} | ${Math.min(...inReadT).toFixed(1)}–${Math.max(...inReadT).toFixed(1)} | ${inReadT.length} | ${(med(inReadT) / med(inFloorT)).toFixed(1)}× unzip + scan (budget ≤ 60 ms, ≤ 5×) |`);
console.log(`| unzip + scan (floor) | ${med(inFloorT).toFixed(1)} | ${Math.min(...inFloorT).toFixed(1)}–${Math.max(...inFloorT).toFixed(1)} | ${inFloorT.length} | |`);
if (pages.length) console.log('\n| pages (production build, Chromium) | figure | budget / ratio |\n| --- | ---: | --- |\n' + pages.join('\n'));
