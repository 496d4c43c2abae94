/**
 * The Worker under `wrangler dev` (local D1), measured from this separate process over loopback, bounded in
 * count and time. Run: npm run bench:worker (NATIONAL=0 skips the national simulation, SAMPLE=0 the sample bloc).
 */
import { justified } from '../test/helpers/reports';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UnitReport } from '../shared';
import { call, SAMPLE } from '../scripts/lib/seed';
import { migrateLocal, startDev, wrangler } from '../scripts/lib/wrangler';
import { machine } from './harness';
import { BLOCS, GRASSROOTS, PROVINCES, writeNationalSql } from './national';

const PORT = 8788;
const ADMIN = 'bench-admin-key-0123456789abcdef';
const MAX_SECONDS = 120; // per measurement: the loops stop by themselves

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(s.length * p) - 1)] as number;
  return { n: s.length, p50: at(0.5), p95: at(0.95) };
}

async function timed(fn: () => Promise<{ status: number; json: any }>, expect = 200): Promise<number> {
  const t0 = performance.now();
  const res = await fn();
  const ms = performance.now() - t0;
  if (res.status !== expect) throw new Error(`${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
  return ms;
}

async function loop(count: number, fn: (i: number) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  const deadline = Date.now() + MAX_SECONDS * 1000;
  for (let i = 0; i < count && Date.now() < deadline; i++) out.push(await fn(i));
  return out;
}

const rows: string[] = [];
const row = (what: string, s: { n: number; p50: number; p95: number }, note = '') =>
  rows.push(`| ${what} | ${s.n} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${note} |`);

async function sampleBloc() {
  const persist = mkdtempSync(join(tmpdir(), 'xeploai-bench-'));
  migrateLocal(persist);
  const dev = await startDev({ port: PORT, persistTo: persist, vars: { ADMIN_KEY: ADMIN } });
  try {
    const url = dev.url;
    await call(url, ADMIN, 'PUT', '/api/v1/units', { units: SAMPLE.units });
    const keys: Record<string, string> = {};
    for (const u of SAMPLE.units) keys[u.code] = (await call(url, ADMIN, 'POST', '/api/v1/keys', { unit: u.code, role: u.parent ? 'unit' : 'reviewer' })).json.key;
    const reports = (SAMPLE.reports['2025'] as UnitReport[]).map(justified); // as units send them: every warning justified
    const put = (r: UnitReport) => () => call(url, keys[r.unit] as string, 'PUT', `/api/v1/reports/2025/${r.unit}`, r);
    for (const r of SAMPLE.reports['2024'] as UnitReport[]) await call(url, ADMIN, 'PUT', `/api/v1/reports/2024/${r.unit}`, r);
    // warm-up
    await loop(20, () => timed(put(reports[0] as UnitReport)));

    const one = await loop(300, () => timed(put(reports[0] as UnitReport)));
    const oneStats = stats(one);
    row('PUT a report, 1 client', oneStats, `${(1000 / (one.reduce((a, b) => a + b, 0) / one.length)).toFixed(0)} req/s`);

    const t0 = performance.now();
    const eight = (await Promise.all(reports.slice(0, 8).map((r) => loop(100, () => timed(put(r)))))).flat();
    const wall = (performance.now() - t0) / 1000;
    row('PUT a report, 8 concurrent clients (8 units)', stats(eight), `${(eight.length / wall).toFixed(0)} req/s`);

    for (const r of reports) await put(r)();
    await loop(10, () => timed(() => call(url, keys.KM as string, 'GET', '/api/v1/consolidated/2025/KM')));
    row('GET consolidated view of the sample bloc (12 units)', stats(await loop(200, () => timed(() => call(url, keys.KM as string, 'GET', '/api/v1/consolidated/2025/KM')))));
    const docx = async () => {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/v1/consolidated/2025/KM.docx`, { headers: { Authorization: `Bearer ${keys.KM}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`docx ${res.status}`);
      return performance.now() - t0;
    };
    await loop(5, docx);
    row('GET the report .docx of the sample bloc (12 units)', stats(await loop(50, docx)));
  } finally {
    dev.stop();
    rmSync(persist, { recursive: true, force: true });
  }
}

async function national() {
  const persist = mkdtempSync(join(tmpdir(), 'xeploai-national-'));
  const sql = join(persist, 'national.sql');
  try {
    migrateLocal(persist);
    let t0 = performance.now();
    const plan = await writeNationalSql(sql, 2025);
    const genS = (performance.now() - t0) / 1000;
    t0 = performance.now();
    wrangler(['d1', 'execute', 'xeploai', '--local', '--file', sql, '--yes'], { persistTo: persist });
    const loadS = (performance.now() - t0) / 1000;
    const sizeMb = statSync(sql).size / 2 ** 20;
    const dev = await startDev({ port: PORT, persistTo: persist, vars: { ADMIN_KEY: ADMIN } });
    try {
      const url = dev.url;
      const bloc = plan.blocOf(123);
      const province = plan.provinceOf(123);
      const check = await call(url, ADMIN, 'GET', `/api/v1/consolidated/2025/VN`);
      if (check.json.coverage?.expected !== GRASSROOTS) throw new Error(`root coverage: ${JSON.stringify(check.json.coverage)}`);
      const members = check.json.subjects.member.total as number;
      row(`root view, national DB (${GRASSROOTS.toLocaleString('en')} units, ${members.toLocaleString('en')} members)`, stats(await loop(15, () => timed(() => call(url, ADMIN, 'GET', '/api/v1/consolidated/2025/VN')))));
      row(`province view (${province}, ~${Math.round(GRASSROOTS / PROVINCES)} units)`, stats(await loop(30, () => timed(() => call(url, ADMIN, 'GET', `/api/v1/consolidated/2025/${province}`)))));
      row(`bloc view (${bloc}, ~${Math.round(GRASSROOTS / BLOCS)} units) on the national DB`, stats(await loop(100, () => timed(() => call(url, ADMIN, 'GET', `/api/v1/consolidated/2025/${bloc}`)))));
      const unit = 'G00123';
      const key = (await call(url, ADMIN, 'POST', '/api/v1/keys', { unit, role: 'unit' })).json.key as string;
      const report = (await call(url, ADMIN, 'GET', `/api/v1/reports/2025/${unit}`)).json.report as UnitReport;
      row('PUT a report on the national DB, 1 client', stats(await loop(100, () => timed(() => call(url, key, 'PUT', `/api/v1/reports/2025/${unit}`, report)))));
      console.log(`\nNational load: SQL generated in ${genS.toFixed(1)} s (${sizeMb.toFixed(0)} MiB), loaded by wrangler d1 execute in ${loadS.toFixed(1)} s; ${PROVINCES} provinces, ${BLOCS} blocs/districts, ${GRASSROOTS} units, ${plan.members.toLocaleString('en')} members.`);
    } finally {
      dev.stop();
    }
  } finally {
    rmSync(persist, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`Machine: ${machine()}; ${new Date().toISOString().slice(0, 10)}; wrangler dev (local D1), client over loopback`);
  try {
    if (process.env.SAMPLE !== '0') await sampleBloc();
    if (process.env.NATIONAL !== '0') await national();
  } finally {
    console.log('\n| what | n | p50 ms | p95 ms | note |\n| --- | ---: | ---: | ---: | --- |');
    for (const r of rows) console.log(r);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
