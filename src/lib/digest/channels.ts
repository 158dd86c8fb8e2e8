// The digest's channels: the HTTP request each one takes, and whether its
// answer means delivered. Pure (WebCrypto only), so the unit tests check the
// signatures against vectors computed with node:crypto, and the same code
// runs in the scheduled Worker against the providers and, locally, against
// their stand-ins (scripts/digest-standins.ts).
//
// Signing rules, from the providers' documentation:
// - DingTalk (钉钉) robot with 加签: sign = urlencode(base64(HMAC-SHA256(key = secret,
//   message = timestamp + "\n" + secret))), timestamp in milliseconds, both
//   appended to the webhook URL as &timestamp=…&sign=….
// - Feishu (飞书) robot with 签名校验: sign = base64(HMAC-SHA256(key = timestamp +
//   "\n" + secret, message = empty)), timestamp in seconds, both in the JSON body.
// - WeCom (企业微信) group robot: no signature; the key is in the webhook URL.
// - E-mail through Resend's HTTP API: a bearer API key.
import type { DigestChannel, DigestMessage } from "./model.ts";

export interface OutgoingRequest {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
}

/** Resend's send-an-email endpoint. */
export const RESEND_API_URL = "https://api.resend.com/emails";

const utf8 = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

async function hmacSha256Base64(key: string, message: string): Promise<string> {
  const k = await crypto.subtle.importKey("raw", utf8.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return base64(new Uint8Array(await crypto.subtle.sign("HMAC", k, utf8.encode(message))));
}

/** DingTalk's signature (base64, before URL encoding) of a timestamp in milliseconds. */
export function dingtalkSign(secret: string, timestampMs: number): Promise<string> {
  return hmacSha256Base64(secret, `${timestampMs}\n${secret}`);
}

/** Feishu's signature of a timestamp in seconds: the string is the HMAC key, the message is empty. */
export function feishuSign(secret: string, timestampSeconds: number): Promise<string> {
  return hmacSha256Base64(`${timestampSeconds}\n${secret}`, "");
}

const json = (url: string, body: unknown, headers: Record<string, string> = {}): OutgoingRequest => ({
  url,
  method: "POST",
  headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
  body: JSON.stringify(body),
});

export interface EmailSettings {
  apiKey: string;
  from: string;
  to: string[];
  apiUrl?: string;
}

export function emailRequest(message: DigestMessage, settings: EmailSettings): OutgoingRequest {
  return json(
    settings.apiUrl ?? RESEND_API_URL,
    { from: settings.from, to: settings.to, subject: message.subject, text: message.text },
    { Authorization: `Bearer ${settings.apiKey}` },
  );
}

export function wecomRequest(message: DigestMessage, webhook: string): OutgoingRequest {
  return json(webhook, { msgtype: "markdown", markdown: { content: message.markdown } });
}

export async function dingtalkRequest(
  message: DigestMessage,
  webhook: string,
  secret: string | null,
  nowMs: number,
): Promise<OutgoingRequest> {
  const body = { msgtype: "markdown", markdown: { title: message.subject, text: message.markdown } };
  if (!secret) return json(webhook, body);
  const url = new URL(webhook);
  url.searchParams.set("timestamp", String(nowMs));
  url.searchParams.set("sign", await dingtalkSign(secret, nowMs));
  return json(url.toString(), body);
}

export async function feishuRequest(
  message: DigestMessage,
  webhook: string,
  secret: string | null,
  nowMs: number,
): Promise<OutgoingRequest> {
  const content = { msg_type: "text", content: { text: message.text } };
  if (!secret) return json(webhook, content);
  const timestamp = Math.floor(nowMs / 1000);
  return json(webhook, { timestamp: String(timestamp), sign: await feishuSign(secret, timestamp), ...content });
}

/**
 * Whether a channel took the message. The robots answer HTTP 200 with an
 * error code in the body when they refuse (a bad signature, a wrong key), so
 * for them the code must be 0; Resend answers a 2xx with the e-mail's id.
 */
export function accepted(channel: DigestChannel, status: number, body: string): boolean {
  if (status < 200 || status >= 300) return false;
  if (channel === "email") return true;
  try {
    const answer = JSON.parse(body) as { errcode?: unknown; code?: unknown; StatusCode?: unknown };
    if (channel === "feishu") return answer.code === 0 || (answer.code === undefined && answer.StatusCode === 0);
    return answer.errcode === 0;
  } catch {
    return false;
  }
}
