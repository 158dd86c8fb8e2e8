import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ORIGIN, api, expectError } from "./helpers";

describe("GET /api/health", () => {
  it("reports that the database answers", async () => {
    const res = await api("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, database: "ok" });
  });

  it("carries no-store and the API security headers", async () => {
    const res = await api("/api/health");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
  });
});

describe("API middleware", () => {
  it("answers an unknown /api path with a JSON 404", async () => {
    const res = await api("/api/does-not-exist/at/all");
    expectError(res, 404, "not_found");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });

  it("answers a wrong method with a JSON 405 and Allow", async () => {
    const res = await api("/api/health", { method: "DELETE" });
    expectError(res, 405, "method_not_allowed");
    expect(res.headers.get("Allow")).toBe("GET");
  });

  it("refuses a state-changing request from another site with 403", async () => {
    const res = await api("/api/health", {
      method: "POST",
      headers: { Origin: "https://evil.example" },
      json: {},
    });
    expectError(res, 403, "forbidden_origin");
  });

  it("refuses an opaque (null) origin", async () => {
    const res = await api("/api/health", { method: "POST", headers: { Origin: "null" }, json: {} });
    expectError(res, 403, "forbidden_origin");
  });

  it("refuses Sec-Fetch-Site: cross-site even without Origin", async () => {
    const res = await api("/api/health", { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" }, json: {} });
    expectError(res, 403, "forbidden_origin");
  });

  it("lets the site's own origin through to the route", async () => {
    const res = await api("/api/health", { method: "POST", headers: { Origin: ORIGIN }, json: {} });
    expectError(res, 405, "method_not_allowed");
  });

  it("refuses a POST that is not JSON with 415", async () => {
    const res = await api("/api/health", {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "hello",
    });
    expectError(res, 415, "unsupported_media_type");
  });

  it("refuses a form-encoded POST with 415", async () => {
    const res = await api("/api/health", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expectError(res, 415, "unsupported_media_type");
  });

  it("refuses a body over 32 KiB with 413 before any route runs", async () => {
    const res = await api("/api/nowhere", { method: "POST", json: { text: "x".repeat(40 * 1024) } });
    expectError(res, 413, "body_too_large");
  });

  it("refuses a 1 MB body with 413", async () => {
    const res = await api("/api/health", { method: "POST", json: { text: "x".repeat(1024 * 1024) } });
    expectError(res, 413, "body_too_large");
  });

  it("keeps the JSON 404 for hostile paths", async () => {
    const res = await api("/api/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    const error = expectError(res, 404, "not_found");
    expect(res.headers.get("Content-Type")).toContain("application/json");
    expect(error.message).not.toContain("<script>");
  });
});

describe("schema", () => {
  it("applies every migration with no foreign-key violations", async () => {
    const check = await env.DB.prepare("PRAGMA foreign_key_check").all();
    expect(check.results).toEqual([]);
    const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all<{ name: string }>();
    const names = tables.results.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["rate_limit_salts", "rate_limit_counters", "audit_log"]));
  });
});
