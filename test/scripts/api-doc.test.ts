import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../worker/openapi';

const ROOT = new URL('../../', import.meta.url).pathname;
const doc = readFileSync(`${ROOT}docs/api.md`, 'utf8');
/** Path parameters compared by place, not name (`{unit}` in one, `{code}` in the other). */
const norm = (p: string) => p.replace(/\{[^}]+\}/g, '{}');
const paths = Object.fromEntries(Object.entries(openApiDocument('https://example.test').paths as Record<string, Record<string, unknown>>).map(([k, v]) => [norm(k), v]));
const normDoc = norm(doc);

describe('docs/api.md and the OpenAPI document are the same contract', () => {
  it('every route written in docs/api.md is in the OpenAPI document, with its method', () => {
    const written = [...doc.matchAll(/`(GET|PUT|POST|DELETE)(?:\/(?:GET|PUT|POST|DELETE))? (\/api\/v1\/[^`\s?]+)/g)].map((m) => [m[1]!, m[2]!]);
    expect(written.length).toBeGreaterThan(10);
    for (const [method, raw] of written as [string, string][]) {
      const path = norm(raw);
      if (path === '/api/v1/openapi.json') continue; // the document itself
      expect(paths[path], `${method} ${path} is in docs/api.md but not in the OpenAPI document`).toBeDefined();
      expect(paths[path]![method.toLowerCase()], `${method} ${path}`).toBeDefined();
    }
  });

  it('every route of the OpenAPI document is described in docs/api.md', () => {
    for (const path of Object.keys(paths)) {
      const short = [path, `…${path.slice(path.lastIndexOf('/'))}`, `…${path.replace('/api/v1', '')}`];
      expect(
        short.some((s) => normDoc.includes(s)),
        `${path} is in the OpenAPI document but not in docs/api.md`,
      ).toBe(true);
    }
  });
});
