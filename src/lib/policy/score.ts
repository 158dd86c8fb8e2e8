// Scoring: the one implementation of "what does this policy give for these
// numbers", used by the tier calculator in the browser and by results pages at
// build time. Pure and dependency-free so the calculator island stays small
// (it imports only types from schema.ts, never zod).
import type { TCriterion, TMinimum } from "./schema.ts";

/** What scoring needs of a criterion and a tier; pages pass full entries, the calculator a trimmed copy. */
export type ScoringCriterion = Pick<TCriterion, "id" | "direction" | "target" | "threshold" | "weight">;
export interface ScoringTier {
  id: string;
  rule: { minScore: number; minimums: TMinimum[] };
}
export interface ScoringPolicy<T extends ScoringTier = ScoringTier> {
  criteria: ScoringCriterion[];
  /** Best first; the last has minScore 0 and no minimums (the schema guarantees it). */
  tiers: T[];
}

/** Entered values per criterion id; undefined, null or NaN means "not entered". */
export type Values = Record<string, number | null | undefined>;

export interface CriterionScore {
  id: string;
  value: number | null;
  /** 0–100: none at the threshold or worse, full at the target or better, linear between. */
  points: number;
  /** points × weight / 100: this criterion's share of the weighted score. */
  contribution: number;
}

export interface UnmetMinimum {
  criterion: string;
  /** The minimum (or, for lower-is-better, maximum) the tier asks for. */
  required: number;
  value: number | null;
  direction: "higher" | "lower";
}

export interface NextTierGap<T extends ScoringTier = ScoringTier> {
  tier: T;
  /** Weighted-score points still needed (0 when the score is already enough). */
  points: number;
  unmet: UnmetMinimum[];
}

export interface ScoreResult<T extends ScoringTier = ScoringTier> {
  criteria: CriterionScore[];
  /** 0–100, rounded to two decimals; tier boundaries are inclusive on this value. */
  score: number;
  /** Criteria with no value: they count as 0 points, so score and tier are a floor until they are entered. */
  missing: string[];
  complete: boolean;
  tier: T;
  /** The tier right above the one reached, and what it still needs; null at the top. */
  next: NextTierGap<T> | null;
}

export function isEntered(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** One criterion's points, 0–100. */
export function criterionPoints(c: Pick<TCriterion, "direction" | "target" | "threshold">, value: number): number {
  // Same formula for both directions: progress from threshold towards target.
  const progress = (value - c.threshold) / (c.target - c.threshold);
  return clamp(progress, 0, 1) * 100;
}

/** Where a value stands against a criterion: at or past its target, between threshold and target, or at or past its threshold. */
export function targetStatus(c: Pick<TCriterion, "direction" | "target" | "threshold">, value: number): "met" | "between" | "missed" {
  const points = criterionPoints(c, value);
  return points >= 100 ? "met" : points <= 0 ? "missed" : "between";
}

/** Whether a value satisfies a tier's per-criterion minimum ("at most" for lower-is-better). */
export function meetsMinimum(direction: "higher" | "lower", value: number | null | undefined, required: number): boolean {
  if (!isEntered(value)) return false;
  return direction === "higher" ? value >= required : value <= required;
}

export function unmetMinimums(policy: ScoringPolicy, tier: ScoringTier, values: Values): UnmetMinimum[] {
  const byId = new Map(policy.criteria.map((c) => [c.id, c]));
  const unmet: UnmetMinimum[] = [];
  for (const m of tier.rule.minimums) {
    const c = byId.get(m.criterion);
    // The schema rejects unknown criteria; a stale results file must not crash a page.
    if (!c) continue;
    const value = values[m.criterion];
    if (!meetsMinimum(c.direction, value, m.value)) {
      unmet.push({ criterion: c.id, required: m.value, value: isEntered(value) ? value : null, direction: c.direction });
    }
  }
  return unmet;
}

export function scorePolicy<T extends ScoringTier>(policy: ScoringPolicy<T>, values: Values): ScoreResult<T> {
  const criteria = policy.criteria.map((c): CriterionScore => {
    const raw = values[c.id];
    const value = isEntered(raw) ? raw : null;
    const points = value === null ? 0 : criterionPoints(c, value);
    return { id: c.id, value, points, contribution: (points * c.weight) / 100 };
  });
  const score = round2(criteria.reduce((sum, c) => sum + c.contribution, 0));
  const missing = criteria.filter((c) => c.value === null).map((c) => c.id);

  // Tiers are listed best first and the last one has no conditions (the schema
  // guarantees it), so some tier is always reached.
  const index = policy.tiers.findIndex((t) => score >= t.rule.minScore && unmetMinimums(policy, t, values).length === 0);
  const reached = index === -1 ? policy.tiers.length - 1 : index;
  const tier = policy.tiers[reached]!;
  const above = reached > 0 ? policy.tiers[reached - 1]! : undefined;
  const next = above
    ? { tier: above, points: round2(Math.max(0, above.rule.minScore - score)), unmet: unmetMinimums(policy, above, values) }
    : null;

  return { criteria, score, missing, complete: missing.length === 0, tier, next };
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

/** Two decimals, so 79.999999… from floating-point sums does not miss an 80 boundary. */
function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}
