import type { Context } from 'hono';
import type { z } from 'zod';
import { parseWithIssues, UnitCode } from '../shared';
import type { AppEnv } from './env';
import { ApiError, issueItems } from './errors';

export const BODY_LIMIT = 256 * 1024;

export function nowIso(): string {
  return new Date().toISOString();
}

/** A reporting year from the path: a whole number in a sane range, else 422 naming it. */
export function yearParam(c: Context<AppEnv>): number {
  const raw = c.req.param('year') ?? '';
  const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw ApiError.of(422, 'request.year', { year: raw }, ['year']);
  return year;
}

/**
 * A unit code from the path, decoded exactly once (the router already decoded it: `KM%252D01` is the code
 * `KM%2D01`, not KM-01) and NFKC-normalised as the register stores codes; 400 for what is not a code.
 */
export function unitParam(c: Context<AppEnv>, name = 'unit'): string {
  return codeOf(c.req.param(name) ?? '');
}

/** `{unit}.xlsx` → the unit code. */
export function fileParam(c: Context<AppEnv>, ext: string): string {
  return codeOf((c.req.param('file') ?? '').slice(0, -ext.length));
}

function codeOf(raw: string): string {
  if (/%[0-9A-Fa-f]{2}/.test(raw) || raw.includes('%')) throw ApiError.of(400, 'request.bad-encoding', {}, ['unit']);
  const parsed = UnitCode.safeParse(raw);
  if (!parsed.success) throw ApiError.of(400, 'unit.code', { unit: raw.slice(0, 64) }, ['unit']);
  return parsed.data;
}

/** The body as JSON (400 if it is not JSON), before any schema. */
export async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.length > BODY_LIMIT) throw ApiError.of(413, 'request.too-large', { limit: BODY_LIMIT / 1024 });
  try {
    return JSON.parse(text);
  } catch {
    throw ApiError.of(400, 'request.malformed-json');
  }
}

/** The body parsed with a strict zod schema: 422 naming every bad field. An empty body is `{}` when `optional`. */
export async function parseBody<S extends z.ZodType>(c: Context<AppEnv>, schema: S, opts: { optional?: boolean } = {}): Promise<z.infer<S>> {
  const json = opts.optional && (await c.req.text()).trim() === '' ? {} : await jsonBody(c);
  const parsed = parseWithIssues(schema, json);
  if (!parsed.success) throw new ApiError(422, issueItems(parsed.issues));
  return parsed.data;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
