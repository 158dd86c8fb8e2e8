import { describe, expect, it } from "vitest";
import { ORIGIN, workerFetch } from "./helpers.ts";

const go = (query: string, init: RequestInit = {}) =>
  workerFetch(new Request(`${ORIGIN}/policy/compare/go${query}`, { redirect: "manual", ...init }));

describe("GET /policy/compare/go (the version picker's form)", () => {
  it("sends the reader to the comparison, older version first, in their language", async () => {
    const res = await go("?from=2026-07&to=2025-07&lang=zh-cn");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/zh-cn/policy/compare/2025-07/2026-07/");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect((await go("?from=2025-07&to=2026-01&lang=en")).headers.get("Location")).toBe("/policy/compare/2025-07/2026-01/");
  });

  it("shows one version when both are the same", async () => {
    expect((await go("?from=2026-01&to=2026-01")).headers.get("Location")).toBe("/policy/2026-01/");
  });

  it.each([
    "",
    "?from=&to=",
    "?from=2026-07",
    "?from=//evil.example&to=2026-07",
    "?from=2026-07%00&to=2025-07",
    "?from=%3Cscript%3E&to=2026-07&lang=zh-cn",
    `?from=${"9".repeat(5000)}&to=2026-07`,
  ])("sends anything else back to the picker, never elsewhere: %s", async (query) => {
    const res = await go(query);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toMatch(/^\/(zh-cn\/)?policy\/compare\/$/);
  });

  it("ignores an unknown language", async () => {
    expect((await go("?from=2025-07&to=2026-07&lang=fr")).headers.get("Location")).toBe("/policy/compare/2025-07/2026-07/");
  });

  it("answers only GET", async () => {
    const res = await go("?from=2025-07&to=2026-07", { method: "POST" });
    expect(res.status).toBe(405);
  });
});
