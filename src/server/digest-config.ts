// The HR digest's settings (docs/operations.md#hr-digest): every channel is
// configured by secrets and is off while its secrets are missing; the
// language and the console's address are plain vars. The hour is not here:
// it is the scheduled Worker's cron (workers/digest/wrangler.toml), one fixed
// hour a day, never derived from what happened.
import { DEFAULT_LOCALE, isLocale, type Locale } from "#i18n/config.ts";
import type { DigestChannel } from "#lib/digest/model.ts";

export interface DigestVars {
  /** Resend API key, sender and comma-separated recipients; DIGEST_EMAIL_API_URL only for a stand-in. */
  DIGEST_EMAIL_API_KEY?: string;
  DIGEST_EMAIL_FROM?: string;
  DIGEST_EMAIL_TO?: string;
  DIGEST_EMAIL_API_URL?: string;
  /** WeCom group robot: its webhook URL, key included. */
  DIGEST_WECOM_WEBHOOK?: string;
  /** DingTalk robot: its webhook URL (access_token included) and its 加签 secret (SEC…). */
  DIGEST_DINGTALK_WEBHOOK?: string;
  DIGEST_DINGTALK_SECRET?: string;
  /** Feishu robot: its webhook URL and its 签名校验 secret. */
  DIGEST_FEISHU_WEBHOOK?: string;
  DIGEST_FEISHU_SECRET?: string;
  /** "en" or "zh-cn" (default en). */
  DIGEST_LOCALE?: string;
  /** The HR console's address, linked from the message, e.g. https://candor.example.org/admin/. */
  DIGEST_CONSOLE_URL?: string;
}

export type ChannelSettings =
  | { channel: "email"; apiKey: string; from: string; to: string[]; apiUrl?: string }
  | { channel: "wecom"; webhook: string }
  | { channel: "dingtalk"; webhook: string; secret: string | null }
  | { channel: "feishu"; webhook: string; secret: string | null };

export interface DigestConfig {
  channels: ChannelSettings[];
  locale: Locale;
  consoleUrl: string | null;
}

const set = (value: string | undefined): string | null => (value && value.trim() !== "" ? value.trim() : null);

export function readDigestConfig(env: DigestVars): DigestConfig {
  const channels: ChannelSettings[] = [];
  const [apiKey, from, to] = [set(env.DIGEST_EMAIL_API_KEY), set(env.DIGEST_EMAIL_FROM), set(env.DIGEST_EMAIL_TO)];
  if (apiKey && from && to) {
    const apiUrl = set(env.DIGEST_EMAIL_API_URL);
    channels.push({
      channel: "email",
      apiKey,
      from,
      to: to
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      ...(apiUrl ? { apiUrl } : {}),
    });
  }
  const wecom = set(env.DIGEST_WECOM_WEBHOOK);
  if (wecom) channels.push({ channel: "wecom", webhook: wecom });
  const dingtalk = set(env.DIGEST_DINGTALK_WEBHOOK);
  if (dingtalk) channels.push({ channel: "dingtalk", webhook: dingtalk, secret: set(env.DIGEST_DINGTALK_SECRET) });
  const feishu = set(env.DIGEST_FEISHU_WEBHOOK);
  if (feishu) channels.push({ channel: "feishu", webhook: feishu, secret: set(env.DIGEST_FEISHU_SECRET) });
  const locale = set(env.DIGEST_LOCALE)?.toLowerCase();
  return { channels, locale: isLocale(locale) ? locale : DEFAULT_LOCALE, consoleUrl: set(env.DIGEST_CONSOLE_URL) };
}

export type { DigestChannel };
