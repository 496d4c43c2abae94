import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** wrangler quiet and offline (docs/architecture.md). */
export const QUIET_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};

const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');

/** Runs wrangler to completion; throws with its output on failure. */
export function wrangler(args: string[], opts: { persistTo?: string } = {}): string {
  const full = opts.persistTo ? [...args, '--persist-to', opts.persistTo] : args;
  const res = spawnSync(WRANGLER, full, { cwd: ROOT, env: { ...process.env, ...QUIET_ENV, CI: 'true' }, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`wrangler ${full.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

/** Applies the numbered migrations to the local D1. */
export function migrateLocal(persistTo?: string): void {
  wrangler(['d1', 'migrations', 'apply', 'xeploai', '--local'], { persistTo });
}

/**
 * Starts `wrangler dev` in its own process group (setsid), so that stopping it stops workerd too.
 * Resolves once /api/v1/health answers.
 */
export async function startDev(opts: { port: number; persistTo?: string; vars?: Record<string, string>; log?: 'inherit' | 'ignore'; https?: { key: string; cert: string } }): Promise<{ child: ChildProcess; url: string; stop: () => void }> {
  const args = ['dev', '--port', String(opts.port), '--ip', opts.https ? 'localhost' : '127.0.0.1', '--local'];
  if (opts.https) args.push('--local-protocol', 'https', '--https-key-path', opts.https.key, '--https-cert-path', opts.https.cert);
  if (opts.persistTo) args.push('--persist-to', opts.persistTo);
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('--var', `${k}:${v}`);
  const child = spawn(WRANGLER, args, {
    cwd: ROOT,
    env: { ...process.env, ...QUIET_ENV },
    detached: true,
    stdio: ['ignore', opts.log ?? 'ignore', opts.log ?? 'ignore'],
  });
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const url = opts.https ? `https://localhost:${opts.port}` : `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return { child, url, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stop();
  throw new Error('wrangler dev did not answer on /api/v1/health within 90 s');
}

/** KEY=value lines of .dev.vars. */
export function readDevVars(): Record<string, string> {
  const file = join(ROOT, '.dev.vars');
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*"?(.*?)"?\s*$/.exec(line);
    if (m) out[m[1] as string] = m[2] as string;
  }
  return out;
}
