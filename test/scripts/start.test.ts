import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const PORT = 8797;

/** `npm start` as a user runs it, once and again on the same local database. */
function start(persist: string): { child: ChildProcess; out: () => string; ready: Promise<void> } {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
    cwd: ROOT,
    // npm test built dist/public first; the build itself is what npm start runs otherwise
    env: { ...process.env, PORT: String(PORT), XEPLOAI_PERSIST: persist, ADMIN_KEY: 'start-test-admin-key-0123456789', XEPLOAI_SKIP_BUILD: '1', KEY_PEPPER: 'start-test-pepper' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Dừng: Ctrl+C')) {
        clearInterval(timer);
        resolve();
      }
      if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(out));
      }
    }, 200);
  });
  return { child, out: () => out, ready };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

const keysOf = (out: string) => Object.fromEntries([...out.matchAll(/^\s+(unit|reviewer|admin)\s+\((\S+)\)\s+(xl_\S+)$/gm)].map((m) => [m[1], m[3]]));

/** `npm start` as a user runs it: migrations, wrangler dev, demo data, printed keys that work. */
describe('npm start', () => {
  const persist = mkdtempSync(join(tmpdir(), 'xeploai-start-'));
  let run = start(persist);
  afterAll(async () => {
    await stop(run.child);
    rmSync(persist, { recursive: true, force: true });
  });

  it('serves the API, seeds the demo bloc and prints one working key per role', async () => {
    await run.ready;
    const out = run.out();
    const health = await fetch(`http://127.0.0.1:${PORT}/api/v1/health`);
    expect(await health.json()).toMatchObject({ ok: true, units: 13 });
    const keys = keysOf(out);
    expect(Object.keys(keys).sort()).toEqual(['admin', 'reviewer', 'unit']);
    const view = await fetch(`http://127.0.0.1:${PORT}/api/v1/consolidated/2024/KM`, { headers: { Authorization: `Bearer ${keys.reviewer}` } });
    expect(view.status).toBe(200);
    expect((await view.json()).coverage).toMatchObject({ expected: 11, submitted: 11, missing: [] });
    const own = await fetch(`http://127.0.0.1:${PORT}/api/v1/reports/2024/KM-01`, { headers: { Authorization: `Bearer ${keys.unit}` } });
    expect(own.status).toBe(200);
    expect(out).toContain('start-test-admin-key-0123456789');
    // the same Worker serves the web page, the task pane (also the commands' page: one shared runtime) and the manifest
    for (const [path, text] of [['/', 'Nộp biểu mẫu'], ['/addin/taskpane.html', 'taskpane.js'], ['/manifest.xml', '<FunctionName>validate</FunctionName>'], ['/office/office.js', 'Office']]) {
      const res = await fetch(`http://127.0.0.1:${PORT}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain(text);
    }
  }, 120_000);

  it('a second start on the same database prints the same demo keys, and mints none', async () => {
    const first = keysOf(run.out());
    // the kept keys sit beside the local database, readable by their owner only
    expect(statSync(join(persist, 'demo-keys.json')).mode & 0o077).toBe(0);
    await stop(run.child);
    run = start(persist);
    await run.ready;
    expect(keysOf(run.out())).toEqual(first);
    expect(run.out()).toContain('giữ từ lần chạy trước');
    const list = await fetch(`http://127.0.0.1:${PORT}/api/v1/keys?unit=KM`, { headers: { Authorization: 'Bearer start-test-admin-key-0123456789' } });
    expect((await list.json()).keys.filter((k: { label: string | null }) => k.label === 'demo')).toHaveLength(3);
  }, 120_000);
});
