// SQL for the HR digest's delivery log (migration 0019): per channel and day,
// whether that day's digest reached the channel. Nothing else is kept.
import type { DigestChannel } from "#lib/digest/model.ts";
import type { DbEnv } from "../config.ts";

/** The channels already delivered to on `day` (a second run that day sends them nothing). */
export async function deliveredOn(env: DbEnv, day: string): Promise<Set<DigestChannel>> {
  const { results } = await env.DB.prepare("SELECT channel FROM digest_deliveries WHERE day = ?1 AND delivered = 1")
    .bind(day)
    .all<{ channel: DigestChannel }>();
  return new Set(results.map((r) => r.channel));
}

/** The last day each channel was delivered to, before `day`. */
export async function lastDelivered(env: DbEnv, day: string): Promise<Map<DigestChannel, string>> {
  const { results } = await env.DB.prepare(
    "SELECT channel, MAX(day) AS day FROM digest_deliveries WHERE delivered = 1 AND day < ?1 GROUP BY channel",
  )
    .bind(day)
    .all<{ channel: DigestChannel; day: string }>();
  return new Map(results.map((r) => [r.channel, r.day]));
}

/** Records a run's outcome for a channel; a delivery is never turned back into a failure. */
export async function recordDelivery(env: DbEnv, channel: DigestChannel, day: string, delivered: boolean): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO digest_deliveries (channel, day, delivered) VALUES (?1, ?2, ?3)
     ON CONFLICT (channel, day) DO UPDATE SET delivered = MAX(delivered, excluded.delivered)`,
  )
    .bind(channel, day, delivered ? 1 : 0)
    .run();
}

/** Every row, oldest first: what the tests and `npm run digest` read back. */
export async function listDeliveries(env: DbEnv): Promise<{ channel: DigestChannel; day: string; delivered: number }[]> {
  const { results } = await env.DB.prepare("SELECT channel, day, delivered FROM digest_deliveries ORDER BY day, channel").all<{
    channel: DigestChannel;
    day: string;
    delivered: number;
  }>();
  return results;
}
