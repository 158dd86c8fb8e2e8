// "What changed" between two policy versions, computed from the data (never a
// text diff): items are matched by id, so a renamed tier is one change
// ("name: Good → Solid"), not a removal plus an addition.
import type { TLocalized, TPolicyVersion, TTierReward } from "./schema.ts";

export const SECTIONS = ["criteria", "tiers", "cycles", "rewardForms", "incentives", "channels", "general"] as const;
export type Section = (typeof SECTIONS)[number];

export type FieldValue = number | string | string[] | TLocalized | TTierReward | { min: number; max: number } | null;

export interface FieldChange {
  field: string;
  /** For keyed sub-items: the criterion of a tier minimum, the reward form of a tier reward. */
  key?: string;
  /** null when the sub-item was added (from) or removed (to). */
  from: FieldValue;
  to: FieldValue;
}

export interface ItemChange {
  section: Section;
  change: "added" | "removed" | "changed";
  id: string;
  /** The item's name in the newer version (or the only one it exists in). */
  name: TLocalized | null;
  fields: FieldChange[];
}

export interface PolicyDiff {
  from: string;
  to: string;
  changes: ItemChange[];
}

type Item = { id: string; name: TLocalized };

/** The fields compared per section; each is shown with the label "policy.field.<field>". */
export const FIELDS = {
  general: ["budget.annual", "budget.currency", "budget.note"],
  criteria: ["name", "measures", "source", "formula", "period", "unit", "direction", "weight", "target", "threshold", "range"],
  /** minimum and reward are keyed sub-items (by criterion, by reward form). */
  tiers: ["name", "description", "minScore", "minimum", "reward"],
  cycles: ["name", "evaluates", "published", "paid", "rewards"],
  rewardForms: ["name", "kind", "description"],
  incentives: ["name", "description"],
  channels: ["name", "description", "href"],
} as const satisfies Record<Section, readonly string[]>;

export function diffPolicies(a: TPolicyVersion, b: TPolicyVersion): PolicyDiff {
  const changes: ItemChange[] = [];

  const general: FieldChange[] = [];
  compareField(general, "budget.annual", a.budget?.annual ?? null, b.budget?.annual ?? null);
  compareField(general, "budget.currency", a.budget?.currency ?? null, b.budget?.currency ?? null);
  compareField(general, "budget.note", a.budget?.note ?? null, b.budget?.note ?? null);
  if (general.length > 0) changes.push({ section: "general", change: "changed", id: "general", name: null, fields: general });

  changes.push(...diffItems("criteria", a.criteria, b.criteria, (x, y) => compareFields(FIELDS.criteria, x, y)));
  changes.push(
    ...diffItems("tiers", a.tiers, b.tiers, (x, y) => {
      const out = compareFields(["name", "description"], x, y);
      compareField(out, "minScore", x.rule.minScore, y.rule.minScore);
      compareKeyed(
        out,
        "minimum",
        x.rule.minimums,
        y.rule.minimums,
        (m) => m.criterion,
        (m) => m.value,
      );
      compareKeyed(
        out,
        "reward",
        x.rewards,
        y.rewards,
        (r) => r.form,
        (r) => r,
      );
      return out;
    }),
  );
  changes.push(...diffItems("cycles", a.cycles, b.cycles, (x, y) => compareFields(FIELDS.cycles, x, y)));
  changes.push(...diffItems("rewardForms", a.rewardForms, b.rewardForms, (x, y) => compareFields(FIELDS.rewardForms, x, y)));
  changes.push(...diffItems("incentives", a.incentives, b.incentives, (x, y) => compareFields(FIELDS.incentives, x, y)));
  changes.push(...diffItems("channels", a.channels, b.channels, (x, y) => compareFields(FIELDS.channels, x, y)));

  return { from: a.version, to: b.version, changes };
}

function diffItems<T extends Item>(section: Section, before: T[], after: T[], compare: (x: T, y: T) => FieldChange[]): ItemChange[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const now = new Map(after.map((item) => [item.id, item]));
  const out: ItemChange[] = [];
  for (const item of after) {
    const prev = old.get(item.id);
    if (!prev) out.push({ section, change: "added", id: item.id, name: item.name, fields: [] });
    else {
      const fields = compare(prev, item);
      if (fields.length > 0) out.push({ section, change: "changed", id: item.id, name: item.name, fields });
    }
  }
  for (const item of before) {
    if (!now.has(item.id)) out.push({ section, change: "removed", id: item.id, name: item.name, fields: [] });
  }
  return out;
}

function compareFields<T extends object>(fields: readonly string[], x: T, y: T): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fields) {
    compareField(
      out,
      field,
      ((x as Record<string, unknown>)[field] ?? null) as FieldValue,
      ((y as Record<string, unknown>)[field] ?? null) as FieldValue,
    );
  }
  return out;
}

function compareField(out: FieldChange[], field: string, from: FieldValue, to: FieldValue): void {
  if (!same(from, to)) out.push({ field, from, to });
}

function compareKeyed<T>(
  out: FieldChange[],
  field: string,
  before: T[],
  after: T[],
  key: (t: T) => string,
  value: (t: T) => FieldValue,
): void {
  const old = new Map(before.map((t) => [key(t), value(t)]));
  const now = new Map(after.map((t) => [key(t), value(t)]));
  for (const [k, v] of now) {
    const prev = old.has(k) ? old.get(k)! : null;
    if (!same(prev, v)) out.push({ field, key: k, from: prev, to: v });
  }
  for (const [k, v] of old) if (!now.has(k)) out.push({ field, key: k, from: v, to: null });
}

/** Structural equality for JSON-like values (key order does not matter). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
