// No stored value may join two requests of one person: the whole database,
// every table, in every state it passes through during a day.
//
// A scripted day, through the real Worker (router, middleware, services) and
// the real local D1: HR mints invitation codes and writes down who got which;
// four people, each from their own address (IPv4, IPv6 — one changing its
// address within its /64, as privacy extensions do — and one IPv4 address seen
// IPv4-mapped), sending `CF-Connecting-IP` as Cloudflare's edge does, each
// redeem their code, answer the open survey, send an idea and track it; HR
// publishes and answers every idea; then, in another order than they
// redeemed, each answers the invitation survey with their token, tracks and
// replies to their idea, gives a verdict and supports ("me too") two other
// people's ideas.
//
// Every table is read from sqlite_master before and after every request (no
// list to forget), every row of it; the rows a request added, changed (old
// and new versions) and deleted are that request's writes.
//
// What counts as linking. A person's requests fall in units: the redemption,
// the invitation answers, the open survey's answers, each support, and the
// idea's thread (sending, tracking, replying, the verdict: one unit, since the
// receipt ties them by design). A value links two units of person P when
//   - it is in the writes of both (any table, any column; JSON inside a cell
//     and hex or UUID runs inside text are taken apart too), and
//   - no request of any other person *added* it (in a new row, or the new
//     version of a changed row).
// The second condition is what lets "1", "received", the day, the survey id
// and the answers everyone gave through: values every person's requests add
// say nothing about who. It is not an escape hatch: HR's requests are not a
// person's, so a value HR wrote (a code's hash) still links P's two units if
// both touch it; a value that only deleting a row of P's puts in another
// person's writes is still P's. And every person acts in hours of their own
// (08:00–11:59 the first round, 13:00–16:59 the second, HR at 07:00 and
// 12:00), two or more units an hour: any stored time of an hour or finer
// shared by two of P's units is a value only P's requests added.
//
// Production mode: the Worker runs with CANDOR_ENV=test so that its day is
// pinned; the only other thing that setting changes is which address a
// client is counted under, and there `test` is the production rule (only
// `development` folds every client into one). test/integration/rate-limit.test.ts
// holds that equivalence.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { blindToken, finishToken } from "#lib/invitation/client.ts";
import type { SpendableToken } from "#lib/invitation/token.ts";
import { SURVEYS, type Survey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { surveyStatus } from "#lib/surveys/schema.ts";
import { addDays } from "#lib/clock.ts";
import { adminIdea, answerIdea, setPublication } from "#server/admin-ideas.ts";
import digestWorker from "../../workers/digest/index.ts";
import { api, type ApiResult } from "./helpers.ts";

const TODAY = env.CANDOR_TODAY;
const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };
// two named HR people (HR_TOKENS, vitest.config.ts): a publication needs a second one's approval
const ANA = { Authorization: "Bearer test-hr-token-ana-0123456789abcdef-0123" };
const LI = { Authorization: "Bearer test-hr-token-li-0123456789abcdef-01234" };
const HONOUR = {
  date: TODAY,
  cycle: TODAY.slice(0, 7),
  award: "honour-certificate",
  title: { en: "Timely recognition", "zh-cn": "及时表彰" },
  recipient: { kind: "person", name: { en: "Guo Ying", "zh-cn": "郭颖" } },
  reason: {
    en: "Rebuilt the callback queue during the billing outage so that no customer waited more than a day.",
    "zh-cn": "计费系统故障期间重建回访队列，使每位客户在一天内得到答复。",
  },
};

// ---------------------------------------------------------------- whole-database snapshots

type Row = Record<string, unknown>;
type Snapshot = Map<string, Map<string, number>>;

/** Every table sqlite_master lists, read whole; the database's own refusals are returned apart. */
async function snapshot(): Promise<{ tables: Snapshot; refused: string[] }> {
  const names = (await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all<{ name: string }>()).results;
  const tables: Snapshot = new Map();
  const refused: string[] = [];
  for (const { name } of names) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    let rows: Row[];
    try {
      // the rowid too, where there is one: an order of arrival is a stored value
      rows = (await env.DB.prepare(`SELECT rowid AS "(rowid)", * FROM ${quoted}`).all<Row>()).results;
    } catch {
      try {
        rows = (await env.DB.prepare(`SELECT * FROM ${quoted}`).all<Row>()).results;
      } catch {
        refused.push(name);
        continue;
      }
    }
    const bag = new Map<string, number>();
    for (const row of rows) {
      const key = JSON.stringify(row);
      bag.set(key, (bag.get(key) ?? 0) + 1);
    }
    tables.set(name, bag);
  }
  return { tables, refused };
}

interface Change {
  table: string;
  row: Row;
  added: boolean;
}

/** Rows added and removed per table (a change is one of each). */
function changes(before: Snapshot, after: Snapshot): Change[] {
  const out: Change[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const left = before.get(name) ?? new Map<string, number>();
    const right = after.get(name) ?? new Map<string, number>();
    for (const [key, n] of right) for (let i = left.get(key) ?? 0; i < n; i++) out.push({ table: name, row: JSON.parse(key), added: true });
    for (const [key, n] of left)
      for (let i = right.get(key) ?? 0; i < n; i++) out.push({ table: name, row: JSON.parse(key), added: false });
  }
  return out;
}

/** The values a cell holds: itself, the leaves of JSON in it, and any hex or UUID run in its text. */
function atoms(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== "string") return [String(value)];
  const out = new Set([value]);
  try {
    const walk = (v: unknown): void => {
      if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
      else if (v !== null && v !== undefined) out.add(String(v));
    };
    const parsed: unknown = JSON.parse(value);
    if (parsed !== null && typeof parsed === "object") walk(parsed);
  } catch {
    // not JSON
  }
  for (const m of value.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}/gi)) out.add(m[0]);
  return [...out];
}

// ---------------------------------------------------------------- the criterion

interface Unit {
  /** Whose request it was: a person, or "HR" (never excuses a value). */
  actor: string;
  /** Which of their units: "redeem", "invitation answers", "thread", "support 1"… */
  unit: string;
  /** Every value written (added, changed or deleted rows), with where it was. */
  written: Map<string, Set<string>>;
  /** The values in rows it added, or in the new version of rows it changed. */
  added: Set<string>;
}

interface Link {
  person: string;
  units: [string, string];
  value: string;
  where: string[];
}

/** Values in the writes of two units of one person that no other person's request added. */
function links(units: Unit[]): Link[] {
  const people = new Set(units.filter((u) => u.actor !== "HR").map((u) => u.actor));
  const addedBy = new Map<string, Set<string>>();
  for (const u of units) {
    if (u.actor === "HR") continue;
    for (const v of u.added) addedBy.set(v, (addedBy.get(v) ?? new Set()).add(u.actor));
  }
  const found: Link[] = [];
  for (const person of people) {
    // a person's requests of one unit are merged: a thread is one unit, its requests may share anything
    const mine = new Map<string, Map<string, Set<string>>>();
    for (const u of units.filter((x) => x.actor === person)) {
      const merged = mine.get(u.unit) ?? new Map<string, Set<string>>();
      for (const [v, where] of u.written) merged.set(v, new Set([...(merged.get(v) ?? []), ...where]));
      mine.set(u.unit, merged);
    }
    const names = [...mine.keys()];
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const a = mine.get(names[i]!)!;
        const b = mine.get(names[j]!)!;
        for (const [v, whereA] of a) {
          const whereB = b.get(v);
          if (!whereB) continue;
          const others = [...(addedBy.get(v) ?? [])].filter((p) => p !== person);
          if (others.length > 0) continue;
          found.push({ person, units: [names[i]!, names[j]!], value: v, where: [...new Set([...whereA, ...whereB])].sort() });
        }
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------- the day

const invitationSurvey = (): Survey => SURVEYS.find((s) => s.access === "invitation" && surveyStatus(s, TODAY) === "open")!;
const openSurvey = (): Survey => SURVEYS.find((s) => s.access === "open" && surveyStatus(s, TODAY) === "open")!;
/** Everyone gives the same answers to a survey: what differs between people is then only what the system adds. */
const answersTo = (s: Survey) => sampleAnswers(s.definition, s.questions, seededRandom(7), { comments: ["Fine."], commentRate: 1 });

interface Person {
  name: string;
  /** The address of each round (an IPv6 client may change address within its /64). */
  first: string;
  second: string;
  /** Their hours: one in the first round, one in the second; nobody else acts in them. */
  hours: [number, number];
  verdict: "resolved" | "not_resolved";
  code?: string;
  token?: SpendableToken;
  pending?: Awaited<ReturnType<typeof blindToken>>;
  receipt?: string;
  ideaId?: string;
  /** The browser's "me too" token (localStorage): the same for every idea it supports. */
  supportToken: string;
}

const PEOPLE: Person[] = [
  { name: "Ana", first: "203.0.113.41", second: "203.0.113.41", hours: [8, 14], verdict: "resolved", supportToken: "" },
  { name: "Bo", first: "2001:db8:b0:1::5", second: "2001:db8:b0:1::5", hours: [9, 16], verdict: "not_resolved", supportToken: "" },
  { name: "Chen", first: "198.51.100.23", second: "::ffff:198.51.100.23", hours: [10, 13], verdict: "resolved", supportToken: "" },
  {
    name: "Dee",
    first: "2001:db8:d:7:1c2a::9",
    second: "2001:db8:d:7:88f1:3b::2",
    hours: [11, 15],
    verdict: "not_resolved",
    supportToken: "",
  },
];
const HR_HOURS = [7, 12];

describe("a day of requests, every table snapshotted around each", () => {
  const units: Unit[] = [];
  /** Bo's code is used up on a page that closed; HR replaces it and Bo answers with the replacement's token. */
  const LOST = PEOPLE[1]!;
  let replacement = "";
  const repeated = new Map<string, string>();
  const refusedTables = new Set<string>();
  /** The channels the day's digest reached (so the digest's own table was written during the day). */
  let digestRows = 0;
  let last: Snapshot;
  let realDay: string;

  /** Runs one request at hh:mm of the pinned day (or at a whole yyyy-mm-ddThh:mm) and records what it wrote. */
  async function at<T>(time: string, actor: string, unit: string, request: () => Promise<ApiResult<T>>, expectStatus: number) {
    // the Worker's pinned clock keeps the time of day it reads from Date; the database's day stays the real one
    vi.setSystemTime(new Date(time.includes("T") ? `${time}:00Z` : `${realDay}T${time}:00Z`));
    const res = await request();
    if (res.status !== expectStatus) throw new Error(`${actor} ${unit} at ${time}: ${res.status} ${JSON.stringify(res.body)}`);
    const now = await snapshot();
    now.refused.forEach((t) => refusedTables.add(t));
    const written = new Map<string, Set<string>>();
    const added = new Set<string>();
    for (const change of changes(last, now.tables)) {
      for (const [column, value] of Object.entries(change.row)) {
        for (const v of atoms(value)) {
          written.set(v, (written.get(v) ?? new Set()).add(`${change.table}.${column}`));
          if (change.added) added.add(v);
        }
      }
    }
    last = now.tables;
    units.push({ actor, unit, written, added });
    return res;
  }
  const hh = (h: number, m: number) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
  const from = (ip: string) => ({ "CF-Connecting-IP": ip });

  beforeAll(async () => {
    realDay = (await env.DB.prepare("SELECT date('now') AS d").first<{ d: string }>())!.d;
    vi.useFakeTimers({ toFake: ["Date"] });
    for (const p of PEOPLE) p.supportToken = crypto.randomUUID().replace(/-/g, "");
    last = (await snapshot()).tables;

    const inv = invitationSurvey();
    const open = openSurvey();
    const key = (await api<{ invitationKey: string }>(`/api/surveys/${inv.id}`)).body.invitationKey;

    // 07:00 HR mints one code per person and writes down who got which
    const minted = await at(
      hh(HR_HOURS[0]!, 0),
      "HR",
      "mint",
      () =>
        api<{ codes: string[] }>(`/api/admin/surveys/${inv.id}/tokens`, { method: "POST", json: { count: PEOPLE.length }, headers: ADMIN }),
      201,
    );
    PEOPLE.forEach((p, i) => (p.code = minted.body.codes[i]));

    // first round, in this order: redeem, the open survey, an idea, tracking it
    for (const p of PEOPLE) {
      const h = p.hours[0];
      p.pending = await blindToken(key);
      const redeemed = await at(
        hh(h, 5),
        p.name,
        "redeem",
        () =>
          api<{ evaluation: string }>(`/api/surveys/${inv.id}/redeem`, {
            method: "POST",
            json: { code: p.code, blinded: p.pending!.blinded },
            headers: from(p.first),
          }),
        200,
      );
      p.token = await finishToken(key, p.pending, redeemed.body.evaluation);
      await at(
        hh(h, 15),
        p.name,
        "open answers",
        () =>
          api(`/api/surveys/${open.id}/responses`, {
            method: "POST",
            json: { submissionId: crypto.randomUUID(), answers: answersTo(open), locale: "en" },
            headers: from(p.first),
          }),
        201,
      );
      const sent = await at(
        hh(h, 25),
        p.name,
        "thread",
        () =>
          api<{ receipt: string }>("/api/ideas", {
            method: "POST",
            json: {
              category: "process",
              title: `${p.name}'s idea about the handover between shifts`,
              body: `${p.name} thinks the handover notes between shifts should be kept in one shared place that everyone can read.`,
              publishConsent: true,
              submissionId: crypto.randomUUID(),
              locale: "en",
            },
            headers: from(p.first),
          }),
        201,
      );
      p.receipt = sent.body.receipt;
      const tracked = await at(
        hh(h, 35),
        p.name,
        "thread",
        () => api<{ idea: { id: string } }>("/api/ideas/track", { method: "POST", json: { receipt: p.receipt }, headers: from(p.first) }),
        200,
      );
      p.ideaId = tracked.body.idea.id;
    }

    // 12:00 HR publishes every idea (moderated) and answers it. HR sees ideas from the day after they
    // arrived (so a look says nothing about when someone wrote): HR acts on the next day, through the
    // console's services with that day's clock; the people's second round stays on the pinned day.
    const hr = { actor: "hr@example.org" };
    const nextDayAt = (time: string) => new Date(`${addDays(TODAY, 1)}T${time}:00Z`);
    const served =
      <T>(run: () => Promise<T>) =>
      async (): Promise<ApiResult<T>> => ({ status: 200, headers: new Headers(), body: await run() });
    for (const [i, p] of PEOPLE.entries()) {
      const publishAt = hh(HR_HOURS[1]!, i * 10);
      const { version } = await adminIdea(env, p.ideaId!, nextDayAt(publishAt));
      await at(
        publishAt,
        "HR",
        "publish",
        served(() =>
          setPublication(
            env,
            hr,
            p.ideaId!,
            {
              version,
              publish: {
                title: `Shift handover notes, idea ${i + 1}`,
                body: "Keep the handover notes between shifts in one shared place.",
                confirm: true,
              },
            },
            nextDayAt(publishAt),
          ),
        ),
        200,
      );
      const answerAt = hh(HR_HOURS[1]!, i * 10 + 5);
      await at(
        answerAt,
        "HR",
        "answer",
        served(() =>
          answerIdea(
            env,
            hr,
            p.ideaId!,
            { visibility: "private", body: `Thank you, we are looking at it (${i + 1}).` },
            nextDayAt(answerAt),
          ),
        ),
        200,
      );
    }

    // 12:50 a person's code was used up on a page that closed (the token lost with it): HR replaces it
    const replaced = await at(
      hh(HR_HOURS[1]!, 50),
      "HR",
      "replace",
      () =>
        api<{ code: string }>(`/api/admin/surveys/${inv.id}/tokens/replace`, { method: "POST", json: { code: LOST.code }, headers: ADMIN }),
      201,
    );
    replacement = replaced.body.code;

    // 12:52–12:58 HR publishes an honour naming a person: one HR person drafts it, another approves it,
    // the consent is recorded, and it is committed (HR's own work: its rows name HR, never an employee's request)
    const honour = await at(
      hh(HR_HOURS[1]!, 52),
      "HR",
      "draft",
      () =>
        api<{ draft: { id: string; version: number } }>("/api/admin/drafts", {
          method: "POST",
          json: { honour: "linkability-day", body: HONOUR },
          headers: ANA,
        }),
      201,
    );
    let version = honour.body.draft.version;
    for (const [minute, step, headers] of [
      [54, "approve", LI],
      [56, "consent", ANA],
      [58, "publish", ANA],
    ] as const) {
      const done = await at(
        hh(HR_HOURS[1]!, minute),
        "HR",
        step,
        () =>
          api<{ draft: { version: number } }>(`/api/admin/drafts/${honour.body.draft.id}/${step}`, {
            method: "POST",
            json: { version },
            headers,
          }),
        200,
      );
      version = done.body.draft.version;
    }

    // the scheduled Worker's daily run (HR's digest to every channel, and retention), as its cron starts it, for the
    // next day; at the real time, since the robots' stand-ins refuse a signature more than an hour from their clock
    const nextDay = addDays(TODAY, 1);
    const now = new Date(vi.getRealSystemTime()).toISOString().slice(0, 16);
    await at(
      now,
      "HR",
      "digest",
      async () => {
        const ctx = createExecutionContext();
        await digestWorker.scheduled(
          createScheduledController({ scheduledTime: Date.parse(`${now}:00Z`), cron: "0 1 * * *" }),
          { ...env, ...inject("digestStandins").vars, CANDOR_TODAY: nextDay },
          ctx,
        );
        await waitOnExecutionContext(ctx);
        return { status: 200, headers: new Headers(), body: null };
      },
      200,
    );
    digestRows = (await env.DB.prepare("SELECT COUNT(*) AS n FROM digest_deliveries WHERE delivered = 1").first<{ n: number }>())!.n;

    // second round, in another order than the redemptions: the invitation survey with the token, the thread, two supports
    for (const p of [...PEOPLE].sort((a, b) => a.hours[1] - b.hours[1])) {
      const h = p.hours[1];
      // the redemption kept on the device, sent again: the same answer, nothing written; the replaced code's, refused
      const again = await at(
        hh(h, 1),
        p.name,
        "redeem again",
        () =>
          api<{ evaluation: string }>(`/api/surveys/${inv.id}/redeem`, {
            method: "POST",
            json: { code: p.code, blinded: p.pending!.blinded },
            headers: from(p.second),
          }),
        p === LOST ? 403 : 200,
      );
      // the same evaluated element (its proof is made afresh): it finishes into the same token
      if (p !== LOST) repeated.set(p.name, JSON.stringify(await finishToken(key, p.pending!, again.body.evaluation)));
      else {
        // the replacement, redeemed with a new blinded token: the token the person answers with
        const pending = await blindToken(key);
        const redeemed = await at(
          hh(h, 3),
          p.name,
          "redeem",
          () =>
            api<{ evaluation: string }>(`/api/surveys/${inv.id}/redeem`, {
              method: "POST",
              json: { code: replacement, blinded: pending.blinded },
              headers: from(p.second),
            }),
          200,
        );
        p.token = await finishToken(key, pending, redeemed.body.evaluation);
      }
      await at(
        hh(h, 5),
        p.name,
        "invitation answers",
        () =>
          api(`/api/surveys/${inv.id}/responses`, {
            method: "POST",
            json: { submissionId: crypto.randomUUID(), answers: answersTo(inv), token: p.token, locale: "en" },
            headers: from(p.second),
          }),
        201,
      );
      await at(
        hh(h, 15),
        p.name,
        "thread",
        () => api("/api/ideas/track", { method: "POST", json: { receipt: p.receipt }, headers: from(p.second) }),
        200,
      );
      await at(
        hh(h, 20),
        p.name,
        "thread",
        () =>
          api("/api/ideas/track/messages", {
            method: "POST",
            json: { receipt: p.receipt, body: `${p.name} adds: the night shift needs it most.` },
            headers: from(p.second),
          }),
        201,
      );
      await at(
        hh(h, 25),
        p.name,
        "thread",
        () =>
          api("/api/ideas/track/verdict", { method: "POST", json: { receipt: p.receipt, verdict: p.verdict }, headers: from(p.second) }),
        200,
      );
      const others = PEOPLE.filter((o) => o !== p);
      const index = PEOPLE.indexOf(p);
      for (const [n, other] of [others[index % others.length]!, others[(index + 1) % others.length]!].entries()) {
        await at(
          hh(h, 35 + n * 10),
          p.name,
          `support ${n + 1}`,
          () => api(`/api/ideas/${other.ideaId}/support`, { method: "POST", json: { token: p.supportToken }, headers: from(p.second) }),
          201,
        );
      }
    }
  }, 120_000);

  afterAll(() => {
    vi.useRealTimers();
  });

  it("played every kind of request for every person, and read every table the database lets anyone read", () => {
    for (const p of PEOPLE) {
      const kinds = new Set(units.filter((u) => u.actor === p.name).map((u) => u.unit));
      expect([...kinds].sort()).toEqual([
        "invitation answers",
        "open answers",
        "redeem",
        "redeem again",
        "support 1",
        "support 2",
        "thread",
      ]);
    }
    // every stored unit wrote something, so there was something to compare
    for (const u of units.filter((x) => x.unit !== "thread" && x.unit !== "redeem again" && x.actor !== "HR"))
      expect(u.written.size, `${u.actor} ${u.unit}`).toBeGreaterThan(0);
    // the Worker ran on the script's clock: HR's audit rows (HR is accountable, not anonymous) carry its hours
    // (the codes minted through the API on the pinned day, the ideas handled on the next)
    const stamped = units.filter((u) => u.actor === "HR").flatMap((u) => [...u.added]);
    for (const [day, hour] of [
      [TODAY, HR_HOURS[0]!],
      [addDays(TODAY, 1), HR_HOURS[1]!],
    ] as const) {
      expect(
        stamped.some((v) => v.startsWith(`${day}T${String(hour).padStart(2, "0")}:`)),
        `an HR write at ${hour}:00 on ${day}`,
      ).toBe(true);
    }
    // the scheduled run reached all four channels' stand-ins
    expect(digestRows).toBe(4);
    // only D1's own tables refuse to be read (the application cannot write them either)
    expect([...refusedTables].filter((t) => !t.startsWith("_cf_"))).toEqual([]);
  });

  it("a repeated redemption gets the same answer and writes nothing; a replaced code is refused, its replacement answers", () => {
    for (const p of PEOPLE.filter((x) => x !== LOST)) expect(repeated.get(p.name), p.name).toBe(JSON.stringify(p.token));
    for (const u of units.filter((x) => x.unit === "redeem again")) {
      expect([...u.written.keys()], `${u.actor} ${u.unit}`).toEqual([]);
    }
    expect(replacement).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // Bo redeemed twice (the code, then its replacement) and answered once, with the replacement's token
    expect(units.filter((u) => u.actor === LOST.name && u.unit === "redeem")).toHaveLength(2);
    expect(units.filter((u) => u.actor === "HR" && u.unit === "replace")).toHaveLength(1);
  });

  it("finds no value joining two requests of one person, outside the idea's own thread", () => {
    const found = links(units);
    const report = found.map(
      (l) => `${l.person}: ${l.units.join(" ↔ ")} share ${l.value.slice(0, 24)}${l.value.length > 24 ? "…" : ""} (${l.where.join(", ")})`,
    );
    expect(report).toEqual([]);
  });
});

describe("the criterion itself can fail", () => {
  const unit = (actor: string, name: string, written: Record<string, string>, added: string[] = Object.keys(written)): Unit => ({
    actor,
    unit: name,
    written: new Map(Object.entries(written).map(([v, w]) => [v, new Set([w])])),
    added: new Set(added),
  });

  it("flags a value two units of one person wrote, and only that", () => {
    const units = [
      unit("Ana", "redeem", { h1: "counters.hash", "2026-11-30": "counters.day" }),
      unit("Ana", "answers", { h1: "counters.hash", "2026-11-30": "responses.day" }),
      unit("Bo", "answers", { "2026-11-30": "responses.day" }),
    ];
    expect(links(units).map((l) => [l.person, l.value])).toEqual([["Ana", "h1"]]);
  });

  it("still flags it when another person's request only deleted a row holding it", () => {
    const units = [
      unit("Ana", "redeem", { h1: "counters.hash" }),
      unit("Ana", "answers", { h1: "counters.hash" }),
      unit("Bo", "answers", { h1: "counters.hash" }, []),
    ];
    expect(links(units).map((l) => l.value)).toEqual(["h1"]);
  });

  it("still flags a value HR wrote (a code's hash) that two of one person's units touch", () => {
    const units = [
      unit("HR", "mint", { c1: "tokens.code_hash" }),
      unit("Ana", "redeem", { c1: "tokens.code_hash" }),
      unit("Ana", "answers", { c1: "tokens.code_hash" }),
      unit("Bo", "redeem", { c2: "tokens.code_hash" }),
    ];
    expect(links(units).map((l) => l.value)).toEqual(["c1"]);
  });

  it("lets a thread share what it likes, and never flags what other people's requests add too", () => {
    const units = [
      unit("Ana", "thread", { idea1: "ideas.id" }),
      unit("Ana", "thread", { idea1: "idea_messages.idea_id", received: "ideas.status" }),
      unit("Ana", "support 1", { received: "x.status" }),
      unit("Bo", "thread", { received: "ideas.status" }),
    ];
    expect(links(units)).toEqual([]);
  });

  it("takes JSON and hex runs apart inside a cell", () => {
    expect(atoms('{"ideaId":"0f1e2d3c4b5a69788796a5b4c3d2e1f0","n":3}')).toEqual(
      expect.arrayContaining(["0f1e2d3c4b5a69788796a5b4c3d2e1f0", "3"]),
    );
    expect(atoms("see 123e4567-e89b-42d3-a456-426614174000 here")).toContain("123e4567-e89b-42d3-a456-426614174000");
    expect(atoms(null)).toEqual([]);
  });
});
