import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('worker/migrations');
  return {
    test: {
      projects: [
        { test: { name: 'shared', include: ['test/shared/**/*.test.ts', 'test/templates/**/*.test.ts'], environment: 'node' } },
        { test: { name: 'addin', include: ['test/addin/**/*.test.ts'], environment: 'node' } },
        { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
        { test: { name: 'scripts', include: ['test/scripts/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 60_000 } },
        {
          plugins: [
            cloudflareTest({
              main: './worker/index.ts',
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ADMIN_KEY: 'test-admin-key-0123456789abcdef',
                  KEY_PEPPER: 'test-pepper',
                },
              },
            }),
          ],
          test: { name: 'worker', include: ['test/worker/**/*.test.ts'], setupFiles: ['test/worker/apply-migrations.ts'] },
        },
      ],
    },
  };
});
