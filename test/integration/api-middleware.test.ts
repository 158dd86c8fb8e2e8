// What every API request passes through: the health check, the middleware's
// refusals (404, 405, 403 across origins, 415, 413 declared and streamed) and
// headers, and the schema every route relies on (migrations apply, foreign
// keys point at real columns).
import { env } from "cloudflare:test";
import { onRequestGet as health } from "../../functions/api/health.ts";
import { describe, expect, it } from "vitest";
import { ORIGIN, api, expectError, workerFetch } from "./helpers";

describe("GET /api/health", () => {
  it("reports that the database answers", async () => {
    const res = await api("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, database: "ok" });
  });

  it("answers 503 with database: unavailable when D1 fails, instead of a 500", async () => {
    // failure injection: a binding whose every call throws, as D1 does during an outage
    const broken = {
      prepare: () => {
        throw new Error("D1_ERROR: network connection lost");
      },
    };
    const response = await health({ env: { ...env, DB: broken }, request: new Request(`${ORIGIN}/api/health`) } as unknown as Parameters<
      typeof health
    >[0]);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false, database: "unavailable" });
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

  it("answers a path with an empty segment (GET /api//surveys) with a JSON 404, never the site's HTML page", async () => {
    for (const path of ["/api//surveys", "/api//ideas", "/api/surveys//stats", "/api//"]) {
      const res = await api(path);
      expectError(res, 404, "not_found");
      expect(res.headers.get("Strict-Transport-Security")).toContain("max-age=");
    }
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

  it("refuses a streamed body over 32 KiB that declares no Content-Length", async () => {
    const chunk = new TextEncoder().encode(`"${"x".repeat(1022)}",`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 40) return controller.close();
        controller.enqueue(sent === 0 ? new TextEncoder().encode("[") : chunk);
        sent++;
      },
    });
    const request = new Request(`${ORIGIN}/api/ideas`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
      // @ts-expect-error duplex is required for streamed request bodies but missing from the types
      duplex: "half",
    });
    expect(request.headers.get("Content-Length")).toBeNull();
    const response = await workerFetch(request);
    const res = { status: response.status, headers: response.headers, body: await response.json() };
    expectError(res, 413, "body_too_large");
  });

  it("keeps the JSON 404 for hostile paths", async () => {
    for (const path of ["/api/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/api/'%20OR%201=1--", "/api/%00", "/api/..%2F..%2Fetc%2Fpasswd"]) {
      const res = await api(path);
      expectError(res, 404, "not_found");
    }
  });
});

describe("schema", () => {
  it("applies every migration with no foreign-key violations, and every foreign key points at a real column", async () => {
    const check = await env.DB.prepare("PRAGMA foreign_key_check").all();
    expect(check.results).toEqual([]);
    // D1 forbids the pragma_* table functions, so ask table by table
    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    ).all<{ name: string }>();
    let checked = 0;
    for (const { name } of tables.results) {
      const fks = await env.DB.prepare(`PRAGMA foreign_key_list("${name}")`).all<{ table: string; to: string | null }>();
      for (const fk of fks.results) {
        const columns = await env.DB.prepare(`PRAGMA table_info("${fk.table}")`).all<{ name: string }>();
        const names = columns.results.map((c) => c.name);
        expect(names, `${name} → ${fk.table}`).not.toEqual([]);
        if (fk.to) expect(names, `${name} → ${fk.table}.${fk.to}`).toContain(fk.to);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(tables.results.map((t) => t.name)).toEqual(expect.arrayContaining(["idea_supports", "audit_log"]));
    // per-client counts live in the isolate's memory: migration 0012 dropped their tables
    expect(tables.results.map((t) => t.name).filter((t) => t.startsWith("rate_limit"))).toEqual([]);
  });
});
