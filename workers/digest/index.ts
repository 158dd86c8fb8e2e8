// The scheduled Worker (docs/operations.md#hr-digest): Pages Functions have
// no schedule, so this small Worker, bound to the same D1 database, runs once
// a day at the hour its cron fixes (wrangler.toml beside this file). It sends
// HR's digest and runs the retention job, each on its own: one failing never
// stops the other.
import { readClock } from "#server/clock.ts";
import { runDigest, type DigestEnv } from "#server/digest.ts";
import { runRetention } from "#server/retention.ts";

export async function daily(env: DigestEnv): Promise<void> {
  // one instant for the whole run; on a local Worker the day is CANDOR_TODAY's (docs/clock.md)
  const now = readClock(env).now();
  const [digest, retention] = await Promise.allSettled([runDigest(env, now), runRetention(env, now)]);
  if (digest.status === "fulfilled") {
    console.log(
      `digest ${digest.value.day}: ${digest.value.channels.map((c) => `${c.channel} ${c.outcome}`).join(", ") || "no channel configured"}`,
    );
  } else console.error(`digest failed: ${(digest.reason as Error).message}`);
  if (retention.status === "rejected") console.error(`retention failed: ${(retention.reason as Error).message}`);
}

export default {
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(daily(env));
  },
} satisfies ExportedHandler<DigestEnv>;
