// Requests go through exports.default.fetch: the real Pages router, the real
// middleware and a real local D1 inside workerd.
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { readClock } from "#server/clock.ts";

export const ORIGIN = "https://candor.test";

/** The instant a route reads for its request (the test Worker's pinned day), for tests that call a service directly. */
export function routeNow(): Date {
  return readClock(env).now();
}

/** The Pages Worker built from functions/ (the vitest plugin exposes its default export). */
export function workerFetch(request: Request): Promise<Response> {
  return (exports as unknown as { default: { fetch(request: Request): Promise<Response> } }).default.fetch(request);
}

export interface ApiResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are JSON the tests assert on field by field
export async function api<T = any>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<ApiResult<T>> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  }
  const response = await workerFetch(new Request(`${ORIGIN}${path}`, { ...init, headers, body }));
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // leave non-JSON bodies as text so a test can assert on them
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** Asserts the API's error shape (docs/api.md) and returns the error object. */
export function expectError(result: ApiResult, status: number, code: string) {
  const body = result.body as { error?: { code?: string; message?: string; fields?: Record<string, string> } };
  if (result.status !== status || body?.error?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${result.status} ${JSON.stringify(result.body)}`);
  }
  if (typeof body.error.message !== "string" || body.error.message.length === 0) {
    throw new Error(`error without a message: ${JSON.stringify(result.body)}`);
  }
  if (!(result.headers.get("Content-Type") ?? "").startsWith("application/json")) {
    throw new Error(`error is not JSON: ${result.headers.get("Content-Type")}`);
  }
  return body.error as { code: string; message: string; fields?: Record<string, string> };
}

/** A draft as D1 stores it: a refused edit leaves it byte for byte as it was. */
export const storedDraft = async (id: string) =>
  (await env.DB.prepare("SELECT body, version, state FROM content_drafts WHERE id = ?1").bind(id).first<{
    body: string;
    version: number;
    state: string;
  }>())!;
