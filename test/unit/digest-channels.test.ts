// The digest's channel builders and signers (src/lib/digest/channels.ts):
// each signature checked against one computed here with node:crypto, the
// way each provider's documentation states it, and against a vector
// published with a DingTalk SDK.
import fc from "fast-check";
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  accepted,
  dingtalkRequest,
  dingtalkSign,
  emailRequest,
  feishuRequest,
  feishuSign,
  RESEND_API_URL,
  wecomRequest,
} from "#lib/digest/channels.ts";
import type { DigestMessage } from "#lib/digest/model.ts";

const message: DigestMessage = { subject: "Subject 主题", text: "plain text 文本", markdown: "### markdown 标记" };

/** DingTalk: HMAC-SHA256 keyed with the secret over "timestamp\nsecret", base64. */
const dingtalkReference = (secret: string, ts: number) => createHmac("sha256", secret).update(`${ts}\n${secret}`).digest("base64");
/** Feishu: HMAC-SHA256 keyed with "timestamp\nsecret" over nothing, base64. */
const feishuReference = (secret: string, ts: number) => createHmac("sha256", `${ts}\n${secret}`).update(Buffer.alloc(0)).digest("base64");

describe("DingTalk's signature", () => {
  it("matches a published vector (timestamp 1700000000000, secret 'secret')", async () => {
    expect(encodeURIComponent(await dingtalkSign("secret", 1_700_000_000_000))).toBe(
      "OuzzJR5%2BxZ4%2FEYwqtNt6sMYZQMTa%2FHEGvc9miJe7XzY%3D",
    );
  });

  it("is HMAC-SHA256(secret, timestamp + '\\n' + secret) in base64, for any secret and time", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 4_102_444_800_000 }), async (secret, ts) => {
        expect(await dingtalkSign(secret, ts)).toBe(dingtalkReference(secret, ts));
      }),
    );
  });

  it("goes in the webhook's query, URL-encoded, beside its access token", async () => {
    const secret = "SEC0123456789abcdef";
    const ts = 1_765_000_000_123;
    const req = await dingtalkRequest(message, "https://oapi.dingtalk.com/robot/send?access_token=abc", secret, ts);
    const url = new URL(req.url);
    expect(url.origin + url.pathname).toBe("https://oapi.dingtalk.com/robot/send");
    expect(url.searchParams.get("access_token")).toBe("abc");
    expect(url.searchParams.get("timestamp")).toBe(String(ts));
    expect(url.searchParams.get("sign")).toBe(dingtalkReference(secret, ts));
    // the raw query holds the percent-encoded form, so '+', '/' and '=' survive
    expect(req.url).toContain(`sign=${encodeURIComponent(dingtalkReference(secret, ts))}`);
    expect(JSON.parse(req.body)).toEqual({ msgtype: "markdown", markdown: { title: message.subject, text: message.markdown } });
  });

  it("is left out when no secret is set", async () => {
    const req = await dingtalkRequest(message, "https://oapi.dingtalk.com/robot/send?access_token=abc", null, 1);
    expect(req.url).toBe("https://oapi.dingtalk.com/robot/send?access_token=abc");
  });
});

describe("Feishu's signature", () => {
  it("is HMAC-SHA256 keyed with timestamp + '\\n' + secret over an empty message, in base64", async () => {
    expect(await feishuSign("test-secret", 1_599_360_473)).toBe("wSds2BzzFIIGf/WrhUO+NI1q/9j+FRJd3JNHKAq0NZY=");
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 4_102_444_800 }), async (secret, ts) => {
        expect(await feishuSign(secret, ts)).toBe(feishuReference(secret, ts));
      }),
    );
  });

  it("goes in the JSON body with the timestamp in seconds", async () => {
    const req = await feishuRequest(message, "https://open.feishu.cn/open-apis/bot/v2/hook/h", "s3cret", 1_765_000_000_999);
    expect(req.url).toBe("https://open.feishu.cn/open-apis/bot/v2/hook/h");
    expect(JSON.parse(req.body)).toEqual({
      timestamp: "1765000000",
      sign: feishuReference("s3cret", 1_765_000_000),
      msg_type: "text",
      content: { text: message.text },
    });
    const unsigned = JSON.parse((await feishuRequest(message, "https://x.test/h", null, 1)).body) as object;
    expect(unsigned).toEqual({ msg_type: "text", content: { text: message.text } });
  });
});

describe("WeCom and e-mail", () => {
  it("posts WeCom's markdown message to the webhook, key in the URL", () => {
    const req = wecomRequest(message, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k");
    expect(req.url).toBe("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k");
    expect(JSON.parse(req.body)).toEqual({ msgtype: "markdown", markdown: { content: message.markdown } });
  });

  it("posts the e-mail to Resend with the API key as a bearer token", () => {
    const req = emailRequest(message, { apiKey: "re_123", from: "Candor <digest@example.org>", to: ["hr@example.org"] });
    expect(req.url).toBe(RESEND_API_URL);
    expect(req.headers.Authorization).toBe("Bearer re_123");
    expect(JSON.parse(req.body)).toEqual({
      from: "Candor <digest@example.org>",
      to: ["hr@example.org"],
      subject: message.subject,
      text: message.text,
    });
  });
});

describe("what counts as delivered", () => {
  it("needs a 2xx, and from a robot an error code of 0 (they refuse with HTTP 200)", () => {
    expect(accepted("email", 200, '{"id":"x"}')).toBe(true);
    expect(accepted("email", 422, "{}")).toBe(false);
    expect(accepted("wecom", 200, '{"errcode":0,"errmsg":"ok"}')).toBe(true);
    expect(accepted("wecom", 200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toBe(false);
    expect(accepted("dingtalk", 200, '{"errcode":310000,"errmsg":"sign not match"}')).toBe(false);
    expect(accepted("dingtalk", 200, '{"errcode":0}')).toBe(true);
    expect(accepted("feishu", 200, '{"code":0,"msg":"success"}')).toBe(true);
    expect(accepted("feishu", 200, '{"code":19021,"msg":"sign match fail"}')).toBe(false);
    expect(accepted("feishu", 200, "not json")).toBe(false);
    expect(accepted("wecom", 502, '{"errcode":0}')).toBe(false);
  });
});
