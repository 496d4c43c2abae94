import { createMiddleware } from 'hono/factory';
import type { Role } from '../shared';
import { findKey, isInSubtree, parentOf } from './db/keys';
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

async function principalOf(env: Env, token: string): Promise<Principal | null> {
  if (env.ADMIN_KEY && env.ADMIN_KEY.length >= 16 && constantTimeEqual(token, env.ADMIN_KEY)) {
    return { keyId: 'bootstrap', unit: null, role: 'admin' };
  }
  const m = /^xl_([0-9a-f]{16})_([A-Za-z0-9_-]{20,100})$/.exec(token);
  if (!m) return null;
  const row = await findKey(env.DB, m[1] as string);
  if (!row || row.revoked_at) return null;
  const hash = await hashSecret(m[2] as string, row.salt, env.KEY_PEPPER ?? '');
  return constantTimeEqual(hash, row.hash) ? { keyId: row.id, unit: row.unit, role: row.role } : null;
}

/** Every /api route but health and the OpenAPI document: a valid, unrevoked key or 401. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw ApiError.of(401, 'auth.missing');
  const principal = await principalOf(c.env, m[1] as string);
  if (!principal) throw ApiError.of(401, 'auth.invalid');
  c.set('principal', principal);
  await next();
});

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

/** As requireScope, but strictly above `unit`: a unit does not approve its own report. */
export async function requireParentScope(db: D1Database, p: Principal, unit: string, need: Role): Promise<void> {
  requireRole(p, need);
  if (p.unit === null) return;
  const parent = await parentOf(db, unit);
  if (p.unit === unit || parent === null || !(await isInSubtree(db, p.unit, parent))) throw ApiError.of(403, 'auth.parent', { unit });
}
