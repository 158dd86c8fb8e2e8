// Upgrades that migrate (docs/operations.md#upgrades): a database built by an
// older release, at the first migration and at a few chosen later ones, is
// filled with that era's shapes of rows (raw SQL valid for that schema only),
// then the rest of the migrations are applied by the runner `npm start` and
// `npm run db:migrate` use (src/server/migrations/apply.ts); every row is
// then read through today's API: HR's inbox and idea view, the board, the
// audit log and its chain, a survey's results and its export. And a
// migration that loses rows is refused, whole.
import { env } from "cloudflare:test";
import { afterAll, describe, expect, it } from "vitest";
import { verifyChain } from "#lib/audit/chain.ts";
import { d1SqlDb, readAuditRows } from "#server/backup/dump.ts";
import { emptyDatabase } from "#server/backup/restore.ts";
import { applyMigrations } from "#server/migrations/apply.ts";
import { ADMIN_HEADERS } from "./battery/routes.ts";
import { api } from "./helpers.ts";
import { freshIp, from } from "./ideas-fixtures.ts";

const ALL = env.TEST_MIGRATIONS;
const upTo = (era: number) => ALL.filter((m) => Number(m.name.slice(0, 4)) <= era);
const after = (era: number) => ALL.filter((m) => Number(m.name.slice(0, 4)) > era);
const run = (sql: string, ...binds: unknown[]) => env.DB.prepare(sql).bind(...binds);
const hex = (c: string) => c.repeat(64);

/** A closed survey whose results are public after it closed (2026-10-30, before the pinned day). */
const SURVEY = "pulse-2026-10";
const COMMENTS = ["More staff on Mondays", "多一些培训\n谢谢", "It's fine; really", "Queue screen is slow", "Nothing", "Better headsets"];

/** Rows as the release at migration `era` wrote them. */
async function fill(era: number): Promise<void> {
  const statements = [
    run(
      "INSERT INTO audit_log (id, at, actor, action, target_type, target_id, detail) VALUES (?1, ?2, 'hr@example.org', 'idea.status', 'idea', ?3, ?4)",
      era,
      `2026-0${Math.min(era, 9)}-01T08:00:00.000Z`,
      `idea-${era}-a`,
      JSON.stringify({ from: "received", to: "under_review" }),
    ),
  ];
  if (era >= 3) {
    const withLocale = era < 7;
    for (const [i, comment] of COMMENTS.entries()) {
      const id = `${era.toString().padStart(4, "0")}${i.toString().padStart(4, "0")}`.padEnd(32, "a");
      statements.push(
        withLocale
          ? run(
              "INSERT INTO survey_responses (id, survey_id, survey_version, locale, day) VALUES (?1, ?2, 1, 'en', ?3)",
              id,
              SURVEY,
              `2026-10-2${i}`,
            )
          : run("INSERT INTO survey_responses (id, survey_id, survey_version, day) VALUES (?1, ?2, 1, ?3)", id, SURVEY, `2026-10-2${i}`),
        run(
          "INSERT INTO survey_answers (response_id, survey_id, question, num) VALUES (?1, ?2, 'satisfaction', ?3)",
          id,
          SURVEY,
          1 + (i % 5),
        ),
        run("INSERT INTO survey_answers (response_id, survey_id, question, text) VALUES (?1, ?2, 'workload', 'normal')", id, SURVEY),
        run("INSERT INTO survey_answers (response_id, survey_id, question, num) VALUES (?1, ?2, 'recognised', ?3)", id, SURVEY, i % 2),
        run(
          "INSERT INTO survey_answers (response_id, survey_id, question, text) VALUES (?1, ?2, 'oneThing', ?3)",
          id,
          SURVEY,
          `${comment} (${era})`,
        ),
      );
    }
    for (const suffix of ["a", "b"]) {
      const id = `idea-${era}-${suffix}`;
      const published = suffix === "a" ? 1 : 0;
      const columns = `id, receipt_hash, category, title, body, ${withLocale ? "locale, " : ""}publish_consent, status, received_on, published, public_title, public_body, published_on`;
      statements.push(
        run(
          `INSERT INTO ideas (${columns}) VALUES (?1, ?2, 'process', ?3, ?4, ${withLocale ? "'zh-cn', " : ""}1, 'under_review', '2026-09-01', ?5, ?6, ?7, ?8)`,
          id,
          `${era.toString(16)}${suffix}`.padStart(64, "0"),
          `Idea ${era}${suffix}: 早班交接`,
          `The hand-over at 07:00 takes too long (era ${era}).\nSecond line.`,
          published,
          published ? `Shorter hand-overs (${era})` : null,
          published ? "HR's edited text." : null,
          published ? "2026-09-05" : null,
        ),
        run("INSERT INTO idea_status_history (idea_id, seq, status, on_day, note) VALUES (?1, 1, 'under_review', '2026-09-02', NULL)", id),
        run(
          "INSERT INTO idea_messages (idea_id, seq, author, visibility, body, on_day) VALUES (?1, 1, 'hr', 'private', ?2, '2026-09-02')",
          id,
          `Thanks (${era})`,
        ),
        run(
          "INSERT INTO idea_messages (idea_id, seq, author, visibility, body, on_day) VALUES (?1, 2, 'author', 'private', ?2, '2026-09-03')",
          id,
          `Reply (${era})`,
        ),
        era < 12
          ? run("INSERT INTO idea_supports (idea_id, token_hash) VALUES (?1, ?2)", id, hex("c"))
          : run("INSERT INTO idea_supports (idea_id, token_hash, on_day) VALUES (?1, ?2, '2026-09-04')", id, hex("c")),
      );
      if (era >= 5) {
        statements.push(
          run(
            "INSERT INTO idea_submissions (submission_hash, idea_id, sealed_receipt) VALUES (?1, ?2, 'sealed')",
            hex(suffix === "a" ? "d" : "e"),
            id,
          ),
        );
      }
    }
  }
  await env.DB.batch(statements);
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [
    "audit_log",
    "survey_responses",
    "survey_answers",
    "ideas",
    "idea_messages",
    "idea_status_history",
    "idea_supports",
  ]) {
    out[table] = (await run(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
  }
  return out;
}

async function reset(): Promise<void> {
  await emptyDatabase(d1SqlDb(env.DB));
}

afterAll(async () => {
  // the file's database back to today's schema, for whatever runs after
  await reset();
  await applyMigrations(env.DB, ALL);
});

describe("a database of an older release migrates with every row readable", () => {
  for (const era of [1, 5, 10, 13]) {
    it(`built at migration ${String(era).padStart(4, "0")}, filled, then migrated to today`, async () => {
      await reset();
      expect(await applyMigrations(env.DB, upTo(era))).toEqual(upTo(era).map((m) => m.name));
      await fill(era);
      const before = era >= 3 ? await counts() : null;
      expect(await applyMigrations(env.DB, ALL)).toEqual(after(era).map((m) => m.name));
      if (before) expect(await counts()).toEqual(before);

      // the audit log: the old row in HR's log, and the chain whole over it once HR acts
      const audit = await api("/api/admin/audit?limit=200", { headers: ADMIN_HEADERS });
      expect(audit.status).toBe(200);
      expect(JSON.stringify(audit.body)).toContain(`idea-${era}-a`);
      if (era < 3) return;

      // every idea, its messages and history, through HR's view; the published one on the board
      for (const suffix of ["a", "b"]) {
        const idea = await api(`/api/admin/ideas/idea-${era}-${suffix}`, { headers: ADMIN_HEADERS });
        expect(idea.status, JSON.stringify(idea.body)).toBe(200);
        const text = JSON.stringify(idea.body);
        expect(text).toContain(`Idea ${era}${suffix}: 早班交接`);
        expect(text).toContain(JSON.stringify(`The hand-over at 07:00 takes too long (era ${era}).\nSecond line.`).slice(1, -1));
        expect(text).toContain(`Thanks (${era})`);
        expect(text).toContain(`Reply (${era})`);
      }
      const board = await api("/api/ideas?sort=recent", { headers: from(freshIp()) });
      expect(board.status).toBe(200);
      expect(JSON.stringify(board.body)).toContain(`Shorter hand-overs (${era})`);
      expect(JSON.stringify(board.body)).not.toContain(`Idea ${era}b`);

      // the survey's answers: public results count them, HR's export has a line per response, HR's comments view every comment
      const results = await api(`/api/surveys/${SURVEY}/results`, { headers: from(freshIp()) });
      expect(results.status, JSON.stringify(results.body)).toBe(200);
      expect(JSON.stringify(results.body)).toMatch(new RegExp(`"responses":${COMMENTS.length}\\b`));
      const csv = await api(`/api/admin/surveys/${SURVEY}/responses.csv`, { headers: ADMIN_HEADERS });
      expect(csv.status).toBe(200);
      expect(String(csv.body).trim().split("\n")).toHaveLength(COMMENTS.length + 1);
      const comments = await api(`/api/admin/surveys/${SURVEY}/comments`, { headers: ADMIN_HEADERS });
      expect(comments.status).toBe(200);
      for (const comment of COMMENTS) expect(JSON.stringify(comments.body)).toContain(JSON.stringify(`${comment} (${era})`).slice(1, -1));

      // HR's read of the export appended to the chain over the rows written before it: still whole
      const head = await api("/api/read-log", { headers: from(freshIp()) });
      expect(head.status).toBe(200);
      const log = await api("/api/admin/audit?limit=200", { headers: ADMIN_HEADERS });
      expect(JSON.stringify(log.body)).toContain("survey.responses.export");
      const rows = await readAuditRows(d1SqlDb(env.DB), ["audit_log"]);
      expect(rows[0]).toMatchObject({ seq: 1, hash: null });
      expect(rows.at(-1)!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect((await verifyChain(rows)).problems).toEqual([]);
    }, 60_000);
  }
});

describe("the migration runner refuses a migration that loses rows", () => {
  it("a rebuild that drops rows is not applied at all, and the error names the table", async () => {
    await reset();
    await applyMigrations(env.DB, upTo(13));
    await fill(13);
    await applyMigrations(env.DB, ALL);
    const before = await counts();
    const lossy = {
      name: "9999_rebuild_idea_messages.sql",
      queries: [
        "CREATE TABLE idea_messages_new AS SELECT * FROM idea_messages WHERE seq = 1",
        "DROP TABLE idea_messages",
        "ALTER TABLE idea_messages_new RENAME TO idea_messages",
      ],
    };
    await expect(applyMigrations(env.DB, [...ALL, lossy])).rejects.toThrow(
      /9999_rebuild_idea_messages\.sql not applied: .*rows of idea_messages went missing/,
    );
    expect(await counts()).toEqual(before);
    const applied = await run("SELECT COUNT(*) AS n FROM d1_migrations WHERE name = ?1", lossy.name).first<{ n: number }>();
    expect(applied!.n).toBe(0);
    // a migration that drops a table with rows, undeclared, is refused too
    const dropper = { name: "9998_drop_supports.sql", queries: ["DROP TABLE idea_supports"] };
    await expect(applyMigrations(env.DB, [...ALL, dropper])).rejects.toThrow(
      /9998_drop_supports\.sql not applied: .*no such table: idea_supports/,
    );
    // a rebuild that keeps every row passes, and leaves no trace of the guard
    const keeper = {
      name: "9997_rebuild_idea_messages.sql",
      queries: [
        "CREATE TABLE idea_messages_new AS SELECT * FROM idea_messages",
        "DROP TABLE idea_messages",
        "ALTER TABLE idea_messages_new RENAME TO idea_messages",
      ],
    };
    expect(await applyMigrations(env.DB, [...ALL, keeper])).toEqual([keeper.name]);
    expect(
      (await run("SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE '\\_candor\\_%' ESCAPE '\\'").first<{ n: number }>())!.n,
    ).toBe(0);
  }, 60_000);
});
