import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * The demo bloc: the sample register and its 2024 reports, through the API like any client. Reports already
 * there are left alone (a second start stores no new versions). Returns one new key per role.
 */
export async function seedDemo(url: string, adminKey: string): Promise<Record<'unit' | 'reviewer' | 'admin', { unit: string; key: string }>> {
  const units = await call(url, adminKey, 'PUT', '/api/v1/units', { units: SAMPLE.units });
  if (units.status !== 200) throw new Error(`demo register: ${units.status} ${JSON.stringify(units.json)}`);
  for (const r of SAMPLE.reports['2024'] ?? []) {
    const have = await call(url, adminKey, 'GET', `/api/v1/reports/2024/${r.unit}`);
    if (have.status === 200) continue;
    const put = await call(url, adminKey, 'PUT', `/api/v1/reports/2024/${r.unit}`, r);
    if (put.status !== 200) throw new Error(`demo report ${r.unit}: ${put.status} ${JSON.stringify(put.json)}`);
  }
  const key = async (unit: string, role: 'unit' | 'reviewer' | 'admin') => {
    const res = await call(url, adminKey, 'POST', '/api/v1/keys', { unit, role, label: 'demo' });
    if (res.status !== 201) throw new Error(`demo key: ${res.status} ${JSON.stringify(res.json)}`);
    return { unit, key: res.json.key as string };
  };
  return { unit: await key('KM-01', 'unit'), reviewer: await key(SAMPLE.root, 'reviewer'), admin: await key(SAMPLE.root, 'admin') };
}
