/**
 * npm start: a local Xếp loại on a fresh clone — migrations on a local D1, the Worker (API + add-in files +
 * web page) on http://127.0.0.1:8787, the demo bloc with its 2024 reports, and one demo key per role.
 */
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildAddin } from './build-addin';
import { seedDemo } from './lib/seed';
import { migrateLocal, readDevVars, ROOT, startDev } from './lib/wrangler';

const PORT = Number(process.env.PORT ?? 8787);
/** Where the local D1 lives (default: wrangler's .wrangler/state); tests point it at a temporary folder. */
const PERSIST = process.env.XEPLOAI_PERSIST || undefined;
/**
 * XEPLOAI_HTTPS=1: serve https://localhost:8787 with the certificate of office-addin-dev-certs (Excel only
 * loads add-ins over https). `npx office-addin-dev-certs install` creates and trusts it (see README).
 */
function httpsCerts(): { key: string; cert: string } | undefined {
  if (!process.env.XEPLOAI_HTTPS) return undefined;
  const dir = join(homedir(), '.office-addin-dev-certs');
  const key = join(dir, 'localhost.key');
  const cert = join(dir, 'localhost.crt');
  if (!existsSync(key) || !existsSync(cert)) {
    console.error(`Chưa có chứng chỉ trong ${dir}: chạy "npx office-addin-dev-certs install" trước (xem README).`);
    process.exit(1);
  }
  // Excel and the browser trust the dev CA once installed; this script only talks to its own localhost Worker
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  return { key, cert };
}

function ensureSecrets(): string {
  const vars = readDevVars();
  const admin = process.env.ADMIN_KEY ?? vars.ADMIN_KEY;
  const lines: string[] = [];
  if (!vars.KEY_PEPPER && !process.env.KEY_PEPPER) lines.push(`KEY_PEPPER=${randomBytes(24).toString('base64url')}`);
  let adminKey = admin;
  if (!adminKey) {
    adminKey = `admin_${randomBytes(24).toString('base64url')}`;
    lines.push(`ADMIN_KEY=${adminKey}`);
  }
  if (lines.length) appendFileSync(join(ROOT, '.dev.vars'), (existsSync(join(ROOT, '.dev.vars')) ? '\n' : '') + lines.join('\n') + '\n');
  return adminKey;
}

async function main() {
  mkdirSync(join(ROOT, 'dist/public'), { recursive: true });
  if (!process.env.XEPLOAI_SKIP_BUILD) {
    console.log('Build phần bổ trợ (dist/public)…');
    await buildAddin();
  }
  const adminKey = ensureSecrets();
  console.log('Áp dụng migrations cho D1 cục bộ…');
  migrateLocal(PERSIST);
  console.log('Khởi động Worker (wrangler dev)…');
  // secrets given in the environment win over .dev.vars (and are not written to it)
  const vars = Object.fromEntries((['ADMIN_KEY', 'KEY_PEPPER'] as const).filter((k) => process.env[k]).map((k) => [k, process.env[k] as string]));
  const dev = await startDev({ port: PORT, persistTo: PERSIST, vars, https: httpsCerts(), log: process.env.XEPLOAI_LOG ? 'inherit' : 'ignore' });
  const stop = () => {
    dev.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // the demo keys live beside the local database: kept across restarts, gone with it
  const keys = await seedDemo(dev.url, adminKey, { keysFile: join(PERSIST ?? join(ROOT, '.wrangler/state'), 'demo-keys.json') });
  const kept = Object.values(keys).every((k) => k.kept);
  console.log(`
Xếp loại đang chạy:
  API            ${dev.url}/api/v1/health
  OpenAPI        ${dev.url}/api/v1/openapi.json
  Trang web      ${dev.url}/
  Bảng điều khiển ${dev.url}/addin/taskpane.html
  Manifest       ${dev.url}/manifest.xml  (và manifest.xml ở thư mục gốc; nạp vào Excel: xem README)

Khóa quản trị gốc (ADMIN_KEY, trong .dev.vars):  ${adminKey}
Khóa demo (khối mẫu KM, báo cáo 2024 đã nhận)${kept ? ', giữ từ lần chạy trước' : ''}:
  unit      (${keys.unit.unit})   ${keys.unit.key}
  reviewer  (${keys.reviewer.unit})      ${keys.reviewer.key}
  admin     (${keys.admin.unit})      ${keys.admin.key}

Thử:  curl -H "Authorization: Bearer ${keys.reviewer.key}" ${dev.url}/api/v1/consolidated/2024/KM
Dừng: Ctrl+C
`);
  await new Promise<void>((resolve) => dev.child.on('exit', () => resolve()));
  console.error('wrangler dev đã dừng.');
  process.exit(1);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
