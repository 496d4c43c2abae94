import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { UnitInput, UnitReport } from '../../shared';
import { ROOT } from './wrangler';

export const SAMPLE = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sample-khoi/input.json'), 'utf8')) as {
  root: string;
  units: UnitInput[];
  reports: Record<string, UnitReport[]>;
};

export async function call(url: string, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url + path, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, json };
}

type DemoRole = 'unit' | 'reviewer' | 'admin';
export type DemoKeys = Record<DemoRole, { unit: string; key: string; kept?: boolean }>;

/**
 * The demo bloc: the sample register and its 2024 reports, through the API like any client. Reports already
 * there are left alone (a second start stores no new versions). Returns one key per role: those kept in
 * `keysFile` from an earlier start when they still work (checked with GET /api/v1/me), new ones otherwise
 * (then written to `keysFile`, readable by the owner only), so that a restart does not mint three more keys.
 */
export async function seedDemo(url: string, adminKey: string, opts: { keysFile?: string } = {}): Promise<DemoKeys> {
  const units = await call(url, adminKey, 'PUT', '/api/v1/units', { units: SAMPLE.units });
  if (units.status !== 200) throw new Error(`demo register: ${units.status} ${JSON.stringify(units.json)}`);
  for (const r of SAMPLE.reports['2024'] ?? []) {
    const have = await call(url, adminKey, 'GET', `/api/v1/reports/2024/${r.unit}`);
    if (have.status === 200) continue;
    const put = await call(url, adminKey, 'PUT', `/api/v1/reports/2024/${r.unit}`, r);
    if (put.status !== 200) throw new Error(`demo report ${r.unit}: ${put.status} ${JSON.stringify(put.json)}`);
  }
  let kept: Partial<DemoKeys> = {};
  if (opts.keysFile && existsSync(opts.keysFile)) {
    try {
      kept = JSON.parse(readFileSync(opts.keysFile, 'utf8')) as Partial<DemoKeys>;
    } catch {
      kept = {};
    }
  }
  const key = async (unit: string, role: DemoRole) => {
    const old = kept[role];
    if (old?.unit === unit && old.key) {
      const me = await call(url, old.key, 'GET', '/api/v1/me');
      if (me.status === 200 && me.json.unit === unit && me.json.role === role) return { unit, key: old.key, kept: true };
    }
    const res = await call(url, adminKey, 'POST', '/api/v1/keys', { unit, role, label: 'demo' });
    if (res.status !== 201) throw new Error(`demo key: ${res.status} ${JSON.stringify(res.json)}`);
    return { unit, key: res.json.key as string };
  };
  const keys: DemoKeys = { unit: await key('KM-01', 'unit'), reviewer: await key(SAMPLE.root, 'reviewer'), admin: await key(SAMPLE.root, 'admin') };
  if (opts.keysFile && !Object.values(keys).every((k) => k.kept)) {
    mkdirSync(dirname(opts.keysFile), { recursive: true });
    const plain = Object.fromEntries(Object.entries(keys).map(([r, k]) => [r, { unit: k.unit, key: k.key }]));
    writeFileSync(opts.keysFile, JSON.stringify(plain, null, 2) + '\n', { mode: 0o600 });
    chmodSync(opts.keysFile, 0o600);
  }
  return keys;
}
