// What makes a second `npm start` fast and the first one's demo data one
// batch: fingerprints of a step's inputs, and INSERTs recorded from the code
// that stores real data rewritten as one statement per table.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprint, isStamped, writeStamp } from "../../scripts/fingerprint.ts";
import { getPlatformProxy } from "wrangler";
import { applyMigrations } from "../../scripts/db.ts";
import { bulkInsert, bulkRecorder } from "../../scripts/seed/bulk.ts";
import { findSurvey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { validateAnswers } from "#lib/surveys/validate.ts";
import { responseStatements, storeResponse } from "#server/db/responses.ts";

describe("fingerprint", () => {
  it("changes with a file's bytes, a new file and the extra values, and not otherwise", () => {
    const dir = mkdtempSync(join(tmpdir(), "candor-fp-"));
    writeFileSync(join(dir, "a.txt"), "one");
    const first = fingerprint([dir], ["2026-11-30"]);
    expect(fingerprint([dir], ["2026-11-30"])).toBe(first);
    expect(fingerprint([dir], ["2026-12-01"])).not.toBe(first);
    writeFileSync(join(dir, "a.txt"), "two");
    const second = fingerprint([dir], ["2026-11-30"]);
    expect(second).not.toBe(first);
    writeFileSync(join(dir, "b.txt"), "");
    expect(fingerprint([dir], ["2026-11-30"])).not.toBe(second);
    const stamp = join(dir, "stamp");
    expect(isStamped(stamp, second)).toBe(false);
    writeStamp(stamp, second);
    expect(isStamped(stamp, second)).toBe(true);
    expect(isStamped(stamp, first)).toBe(false);
  });
});

describe("bulk demo data", () => {
  it("rewrites a plain INSERT … VALUES (?1, …) to read its rows from a JSON array", () => {
    expect(bulkInsert("INSERT INTO survey_answers (response_id, question, num)\n   VALUES (?1, ?2, ?3)")).toBe(
      "INSERT INTO survey_answers (response_id, question, num) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?1)",
    );
  });

  it.each([
    "INSERT INTO t (a, b) VALUES (?2, ?1)",
    "INSERT INTO t (a, b) VALUES (?1)",
    "INSERT INTO t (a) SELECT ?1",
    "INSERT OR IGNORE INTO t (a) VALUES (?1)",
    "UPDATE t SET a = ?1",
  ])("refuses what it cannot rewrite faithfully: %s", (sql) => {
    expect(() => bulkInsert(sql)).toThrow(/only plain INSERT/);
  });

  it("stores in a real local D1 exactly the rows the real path stores, in one call", async () => {
    const persist = mkdtempSync(join(tmpdir(), "candor-bulk-"));
    const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: persist } });
    try {
      const db = proxy.env.DB;
      await applyMigrations(db);
      const survey = findSurvey("pulse-2026-11")!;
      const responses = Array.from({ length: 5 }, (_, n) => {
        const answers = sampleAnswers(survey.definition, survey.questions, seededRandom(n), { comments: ["A comment."], commentRate: 0.5 });
        const checked = validateAnswers(survey.definition, answers, "en", survey.questions);
        if (!checked.ok) throw new Error("sample is invalid");
        return { surveyId: survey.id, surveyVersion: survey.version, day: "2026-11-20", rows: checked.rows, submissionId: `bulk-${n}` };
      });
      // the real path, one batch per response
      for (const r of responses.slice(0, 2)) expect(await storeResponse({ DB: db }, r)).toBe("stored");
      // the bulk path: the same code records, one batch writes
      const bulk = bulkRecorder();
      for (const r of responses.slice(2)) await responseStatements(bulk.env, r);
      const batches: number[] = [];
      const counting = new Proxy(db, {
        get: (target, prop) =>
          prop === "batch"
            ? (statements: D1PreparedStatement[]) => (batches.push(statements.length), target.batch(statements))
            : (Reflect.get(target, prop) as () => unknown).bind(target),
      });
      expect(await bulk.writeTo(counting)).toBeGreaterThan(3 * 5);
      expect(batches).toEqual([3]); // submissions, responses, answers
      const answers = await db
        .prepare(
          `SELECT r.id, a.question, typeof(a.num) AS tn, a.num, typeof(a.text) AS tt, a.text, typeof(a.json) AS tj, a.json
             FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id ORDER BY a.question, a.num, a.text, a.json`,
        )
        .all<Record<string, unknown>>();
      // every response has its submission, and each bulk row has the types and values the real path gives
      expect((await db.prepare("SELECT COUNT(*) AS n FROM survey_submissions").first<{ n: number }>())!.n).toBe(5);
      expect((await db.prepare("SELECT COUNT(*) AS n FROM survey_responses").first<{ n: number }>())!.n).toBe(5);
      const byResponse = new Map<string, string[]>();
      for (const a of answers.results) {
        const list = byResponse.get(a.id as string) ?? [];
        list.push(JSON.stringify([a.question, a.tn, a.num, a.tt, a.text, a.tj, a.json]));
        byResponse.set(a.id as string, list);
      }
      const expected = responses.map((r) =>
        r.rows.map((row) => [row.question, row.num, row.text, row.json]).sort((x, y) => String(x).localeCompare(String(y))),
      );
      const stored = [...byResponse.values()].map((rows) =>
        rows
          .map((j) => JSON.parse(j) as unknown[])
          .map(([q, tn, num, tt, text, tj, json]) => {
            if (num !== null) expect(tn).toBe("real");
            if (text !== null) expect(tt).toBe("text");
            if (json !== null) expect(tj).toBe("text");
            return [q, num, text, json];
          })
          .sort((x, y) => String(x).localeCompare(String(y))),
      );
      const key = (rows: unknown[][]) => JSON.stringify(rows);
      expect(stored.map(key).sort()).toEqual(expected.map(key).sort());
    } finally {
      await proxy.dispose();
    }
  }, 60_000);
});
