import { mkdirSync } from 'node:fs';
import { migrateLocal, wrangler } from '../scripts/lib/wrangler';
import { writeNationalSql } from './national';
const dir = '/tmp/natdb';
mkdirSync(dir, { recursive: true });
migrateLocal(dir);
await writeNationalSql(dir + '/n.sql', 2025);
wrangler(['d1', 'execute', 'xeploai', '--local', '--file', dir + '/n.sql', '--yes'], { persistTo: dir });
console.log('ok');
