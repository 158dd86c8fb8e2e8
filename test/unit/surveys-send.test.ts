// The form's delivery loop: keeps trying through network failures, 5xx, 429
// and non-JSON answers from something in between, and stops at the server's
// first definite answer. Waits are skipped through the "Try now" hook.
import { afterEach, describe, expect, it, vi } from "vitest";
import { backoffSeconds, sendWithRetry, type WaitReason } from "#components/surveys/send.ts";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

function run(responses: (() => Response | Promise<Response>)[]) {
  const waits: [WaitReason, number, number][] = [];
  const bodies: string[] = [];
  let call = 0;
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    bodies.push(String(init.body));
    const next = responses[Math.min(call++, responses.length - 1)]!;
    return next();
  });
  const wake: { current: (() => void) | null } = { current: null };
  const promise = sendWithRetry(
    "/api/surveys/x/responses",
    { submissionId: "same-id-every-time", answers: {} },
    {
      wake,
      onWait: (reason, seconds, attempt) => {
        waits.push([reason, seconds, attempt]);
        setTimeout(() => wake.current?.(), 0); // "Try now"
      },
    },
  );
  return { promise, waits, bodies };
}

afterEach(() => vi.unstubAllGlobals());

describe("sendWithRetry", () => {
  it("retries network failures and 5xx with growing waits, then returns the 201, sending the same body each time", async () => {
    const { promise, waits, bodies } = run([
      () => Promise.reject(new TypeError("Failed to fetch")),
      () => json(503, { error: { code: "internal_error", message: "x" } }),
      () => Promise.reject(new TypeError("Failed to fetch")),
      () => json(201, { ok: true }),
    ]);
    expect(await promise).toEqual({ status: 201, body: { ok: true } });
    expect(waits).toEqual([
      ["network", 1, 1],
      ["server", 2, 2],
      ["network", 4, 3],
    ]);
    expect(new Set(bodies).size).toBe(1);
  });

  it("honours Retry-After on 429", async () => {
    const { promise, waits } = run([
      () => json(429, { error: { code: "rate_limited", message: "x" } }, { "Retry-After": "37" }),
      () => json(200, { ok: true }),
    ]);
    expect((await promise).status).toBe(200);
    expect(waits).toEqual([["rate_limited", 37, 1]]);
  });

  it("treats a non-JSON 4xx (a proxy, a captive portal) as transient, and stops at a JSON 4xx", async () => {
    const { promise, waits } = run([
      () => new Response("<html>login</html>", { status: 403, headers: { "Content-Type": "text/html" } }),
      () => json(422, { error: { code: "invalid_answers", message: "x", fields: { "answers.q": "bad" } } }),
    ]);
    expect(await promise).toEqual({
      status: 422,
      body: { error: { code: "invalid_answers", message: "x", fields: { "answers.q": "bad" } } },
    });
    expect(waits).toHaveLength(1);
  });

  it("backs off exponentially up to a ceiling", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((a) => backoffSeconds(a))).toEqual([1, 2, 4, 8, 16, 20, 20, 20]);
  });
});
