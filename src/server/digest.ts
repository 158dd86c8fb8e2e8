// The HR digest's daily run (docs/operations.md#hr-digest), called by the
// scheduled Worker (workers/digest/) at the organisation's fixed hour: reads
// what waits from D1, builds one message, sends it to every configured
// channel and records, per channel and day, whether it arrived. A channel
// that failed is sent the next day's digest, which counts from the last day
// it was delivered, so nothing new is missed; one channel's failure never
// stops another, and a second run on the same day sends nothing twice.
import { useTranslations } from "#i18n/index.ts";
import { addDays, dayOf, systemClock } from "#lib/clock.ts";
import { accepted, dingtalkRequest, emailRequest, feishuRequest, wecomRequest, type OutgoingRequest } from "#lib/digest/channels.ts";
import { CLOSING_WITHIN_DAYS, digestMessage, type Digest, type DigestChannel, type DigestMessage } from "#lib/digest/model.ts";
import { readConfig, type AppEnv } from "./config.ts";
import { deliveredOn, lastDelivered, recordDelivery } from "./db/digest-deliveries.ts";
import { ideaDigestCounts } from "./db/ideas.ts";
import { readDigestConfig, type ChannelSettings, type DigestVars } from "./digest-config.ts";
import { hrSurveys } from "./survey-tools.ts";

export type DigestEnv = AppEnv & DigestVars;

export type DeliveryOutcome = "delivered" | "failed" | "already";

export interface DigestReport {
  day: string;
  channels: { channel: DigestChannel; outcome: DeliveryOutcome; since?: string }[];
}

/** How long a channel may take to answer before it counts as failed (and is retried tomorrow). */
const SEND_TIMEOUT_MS = 15_000;

/** What waits, as of the day of `now`, counting new ideas and replies from `since`. */
export async function composeDigest(env: DigestEnv, since: string, now: Date): Promise<Digest> {
  const today = dayOf(now);
  const config = readConfig(env);
  const { locale, consoleUrl } = readDigestConfig(env);
  const [ideas, surveys] = await Promise.all([ideaDigestCounts(env, since, today, config.ackPromiseDays), hrSurveys(env, now)]);
  const title = (t: { default: string; "zh-cn": string }) => (locale === "en" ? t.default : t["zh-cn"]);
  const lastClosing = addDays(today, CLOSING_WITHIN_DAYS);
  return {
    today,
    since,
    ideas,
    closing: surveys
      .filter((s) => s.status === "open" && s.closes <= lastClosing)
      .sort((a, b) => a.closes.localeCompare(b.closes))
      .map((s) => ({ title: title(s.title), closes: s.closes })),
    unusedCodes: surveys
      .filter((s) => s.status !== "closed" && s.codes !== null)
      .map((s) => ({ title: title(s.title), unused: Math.max(0, s.codes!.issued - s.codes!.withdrawn - s.codes!.used) }))
      .filter((s) => s.unused > 0),
    consoleUrl,
  };
}

async function request(settings: ChannelSettings, message: DigestMessage, nowMs: number): Promise<OutgoingRequest> {
  switch (settings.channel) {
    case "email":
      return emailRequest(message, settings);
    case "wecom":
      return wecomRequest(message, settings.webhook);
    case "dingtalk":
      return dingtalkRequest(message, settings.webhook, settings.secret, nowMs);
    case "feishu":
      return feishuRequest(message, settings.webhook, settings.secret, nowMs);
  }
}

async function deliver(settings: ChannelSettings, message: DigestMessage, send: typeof fetch): Promise<boolean> {
  // the signatures carry the real instant (the providers refuse a stale one); the day comes from `now`
  const { url, ...init } = await request(settings, message, systemNow());
  const response = await send(url, { ...init, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  return accepted(settings.channel, response.status, await response.text());
}

/** The real instant for the signatures, read through the clock module like every other. */
function systemNow(): number {
  return systemClock.now().getTime();
}

/**
 * Sends the day's digest to every configured channel not yet delivered to
 * today. Never throws for a channel: its failure is logged (channel and day,
 * no content) and recorded for the next day's run.
 */
export async function runDigest(env: DigestEnv, now: Date, send: typeof fetch = fetch): Promise<DigestReport> {
  const today = dayOf(now);
  const { channels, locale } = readDigestConfig(env);
  const t = useTranslations(locale);
  const [done, last] = await Promise.all([deliveredOn(env, today), lastDelivered(env, today)]);
  const messages = new Map<string, Promise<DigestMessage>>();
  const messageSince = (since: string) => {
    let message = messages.get(since);
    if (!message) {
      message = composeDigest(env, since, now).then((digest) => digestMessage(digest, t));
      messages.set(since, message);
    }
    return message;
  };
  const outcomes = await Promise.all(
    channels.map(async (settings): Promise<DigestReport["channels"][number]> => {
      const { channel } = settings;
      if (done.has(channel)) return { channel, outcome: "already" };
      const since = last.get(channel) ?? addDays(today, -1);
      let delivered = false;
      try {
        delivered = await deliver(settings, await messageSince(since), send);
      } catch (err) {
        console.error(`digest: ${channel} on ${today} failed: ${(err as Error).name}`);
      }
      if (!delivered) console.error(`digest: ${channel} on ${today} not delivered; retried at tomorrow's run`);
      await recordDelivery(env, channel, today, delivered);
      return { channel, outcome: delivered ? "delivered" : "failed", since };
    }),
  );
  return { day: today, channels: outcomes };
}
