import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../shared';
import { unitContext, type UnitContext } from './db/context';
import { findKey, isInSubtree, type KeyRow } from './db/keys';
import type { UnitRowDb } from './db/units';
import type { AppEnv, Env, Principal } from './env';
import { ApiError } from './errors';

const ROLE_RANK: Record<Role, number> = { unit: 1, reviewer: 2, admin: 3 };
const enc = new TextEncoder();

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomHex(bytes: number): string {
  return hex(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** SHA-256(pepper ‖ salt ‖ secret), hex. */
export async function hashSecret(secret: string, salt: string, pepper: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', enc.encode(`${pepper}\u0000${salt}\u0000${secret}`)));
}

/** Compares without an early exit, so the time does not tell how much of a guess was right. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = enc.encode(a);
  const y = enc.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** A new key: `xl_<id>_<secret>`, 256 random bits of secret; only the salted, peppered hash is stored. */
export async function newKey(pepper: string): Promise<{ id: string; key: string; salt: string; hash: string }> {
  const id = randomHex(8);
  const secret = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const salt = randomHex(16);
  return { id, key: `xl_${id}_${secret}`, salt, hash: await hashSecret(secret, salt, pepper) };
}

/** What the Authorization header holds: the bootstrap admin key, or a stored key's id and secret. */
export type Credential = { kind: 'bootstrap' } | { kind: 'key'; id: string; secret: string };

function credentialOf(env: Env, token: string): Credential | null {
  if (env.ADMIN_KEY && env.ADMIN_KEY.length >= 16 && constantTimeEqual(token, env.ADMIN_KEY)) return { kind: 'bootstrap' };
  const m = /^xl_([0-9a-f]{16})_([A-Za-z0-9_-]{20,100})$/.exec(token);
  return m ? { kind: 'key', id: m[1] as string, secret: m[2] as string } : null;
}

const BOOTSTRAP: Principal = { keyId: 'bootstrap', unit: null, role: 'admin' };

/** The principal of a credential, given its stored row (read by the route together with what it needs): 401 if not valid. */
export async function verify(env: Env, cred: Credential, row: KeyRow | null): Promise<Principal> {
  if (cred.kind === 'bootstrap') return BOOTSTRAP;
  if (!row || row.revoked_at) throw ApiError.of(401, 'auth.invalid');
  const hash = await hashSecret(cred.secret, row.salt, env.KEY_PEPPER ?? '');
  if (!constantTimeEqual(hash, row.hash)) throw ApiError.of(401, 'auth.invalid');
  return { keyId: row.id, unit: row.unit, role: row.role };
}

/**
 * Every /api route but health and the OpenAPI document: a well-formed credential or 401. The key itself is
 * checked by the route, in the same round trip as what the route reads (see `authorizeUnit`), or by `principal`.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw ApiError.of(401, 'auth.missing');
  const cred = credentialOf(c.env, m[1] as string);
  if (!cred) throw ApiError.of(401, 'auth.invalid');
  c.set('credential', cred);
  await next();
});

/** The caller, for routes not about one unit and year (one key lookup). */
export async function principal(c: Context<AppEnv>): Promise<Principal> {
  const cred = c.get('credential');
  const p = await verify(c.env, cred, cred.kind === 'key' ? await findKey(c.env.DB, cred.id) : null);
  c.set('principal', p);
  return p;
}

/**
 * For routes about one unit and year: one query reads the key, the unit, scope, lock, status and policy;
 * then the key is verified (401), the unit must exist (404), the role must suffice and the unit lie in the
 * key's subtree — strictly below it when `parent` (403).
 */
export async function authorizeUnit(
  c: Context<AppEnv>,
  unit: string,
  year: number,
  need: Role,
  opts: { parent?: boolean; missing?: 404 | 422 } = {},
): Promise<{ p: Principal; ctx: UnitContext & { unit: UnitRowDb } }> {
  const cred = c.get('credential');
  const ctx = await unitContext(c.env.DB, cred.kind === 'key' ? cred.id : null, unit, year);
  const p = await verify(c.env, cred, ctx.key);
  c.set('principal', p);
  if (!ctx.unit) throw ApiError.of(opts.missing ?? 404, 'unit.not-found', { unit }, opts.missing === 422 ? ['unit'] : undefined);
  requireRole(p, need);
  if (p.unit !== null) {
    if (opts.parent && !ctx.inParentScope) throw ApiError.of(403, 'auth.parent', { unit });
    if (!ctx.inScope) throw ApiError.of(403, 'auth.scope', { unit });
  }
  return { p, ctx: ctx as UnitContext & { unit: UnitRowDb } };
}
export function requireRole(p: Principal, need: Role): void {
  if (ROLE_RANK[p.role] < ROLE_RANK[need]) throw ApiError.of(403, 'auth.role', { role: p.role, need });
}

export function roleAtMost(p: Principal, role: Role): boolean {
  return ROLE_RANK[role] <= ROLE_RANK[p.role];
}

/** The key's role is at least `need` and `unit` is in the key's subtree (itself or below). */
export async function requireScope(db: D1Database, p: Principal, unit: string, need: Role): Promise<void> {
  requireRole(p, need);
  if (p.unit !== null && !(await isInSubtree(db, p.unit, unit))) throw ApiError.of(403, 'auth.scope', { unit });
}

