// Every var and secret is read here, once, so the rest of the server works
// with typed, validated settings instead of raw strings.
import { clampMinGroupSize } from "#lib/anonymity/threshold.ts";
import type { RetentionVars } from "#lib/retention.ts";
import type { PublishEnv } from "./publishing/config.ts";

/** Secrets are set with `wrangler pages secret put`, never in wrangler.toml. */
export interface Secrets {
  ADMIN_TOKEN?: string;
  TURNSTILE_SECRET_KEY?: string;
  /** 32 random bytes, hex: the seed each invitation survey's token key is derived from. Required when deployed. */
  INVITATION_KEY_SEED?: string;
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
  /** Named HR tokens, "name=token,…" (src/server/auth.ts); locally two, for the four-eyes flow. */
  HR_TOKENS?: string;
  /** Who may draft and approve publications, "name=role,…" (src/server/publishing/roles.ts). */
  HR_ROLES?: string;
}

/**
 * Set only by the local tooling (`npm start`, the test harnesses), as
 * `wrangler pages dev --binding` or miniflare bindings; never in
 * wrangler.toml, so a deployed Worker does not have them. Read by readClock
 * (src/server/clock.ts).
 */
export interface LocalVars {
  /** "development" or "test": this Worker runs on a developer's machine. */
  CANDOR_ENV?: string;
  /** YYYY-MM-DD: the calendar day the local demo or a test runs on. */
  CANDOR_TODAY?: string;
}

/**
 * Retention terms in days (docs/operations.md#retention), RETENTION_*: read
 * by the retention run (src/server/retention.ts); optional, with the
 * defaults of src/lib/retention.ts.
 */
export type { RetentionVars };

export type AppEnv = Env & Secrets & LocalVars & PublishEnv & RetentionVars;

/** What a db/<table>.ts function needs: every one takes it first (`readIdea(env, id)`). */
export type DbEnv = Pick<AppEnv, "DB">;

export interface Config {
  minGroupSize: number;
  allowedOrigins: string[];
  ackPromiseDays: number;
  /** Whether the public list of HR's reads names the HR person (READ_LOG_NAMES = "name") or only the role (the default). */
  readLogNames: boolean;
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readConfig(env: Partial<AppEnv>): Config {
  return {
    minGroupSize: clampMinGroupSize(positiveInt(env.MIN_GROUP_SIZE, 5)),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim().replace(/\/+$/, "").toLowerCase())
      .filter(Boolean),
    ackPromiseDays: positiveInt(env.ACK_PROMISE_DAYS, 7),
    readLogNames: (env.READ_LOG_NAMES ?? "").trim().toLowerCase() === "name",
  };
}
