// One bad-input battery for every endpoint, public and HR: malformed JSON,
// wrong content types, bodies over the limit (declared and streamed), every
// field with the wrong type, unknown fields, deep nesting, huge arrays, HTML,
// SQL, NUL and control characters, invalid UTF-8, lone surrogates,
// __proto__, cross-site origins, wrong methods, doubled slashes, hostile path
// segments, HR endpoints without credentials — and fast-check where the
// space is open. Every answer is a documented 4xx in the JSON error shape
// (never a 5xx), and after each request every table is compared with its
// state before: a refused request changed nothing, an accepted one (hostile
// text is valid text) stored the text exactly as sent, in the tables the
// endpoint's valid request writes.
//
// The endpoints come from functions/ itself (import.meta.glob), so a route
// file or method without an entry in ./routes.ts fails the suite.
//
// Two test files run it, so the two halves share the machine's cores:
// battery.test.ts the fixed battery, battery-fast-check.test.ts the
// generated one. Each has its own database and fixtures.
/// <reference types="vite/client" />
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "#lib/ideas/vocabulary.ts";
import { ORIGIN, workerFetch } from "../helpers.ts";
import { delta, dumpDatabase, type Dump, type TableDelta } from "./db.ts";
import { ADMIN_HEADERS, makeFixtures, ROUTES, type Call, type Fixtures, type Method, type MethodEntry, type RouteEntry } from "./routes.ts";
import { runs } from "../../support/fast-check.ts";

const MODULES = import.meta.glob("../../../functions/**/*.ts", { eager: true }) as Record<string, Record<string, unknown>>;
/** The other suites' sources, to check that a route listed as tested elsewhere is requested there. */
const TEST_SOURCES = import.meta.glob(["../../e2e/*.test.ts", "../*.test.ts"], { query: "?raw", import: "default", eager: true }) as Record<
  string,
  string
>;
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
/** The statuses the API documents (docs/api.md). */
const DOCUMENTED = new Set([400, 401, 403, 404, 405, 409, 413, 415, 422, 429]);
const LIMIT = 32 * 1024;

/** Route files as Pages routes them, with the methods each exports. */
const routeFiles = new Map(
  Object.entries(MODULES)
    .map(([key, mod]) => [key.replace(/^(\.\.\/)+functions\//, ""), mod] as const)
    .filter(([file]) => !file.split("/").pop()!.startsWith("_"))
    .map(([file, mod]) => [file, METHODS.filter((m) => `onRequest${m[0]}${m.slice(1).toLowerCase()}` in mod)] as const),
);

// ---------------------------------------------------------------- requests

interface Sent {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
  /** Rows added and removed per table by this request. */
  changes: Map<string, TableDelta>;
}

let fixtures: Fixtures;
let last: Dump;
let clients = 0;
const client = () => ({ "CF-Connecting-IP": `198.19.${Math.floor(++clients / 250) % 250}.${(clients % 250) + 1}` });

async function send(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit | null } = {}): Promise<Sent> {
  const response = await workerFetch(new Request(`${ORIGIN}${path}`, { method, headers: init.headers, body: init.body ?? null }));
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the shape check reports it
  }
  const now = await dumpDatabase();
  const changes = delta(last, now);
  last = now;
  return { status: response.status, headers: response.headers, text, body, changes };
}

const withQuery = (path: string, query: Record<string, string> | undefined) =>
  query && Object.keys(query).length > 0 ? `${path}?${new URLSearchParams(query)}` : path;

const jsonHeaders = (entry: RouteEntry, extra: Record<string, string> = {}) => ({
  "Content-Type": "application/json",
  ...client(),
  ...(entry.admin ? ADMIN_HEADERS : {}),
  ...extra,
});

// ---------------------------------------------------------------- checks

/** Problems with an error answer: not documented, not the JSON shape, not no-store. */
function errorShapeProblems(sent: Sent): string[] {
  const problems: string[] = [];
  if (!DOCUMENTED.has(sent.status)) problems.push(`status ${sent.status} is not a documented 4xx`);
  if (!(sent.headers.get("Content-Type") ?? "").startsWith("application/json"))
    problems.push(`not JSON: ${sent.headers.get("Content-Type")}`);
  const error = (sent.body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  if (!error || typeof error.code !== "string" || !/^[a-z][a-z0-9_]*$/.test(error.code)) problems.push("no snake_case error.code");
  if (!error || typeof error.message !== "string" || error.message.length === 0) problems.push("no error.message");
  if (error?.fields !== undefined) {
    const fields = error.fields;
    if (typeof fields !== "object" || fields === null || Object.values(fields).some((v) => typeof v !== "string")) {
      problems.push("error.fields is not an object of messages");
    }
  }
  if (sent.headers.get("Cache-Control") !== "no-store") problems.push("no Cache-Control: no-store");
  return problems;
}

// Every table: the per-client limits count refused requests in the isolate's memory, never in D1.
const changesOf = (sent: Sent) => [...sent.changes];

interface Expect {
  /** Statuses allowed; the first code, if given, must match. */
  status: number[];
  code?: string;
  /** The error's fields must name this path (or a parent or child of it). */
  field?: string;
  /** An Allow header listing exactly these methods. */
  allow?: string[];
}

function fieldsName(sent: Sent, path: string): boolean {
  const fields = (sent.body as { error?: { fields?: Record<string, string> } }).error?.fields ?? {};
  return Object.keys(fields).some(
    (k) => k === path || path.startsWith(`${k}.`) || k.startsWith(`${path}.`) || (k === "body" && path === ""),
  );
}

/** A refused request: the expected documented 4xx, the error shape, and not one row changed anywhere. */
function checkRefused(label: string, sent: Sent, expected: Expect): string[] {
  const problems: string[] = [];
  if (!expected.status.includes(sent.status))
    problems.push(`status ${sent.status}, expected ${expected.status.join(" or ")}: ${sent.text.slice(0, 300)}`);
  else {
    problems.push(...errorShapeProblems(sent));
    const code = (sent.body as { error?: { code?: string } }).error?.code;
    if (expected.code && code !== expected.code) problems.push(`code ${code}, expected ${expected.code}`);
    if (expected.field !== undefined && !fieldsName(sent, expected.field)) {
      problems.push(`error.fields does not name ${expected.field}: ${sent.text.slice(0, 300)}`);
    }
    if (expected.allow && sent.headers.get("Allow") !== expected.allow.join(", ")) problems.push(`Allow: ${sent.headers.get("Allow")}`);
  }
  for (const [table, change] of changesOf(sent)) problems.push(`changed ${table}: +${change.added.length} −${change.removed.length}`);
  return problems.map((p) => `${label}: ${p}`);
}

/** Where text is stored, it is stored exactly as sent (JSON-escaped in a row dump; once more inside a JSON column). */
function storedVerbatim(sent: Sent, text: string, writes: Set<string>): boolean {
  const once = JSON.stringify(text).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  const holds = (row: string) => row.includes(once) || row.includes(twice);
  if (changesOf(sent).some(([, change]) => change.added.some(holds))) return true;
  // the same text sent twice in a row (fast-check favours a few, such as "apply" or "__proto__") changes
  // nothing the second time: it is stored as sent if a table the request writes holds it now
  return [...writes].some((table) => (last.get(table) ?? []).some(holds));
}

/**
 * Hostile text in a text field is valid input: either refused like any bad
 * input, or accepted with the endpoint's usual status, stored as sent, in
 * the tables the valid request writes.
 */
function checkRefusedOrStored(label: string, sent: Sent, entry: MethodEntry, field: string, text: string, writes: Set<string>): string[] {
  if (sent.status >= 400) return checkRefused(label, sent, { status: [400, 403, 404, 409, 422] });
  const problems: string[] = [];
  if (sent.status !== entry.accepts) problems.push(`status ${sent.status}: ${sent.text.slice(0, 200)}`);
  if (!text.isWellFormed()) problems.push("accepted text with a lone surrogate");
  const stray = changesOf(sent)
    .map(([t]) => t)
    .filter((t) => !writes.has(t));
  if (stray.length > 0) problems.push(`wrote tables its valid request does not: ${stray.join(", ")}`);
  // text with nothing visible in it is no text: stored as none (a blank comment, an empty answer)
  const blank = visibleText(text) === "";
  if (!(entry.notStored ?? []).includes(field) && !blank && !storedVerbatim(sent, text, writes)) {
    problems.push(`accepted but not stored as sent: ${JSON.stringify(text)}`);
  }
  return problems.map((p) => `${label}: ${p}`);
}

// ---------------------------------------------------------------- bodies

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path in a body that the battery varies: objects and their members, not array items. */
function fieldPaths(value: Json, prefix: string[] = []): { path: string[]; value: Json }[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, v]) => [{ path: [...prefix, key], value: v }, ...fieldPaths(v, [...prefix, key])]);
}

function withField(body: Json, path: string[], value: Json | undefined): Json {
  const copy = structuredClone(body) as { [key: string]: Json };
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as { [key: string]: Json };
  if (value === undefined) delete node[path.at(-1)!];
  else node[path.at(-1)!] = value;
  return copy;
}

/** The JSON text of `body` with one member's value replaced by raw JSON text (what JSON.stringify cannot write). */
function withRawField(body: Json, path: string[], raw: string): string {
  const marker = `"__battery_raw_${Math.random().toString(36).slice(2)}__"`;
  return JSON.stringify(withField(body, path, JSON.parse(marker) as string)).replace(marker, raw);
}

/** The JSON text of `body` with a raw member (`"key":value` text) added to the object at `objectPath`. */
function withRawMember(body: Json, objectPath: string[], raw: string): string {
  const marker = `__battery_member_${Math.random().toString(36).slice(2)}__`;
  return JSON.stringify(withField(body, [...objectPath, marker], 0)).replace(`"${marker}":0`, raw);
}

const typeOf = (v: Json) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const WRONG_VALUES: Json[] = [null, true, 0, 1.5, "text", [], {}];
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

const HOSTILE: Record<string, string> = {
  html: '<script>alert("x")</script><img src=x onerror=alert(1)>',
  sql: "x'); DROP TABLE ideas; -- ' OR '1'='1",
};

/**
 * Text no endpoint stores (src/lib/text/unsafe-text.ts, one rule for survey
 * answers and the suggestion box): where a field is kept as sent, it is
 * refused with 422 naming the field; a field that is only checked or hashed
 * may refuse it with any documented 4xx, or accept it without storing it.
 */
const UNSAFE: Record<string, string> = {
  nul: "before\u0000after NUL",
  control: "bell\u0007 escape\u001b[31m delete\u007f",
  c1: "next\u0085line \u009B31m",
  override: "invoice \u202Egpj.exe\u202C done",
  isolate: "a \u2067right-to-left\u2069 b",
};

/** Any text, and text made of the characters that break things most (lone surrogates, NUL, controls, markup, quotes). */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom("\ud800", "\udfff", "\u0000", "\u0007", "\u202e", "<", ">", "'", '"', "\\", "a", "界", " "),
    maxLength: 30,
  }),
);

const stringPaths = (body: Json) => fieldPaths(body).filter((f) => typeof f.value === "string");
const objectPaths = (body: Json) => [
  { path: [] as string[], value: body },
  ...fieldPaths(body).filter((f) => typeOf(f.value) === "object"),
];

/** The tables a valid request to this endpoint writes (measured, not declared). */
const writes = new Map<string, Set<string>>();

async function validCall(entry: MethodEntry): Promise<Call> {
  const call = await entry.valid(fixtures);
  // a fixture made on the way (a new batch of codes) is not the next request's doing
  if (fixtures.wroteSinceAsked()) last = await dumpDatabase();
  return call;
}

const isEmptyObject = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/** `{}` where it is a valid request of its own (entry.emptyObject): accepted, writing only what the valid request writes. */
function checkEmptyObject(label: string, sent: Sent, entry: MethodEntry, writes: Set<string>): string[] {
  const problems: string[] = [];
  if (sent.status !== entry.accepts) problems.push(`status ${sent.status}, expected ${entry.accepts}: ${sent.text.slice(0, 200)}`);
  const stray = changesOf(sent)
    .map(([t]) => t)
    .filter((t) => !writes.has(t));
  if (stray.length > 0) problems.push(`wrote tables its valid request does not: ${stray.join(", ")}`);
  entry.emptyObject!.afterwards(fixtures);
  return problems.map((p) => `${label}: ${p}`);
}

/** What an answered GET changed: nothing, or for a read HR makes that is audited, exactly one new audit_log row. */
function readChanges(label: string, sent: Sent, entry: MethodEntry): string[] {
  const audited = entry.audited === true && sent.status < 400;
  const problems: string[] = [];
  for (const [table, change] of changesOf(sent)) {
    if (audited && table === "audit_log" && change.added.length === 1 && change.removed.length === 0) continue;
    problems.push(`a GET changed ${table} (+${change.added.length} −${change.removed.length})`);
  }
  if (audited && !sent.changes.has("audit_log")) problems.push("an audited read left no row in audit_log");
  return problems.map((p) => `${label}: ${p}`);
}

async function bodyBattery(file: string, route: RouteEntry, method: Method, entry: MethodEntry): Promise<string[]> {
  const failures: string[] = [];
  const key = `${method} ${file}`;
  /** Sends a body derived from a fresh valid one (new submission ids, the current version), expecting a refusal. */
  const post = async (label: string, derive: (valid: Json) => BodyInit, expected: Expect, headers: Record<string, string> = {}) => {
    const call = await validCall(entry);
    const body = derive(call.body as Json);
    failures.push(...checkRefused(label, await send(method, call.path, { headers: jsonHeaders(route, headers), body }), expected));
  };
  // the shape of the body: which fields there are and of what type
  const sample = (await validCall(entry)).body as Json;

  await post("malformed JSON", (v) => JSON.stringify(v).slice(0, -3), { status: [400], code: "malformed_json" });
  await post("empty body", () => "", { status: [400], code: "malformed_json" });
  await post("text/plain", (v) => JSON.stringify(v), { status: [415], code: "unsupported_media_type" }, { "Content-Type": "text/plain" });
  await post(
    "form-encoded",
    () => "category=reward_policy&title=x",
    { status: [415], code: "unsupported_media_type" },
    {
      "Content-Type": "application/x-www-form-urlencoded",
    },
  );
  await post(
    "multipart",
    () => '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n',
    { status: [415], code: "unsupported_media_type" },
    {
      "Content-Type": "multipart/form-data; boundary=b",
    },
  );
  {
    // no Content-Type at all
    const call = await validCall(entry);
    const headers: Record<string, string> = { ...client(), ...(route.admin ? ADMIN_HEADERS : {}) };
    const sent = await send(method, call.path, { headers, body: new TextEncoder().encode(JSON.stringify(call.body)) });
    failures.push(...checkRefused("no content type", sent, { status: [415], code: "unsupported_media_type" }));
  }
  {
    await post("over the limit, with Content-Length", (v) => JSON.stringify({ ...(v as object), padding: "x".repeat(LIMIT + 1) }), {
      status: [413],
      code: "body_too_large",
    });
    const call = await validCall(entry);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode(`{"padding":"${"y".repeat(8 * 1024)}`);
        for (let i = 0; i < 6; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const sent = await send(method, call.path, { headers: jsonHeaders(route), body: stream });
    failures.push(...checkRefused("over the limit, streamed without Content-Length", sent, { status: [413], code: "body_too_large" }));
  }
  await post(
    "invalid UTF-8",
    () => new Uint8Array([...new TextEncoder().encode('{"x":"'), 0xc3, 0x28, 0xff, 0xfe, ...new TextEncoder().encode('"}')]),
    {
      status: [400],
      code: "malformed_json",
    },
  );
  {
    // an empty object: refused, unless it is a valid request of its own here (declared, so never by accident)
    const call = await validCall(entry);
    const sent = await send(method, call.path, { headers: jsonHeaders(route), body: "{}" });
    failures.push(
      ...(entry.emptyObject
        ? checkEmptyObject("{}, valid here", sent, entry, writes.get(key)!)
        : checkRefused("{}", sent, { status: [422] })),
    );
  }
  await post("a JSON array", (v) => JSON.stringify([v]), { status: [422] });
  await post("a huge array", () => `[${Array(6000).fill("0").join(",")}]`, { status: [422] });
  await post("deeply nested arrays", () => nested(8000), { status: [400, 422] });
  await post("deeply nested objects", () => `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`, { status: [400, 422] });

  for (const { path } of objectPaths(sample)) {
    const where = path.join(".");
    const unknown = [...path, "notAField"].join(".");
    await post(`unknown field ${unknown}`, (v) => JSON.stringify(withField(v, [...path, "notAField"], 1)), {
      status: [422],
      field: unknown,
    });
    await post(`__proto__ in ${where || "the body"}`, (v) => withRawMember(v, path, '"__proto__":{"isAdmin":true}'), {
      status: [422],
      field: [...path, "__proto__"].join("."),
    });
    await post(
      `constructor.prototype in ${where || "the body"}`,
      (v) => withRawMember(v, path, '"constructor":{"prototype":{"isAdmin":true}}'),
      {
        status: [422],
        field: [...path, "constructor"].join("."),
      },
    );
    await post(`a lone surrogate as a key in ${where || "the body"}`, (v) => withRawMember(v, path, '"\\udc00":1'), { status: [422] });
  }

  for (const { path, value } of fieldPaths(sample)) {
    const where = path.join(".");
    for (const wrong of WRONG_VALUES) {
      if (typeOf(wrong) === typeOf(value)) continue;
      if (wrong === null && entry.nullIsEmpty && where.startsWith(entry.nullIsEmpty)) continue;
      await post(`${where} = ${JSON.stringify(wrong)}`, (v) => JSON.stringify(withField(v, path, wrong)), { status: [422], field: where });
    }
    await post(`${where} nested 5,000 deep`, (v) => withRawField(v, path, nested(5000)), { status: [422], field: where });
    await post(`${where} a huge array`, (v) => JSON.stringify(withField(v, path, Array<string>(4000).fill("x"))), {
      status: [422],
      field: where,
    });
  }

  for (const { path } of stringPaths(sample)) {
    const where = path.join(".");
    await post(`${where} with a lone surrogate`, (v) => withRawField(v, path, '"text \\ud800 here"'), { status: [422], field: where });
    for (const [kind, text] of Object.entries(HOSTILE)) {
      const call = await validCall(entry);
      const sent = await send(method, call.path, {
        headers: jsonHeaders(route),
        body: JSON.stringify(withField(call.body as Json, path, text)),
      });
      failures.push(...checkRefusedOrStored(`${where} with ${kind}`, sent, entry, where, text, writes.get(key)!));
    }
    const kept = !(entry.notStored ?? []).includes(where);
    for (const [kind, text] of Object.entries(UNSAFE)) {
      const call = await validCall(entry);
      const sent = await send(method, call.path, {
        headers: jsonHeaders(route),
        body: JSON.stringify(withField(call.body as Json, path, text)),
      });
      failures.push(
        ...(kept
          ? checkRefused(`${where} with ${kind}`, sent, { status: [422], field: where })
          : checkRefusedOrStored(`${where} with ${kind}`, sent, entry, where, text, writes.get(key)!)),
      );
    }
  }

  for (const [label, headers] of Object.entries<Record<string, string>>({
    "a cross-site Origin": { Origin: "https://evil.example" },
    "an opaque Origin": { Origin: "null" },
    "Sec-Fetch-Site: cross-site": { "Sec-Fetch-Site": "cross-site" },
  })) {
    await post(label, (v) => JSON.stringify(v), { status: [403], code: "forbidden_origin" }, headers);
  }
  return failures.map((f) => `${key}: ${f}`);
}

// ---------------------------------------------------------------- queries

async function queryBattery(file: string, route: RouteEntry, entry: MethodEntry): Promise<string[]> {
  const failures: string[] = [];
  const get = async (label: string, path: string, expected: number[], headers: Record<string, string> = {}) => {
    const sent = await send("GET", path, { headers: { ...client(), ...(route.admin ? ADMIN_HEADERS : {}), ...headers } });
    if (sent.status >= 400) failures.push(...checkRefused(label, sent, { status: expected.filter((s) => s >= 400) }));
    else {
      if (!expected.includes(sent.status)) failures.push(`${label}: status ${sent.status}, expected ${expected.join(" or ")}`);
      failures.push(...readChanges(label, sent, entry));
    }
    return sent;
  };
  const call = await validCall(entry);
  const ok = [entry.accepts];
  await get("unknown parameter", withQuery(call.path, { ...call.query, notAParameter: "1" }), entry.strictQuery ? [422] : ok);
  for (const name of Object.keys(call.query ?? {})) {
    for (const value of ["zzz-not-a-value", "-1", "1e400", "x".repeat(5000), HOSTILE.html!, HOSTILE.sql!, UNSAFE.nul!, "\ud800"]) {
      await get(`?${name}=${JSON.stringify(value).slice(0, 30)}`, withQuery(call.path, { ...call.query, [name]: value }), [200, 422]);
    }
    await get(`?${name} twice`, `${withQuery(call.path, call.query)}&${name}=${encodeURIComponent(call.query![name]!)}`, [200, 422]);
    await get(`?${name} with invalid UTF-8`, `${call.path}?${name}=%C3%28%FF`, [200, 422]);
  }
  const cross = await get("a cross-site Origin", withQuery(call.path, call.query), ok, { Origin: "https://evil.example" });
  if (cross.headers.get("Access-Control-Allow-Origin") !== null) failures.push("a cross-site Origin: answered with CORS headers");
  return failures.map((f) => `GET ${file}: ${f}`);
}

// ---------------------------------------------------------------- every route

/** The route file's path segments as Pages routes them ("index" is the folder itself). */
const patternOf = (file: string) =>
  file
    .replace(/\.ts$/, "")
    .split("/")
    .filter((part) => part !== "index");
const isParam = (part: string) => /^\[[^\]]+\]$/.test(part);

/** `path` (a URL of this route) with its `index`-th [param] replaced by `segment`. */
function withParam(file: string, path: string, index: number, segment: string): string {
  const pattern = patternOf(file);
  const parts = path.split("/").slice(1);
  let seen = -1;
  return `/${parts.map((part, i) => (isParam(pattern[i] ?? "") && ++seen === index ? segment : part)).join("/")}`;
}

const HOSTILE_SEGMENTS = [
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "'%20OR%20'1'%3D'1",
  "%00",
  "%ED%A0%80",
  "x".repeat(2000),
  "__proto__",
  "constructor",
  "..%2F..%2Fetc",
  "%20",
];

async function routeBattery(file: string, route: RouteEntry, exported: Method[]): Promise<string[]> {
  const failures: string[] = [];
  const auth = route.admin ? ADMIN_HEADERS : {};
  for (const method of exported) {
    const entry = route.methods[method]!;
    const call = await validCall(entry);
    const path = withQuery(call.path, call.query);
    const body = call.body ? JSON.stringify(call.body) : null;
    const headers = { ...client(), ...auth, ...(body ? { "Content-Type": "application/json" } : {}) };

    // doubled slashes anywhere in the path
    const segments = call.path.split("/");
    for (let i = 1; i < segments.length; i++) {
      const doubled = [...segments.slice(0, i), "", ...segments.slice(i)].join("/");
      failures.push(
        ...checkRefused(`${method} ${doubled}`, await send(method, doubled, { headers, body }), { status: [404], code: "not_found" }),
      );
    }
    // hostile path segments in place of each id
    const params = patternOf(file).filter(isParam).length;
    for (let p = 0; p < params; p++) {
      for (const segment of HOSTILE_SEGMENTS) {
        const hostile = withParam(file, call.path, p, segment);
        failures.push(
          ...checkRefused(`${method} ${hostile.slice(0, 80)}`, await send(method, hostile, { headers, body }), { status: [400, 404, 422] }),
        );
      }
    }
    if (route.admin) {
      const { Authorization: _, ...anonymous } = headers as Record<string, string>;
      const sent = await send(method, path, { headers: anonymous, body });
      if (route.signedOut?.method === method) {
        // answered, never refused: and the answer says nobody is signed in
        if (sent.status !== 200 || JSON.stringify(sent.body) !== JSON.stringify(route.signedOut.answer))
          failures.push(`${method} without HR credentials: ${sent.status} ${sent.text.slice(0, 200)}`);
        for (const [table] of changesOf(sent)) failures.push(`${method} without HR credentials: changed ${table}`);
      } else failures.push(...checkRefused(`${method} without HR credentials`, sent, { status: [401], code: "unauthorized" }));
    }
  }
  // every method the file does not export: 405 with Allow (HR endpoints after sign-in)
  const somePath = await validCall(route.methods[exported[0]!]!);
  for (const method of METHODS.filter((m) => !exported.includes(m))) {
    const body = method === "GET" || method === "DELETE" ? null : "{}";
    const sent = await send(method, somePath.path, {
      headers: { ...client(), ...auth, ...(body ? { "Content-Type": "application/json" } : {}) },
      body,
    });
    failures.push(...checkRefused(`${method} (not exported)`, sent, { status: [405], code: "method_not_allowed", allow: exported }));
  }
  return failures.map((f) => `${file}: ${f}`);
}

// ---------------------------------------------------------------- the suite

/** Registers the battery's tests: the fixed battery, or the generated one (fast-check). */
export function batterySuite(part: "fixed" | "fast-check"): void {
  describe(part === "fixed" ? "the bad-input battery" : "the bad-input battery, generated by fast-check", () => {
    beforeAll(async () => {
      last = await dumpDatabase();
      fixtures = await makeFixtures(client);
      last = await dumpDatabase();
    });

    if (part === "fixed")
      it("has one entry per route file and method under functions/, and none for a route that is gone", () => {
        const missing: string[] = [];
        for (const [file, exported] of routeFiles) {
          const entry = ROUTES[file];
          if (!entry) missing.push(`${file}: no entry in test/integration/battery/routes.ts`);
          else for (const m of exported) if (!entry.methods[m]) missing.push(`${m} ${file}: no entry`);
          if (entry)
            for (const m of Object.keys(entry.methods))
              if (!exported.includes(m as Method)) missing.push(`${m} ${file}: entry for a method the file does not export`);
        }
        for (const file of Object.keys(ROUTES))
          if (!routeFiles.has(file)) missing.push(`${file}: entry for a route file that does not exist`);
        expect(missing).toEqual([]);
        expect(routeFiles.size).toBeGreaterThan(15);
      });

    const routed = Object.entries(ROUTES).filter(([, r]) => !r.catchAll && !r.elsewhere);

    // Routes that are not JSON endpoints and have their own suite (a page filled in over the built site's HTML,
    // which this harness lacks; a plain form's redirect): checked here, so that none is silently left out.
    for (const [file, route] of Object.entries(ROUTES).filter(([, r]) => part === "fixed" && r.elsewhere)) {
      const { test, why } = route.elsewhere!;
      it(`${file}: tested by test/${test} (${why})`, async () => {
        const source = TEST_SOURCES[test.startsWith("integration/") ? `../${test.slice("integration/".length)}` : `../../${test}`];
        expect(source, `test/${test} does not exist`).toBeTypeOf("string");
        const { path } = await route.methods.GET!.valid(fixtures);
        expect(path.replace(/\/$/, ""), "the entry's path is the route file's").toBe(`/${patternOf(file).join("/")}`);
        // the suites write a page's path once, after the language's prefix (`${prefix}/results/access/`)
        expect(source).toContain(path.replace(/^\/zh-cn(?=\/)/, ""));
      });
    }

    for (const [file, route] of routed) {
      const exported = routeFiles.get(file) ?? [];
      for (const method of exported) {
        const entry = route.methods[method];
        if (!entry) continue;
        const changesNothing = method !== "GET" ? "" : entry.audited ? " and changes nothing but the audit log" : " and changes nothing";
        it(`${method} ${file}: the valid request is accepted${changesNothing}`, async () => {
          const touched = new Set<string>();
          for (let i = 0; i < 2; i++) {
            const call = await validCall(entry);
            const sent = await send(method, withQuery(call.path, call.query), {
              headers: call.body ? jsonHeaders(route) : { ...client(), ...(route.admin ? ADMIN_HEADERS : {}) },
              body: call.body ? JSON.stringify(call.body) : null,
            });
            expect(sent.status, sent.text).toBe(entry.accepts);
            if (method === "GET") expect(readChanges("the valid request", sent, entry)).toEqual([]);
            for (const [table] of changesOf(sent)) touched.add(table);
          }
          writes.set(`${method} ${file}`, touched);
        });
        if (part !== "fixed") continue;
        if (method === "GET") {
          it(`GET ${file}: query parameters`, async () => expect(await queryBattery(file, route, entry)).toEqual([]), 120_000);
        } else {
          it(
            `${method} ${file}: every body the battery derives`,
            async () => expect(await bodyBattery(file, route, method, entry)).toEqual([]),
            240_000,
          );
        }
      }
      if (part === "fixed")
        it(
          `${file}: paths, methods${route.admin ? " and credentials" : ""}`,
          async () => expect(await routeBattery(file, route, exported)).toEqual([]),
          120_000,
        );
    }

    if (part === "fixed")
      it("answers any other /api path, with any method, with a JSON 404", async () => {
        const failures: string[] = [];
        for (const path of [
          "/api/nothing-here",
          "/api/surveys/pulse-2026-11/responses/extra",
          "/api/ideas/track/x/y",
          "/api/admin-not",
          "/api/",
        ]) {
          for (const method of METHODS) {
            const body = method === "GET" || method === "DELETE" ? null : "{}";
            const sent = await send(method, path, {
              headers: { ...client(), ...(body ? { "Content-Type": "application/json" } : {}) },
              body,
            });
            failures.push(...checkRefused(`${method} ${path}`, sent, { status: [404], code: "not_found" }));
          }
        }
        expect(failures).toEqual([]);
      });

    if (part === "fast-check")
      describe("fast-check, where the space is open", () => {
        const bodyRoutes = routed.flatMap(([file, route]) =>
          Object.entries(route.methods)
            .filter(([m]) => m !== "GET")
            .map(([m, entry]) => ({ file, route, method: m as Method, entry: entry! })),
        );

        for (const { file, route, method, entry } of bodyRoutes) {
          const orEmpty = entry.emptyObject ? " (but {}, a valid request here)" : "";
          it(`${method} ${file}: any JSON value as the body is refused, and changes nothing${orEmpty}`, async () => {
            await fc.assert(
              fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
                const call = await validCall(entry);
                const sent = await send(method, call.path, { headers: jsonHeaders(route), body: JSON.stringify(value) });
                const label = `body ${JSON.stringify(value).slice(0, 80)}`;
                if (entry.emptyObject && isEmptyObject(value))
                  expect(checkEmptyObject(label, sent, entry, writes.get(`${method} ${file}`)!)).toEqual([]);
                else expect(checkRefused(label, sent, { status: [400, 404, 409, 422] })).toEqual([]);
              }),
              { numRuns: runs(20) },
            );
          }, 120_000);

          it(`${method} ${file}: any bytes as the body are refused, and change nothing`, async () => {
            await fc.assert(
              fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
                const call = await validCall(entry);
                const sent = await send(method, call.path, { headers: jsonHeaders(route), body: bytes });
                expect(checkRefused(`bytes ${bytes.length}`, sent, { status: [400, 422] })).toEqual([]);
              }),
              { numRuns: runs(15) },
            );
          }, 120_000);

          it(`${method} ${file}: any string in any text field is refused, or stored exactly as sent`, async () => {
            const sample = (await validCall(entry)).body as Json;
            const key = `${method} ${file}`;
            for (const { path } of stringPaths(sample)) {
              await fc.assert(
                fc.asyncProperty(anyText, async (text) => {
                  const call = await validCall(entry);
                  const sent = await send(method, call.path, {
                    headers: jsonHeaders(route),
                    body: JSON.stringify(withField(call.body as Json, path, text)),
                  });
                  expect(
                    checkRefusedOrStored(
                      `${path.join(".")} = ${JSON.stringify(text)}`,
                      sent,
                      entry,
                      path.join("."),
                      text,
                      writes.get(key)!,
                    ),
                  ).toEqual([]);
                }),
                { numRuns: runs(10) },
              );
            }
          }, 240_000);
        }

        for (const [file, route] of routed.filter(([, r]) => r.methods.GET?.strictQuery)) {
          const entry = route.methods.GET!;
          it(`GET ${file}: any query string is answered 200 or 422, and changes nothing${entry.audited ? " but the audit log" : ""}`, async () => {
            await fc.assert(
              fc.asyncProperty(
                fc.dictionary(fc.string({ unit: "grapheme", maxLength: 12 }), fc.string({ unit: "binary", maxLength: 40 }), { maxKeys: 4 }),
                async (query) => {
                  const call = await validCall(entry);
                  const sent = await send("GET", withQuery(call.path, query), {
                    headers: { ...client(), ...(route.admin ? ADMIN_HEADERS : {}) },
                  });
                  const label = `?${new URLSearchParams(query)}`;
                  if (sent.status >= 400) expect(checkRefused(label, sent, { status: [422] })).toEqual([]);
                  else {
                    expect(sent.status).toBe(200);
                    expect(readChanges(label, sent, entry)).toEqual([]);
                  }
                },
              ),
              { numRuns: runs(25) },
            );
          }, 120_000);
        }

        it("any path under /api that no route claims is a JSON 404", async () => {
          await fc.assert(
            fc.asyncProperty(
              fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
              fc.constantFrom(...METHODS),
              async (parts, method) => {
                const path = `/api/zz-${parts.map(encodeURIComponent).join("/")}`;
                const body = method === "GET" || method === "DELETE" ? null : "{}";
                const sent = await send(method, path, {
                  headers: { ...client(), ...(body ? { "Content-Type": "application/json" } : {}) },
                  body,
                });
                expect(checkRefused(`${method} ${path}`, sent, { status: [404], code: "not_found" })).toEqual([]);
              },
            ),
            { numRuns: runs(40) },
          );
        }, 120_000);
      });
  });
}
