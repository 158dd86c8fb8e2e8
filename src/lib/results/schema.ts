// A cycle's published results: src/content/results/<cycle>.json. The file
// holds only what is published — team-level figures and counts of at least k
// people (a smaller count is written null and shown as "fewer than k") — so
// nothing about a small group is ever stored in the repository either. The
// rules that need the policy (criteria, ranges, tiers, fingerprint) are
// checked across files by parse.ts.
import { z } from "zod";
import { ZLocalized } from "../policy/schema.ts";
import { FINGERPRINT_PATTERN } from "../policy/fingerprint.ts";
import { CYCLE_ID_PATTERN } from "./period.ts";

const count = z.number().int("a count is a whole number").min(0);
/** A count of people: a number (0 or at least k), or null = withheld (1 to k−1 people). */
const peopleCount = count.nullable();
const day = z.iso.date("a day is written YYYY-MM-DD");

export const ZScoreBand = z.strictObject({
  /** Weighted score, inclusive. */
  from: z.number().min(0).max(100),
  /** Exclusive, except 100, which closes the last band. */
  to: z.number().min(0).max(100),
  count,
});
export type TScoreBand = z.infer<typeof ZScoreBand>;

export const ZActivity = z.strictObject({
  date: day,
  name: ZLocalized,
});

export const ZCycleResults = z.strictObject({
  cycle: z.string().regex(CYCLE_ID_PATTERN, "a cycle id is 2026-10 (month), 2026-Q3 (quarter), 2026-H1 (half-year) or 2025 (year)"),
  /** The day HR published the results; after the period ends. */
  published: day,
  /** The policy version in force for the whole period, and the SHA-256 of its canonical form when the results were published. */
  policy: z.strictObject({
    version: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a version id is YYYY-MM"),
    fingerprint: z.string().regex(FINGERPRINT_PATTERN, "64 lower-case hex digits (SHA-256)"),
  }),
  /** Supervisors evaluated in the cycle. */
  headcount: count,
  /** Team-level value of each criterion of the version, in the criterion's unit. */
  kpis: z.record(z.string(), z.number().refine(Number.isFinite, { message: "must be a finite number", params: { problem: "finite" } })),
  /** Supervisors per tier id, or "withheld" when no tier count can be shown without revealing a small one. */
  tiers: z.union([z.literal("withheld"), z.record(z.string(), peopleCount)]),
  /** Weighted scores in bands of at least k people, lowest first (written by `npm run results:import`). */
  scoreBands: z.array(ZScoreBand).optional(),
  /** Reward spend in the cycle, in the budget's currency. */
  spend: z.number().min(0).optional(),
  promotions: peopleCount,
  training: z.strictObject({ courses: count, hours: z.number().min(0), people: peopleCount }),
  activities: z.array(ZActivity).default([]),
  commentary: ZLocalized,
});
export type TCycleResults = z.infer<typeof ZCycleResults>;
export type TCycleResultsInput = z.input<typeof ZCycleResults>;
