// The schema itself, read from the migrated database (every table, column,
// default, CHECK, foreign key and trigger), must not be able to hold what an
// anonymous submission must never carry: an address, a user agent, a time
// finer than a day, or a link between an invitation code and a response.
// Every table is classified below; a new table fails until it is, so each
// new kind of stored data is a decision, not an accident.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { tableNames } from "./battery/db.ts";

/** What employees send, and what is kept about it. */
const SUBMITTED = [
  "survey_responses",
  "survey_answers",
  "survey_submissions",
  "ideas",
  "idea_status_history",
  "idea_messages",
  "idea_supports",
  "idea_submissions",
  "survey_spent_tokens",
];
/**
 * Invitation codes (issued by HR, redeemed by employees), the tokens spent
 * with responses (hashes, written in the response's batch) and the count of
 * redemptions per day (a number per survey and day, naming no code): never
 * linked to a response, and their days are days.
 */
const CODES = ["survey_tokens", "survey_spent_tokens", "survey_redemption_days"];
/** The tables a response lives in: no path may lead from a code to them. */
const RESPONSES = ["survey_responses", "survey_answers", "survey_submissions"];
/**
 * Counts rolled up from the responses per day, in SQL, that results are read
 * from: derived from what was submitted, so no address or agent either, and,
 * like the responses, unreachable from a code; their days are days, as the
 * submissions' are. The surveys whose answers retention deleted (and the
 * day), which freeze their tallies, belong with them.
 */
const ROLLUPS = ["survey_tallies", "survey_tally_progress", "survey_answer_deletions"];
/** HR's own accountable actions and the publications HR drafts (timestamps allowed: HR is not anonymous). */
const HR = ["audit_log", "content_drafts"];
/**
 * The minimum group size each publication was first cut with, and the raises
 * of a survey's audience (by HR, public): settings, nothing anyone sent.
 */
const PUBLICATION = ["published_k", "survey_audience_raises"];
/**
 * The scheduled Worker's own record: per digest channel and day, whether HR's
 * daily digest was delivered (migration 0019). Nothing anyone sent, no time of day.
 */
const SCHEDULED = ["digest_deliveries"];

/** Per-client state: a column naming a client, visitor or requester (counts per client live in the isolate's memory, never in D1). */
const CLIENT = /(^|_)(client|clients|visitor|visitors|requester|requesters)(_|$)/i;
const ADDRESS = /(^|_)(ip|ips|ipv[46]|addr|address|remote|forwarded|host|hostname|mac|location|geo|country|city)(_|$)/i;
const AGENT = /(agent|(^|_)ua(_|$)|browser|device|platform|fingerprint|screen|referr?er)/i;
const TIME =
  /(^|_)(at|time|times|timestamp|ts|created|updated|modified|when|epoch|seconds|secs|ms|millis|datetime|date|day|on|hour|minute)(_|$)/i;
const TIME_DEFAULT = /current_(timestamp|time|date)|datetime\s*\(|strftime\s*\(|unixepoch\s*\(|julianday\s*\(|'now'/i;
const DAY_CHECK = (column: string) =>
  new RegExp(
    `CHECK\\s*\\(\\s*${column}\\s+GLOB\\s+'\\[0-9\\]\\[0-9\\]\\[0-9\\]\\[0-9\\]-\\[0-9\\]\\[0-9\\]-\\[0-9\\]\\[0-9\\]'\\s*\\)`,
    "i",
  );
const CODE_NAME = /(token|code|invitation|invite|redeem|voucher)/i;
const RESPONSE_NAME = /(response|submission|answer)/i;

interface Column {
  name: string;
  type: string;
  dflt_value: string | null;
}
interface ForeignKey {
  table: string;
  from: string;
}
interface Schema {
  sql: Map<string, string>;
  columns: Map<string, Column[]>;
  foreignKeys: Map<string, ForeignKey[]>;
  triggers: { name: string; sql: string }[];
}
interface Classes {
  submitted: string[];
  rollups: string[];
  codes: string[];
  responses: string[];
}

async function readSchema(): Promise<Schema> {
  const { results } = await env.DB.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL").all<{
    type: string;
    name: string;
    sql: string;
  }>();
  const schema: Schema = {
    sql: new Map(results.filter((r) => r.type === "table").map((r) => [r.name, r.sql])),
    columns: new Map(),
    foreignKeys: new Map(),
    triggers: results.filter((r) => r.type === "trigger").map((r) => ({ name: r.name, sql: r.sql })),
  };
  for (const table of await tableNames()) {
    schema.columns.set(table, (await env.DB.prepare(`PRAGMA table_info("${table}")`).all<Column>()).results);
    schema.foreignKeys.set(table, (await env.DB.prepare(`PRAGMA foreign_key_list("${table}")`).all<ForeignKey>()).results);
  }
  return schema;
}

const cols = (schema: Schema, table: string) => schema.columns.get(table) ?? [];

function addressOrAgent(schema: Schema, c: Classes): string[] {
  return [...c.submitted, ...c.rollups, ...c.codes].flatMap((table) =>
    cols(schema, table)
      .filter((col) => ADDRESS.test(col.name) || AGENT.test(col.name))
      .map((col) => `${table}.${col.name}`),
  );
}

function finerThanADay(schema: Schema, c: Classes): string[] {
  const found: string[] = [];
  for (const table of [...c.submitted, ...c.rollups, ...c.codes]) {
    for (const col of cols(schema, table)) {
      if (TIME_DEFAULT.test(col.dflt_value ?? "")) found.push(`${table}.${col.name}: default ${col.dflt_value}`);
      if (!TIME.test(col.name)) continue;
      if (col.type.toUpperCase() !== "TEXT" || !DAY_CHECK(col.name).test(schema.sql.get(table) ?? "")) {
        found.push(`${table}.${col.name}: ${col.type}, no day-only CHECK`);
      }
    }
  }
  return found;
}

function codeToResponse(schema: Schema, c: Classes): string[] {
  const found: string[] = [];
  for (const table of c.responses) {
    for (const col of cols(schema, table)) if (CODE_NAME.test(col.name)) found.push(`${table}.${col.name} names a code`);
    for (const fk of schema.foreignKeys.get(table) ?? []) if (c.codes.includes(fk.table)) found.push(`${table}.${fk.from} → ${fk.table}`);
  }
  for (const table of c.codes) {
    for (const col of cols(schema, table)) if (RESPONSE_NAME.test(col.name)) found.push(`${table}.${col.name} names a response`);
    for (const fk of schema.foreignKeys.get(table) ?? [])
      if (c.submitted.includes(fk.table)) found.push(`${table}.${fk.from} → ${fk.table}`);
    for (const other of c.responses) {
      const shared = cols(schema, table)
        .map((col) => col.name)
        .filter((name) => name !== "survey_id" && cols(schema, other).some((col) => col.name === name));
      if (shared.length > 0) found.push(`${table} and ${other} share ${shared.join(", ")}`);
    }
  }
  const mentions = (text: string, names: string[]) => names.some((n) => new RegExp(`\\b${n}\\b`, "i").test(text));
  for (const t of schema.triggers)
    if (mentions(t.sql, c.codes) && mentions(t.sql, c.responses)) found.push(`trigger ${t.name} touches codes and responses`);
  return found;
}

/** Columns anywhere in the schema that would keep something per client: a per-client row joins the requests it counts. */
function perClient(schema: Schema): string[] {
  return [...schema.columns].flatMap(([table, columns]) =>
    columns.filter((col) => CLIENT.test(col.name)).map((col) => `${table}.${col.name}`),
  );
}

const CLASSES: Classes = {
  submitted: SUBMITTED,
  rollups: ROLLUPS,
  codes: CODES,
  responses: [...RESPONSES, ...ROLLUPS],
};
let schema: Schema;

beforeAll(async () => {
  schema = await readSchema();
});

describe("the schema cannot hold what anonymity forbids", () => {
  it("classifies every table (a new table is a decision about what is stored)", async () => {
    const known = new Set([...SUBMITTED, ...CODES, ...ROLLUPS, ...HR, ...PUBLICATION, ...SCHEDULED]);
    const tables = await tableNames();
    expect(tables.filter((t) => !known.has(t))).toEqual([]);
    expect([...known].filter((t) => !tables.includes(t))).toEqual([]);
  });

  it("has no column for an address or a user agent in a table of submissions or codes", () => {
    expect(addressOrAgent(schema, CLASSES)).toEqual([]);
  });

  it("keeps every date of a submission to the day: a CHECK allows YYYY-MM-DD only, and no default reads the clock", async () => {
    expect(finerThanADay(schema, CLASSES)).toEqual([]);
    // the CHECK is real: it refuses a time of day
    await expect(
      env.DB.prepare("INSERT INTO survey_responses (id, survey_id, survey_version, day) VALUES (?1, 'x', 1, '2026-11-30T09:15')")
        .bind("f".repeat(32))
        .run(),
    ).rejects.toThrow(/CHECK constraint failed/);
    await expect(
      env.DB.prepare(
        "INSERT INTO survey_tallies (survey_id, survey_version, day, kind, n) VALUES ('x', 1, '2026-11-30 09:15', 'responses', 1)",
      ).run(),
    ).rejects.toThrow(/CHECK constraint failed/);
  });

  it("has no link between an invitation code and a response: no foreign key, no shared key, no column naming the other, no trigger touching both", () => {
    expect(codeToResponse(schema, CLASSES)).toEqual([]);
  });

  it("keeps nothing per client in any table (the limits count in the isolate's memory; test/integration/linkability.test.ts checks the data)", () => {
    expect(perClient(schema)).toEqual([]);
  });

  it("finds each of these in a schema built to have them (the scan can fail)", async () => {
    // real tables in this file's own database, read back the same way
    await env.DB.batch([
      env.DB.prepare(
        "CREATE TABLE probe_responses (id TEXT PRIMARY KEY, client_ip TEXT, user_agent TEXT, created_at TEXT DEFAULT CURRENT_TIMESTAMP, day TEXT, invitation_code TEXT)",
      ),
      env.DB.prepare("CREATE TABLE probe_codes (code_hash TEXT PRIMARY KEY, response_id TEXT REFERENCES probe_responses(id), id TEXT)"),
      env.DB.prepare("CREATE TABLE probe_counters (client_hash TEXT, idea_id TEXT, day TEXT REFERENCES probe_responses(id))"),
      env.DB.prepare("CREATE TRIGGER probe_link AFTER INSERT ON probe_responses BEGIN UPDATE probe_codes SET id = NEW.id; END"),
    ]);
    try {
      const probe = await readSchema();
      const classes: Classes = {
        submitted: ["probe_responses"],
        rollups: [],
        codes: ["probe_codes"],
        responses: ["probe_responses"],
      };
      expect(addressOrAgent(probe, classes)).toEqual(["probe_responses.client_ip", "probe_responses.user_agent"]);
      expect(finerThanADay(probe, classes)).toEqual([
        "probe_responses.created_at: default CURRENT_TIMESTAMP",
        "probe_responses.created_at: TEXT, no day-only CHECK",
        "probe_responses.day: TEXT, no day-only CHECK",
      ]);
      expect(codeToResponse(probe, classes)).toEqual([
        "probe_responses.invitation_code names a code",
        "probe_codes.response_id names a response",
        "probe_codes.response_id → probe_responses",
        "probe_codes and probe_responses share id",
        "trigger probe_link touches codes and responses",
      ]);
      expect(perClient(probe)).toEqual(["probe_counters.client_hash", "probe_responses.client_ip"]);
    } finally {
      await env.DB.batch(
        ["probe_link", "probe_counters", "probe_codes", "probe_responses"].map((name) =>
          env.DB.prepare(name === "probe_link" ? `DROP TRIGGER ${name}` : `DROP TABLE ${name}`),
        ),
      );
    }
  });
});
