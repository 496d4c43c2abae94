import { env, SELF } from 'cloudflare:test';
import input from '../fixtures/sample-khoi/input.json';
import expected from '../fixtures/sample-khoi/expected.json';
import type { UnitInput, UnitReport } from '../../shared';
import { justified } from '../helpers/reports';

export { justified };

export const sample = input as unknown as { root: string; units: UnitInput[]; reports: Record<string, UnitReport[]> };
export const sampleExpected = expected as any;
export const ADMIN = env.ADMIN_KEY;

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** One HTTP call to the Worker, as a client makes it. */
export async function api<T = any>(
  method: string,
  path: string,
  opts: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key !== null) headers.Authorization = `Bearer ${opts.key ?? ADMIN}`;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await SELF.fetch(`https://xeploai.test${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function putUnits(units: UnitInput[], key = ADMIN) {
  return api('PUT', '/api/v1/units', { key, body: { units } });
}

export async function newKey(unit: string, role: 'unit' | 'reviewer' | 'admin', key = ADMIN): Promise<string> {
  const res = await api('POST', '/api/v1/keys', { key, body: { unit, role } });
  if (res.status !== 201) throw new Error(`key for ${unit}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.key;
}

/** A sample report as the unit sends it: with a justification for each warning it has (as the page and the add-in require). */
export function report(unit: string, year: number): UnitReport {
  return justified(rawReport(unit, year));
}

/** A sample report exactly as in the fixture (no justifications). */
export function rawReport(unit: string, year: number): UnitReport {
  const r = sample.reports[String(year)]?.find((x) => x.unit === unit);
  if (!r) throw new Error(`no sample report ${unit} ${year}`);
  return structuredClone(r);
}


/** The sample bloc's register and one unit key per unit plus a reviewer key for the bloc. */
export async function seedSample(): Promise<{ unitKeys: Record<string, string>; reviewer: string }> {
  const res = await putUnits(sample.units);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  const unitKeys: Record<string, string> = {};
  for (const u of sample.units) if (u.parent) unitKeys[u.code] = await newKey(u.code, 'unit');
  return { unitKeys, reviewer: await newKey(sample.root, 'reviewer') };
}

export async function count(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}
