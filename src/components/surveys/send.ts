// Delivering a response: retries on network failure, 5xx and 429 with
// backoff, telling the caller what is happening, until the server gives a
// definite answer. Every attempt carries the same submissionId, so however
// many arrive, one response is stored.
import { apiFetch, responseJson, type ApiError } from "../api-client.ts";

export interface SendResult {
  status: number;
  body: { ok?: boolean; error?: ApiError } | null;
}

export type WaitReason = "network" | "server" | "rate_limited";

export interface SendOptions {
  /** Called before each wait: why, for how long, and which attempt failed. */
  onWait(reason: WaitReason, seconds: number, attempt: number): void;
  /** Resolves a wait early ("Try now"). */
  wake: { current: (() => void) | null };
  maxDelaySeconds?: number;
}

export function backoffSeconds(attempt: number, max = 20): number {
  return Math.min(max, 2 ** Math.max(0, attempt - 1));
}

function sleep(seconds: number, wake: SendOptions["wake"]): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, seconds * 1000);
    function done() {
      clearTimeout(timer);
      wake.current = null;
      resolve();
    }
    wake.current = done;
  });
}

export async function sendWithRetry(url: string, body: unknown, options: SendOptions): Promise<SendResult> {
  for (let attempt = 1; ; attempt++) {
    const response = await apiFetch(url, { method: "POST", json: body, credentials: "omit" });
    if (response && response.status < 500 && response.status !== 429) {
      const parsed = (await responseJson(response)) as SendResult["body"];
      // A 4xx that is not JSON came from something in between (a proxy, a captive portal): treat as transient.
      if (parsed !== null) return { status: response.status, body: parsed };
    }
    let reason: WaitReason = response === null ? "network" : response.status === 429 ? "rate_limited" : "server";
    let seconds = backoffSeconds(attempt, options.maxDelaySeconds);
    if (response?.status === 429) {
      const retryAfter = Number(response.headers.get("Retry-After"));
      if (Number.isFinite(retryAfter) && retryAfter > 0) seconds = Math.min(retryAfter, 300);
    }
    if (response && response.status < 500 && response.status !== 429) reason = "server";
    options.onWait(reason, seconds, attempt);
    await sleep(seconds, options.wake);
  }
}
