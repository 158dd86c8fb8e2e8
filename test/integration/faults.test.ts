// A database that fails in the middle of a request. For every endpoint of
// the battery's table whose valid request writes, a failure is injected into
// each table that request writes: a trigger on the table raises one of the
// transient errors D1 documents, so the real batch fails at that statement.
// Each such request must be answered 503 storage_unavailable in the JSON
// error shape with Retry-After, and leave every table as it was (the batch
// rolled back, no earlier call of the request left behind). The same request
// sent again, as a client retries, is then accepted and stored once: only in
// tables the endpoint writes, never more rows than one request adds, and a
// submission sent yet again (the same submission id) stores nothing more.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ORIGIN, workerFetch } from "./helpers.ts";
import { delta, dumpDatabase, type TableDelta } from "./battery/db.ts";
import { ADMIN_HEADERS, makeFixtures, ROUTES, type Call, type Fixtures, type Method, type RouteEntry } from "./battery/routes.ts";

const FAULT = "D1_ERROR: Network connection lost.";
let clients = 0;
const client = () => ({ "CF-Connecting-IP": `198.18.${Math.floor(++clients / 250) % 250}.${(clients % 250) + 1}` });
let fixtures: Fixtures;

async function send(route: RouteEntry, method: Method, call: Call) {
  const query = call.query && Object.keys(call.query).length > 0 ? `?${new URLSearchParams(call.query)}` : "";
  const headers: Record<string, string> = { ...client(), ...(route.admin ? ADMIN_HEADERS : {}) };
  if (call.body !== undefined) headers["Content-Type"] = "application/json";
  const before = await dumpDatabase();
  const response = await workerFetch(
    new Request(`${ORIGIN}${call.path}${query}`, { method, headers, body: call.body === undefined ? null : JSON.stringify(call.body) }),
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, changes: delta(before, await dumpDatabase()) };
}

/** Table → rows added and removed: what "stored once" is compared by. */
const shape = (changes: Map<string, TableDelta>) =>
  Object.fromEntries([...changes].map(([table, d]) => [table, { added: d.added.length, removed: d.removed.length }]));

async function faultIn(table: string): Promise<() => Promise<void>> {
  const ops = ["INSERT", "UPDATE", "DELETE"];
  await env.DB.batch(
    ops.map((op) =>
      env.DB.prepare(`CREATE TRIGGER "fault_${op}_${table}" BEFORE ${op} ON "${table}" BEGIN SELECT RAISE(ABORT, '${FAULT}'); END`),
    ),
  );
  return async () => void (await env.DB.batch(ops.map((op) => env.DB.prepare(`DROP TRIGGER "fault_${op}_${table}"`))));
}

const writers = Object.entries(ROUTES).flatMap(([file, route]) =>
  route.elsewhere || route.catchAll
    ? []
    : (Object.entries(route.methods) as [Method, NonNullable<RouteEntry["methods"][Method]>][]).map(([method, entry]) => ({
        file,
        route,
        method,
        entry,
      })),
);

describe("a D1 failure in any table a request writes", () => {
  beforeAll(async () => {
    fixtures = await makeFixtures(client);
  });

  for (const { file, route, method, entry } of writers) {
    it(`${method} ${file}: 503 storage_unavailable, nothing stored; the retry is stored once`, async () => {
      const unfaulted = await send(route, method, await entry.valid(fixtures));
      expect(unfaulted.status, unfaulted.text).toBe(entry.accepts);
      const written = [...unfaulted.changes.keys()];
      if (written.length === 0) return; // a read: nothing to fail

      const call = await entry.valid(fixtures);
      for (const table of written) {
        const undo = await faultIn(table);
        try {
          const failed = await send(route, method, call);
          expect(failed.status, `${table}: ${failed.text}`).toBe(503);
          expect(JSON.parse(failed.text)).toMatchObject({ error: { code: "storage_unavailable", message: expect.any(String) } });
          expect(failed.headers.get("Content-Type")).toMatch(/^application\/json/);
          expect(Number(failed.headers.get("Retry-After"))).toBeGreaterThan(0);
          expect(shape(failed.changes), `a failure in ${table} left rows behind`).toEqual({});
        } finally {
          await undo();
        }
      }
      // the client's retry: accepted, writing only where the endpoint writes, and never more rows than one request adds
      const retried = await send(route, method, call);
      expect(retried.status, retried.text).toBe(entry.accepts);
      for (const [table, { added }] of Object.entries(shape(retried.changes))) {
        expect(written, `the retry wrote ${table}`).toContain(table);
        expect(added, `the retry added ${added} rows to ${table}`).toBeLessThanOrEqual(unfaulted.changes.get(table)!.added.length);
      }
      // stored once: a submission sent yet again (its id the same) stores nothing more
      if (call.body && "submissionId" in call.body) expect(shape((await send(route, method, call)).changes)).toEqual({});
    });
  }
});
