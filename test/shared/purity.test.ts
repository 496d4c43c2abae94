import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../shared/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|js|mjs)$/.test(name) ? [p] : [];
  });
}

const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"]node:/, 'node: modules'],
  [/from\s+['"](fs|path|os|child_process|http|https|crypto|url)['"]/, 'Node built-ins'],
  [/from\s+['"]hono/, 'hono'],
  [/from\s+['"]@cloudflare\//, 'Cloudflare packages'],
  [/from\s+['"](office-|@microsoft\/office)/, 'Office'],
  [/\bOffice\.(context|onReady|actions|addin|initialize)\b|\bExcel\.run\b/, 'Office.js globals'],
  [/\bD1Database\b|\benv\.DB\b/, 'D1'],
  [/\bfetch\s*\(/, 'fetch'],
  [/\bimport\s*\(/, 'dynamic import'],
  [/\brequire\s*\(/, 'require'],
];

describe('shared/ is pure', () => {
  const all = files(root);
  it('has source files to check', () => {
    expect(all.length).toBeGreaterThan(10);
  });
  for (const file of all) {
    it(relative(root, file), () => {
      const text = readFileSync(file, 'utf8');
      const hits = FORBIDDEN.filter(([re]) => re.test(text)).map(([, what]) => what);
      expect(hits).toEqual([]);
    });
  }
});
