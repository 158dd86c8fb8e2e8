// The figures behind docs/capacity.md: what one survey response costs in
// storage and in database time, and what the aggregation endpoints cost once
// a survey has 100,000 responses. The responses (answer sets drawn with the
// demo's sampler and checked by the server's validator, reused in turn) are
// written straight into a fresh local D1's SQLite file; the real Functions
// bundle then serves it in workerd (Miniflare), like `wrangler pages dev`.
// The baseline is GET /api/health against the same database.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { migrate } from "../scripts/db.ts";
import { TMP_DIR } from "../scripts/env.ts";
import { findSurvey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { validateAnswers, type AnswerRow } from "#lib/surveys/validate.ts";
import { freshState } from "../test/e2e/server.ts";
import { median, ratio, sqliteFile, type Bench, type BenchRow } from "./lib.ts";

const DIR = `${TMP_DIR}/bench-capacity`;
const SURVEY = "reward-survey-2026-h1";
const RESPONSES = Number(process.env.CAPACITY_RESPONSES ?? 100_000);
/** Responses written one transaction each, as D1 commits a submission's batch: the database time one submission costs. */
const ONE_BY_ONE = 5_000;
const SETS = 1_000;
const RUNS = 3;

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** Writes `count` responses; with `oneByOne`, each in its own transaction. Returns ms per response. */
function writeResponses(db: DatabaseSync, sets: AnswerRow[][], count: number, offset: number, oneByOne: boolean): number {
  const survey = findSurvey(SURVEY)!;
  const days = ["2026-06-15", "2026-06-16", "2026-06-17", "2026-06-20", "2026-06-24", "2026-06-30"];
  const submission = db.prepare("INSERT INTO survey_submissions (submission_hash, survey_id) VALUES (?, ?)");
  const response = db.prepare("INSERT INTO survey_responses (id, survey_id, survey_version, day) VALUES (?, ?, ?, ?)");
  const answer = db.prepare("INSERT INTO survey_answers (response_id, survey_id, question, num, text, json) VALUES (?, ?, ?, ?, ?, ?)");
  const started = performance.now();
  if (!oneByOne) db.exec("BEGIN");
  for (let i = offset; i < offset + count; i++) {
    if (oneByOne) db.exec("BEGIN");
    const id = hex(16);
    submission.run(hex(32), SURVEY);
    response.run(id, SURVEY, survey.version, days[i % days.length]!);
    for (const row of sets[i % sets.length]!) answer.run(id, SURVEY, row.question, row.num, row.text, row.json);
    if (oneByOne) db.exec("COMMIT");
  }
  if (!oneByOne) db.exec("COMMIT");
  return (performance.now() - started) / count;
}

const bench: Bench = async () => {
  await mkdir(DIR, { recursive: true });
  const state = join(DIR, "state");
  await freshState(state);
  await migrate(state);

  const survey = findSurvey(SURVEY)!;
  const sets: AnswerRow[][] = [];
  for (let i = 0; sets.length < SETS; i++) {
    const answers = sampleAnswers(survey.definition, survey.questions, seededRandom(i), {
      comments: ["A written answer."],
      commentRate: 0.3,
    });
    const checked = validateAnswers(survey.definition, answers, "en", survey.questions);
    if (checked.ok) sets.push(checked.rows);
  }
  const answersPerResponse = sets.reduce((n, s) => n + s.length, 0) / sets.length;

  const db = new DatabaseSync(await sqliteFile(state));
  const size = () => {
    const pages = db.prepare("PRAGMA page_count").get() as { page_count: number };
    const pageSize = db.prepare("PRAGMA page_size").get() as { page_size: number };
    return pages.page_count * pageSize.page_size;
  };
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const empty = size();
  const msEach = writeResponses(db, sets, ONE_BY_ONE, 0, true);
  writeResponses(db, sets, RESPONSES - ONE_BY_ONE, ONE_BY_ONE, false);
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const full = size();
  db.close();

  // the real bundle, in workerd, over that database
  const out = join(DIR, "worker");
  execFileSync("npx", ["wrangler", "pages", "functions", "build", "functions", "--outdir", out], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const bundle = await readFile(join(out, "index.js"), "utf8");
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      name: "capacity",
      modules: [{ type: "ESModule", path: "index.js", contents: bundle }],
      modulesRoot: "/",
      compatibilityDate: "2026-11-01",
      compatibilityFlags: ["nodejs_compat"],
      d1Databases: { DB: "00000000-0000-4000-8000-000000000000" },
      resourcePersistencePath: join(state, "v3"),
      bindings: { MIN_GROUP_SIZE: "5", CANDOR_ENV: "test", CANDOR_TODAY: "2026-11-30" },
    }),
  );
  const timed = async (path: string) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const res = await mf.dispatchFetch(`http://candor.local${path}`);
      const body = await res.text();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${body}`);
      times.push(performance.now() - started);
    }
    return median(times);
  };
  let health: number, results: number, stats: number, list: number;
  try {
    await mf.ready;
    await timed("/api/health"); // start-up
    health = await timed("/api/health");
    results = await timed(`/api/surveys/${SURVEY}/results`);
    stats = await timed(`/api/surveys/${SURVEY}/stats`);
    list = await timed("/api/surveys");
  } finally {
    await mf.dispose();
  }

  const perResponse = (full - empty) / RESPONSES;
  const name = `capacity ${SURVEY}, ${RESPONSES.toLocaleString("en")} responses`;
  return [
    {
      bench: name,
      measure: `answers per response (${survey.questions.length} questions)`,
      value: Number(answersPerResponse.toFixed(1)),
      unit: "rows",
    },
    { bench: name, measure: "database size", value: Number((full / 1024 / 1024).toFixed(1)), unit: "MiB" },
    {
      bench: name,
      measure: "bytes per response, answers and indexes included",
      value: Math.round(perResponse),
      unit: `B (${Math.round(perResponse / answersPerResponse)} B per answer)`,
    },
    {
      bench: name,
      measure: `writing one response in its own transaction (local SQLite, ${ONE_BY_ONE.toLocaleString("en")} in a row)`,
      value: Number(msEach.toFixed(3)),
      unit: `ms (${Math.round(1000 / msEach)}/s on one writer)`,
    },
    { bench: name, measure: "GET /api/health (baseline)", value: Math.round(health), unit: "ms" },
    {
      bench: name,
      measure: "GET /api/surveys/{id}/results",
      value: Math.round(results),
      unit: "ms",
      "vs baseline": ratio(results, health),
    },
    { bench: name, measure: "GET /api/surveys/{id}/stats", value: Math.round(stats), unit: "ms", "vs baseline": ratio(stats, health) },
    {
      bench: name,
      measure: "GET /api/surveys (every survey's count)",
      value: Math.round(list),
      unit: "ms",
      "vs baseline": ratio(list, health),
    },
  ] satisfies BenchRow[];
};
export default bench;
