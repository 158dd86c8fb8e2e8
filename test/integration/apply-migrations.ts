import { applyD1Migrations, env } from "cloudflare:test";

// Idempotent: applyD1Migrations skips what d1_migrations says is applied.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
