// Backup and restore on the real local D1 (docs/operations.md): the demo data
// and the battery's data (its fixtures, and hostile text sent through the
// API) are backed up, the database is emptied, the backup is loaded into it,
// and every public and HR view answers exactly as before. A changed, cut-off
// or mismatched backup is refused with what is wrong, and leaves the
// database empty.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import surveysSeed from "../../scripts/seed/0100-surveys.ts";
import ideasSeed from "../../scripts/seed/0200-ideas.ts";
import { pinnedClock } from "#lib/clock.ts";
import { sha256Hex } from "#lib/hex.ts";
import { d1SqlDb, dumpDatabase, readSchema, schemaLines, type Manifest } from "#server/backup/dump.ts";
import { BackupRefused, emptyDatabase, restoreDatabase } from "#server/backup/restore.ts";
import { ADMIN_HEADERS, makeFixtures } from "./battery/routes.ts";
import { api } from "./helpers.ts";
import { freshIp, from, submit } from "./ideas-fixtures.ts";

const db = d1SqlDb(env.DB);
const H1 = "reward-survey-2026-h1";
const H2_2025 = "reward-survey-2025-h2";
const PULSE = "pulse-2026-11";

/** Text the battery sends as valid input: quotes, SQL, markup, line breaks of every kind, right-to-left and zero-width marks. */
const HOSTILE = [
  `It's "quoted"; DROP TABLE ideas; --`,
  "line one\nline two\r\nline three\rend",
  `<script>alert(1)</script> & '||char(10)||'`,
  "مرحبا \u200f right-to-left \u200b zero-width \u2028 separator",
  "表情 😀 and a backslash \\ and a tab\t.",
];

/** Every view the public and HR have of the data, as answered, in a fixed order (reads HR makes on the record last). */
async function views(receipts: string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await api(path, { headers: { ...from(freshIp()), ...headers } });
    out[path] = { status: res.status, body: res.body };
    return res.body;
  };
  await get("/api/admin/audit?limit=200", ADMIN_HEADERS);
  await get("/api/read-log");
  await get("/api/surveys");
  for (const id of [H1, H2_2025, PULSE]) {
    await get(`/api/surveys/${id}`);
    await get(`/api/surveys/${id}/stats`);
    await get(`/api/surveys/${id}/results`);
    await get(`/api/admin/surveys/${id}`, ADMIN_HEADERS);
    await get(`/api/admin/surveys/${id}/results`, ADMIN_HEADERS);
  }
  await get("/api/admin/surveys", ADMIN_HEADERS);
  await get("/api/ideas?sort=recent");
  const inbox = (await get("/api/admin/ideas", ADMIN_HEADERS)) as { ideas?: { id: string }[] };
  for (const idea of inbox.ideas ?? []) await get(`/api/admin/ideas/${idea.id}`, ADMIN_HEADERS);
  for (const receipt of receipts) {
    const res = await api("/api/ideas/track", { method: "POST", headers: from(freshIp()), json: { receipt } });
    out[`track ${receipt}`] = { status: res.status, body: res.body };
  }
  // HR's reads of what people wrote are audited, so they come last; comments come in a new order per read
  const comments = (await get(`/api/admin/surveys/${H1}/comments`, ADMIN_HEADERS)) as Record<string, unknown>;
  out[`/api/admin/surveys/${H1}/comments`] = sortDeep(comments);
  const csv = await api(`/api/admin/surveys/${H1}/responses.csv`, { headers: ADMIN_HEADERS });
  out.csv = { status: csv.status, lines: String(csv.body).split("\n").sort() };
  return out;
}

/** Arrays of plain values sorted, at any depth: for views whose order is shuffled on purpose. */
function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(sortDeep);
    return items.every((v) => typeof v !== "object" || v === null) ? [...items].sort() : items;
  }
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortDeep(v)]));
  return value;
}

let filled: Promise<string[]> | undefined;
/** Once per file (the tests share the database): the demo, the battery's fixtures, hostile text through the API. */
const fillDatabase = () => (filled ??= writeData());

async function writeData(): Promise<string[]> {
  const clock = pinnedClock(env.CANDOR_TODAY);
  await surveysSeed(env, clock);
  await ideasSeed(env, clock);
  const fx = await makeFixtures(() => from(freshIp()));
  const receipts = [fx.idea.receipt];
  for (const text of HOSTILE) {
    receipts.push((await submit({ title: text.split("\n")[0]!.slice(0, 100), body: text, publishConsent: false })).receipt);
    const res = await api(`/api/surveys/${PULSE}/responses`, {
      method: "POST",
      headers: from(freshIp()),
      json: {
        submissionId: crypto.randomUUID(),
        answers: { satisfaction: 3, workload: "normal", recognised: true, oneThing: text },
        locale: "en",
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  return receipts;
}

async function refusal(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (err) {
    if (err instanceof BackupRefused) return err.problems;
    throw err;
  }
  throw new Error("the backup was not refused");
}

describe("backup and restore", () => {
  it("gives back the demo and the battery's data: every view answers the same, the chain is whole", async () => {
    const receipts = await fillDatabase();
    const migrationsSchema = schemaLines(await readSchema(db));
    const { sql, manifest } = await dumpDatabase(db);
    expect(manifest.schemaVersion).toBe(env.TEST_MIGRATIONS.at(-1)!.name);
    expect(manifest.tables.ideas).toBeGreaterThan(12);
    expect(manifest.tables.survey_answers).toBeGreaterThan(100);
    expect(manifest.auditChain.count).toBeGreaterThan(3);
    expect(manifest.auditChain.whole).toBe(true);
    for (const text of HOSTILE.filter((t) => /[\r\n]/.test(t))) expect(sql).not.toContain(text); // line breaks are taken out of literals

    const before = await views(receipts);
    // every view answers (an open survey's results are 409 until it closes, and must be again after)
    for (const [view, answer] of Object.entries(before)) expect((answer as { status?: number }).status ?? 200, view).toBeLessThan(500);
    for (const view of ["/api/surveys", "/api/ideas?sort=recent", "/api/admin/ideas", "/api/admin/surveys", `/api/surveys/${H1}/results`]) {
      expect((before[view] as { status: number }).status, view).toBe(200);
    }
    await emptyDatabase(db);
    expect(await readSchema(db)).toEqual([]);

    const verification = await restoreDatabase(db, sql, manifest, migrationsSchema);
    expect(verification.problems).toEqual([]);
    expect(verification.tables).toEqual(manifest.tables);
    // a backup of the restored database is the same file
    expect((await dumpDatabase(db)).sql).toBe(sql);
    const after = await views(receipts);
    expect(after).toEqual(before);
    // the restored text is the text that was sent
    for (const text of HOSTILE) {
      const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM ideas WHERE body = ?1").bind(text).first<{ n: number }>();
      expect(row!.n).toBe(1);
    }
  }, 120_000);

  it("refuses a cut-off, changed or mismatched backup with what is wrong, and leaves the database empty", async () => {
    await fillDatabase();
    const schema = schemaLines(await readSchema(db));
    const { sql, manifest } = await dumpDatabase(db);
    await emptyDatabase(db);
    const refused = async (file: string, m: Manifest = manifest) => {
      const problems = await refusal(() => restoreDatabase(db, file, m, schema));
      expect(await readSchema(db)).toEqual([]);
      return problems.join("\n");
    };

    // cut off mid-file, and cut at a line break (a whole number of statements)
    expect(await refused(sql.slice(0, Math.floor(sql.length / 2)))).toMatch(/truncated.*\n.*cut off/);
    const cutAtLine = sql.slice(0, sql.lastIndexOf("\n", sql.length / 2) + 1);
    expect(await refused(cutAtLine)).toMatch(/truncated/);
    // one character of one answer changed
    const changed = sql.replace("A battery fixture comment, 1", "A battery fixture comment, 7");
    expect(changed).not.toBe(sql);
    expect(await refused(changed)).toMatch(/SHA-256 is not the manifest's/);

    // a changed file with a manifest made to match it: the rows then disagree with what was counted, or the chain breaks
    const rehash = async (file: string, patch: Partial<Manifest> = {}): Promise<Manifest> => ({
      ...manifest,
      ...patch,
      bytes: new TextEncoder().encode(file).length,
      sha256: await sha256Hex(file),
    });
    const lines = sql.split("\n");
    const answerLine = lines.findIndex((l) => l.startsWith('INSERT INTO "survey_answers"'));
    const dropped = [...lines.slice(0, answerLine), ...lines.slice(answerLine + 1)]
      .join("\n")
      .replace(`${manifest.statements} statements`, `${manifest.statements - 1} statements`);
    expect(await refused(dropped, await rehash(dropped, { statements: manifest.statements - 1 }))).toMatch(
      /table survey_answers has \d+ rows, the manifest says \d+/,
    );
    const auditLine = lines.findIndex((l) => l.startsWith('INSERT INTO "audit_log"') && l.includes("idea.publish"));
    const rewritten = sql.replace(lines[auditLine]!, lines[auditLine]!.replace("idea.publish", "idea.status"));
    expect(await refused(rewritten, await rehash(rewritten))).toMatch(/audit log: row \d+ was changed after it was written/);
    // a trigger of the migrations left out
    const chainTrigger = lines.findIndex((l) => l.startsWith("CREATE TRIGGER audit_log_chain "));
    const noTrigger = [...lines.slice(0, chainTrigger), ...lines.slice(chainTrigger + 1)]
      .join("\n")
      .replace(`${manifest.statements} statements`, `${manifest.statements - 1} statements`);
    expect(await refused(noTrigger, await rehash(noTrigger, { statements: manifest.statements - 1 }))).toMatch(
      /the schema lacks what the migrations make: trigger audit_log_chain/,
    );
    // a row the schema refuses: nothing is loaded
    const badDay = sql.replace(
      /(INSERT INTO "survey_responses" \([^)]*\) VALUES \('[0-9a-f]{32}','[^']*',\d+,)'\d{4}-\d\d-\d\d'/,
      "$1'not a day'",
    );
    expect(badDay).not.toBe(sql);
    expect(await refused(badDay, await rehash(badDay))).toMatch(/a statement of the backup failed, nothing was loaded: .*CHECK constraint/);

    // into a database that is not empty
    await restoreDatabase(db, sql, manifest, schema);
    expect(await refusal(() => restoreDatabase(db, sql, manifest, schema))).toEqual([expect.stringMatching(/^the database is not empty/)]);
  }, 120_000);
});
