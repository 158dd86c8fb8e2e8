// Results from the daily tallies equal results from the raw answers
// (src/server/db/tallies.ts), on generated data: random responses over random
// days, read at random moments (which rolls the past days up), then more
// responses written into days already rolled up and some deleted — as demo
// data, tests or an operator could — which must make those days stale, not
// wrong. Compared: the aggregates themselves, the results at several k, and
// the results first cut with one k and published under a raised one.
import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "#lib/clock.ts";
import { breakdownQuestions, segmentSpecs, snapshotBreakdown, type JointTally } from "#lib/surveys/breakdown.ts";
import { publishWithK } from "#lib/surveys/raised-k.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { buildResults, type RawAggregates } from "#lib/surveys/results.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import type { DayAggregates } from "#lib/surveys/aggregates.ts";
import { validateAnswers } from "#lib/surveys/validate.ts";
import { storeResponse } from "#server/db/responses.ts";
import {
  readAggregates,
  readRawAggregates,
  readRawDailyAggregates,
  readRawSegmentTallies,
  readSegmentTallies,
} from "#server/db/surveys.ts";
import { runs } from "../support/fast-check.ts";

const FIRST = "2026-03-01";

/** Order-free form of aggregates: the same figures compare equal whatever order SQL returned them in. */
function normal(raw: RawAggregates) {
  const key = (...parts: unknown[]) => JSON.stringify(parts);
  return {
    responses: raw.responses,
    answered: Object.fromEntries(Object.entries(raw.answered).sort(([a], [b]) => (a < b ? -1 : 1))),
    scalars: raw.scalars.map((s) => key(s.question, s.value, s.n)).sort(),
    items: raw.items.map((i) => key(i.question, i.item, i.n, i.rankSum)).sort(),
  };
}
const normalDays = (days: DayAggregates[]) => days.map((d) => ({ day: d.day, raw: normal(d.raw) }));
const normalCells = (tallies: JointTally[]) =>
  tallies
    .map((t) =>
      JSON.stringify([
        t.groups,
        t.responses,
        Object.entries(t.answers)
          .map(([q, v]) => [q, Object.entries(v).sort()])
          .sort(),
      ]),
    )
    .sort();

const step = fc.oneof(
  // responses committed on a day (0 = the first day), seeded answers
  fc.record({
    kind: fc.constant("add" as const),
    day: fc.integer({ min: 0, max: 9 }),
    count: fc.integer({ min: 1, max: 6 }),
    seed: fc.nat(),
  }),
  // a read of everything before `today`, the first day counted as today
  fc.record({ kind: fc.constant("read" as const), today: fc.integer({ min: 0, max: 11 }), before: fc.integer({ min: 0, max: 12 }) }),
  // a response removed from a day, wherever it is
  fc.record({ kind: fc.constant("delete" as const), day: fc.integer({ min: 0, max: 9 }) }),
);

let version = 1000;

describe("results from daily tallies", () => {
  it("equal results from the raw answers, whatever was written, read and deleted in whichever order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SURVEYS), fc.array(step, { minLength: 2, maxLength: 8 }), async (survey, steps) => {
        // a version of its own per run, so runs never see each other's tallies
        const v = ++version;
        const specs = survey.questions;
        const tallied = { ...survey, version: v };
        let n = 0;
        const check = async (today: string, before: string) => {
          const fromTallies = await readAggregates(env, tallied, today, before);
          const raw = await readRawAggregates(env, survey.id, v, specs, "0000-01-01", before);
          expect(normal(fromTallies)).toEqual(normal(raw));
          const all = await readAggregates(env, tallied, today);
          expect(normal(all)).toEqual(normal(await readRawAggregates(env, survey.id, v, specs, "0000-01-01", "9999-12-31")));
          for (const k of [3, 5, 8]) expect(buildResults(specs, fromTallies, k)).toEqual(buildResults(specs, raw, k));

          // the per-day counts the raw aggregates add up, one day at a time, add up to the same
          const rawDays = await readRawDailyAggregates(env, survey.id, v, specs, "0000-01-01", before);
          expect(normalDays(rawDays).reduce((n, d) => n + d.raw.responses, 0)).toBe(raw.responses);
          // first cut with 3, published under a raised 6
          expect(publishWithK(specs, fromTallies, 3, 6)).toEqual(publishWithK(specs, raw, 3, 6));

          // segments: the cross-tabulation per day and over all days, and the breakdown it gives at several k
          const segments = survey.segments ?? [];
          if (segments.length > 0) {
            const questions = breakdownQuestions(specs, segments);
            const names = questions.map((q) => q.name);
            const cells = await readSegmentTallies(env, tallied, segments, names, today);
            const rawCells = await readRawSegmentTallies(env, tallied, segments, names);
            expect(normalCells(cells)).toEqual(normalCells(rawCells));
            for (const k of [3, 6]) {
              const snapshot = (t: JointTally[]) => snapshotBreakdown(t, segmentSpecs(specs, segments), questions, k);
              expect(snapshot(cells)).toEqual(snapshot(rawCells));
            }
          }
          // the comments written with every other response never reach a tally
          const texts = await env.DB.prepare("SELECT text FROM survey_tallies WHERE survey_version = ?1 AND text IS NOT NULL")
            .bind(v)
            .all();
          expect(JSON.stringify(texts.results)).not.toContain("Fine.");
        };
        for (const s of steps) {
          if (s.kind === "add") {
            for (let i = 0; i < s.count; i++) {
              const answers = sampleAnswers(survey.definition, specs, seededRandom(s.seed + i), { comments: ["Fine."], commentRate: 0.5 });
              const checked = validateAnswers(survey.definition, answers, "en", specs);
              if (!checked.ok) throw new Error(`sample answers invalid: ${JSON.stringify(checked.fields)}`);
              await storeResponse(env, {
                surveyId: survey.id,
                surveyVersion: v,
                day: addDays(FIRST, s.day),
                rows: checked.rows,
                submissionId: `tally-${v}-${++n}`,
              });
            }
          } else if (s.kind === "delete") {
            await env.DB.prepare(
              "DELETE FROM survey_responses WHERE id = (SELECT id FROM survey_responses WHERE survey_id = ?1 AND survey_version = ?2 AND day = ?3 LIMIT 1)",
            )
              .bind(survey.id, v, addDays(FIRST, s.day))
              .run();
          } else {
            await check(addDays(FIRST, s.today), addDays(FIRST, s.before));
          }
        }
        await check(addDays(FIRST, 12), addDays(FIRST, 12));
      }),
      { numRuns: runs(30) },
    );
  }, 120_000);

  it("roll each past day up once: a second read writes nothing", async () => {
    const survey = SURVEYS[0]!;
    const v = ++version;
    for (let d = 0; d < 3; d++) {
      const answers = sampleAnswers(survey.definition, survey.questions, seededRandom(d));
      const checked = validateAnswers(survey.definition, answers, "en", survey.questions);
      if (!checked.ok) throw new Error("sample answers invalid");
      await storeResponse(env, {
        surveyId: survey.id,
        surveyVersion: v,
        day: addDays(FIRST, d),
        rows: checked.rows,
        submissionId: `once-${v}-${d}`,
      });
    }
    const today = addDays(FIRST, 2);
    const tallied = { ...survey, version: v };
    await readAggregates(env, tallied, today);
    const count = () =>
      env.DB.prepare("SELECT COUNT(*) AS n, MAX(rowid) AS last FROM survey_tallies WHERE survey_id = ?1 AND survey_version = ?2")
        .bind(survey.id, v)
        .first<{ n: number; last: number }>();
    const first = await count();
    expect(first!.n).toBeGreaterThan(0);
    await readAggregates(env, tallied, today);
    await readAggregates(env, tallied, today, today);
    expect(await count()).toEqual(first);
    // today's response is not rolled up: it is read from the answers
    const progress = await env.DB.prepare("SELECT rolled_until FROM survey_tally_progress WHERE survey_id = ?1 AND survey_version = ?2")
      .bind(survey.id, v)
      .first<{ rolled_until: string }>();
    expect(progress?.rolled_until).toBe(today);
    expect((await readAggregates(env, tallied, today)).responses).toBe(3);
  });
});
