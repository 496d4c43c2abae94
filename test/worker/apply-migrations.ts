import { applyD1Migrations, env } from 'cloudflare:test';

// applyD1Migrations applies only what is not applied yet: safe to run before every test file
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
