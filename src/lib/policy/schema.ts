// The reward policy's content model: one document per version, every number
// stated once, every text in every locale. The same schema checks the files at
// build time (src/lib/policy/parse.ts) and types the pages and the calculator.
import { z } from "zod";
import { LOCALES, type Locale } from "#i18n/config.ts";

// --- shared pieces

/** A text in every locale: `{ en: "…", "zh-cn": "…" }`. A missing translation is a build error, not a fallback. */
export const ZLocalized = z.strictObject(
  Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().min(1, `the ${l} text is empty`)])) as Record<Locale, z.ZodString>,
);
export type TLocalized = Record<Locale, string>;

const slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, "use lower-case letters, digits and hyphens, starting with a letter (e.g. first-contact-resolution)");

const finite = z.number().refine(Number.isFinite, { message: "must be a finite number", params: { problem: "finite" } });

// --- criteria (the KPIs)

export const UNITS = ["percent", "minutes", "seconds", "points", "per-thousand"] as const;
export type TUnit = (typeof UNITS)[number];

export const ZCriterion = z
  .strictObject({
    id: slug,
    name: ZLocalized,
    /** What it measures and why it matters. */
    measures: ZLocalized,
    /** Where the number comes from (system, audit, survey). */
    source: ZLocalized,
    /** How it is computed. */
    formula: ZLocalized,
    /** Over which period one value is computed. */
    period: ZLocalized,
    unit: z.enum(UNITS),
    direction: z.enum(["higher", "lower"]),
    /** Share of the weighted score, in percent; the weights of a version add up to 100. */
    weight: finite.gt(0, "a weight must be above 0 (remove the criterion instead)").max(100),
    /** Where the criterion earns its full points. */
    target: finite,
    /** Where it earns none; between threshold and target points grow linearly. */
    threshold: finite,
    /** The range an entered value may take (the calculator's input limits). */
    range: z.strictObject({ min: finite, max: finite }),
  })
  .superRefine((c, ctx) => {
    if (c.range.min >= c.range.max)
      ctx.addIssue({ code: "custom", path: ["range"], params: { problem: "range_order" }, message: "range.min must be below range.max" });
    if (c.target === c.threshold) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        params: { problem: "target_is_threshold" },
        message: "target and threshold must differ",
      });
    } else if (c.direction === "higher" && c.target < c.threshold) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        params: { problem: "target_above", target: c.target, threshold: c.threshold },
        message: `higher is better, so the target (${c.target}) must be above the threshold (${c.threshold})`,
      });
    } else if (c.direction === "lower" && c.target > c.threshold) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        params: { problem: "target_below", target: c.target, threshold: c.threshold },
        message: `lower is better, so the target (${c.target}) must be below the threshold (${c.threshold})`,
      });
    }
    for (const key of ["target", "threshold"] as const) {
      if (c[key] < c.range.min || c[key] > c.range.max) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          params: { problem: "outside_range", value: c[key], min: c.range.min, max: c.range.max },
          message: `${key} ${c[key]} is outside range ${c.range.min}–${c.range.max}`,
        });
      }
    }
  });
export type TCriterion = z.infer<typeof ZCriterion>;

// --- reward forms, tiers

export const ZRewardForm = z.strictObject({
  id: slug,
  name: ZLocalized,
  kind: z.enum(["material", "non-material"]),
  description: ZLocalized,
});
export type TRewardForm = z.infer<typeof ZRewardForm>;

/** One reward a tier brings: a reward form, optionally with a bonus size, and what exactly it is. */
export const ZTierReward = z.strictObject({
  form: slug,
  /** Performance bonus as a percentage of the cycle's base pay. */
  percentOfBase: finite.gt(0).max(100).optional(),
  detail: ZLocalized.optional(),
});
export type TTierReward = z.infer<typeof ZTierReward>;

export const ZMinimum = z.strictObject({
  criterion: slug,
  /** For a higher-is-better criterion "at least", for a lower-is-better one "at most". */
  value: finite,
});
export type TMinimum = z.infer<typeof ZMinimum>;

export const ZTier = z.strictObject({
  id: slug,
  name: ZLocalized,
  description: ZLocalized.optional(),
  rule: z.strictObject({
    /** Weighted score (0–100) needed, inclusive. */
    minScore: finite.min(0).max(100),
    minimums: z.array(ZMinimum).default([]),
  }),
  rewards: z.array(ZTierReward).default([]),
});
export type TTier = z.infer<typeof ZTier>;

// --- cycles, incentives, channels, budget

export const CYCLE_KINDS = ["monthly", "quarterly", "semi-annual", "annual", "long-term"] as const;
export const ZCycle = z.strictObject({
  id: z.enum(CYCLE_KINDS),
  name: ZLocalized,
  evaluates: ZLocalized,
  published: ZLocalized,
  paid: ZLocalized,
  rewards: z.array(slug).default([]),
});
export type TCycle = z.infer<typeof ZCycle>;

export const ZIncentive = z.strictObject({
  id: slug,
  name: ZLocalized,
  description: ZLocalized,
});
export type TIncentive = z.infer<typeof ZIncentive>;

export const ZChannel = z.strictObject({
  id: slug,
  name: ZLocalized,
  description: ZLocalized,
  /** A page of this portal ("/surveys"), localised when rendered. */
  href: z
    .string()
    .regex(/^\/[a-z0-9/-]*$/, "a path inside the portal, like /surveys")
    .optional(),
});
export type TChannel = z.infer<typeof ZChannel>;

export const ZBudget = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as CNY"),
  /** Reward spend allowed per year for the whole programme. */
  annual: finite.gt(0),
  note: ZLocalized,
});

/**
 * What prompted a change in this version: a staff forum, a survey, or an idea
 * from the suggestion box (by id), and which change it led to. Forum and
 * survey ids are checked at build; ideas live in the database and link to the
 * board.
 */
export const ZPrompt = z.strictObject({
  kind: z.enum(["forum", "survey", "idea"]),
  id: z.string().min(1),
  change: ZLocalized,
});
export type TPrompt = z.infer<typeof ZPrompt>;

// --- the version document

export const ZPolicyVersion = z
  .strictObject({
    /** YYYY-MM of the effective month; also the URL (/policy/2026-07/) and the file name. */
    version: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a version id is the effective month, YYYY-MM"),
    effective: z.iso.date("the effective date is YYYY-MM-DD"),
    status: z.enum(["draft", "current", "superseded"]),
    title: ZLocalized,
    /** What changed, written for employees. */
    summary: ZLocalized,
    criteria: z.array(ZCriterion).min(1, "a policy needs at least one criterion"),
    tiers: z.array(ZTier).min(2, "a policy needs at least two tiers"),
    cycles: z.array(ZCycle).min(1),
    rewardForms: z.array(ZRewardForm).min(1),
    incentives: z.array(ZIncentive).default([]),
    channels: z.array(ZChannel).default([]),
    budget: ZBudget.optional(),
    promptedBy: z.array(ZPrompt).default([]),
    /** Rendered HTML of the optional <version>.<locale>.md prose, filled in by the loader. */
    prose: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((p, ctx) => {
    if (!p.effective.startsWith(p.version)) {
      ctx.addIssue({
        code: "custom",
        path: ["effective"],
        params: { problem: "effective_month", version: p.version },
        message: `effective date ${p.effective} is not in version month ${p.version}`,
      });
    }
    unique(p.criteria, "criteria", ctx);
    unique(p.tiers, "tiers", ctx);
    unique(p.cycles, "cycles", ctx);
    unique(p.rewardForms, "rewardForms", ctx);
    unique(p.incentives, "incentives", ctx);
    unique(p.channels, "channels", ctx);

    const total = p.criteria.reduce((sum, c) => sum + c.weight, 0);
    if (Math.abs(total - 100) > 1e-9) {
      const list = p.criteria.map((c) => `${c.id} ${c.weight}%`).join(", ");
      ctx.addIssue({
        code: "custom",
        path: ["criteria"],
        params: { problem: "weights_sum", total: round(total) },
        message: `criterion weights must add up to 100%, but they add up to ${round(total)}% (${list})`,
      });
    }

    const criteria = new Map(p.criteria.map((c) => [c.id, c]));
    const forms = new Set(p.rewardForms.map((f) => f.id));
    const known = (set: Iterable<string>) => [...set].join(", ");
    p.tiers.forEach((tier, i) => {
      const prev = p.tiers[i - 1];
      if (prev && tier.rule.minScore >= prev.rule.minScore) {
        ctx.addIssue({
          code: "custom",
          path: ["tiers", i, "rule", "minScore"],
          params: { problem: "tier_order", above: prev.rule.minScore },
          message: `tiers are listed best first, so tier "${tier.id}" needs a lower minScore than "${prev.id}" (${prev.rule.minScore}), not ${tier.rule.minScore}`,
        });
      }
      tier.rule.minimums.forEach((m, j) => {
        const c = criteria.get(m.criterion);
        if (!c) {
          ctx.addIssue({
            code: "custom",
            path: ["tiers", i, "rule", "minimums", j, "criterion"],
            params: { problem: "unknown_criterion", criterion: m.criterion },
            message: `tier "${tier.id}" has a minimum for unknown criterion "${m.criterion}" (known: ${known(criteria.keys())})`,
          });
        } else if (m.value < c.range.min || m.value > c.range.max) {
          ctx.addIssue({
            code: "custom",
            path: ["tiers", i, "rule", "minimums", j, "value"],
            params: { problem: "outside_range", value: m.value, min: c.range.min, max: c.range.max },
            message: `tier "${tier.id}": minimum ${m.value} for "${c.id}" is outside its range ${c.range.min}–${c.range.max}`,
          });
        }
      });
      // diff.ts keys minimums by criterion and rewards by form: a second entry would silently vanish there.
      duplicates(tier.rule.minimums, (m) => m.criterion).forEach((j) => {
        ctx.addIssue({
          code: "custom",
          path: ["tiers", i, "rule", "minimums", j, "criterion"],
          params: { problem: "two_minimums" },
          message: `tier "${tier.id}" has two minimums for "${tier.rule.minimums[j]!.criterion}": keep one`,
        });
      });
      duplicates(tier.rewards, (r) => r.form).forEach((j) => {
        ctx.addIssue({
          code: "custom",
          path: ["tiers", i, "rewards", j, "form"],
          params: { problem: "reward_twice" },
          message: `tier "${tier.id}" gives reward form "${tier.rewards[j]!.form}" twice: merge them into one reward`,
        });
      });
      // Tiers must nest: reaching a tier has to mean reaching every tier below
      // it, or a high score could skip a lower tier's condition (90 points with
      // a failed audit landing above the tier that demands the audit). The
      // score bands already nest; the minimums must too. Checking each pair of
      // neighbours is enough, since "at least as strict" is transitive.
      const below = p.tiers[i + 1];
      if (below) {
        for (const m of below.rule.minimums) {
          const c = criteria.get(m.criterion);
          if (!c) continue; // reported above as an unknown criterion
          const own = tier.rule.minimums.find((x) => x.criterion === m.criterion);
          const bound = `${c.id} ${c.direction === "higher" ? "at least" : "at most"} ${m.value}`;
          if (!own) {
            ctx.addIssue({
              code: "custom",
              path: ["tiers", i, "rule", "minimums"],
              params: { problem: "tier_nesting", below: below.id, bound },
              message: `tier "${tier.id}" must also require ${bound}, as the tier below it ("${below.id}") does: a higher tier's conditions include every lower tier's`,
            });
          } else if (c.direction === "higher" ? own.value < m.value : own.value > m.value) {
            ctx.addIssue({
              code: "custom",
              path: ["tiers", i, "rule", "minimums", tier.rule.minimums.indexOf(own), "value"],
              params: { problem: "tier_nesting", below: below.id, bound },
              message: `tier "${tier.id}" requires ${c.id} ${c.direction === "higher" ? "at least" : "at most"} ${own.value}, less strict than the tier below it ("${below.id}": ${bound})`,
            });
          }
        }
      }
      tier.rewards.forEach((r, j) => {
        if (!forms.has(r.form)) {
          ctx.addIssue({
            code: "custom",
            path: ["tiers", i, "rewards", j, "form"],
            params: { problem: "unknown_form", form: r.form },
            message: `tier "${tier.id}" gives unknown reward form "${r.form}" (known: ${known(forms)})`,
          });
        }
      });
    });
    const last = p.tiers.at(-1);
    if (last && (last.rule.minScore !== 0 || last.rule.minimums.length > 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["tiers", p.tiers.length - 1, "rule"],
        params: { problem: "last_tier" },
        message: `the last tier ("${last.id}") is where everyone else lands: it needs minScore 0 and no minimums`,
      });
    }
    p.cycles.forEach((cycle, i) =>
      cycle.rewards.forEach((form, j) => {
        if (!forms.has(form)) {
          ctx.addIssue({
            code: "custom",
            path: ["cycles", i, "rewards", j],
            params: { problem: "unknown_form", form },
            message: `cycle "${cycle.id}" pays unknown reward form "${form}" (known: ${known(forms)})`,
          });
        }
      }),
    );
  });

export type TPolicyVersion = z.infer<typeof ZPolicyVersion>;
/** What authors write: defaults not yet applied. */
export type TPolicyVersionInput = z.input<typeof ZPolicyVersion>;

function unique(items: { id: string }[], path: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id))
      ctx.addIssue({
        code: "custom",
        path: [path, i, "id"],
        params: { problem: "duplicate_id", id: item.id },
        message: `duplicate id "${item.id}" in ${path}`,
      });
    seen.add(item.id);
  });
}

/** Indexes of the items whose key already appeared earlier in the list. */
function duplicates<T>(items: T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) out.push(i);
    seen.add(k);
  });
  return out;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
