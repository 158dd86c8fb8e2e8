// The islands' one API client: a success hands back the body, every failure
// reads as the shared error shape (src/lib/api-error.ts) — the server's own
// envelope as sent, "bad_response" when something in between answered without
// one, "network" when nothing answered — and the request carries JSON only in
// its body, with the credentials the caller chose.
import { afterEach, describe, expect, it, vi } from "vitest";
import { callApi, errorText } from "#components/api-client.ts";

afterEach(() => vi.unstubAllGlobals());

function answer(response: () => Response | Promise<Response>) {
  const calls: [string, RequestInit][] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push([url, init]);
    return response();
  });
  return calls;
}

describe("callApi", () => {
  it("sends JSON with the chosen credentials and headers, and hands back a success's body", async () => {
    const calls = answer(() => Response.json({ receipt: "R" }, { status: 201 }));
    const res = await callApi<{ receipt: string }>("/api/ideas", {
      json: { a: 1 },
      credentials: "omit",
      headers: { Authorization: "Bearer x" },
    });
    expect(res).toEqual({ ok: true, status: 201, body: { receipt: "R" } });
    const [url, init] = calls[0]!;
    expect(url).toBe("/api/ideas");
    expect(init).toMatchObject({ method: "POST", body: '{"a":1}', credentials: "omit", cache: "no-store" });
    expect(init.headers).toEqual({ Accept: "application/json", "Content-Type": "application/json", Authorization: "Bearer x" });
  });

  it("GETs with no body and same-origin credentials by default", async () => {
    const calls = answer(() => Response.json([]));
    await callApi("/api/admin/ideas");
    expect(calls[0]![1]).toMatchObject({ method: "GET", body: undefined, credentials: "same-origin" });
  });

  it("hands back the server's error envelope whole, extra details included", async () => {
    const error = { code: "validation_failed", message: "Some fields are missing or invalid.", fields: { title: "Required." }, current: 3 };
    answer(() => Response.json({ error }, { status: 422 }));
    expect(await callApi("/api/ideas", { json: {} })).toEqual({ ok: false, status: 422, error });
    expect(errorText(error)).toBe("Some fields are missing or invalid. Required.");
  });

  it("reads an answer without the envelope (a proxy's page) as bad_response, and no answer as network", async () => {
    answer(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    expect(await callApi("/api/ideas")).toEqual({ ok: false, status: 502, error: { code: "bad_response", message: "HTTP 502" } });
    answer(() => Response.json({ error: "nope" }, { status: 400 }));
    expect(await callApi("/api/ideas")).toEqual({ ok: false, status: 400, error: { code: "bad_response", message: "HTTP 400" } });
    answer(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(await callApi("/api/ideas")).toEqual({ ok: false, status: 0, error: { code: "network", message: "network" } });
  });
});
