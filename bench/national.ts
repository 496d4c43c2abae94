/**
 * The national simulation as a bulk load: the same rows a PUT of every report would leave in D1 (units,
 * closure, versions, counts, status), written as SQL for `wrangler d1 execute --file`. 34 provinces, ~700
 * blocs/districts, 52,000 grassroots units, ~5.5 million members.
 */
import { createWriteStream } from 'node:fs';
import { canonicalJson, countRowsOf, type UnitReport } from '../shared';
import { TOTAL_COLUMNS, totalsOf } from '../worker/db/totals';
import { syntheticReports } from './data';

export const PROVINCES = 34;
export const BLOCS = 700;
export const GRASSROOTS = 52_000;

const q = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);

export interface NationalPlan {
  root: string;
  blocOf: (i: number) => string;
  provinceOf: (b: number) => string;
  members: number;
}

async function write(out: NodeJS.WritableStream, text: string) {
  if (!out.write(text)) await new Promise((r) => out.once('drain', r));
}

/** Writes the SQL; returns what was generated. */
export async function writeNationalSql(file: string, year: number): Promise<NationalPlan & { reports: number }> {
  const out = createWriteStream(file);
  const now = '2026-11-25T00:00:00.000Z';
  const provinceOf = (b: number) => `P${String(b % PROVINCES).padStart(2, '0')}`;
  const blocOf = (i: number) => `B${String(i % BLOCS).padStart(3, '0')}`;
  let position = 0;
  const units: string[] = [`(${q('VN')}, ${q('Toàn quốc (mô phỏng)')}, NULL, 'other', NULL, NULL, NULL, ${++position}, '${now}')`];
  const closure: string[] = [`('VN','VN',0)`];
  for (let p = 0; p < PROVINCES; p++) {
    const code = `P${String(p).padStart(2, '0')}`;
    units.push(`(${q(code)}, ${q(`Tỉnh ${p + 1}`)}, 'VN', 'tinh', NULL, NULL, NULL, ${++position}, '${now}')`);
    closure.push(`('${code}','${code}',0)`, `('VN','${code}',1)`);
  }
  for (let b = 0; b < BLOCS; b++) {
    const code = `B${String(b).padStart(3, '0')}`;
    const prov = provinceOf(b);
    units.push(`(${q(code)}, ${q(`Đảng ủy Khối/Huyện ${b + 1}`)}, '${prov}', '${b % 2 ? 'huyen' : 'khoi'}', NULL, NULL, NULL, ${++position}, '${now}')`);
    closure.push(`('${code}','${code}',0)`, `('${prov}','${code}',1)`, `('VN','${code}',2)`);
  }
  // 20–195 members a unit: ~5.5 million in all
  const reports = syntheticReports(GRASSROOTS, year, 2025, 175);
  let members = 0;
  for (let i = 0; i < GRASSROOTS; i++) {
    const code = `G${String(i).padStart(5, '0')}`;
    const bloc = blocOf(i);
    const prov = provinceOf(i % BLOCS);
    // a TCCSĐ with chi bộ trực thuộc is a đảng bộ cơ sở (the Worker checks the report's rows against the kind)
    const kind = (reports[i] as UnitReport).tallies.branch.total > 0 ? 'dang-bo-co-so' : 'chi-bo-co-so';
    units.push(`(${q(code)}, ${q(`Tổ chức cơ sở đảng ${i + 1}`)}, '${bloc}', '${kind}', NULL, NULL, NULL, ${++position}, '${now}')`);
    closure.push(`('${code}','${code}',0)`, `('${bloc}','${code}',1)`, `('${prov}','${code}',2)`, `('VN','${code}',3)`);
    (reports[i] as UnitReport).unit = code;
    members += (reports[i] as UnitReport).tallies.member.total;
  }
  const chunked = async (head: string, rows: string[], size = 400) => {
    for (let i = 0; i < rows.length; i += size) await write(out, `${head} ${rows.slice(i, i + size).join(',\n')};\n`);
  };
  await chunked('INSERT INTO units (code, name, parent, kind, type, from_year, to_year, position, updated_at) VALUES', units);
  await chunked('INSERT INTO unit_closure (ancestor, descendant, depth) VALUES', closure);
  const versions: string[] = [];
  const counts: string[] = [];
  const status: string[] = [];
  const totals: string[] = [];
  for (const r of reports) {
    const payload = canonicalJson(r);
    versions.push(`('${r.unit}', ${year}, 1, ${q(payload)}, 'bulk', '[]', 'bulk', '${now}', NULL)`);
    for (const c of countRowsOf(r)) {
      counts.push(`(${year}, '${r.unit}', '${c.subject}', '${c.group}', ${c.total}, ${c.excellent}, ${c.good}, ${c.complete}, ${c.incomplete}, ${c.new}, ${c.exempt}, ${c.suspended}, ${c.other})`);
    }
    totals.push(`('${r.unit}', ${year}, ${totalsOf(r).join(', ')})`);
    status.push(`('${r.unit}', ${year}, 'submitted', 1, '${now}', 0, NULL, '${now}', 'bulk')`);
  }
  await chunked('INSERT INTO report_versions (unit, year, version, payload, hash, findings, key_id, received_at, idempotency_key) VALUES', versions, 50); // D1 caps a statement at 100 KB
  await chunked('INSERT INTO report_counts (year, unit, subject, grp, total, excellent, good, complete, incomplete, unrated_new, unrated_exempt, unrated_suspended, unrated_other) VALUES', counts);
  await chunked(`INSERT INTO report_totals (unit, year, ${TOTAL_COLUMNS.join(', ')}) VALUES`, totals);
  await chunked('INSERT INTO report_status (unit, year, status, version, received_at, warnings, reason, updated_at, updated_by) VALUES', status);
  await new Promise<void>((resolve) => out.end(resolve));
  return { root: 'VN', blocOf, provinceOf, members, reports: reports.length };
}
