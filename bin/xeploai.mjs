#!/usr/bin/env node
// The command line for IT staff: `npx xeploai check|consolidate|template …`, run from its bundle (build/cli,
// built by `npm ci`/`npm install` through the `prepare` script, and by `npm test`).
import { existsSync } from 'node:fs';

const bundle = new URL('../build/cli/cli.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('Chưa build dòng lệnh: chạy "npm run build:cli" (npm ci làm việc này). / The CLI is not built: run "npm run build:cli".');
  process.exit(2);
}
await import(bundle.href);
