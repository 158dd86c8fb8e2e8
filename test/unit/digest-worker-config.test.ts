// The scheduled Worker's wrangler.toml (workers/digest/): the same database,
// the same counting settings and retention terms as the Pages project, one
// fixed daily hour, and no clock pin; `npm run deploy` refuses a drift.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { digestConfigProblems, SHARED_VARS } from "../../scripts/digest-config.ts";

const pages = readFileSync("wrangler.toml", "utf8");
const worker = readFileSync("workers/digest/wrangler.toml", "utf8");
/** The Worker's file with one [vars] line added. */
const withVar = (toml: string, line: string) => toml.replace(/^\[vars\]$/m, `[vars]\n${line}`);

describe("the scheduled Worker's configuration", () => {
  it("as shipped, binds the Pages project's D1 database and shares its k, promise and retention terms", () => {
    expect(digestConfigProblems(pages, worker)).toEqual([]);
  });

  it("refuses another database, a drifted k or retention term, and a clock pin, naming each", () => {
    const otherDb = worker.replace(/^database_id\s*=\s*"[^"]*"/m, 'database_id = "11111111-1111-4111-8111-111111111111"');
    expect(digestConfigProblems(pages, otherDb)).toEqual([expect.stringMatching(/^database_id: /)]);
    const otherK = worker.replace(/^MIN_GROUP_SIZE\s*=\s*"[^"]*"/m, 'MIN_GROUP_SIZE = "3"');
    expect(digestConfigProblems(pages, otherK)).toEqual([expect.stringMatching(/^MIN_GROUP_SIZE: .*"5".*"3"/)]);
    // the site states 30 days on /results/access/: a Worker left on the default would delete on another term
    const pagesTerm = withVar(pages, 'RETENTION_COMMENT_DAYS = "30"');
    expect(digestConfigProblems(withVar(pages, 'RETENTION_COMMENT_DAYS = "60"'), worker)).toEqual([
      expect.stringMatching(/^RETENTION_COMMENT_DAYS: /),
    ]);
    expect(digestConfigProblems(pagesTerm, withVar(worker, 'RETENTION_COMMENT_DAYS = "30"'))).toEqual([]);
    expect(digestConfigProblems(pages, withVar(worker, 'CANDOR_TODAY = "2026-11-30"'))).toEqual([expect.stringMatching(/^CANDOR_TODAY: /)]);
  });

  it("shares every retention term the retention run reads", () => {
    for (const name of ["RETENTION_IDEA_TEXT_DAYS", "RETENTION_COMMENT_DAYS", "RETENTION_ANSWER_DAYS", "RETENTION_RETRY_DAYS"])
      expect(SHARED_VARS).toContain(name);
  });

  it("runs once a day at one fixed hour and minute, whatever happened", () => {
    const crons = /^crons\s*=\s*\[(.*)\]/m.exec(worker)?.[1]?.match(/"[^"]*"/g) ?? [];
    expect(crons).toHaveLength(1);
    expect(crons[0]).toMatch(/^"([0-5]?\d) ([01]?\d|2[0-3]) \* \* \*"$/);
  });
});
