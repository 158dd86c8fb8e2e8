// Stand-ins for the HR digest's channels (src/lib/digest/channels.ts), which
// are outside this machine: Resend's e-mail API and the WeCom, DingTalk and
// Feishu group robots, on one local server. Each checks what its provider
// checks — the API key, the robot's key or token, DingTalk's and Feishu's
// signatures (recomputed here with node:crypto, the timestamp within an
// hour) — answers as the provider does (robots refuse with HTTP 200 and an
// error code), and records what arrived, so the integration test and
// `npm start` read it back.
//
// The test drives it over HTTP from inside workerd: GET /__received lists
// what arrived; POST /__fail {"channels":[…]} makes those channels answer 500
// until changed; POST /__reset clears both.
//
// `node scripts/digest-standins.ts [port]` serves one on its own and prints its DIGEST_* vars.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { systemClock } from "#lib/clock.ts";

export type StandinChannel = "email" | "wecom" | "dingtalk" | "feishu";

export interface Arrival {
  channel: StandinChannel;
  /** Whether the credentials and signature checked out (only such messages are accepted). */
  verified: boolean;
  /** The JSON body as sent. */
  body: unknown;
}

export interface DigestStandins {
  url: string;
  /** The DIGEST_* vars that point the digest's channels here. */
  vars: Record<string, string>;
  received: Arrival[];
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** DingTalk: base64(HMAC-SHA256(key = secret, timestamp + "\n" + secret)), timestamp in ms, within an hour. */
function dingtalkValid(secret: string, timestamp: string | null, sign: string | null, nowMs: number): boolean {
  if (!timestamp || !sign || !/^\d+$/.test(timestamp) || Math.abs(nowMs - Number(timestamp)) > HOUR_MS) return false;
  return same(sign, createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64"));
}

/** Feishu: base64(HMAC-SHA256(key = timestamp + "\n" + secret, empty)), timestamp in seconds, within an hour. */
function feishuValid(secret: string, timestamp: unknown, sign: unknown, nowMs: number): boolean {
  if (typeof timestamp !== "string" || typeof sign !== "string" || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowMs - Number(timestamp) * 1000) > HOUR_MS) return false;
  return same(sign, createHmac("sha256", `${timestamp}\n${secret}`).update(Buffer.alloc(0)).digest("base64"));
}

/** `onArrival` sees each message as it arrives (`npm start` writes them to a file). */
export async function startDigestStandins(port = 0, onArrival?: (arrival: Arrival) => void): Promise<DigestStandins> {
  const secret = {
    emailKey: `re_${randomBytes(12).toString("hex")}`,
    wecomKey: randomBytes(16).toString("hex"),
    dingtalkToken: randomBytes(16).toString("hex"),
    dingtalkSecret: `SEC${randomBytes(24).toString("hex")}`,
    feishuHook: randomBytes(16).toString("hex"),
    feishuSecret: randomBytes(16).toString("base64url"),
  };
  const received: Arrival[] = [];
  let failing = new Set<string>();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://standin");
      const text = await readBody(req);
      if (url.pathname === "/__received") return send(res, 200, received);
      if (url.pathname === "/__reset") {
        received.length = 0;
        failing = new Set();
        return send(res, 200, {});
      }
      if (url.pathname === "/__fail") {
        failing = new Set((JSON.parse(text) as { channels: string[] }).channels);
        return send(res, 200, {});
      }
      if (req.method !== "POST") return send(res, 405, {});
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return send(res, 400, { message: "invalid JSON" });
      }
      // the providers check the signature's timestamp against their real clock, so does the stand-in
      const now = systemClock.now().getTime();
      const arrive = (channel: StandinChannel, verified: boolean) => {
        received.push({ channel, verified, body });
        onArrival?.({ channel, verified, body });
        return !failing.has(channel);
      };
      if (url.pathname === "/resend/emails") {
        const ok = req.headers.authorization === `Bearer ${secret.emailKey}`;
        if (!arrive("email", ok)) return send(res, 500, { name: "internal_server_error" });
        return ok ? send(res, 200, { id: randomBytes(8).toString("hex") }) : send(res, 401, { name: "validation_error" });
      }
      if (url.pathname === "/wecom/cgi-bin/webhook/send") {
        const ok = url.searchParams.get("key") === secret.wecomKey;
        if (!arrive("wecom", ok)) return send(res, 500, {});
        return send(res, 200, ok ? { errcode: 0, errmsg: "ok" } : { errcode: 93000, errmsg: "invalid webhook url" });
      }
      if (url.pathname === "/dingtalk/robot/send") {
        const ok =
          url.searchParams.get("access_token") === secret.dingtalkToken &&
          dingtalkValid(secret.dingtalkSecret, url.searchParams.get("timestamp"), url.searchParams.get("sign"), now);
        if (!arrive("dingtalk", ok)) return send(res, 500, {});
        return send(res, 200, ok ? { errcode: 0, errmsg: "ok" } : { errcode: 310000, errmsg: "sign not match" });
      }
      if (url.pathname === `/feishu/open-apis/bot/v2/hook/${secret.feishuHook}`) {
        const ok = feishuValid(secret.feishuSecret, body.timestamp, body.sign, now);
        if (!arrive("feishu", ok)) return send(res, 500, {});
        return send(res, 200, ok ? { code: 0, msg: "success", data: {} } : { code: 19021, msg: "sign match fail", data: {} });
      }
      return send(res, 404, {});
    } catch (err) {
      send(res, 500, { message: String(err) });
    }
  });
  await new Promise<void>((ready) => server.listen(port, "127.0.0.1", ready));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    vars: {
      DIGEST_EMAIL_API_KEY: secret.emailKey,
      DIGEST_EMAIL_FROM: "Candor <digest@candor.test>",
      DIGEST_EMAIL_TO: "ana@candor.test,li@candor.test",
      DIGEST_EMAIL_API_URL: `${base}/resend/emails`,
      DIGEST_WECOM_WEBHOOK: `${base}/wecom/cgi-bin/webhook/send?key=${secret.wecomKey}`,
      DIGEST_DINGTALK_WEBHOOK: `${base}/dingtalk/robot/send?access_token=${secret.dingtalkToken}`,
      DIGEST_DINGTALK_SECRET: secret.dingtalkSecret,
      DIGEST_FEISHU_WEBHOOK: `${base}/feishu/open-apis/bot/v2/hook/${secret.feishuHook}`,
      DIGEST_FEISHU_SECRET: secret.feishuSecret,
    },
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? "")).href) {
  const standins = await startDigestStandins(Number(process.argv[2] ?? 0));
  console.log(`digest stand-ins at ${standins.url}`);
  for (const [name, value] of Object.entries(standins.vars)) console.log(`${name}=${value}`);
}
