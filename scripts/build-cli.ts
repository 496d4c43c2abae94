/**
 * Bundles the command line into build/cli (run by npm's `prepare`, so `npm ci` leaves a CLI that starts
 * without compiling TypeScript, and by `npm test` before the suite):
 *   cli.mjs          the commands (shared reader, rules, consolidation, zod — tree-shaken, minified)
 *   cli-worker.mjs   the worker thread that `consolidate` reads files with
 *   chunk-*.mjs      code the two share, and the writer and the Word report, loaded only when writing
 * exceljs and docx stay in node_modules (dependencies), imported only by those lazy chunks.
 *   npm run build:cli
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;
export const CLI_OUT = join(ROOT, 'build/cli');

export async function buildCli(out = CLI_OUT): Promise<string> {
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: { cli: join(ROOT, 'scripts/cli.ts'), 'cli-worker': join(ROOT, 'scripts/cli-worker.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    outdir: out,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    external: ['exceljs', 'docx'],
    logLevel: 'warning',
    // a CommonJS dependency bundled into ESM may call require() for Node's built-ins
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli();
