import { localized } from "#lib/text/bilingual.ts";
// Turns policy data into reader-facing phrases in one locale, for the pages,
// the calculator's props and the feed. Numbers come from the data only.
import type { Locale } from "#i18n/config.ts";
import type { Translate } from "#i18n/index.ts";
import type { FieldChange, FieldValue, ItemChange } from "#lib/policy/diff.ts";
import { formatMeasure, formatMoney, formatNumber } from "#lib/policy/format.ts";
import { formatList } from "#i18n/translate.ts";
import type { TCriterion, TLocalized, TMinimum, TPolicyVersion, TRewardForm, TTierReward, TUnit } from "#lib/policy/schema.ts";

/** "1 change" / "3 changes" / "共 3 项变更": the plural form the reader's language asks for. */
export function changeCount(t: Translate, count: number): string {
  return t.plural("policy.compare.count", count, { n: formatNumber(t.locale, count) });
}

/** Reward forms named in the reader's language, as one list ("A, B, and C" / "A、B和C"). */
export function rewardFormList(locale: Locale, forms: Pick<TRewardForm, "id" | "name">[], ids: string[]): string {
  return formatList(
    locale,
    ids.map((id) => forms.find((f) => f.id === id)?.name[locale] ?? id),
  );
}

export function describeReward(t: Translate, locale: Locale, forms: TRewardForm[], reward: TTierReward): string {
  const form = forms.find((f) => f.id === reward.form);
  const name = form ? form.name[locale] : reward.form;
  const head =
    reward.percentOfBase !== undefined
      ? t("policy.tiers.bonus", { form: name, percent: formatNumber(locale, reward.percentOfBase) })
      : name;
  return reward.detail ? t("policy.tiers.rewardDetail", { reward: head, detail: localized(reward.detail, locale) }) : head;
}

export function describeMinimum(t: Translate, locale: Locale, criteria: TCriterion[], m: TMinimum): string {
  const c = criteria.find((x) => x.id === m.criterion);
  if (!c) return m.criterion;
  const value = formatMeasure(t, c.unit, m.value);
  return t(c.direction === "higher" ? "policy.tiers.atLeast" : "policy.tiers.atMost", { criterion: c.name[locale], value });
}

// --- what changed

const LOCALIZED_TEXT_FIELDS = new Set([
  "measures",
  "source",
  "formula",
  "period",
  "description",
  "evaluates",
  "published",
  "paid",
  "budget.note",
]);

export interface ChangeLine {
  /** One sentence: "Weight: 30% → 25%". */
  text: string;
  /** For reworded prose: both versions, shown as one text with the changed words marked. */
  before?: string;
  after?: string;
}

/** Everything a change line needs from the two versions it compares. */
export interface DiffContext {
  t: Translate;
  locale: Locale;
  from: TPolicyVersion;
  to: TPolicyVersion;
}

export function changeLines(ctx: DiffContext, change: ItemChange): ChangeLine[] {
  return change.fields.map((f) => describeField(ctx, change, f));
}

function fieldLabel(ctx: DiffContext, f: FieldChange): string {
  const { t, locale, from, to } = ctx;
  if (f.field === "minimum") {
    const c = to.criteria.find((x) => x.id === f.key) ?? from.criteria.find((x) => x.id === f.key);
    return t("policy.field.minimum", { criterion: c ? c.name[locale] : f.key! });
  }
  if (f.field === "reward") {
    const form = to.rewardForms.find((x) => x.id === f.key) ?? from.rewardForms.find((x) => x.id === f.key);
    return t("policy.field.reward", { form: form ? form.name[locale] : f.key! });
  }
  return t(`policy.field.${f.field}` as Parameters<Translate>[0]);
}

function describeField(ctx: DiffContext, change: ItemChange, f: FieldChange): ChangeLine {
  const { t, locale } = ctx;
  const field = fieldLabel(ctx, f);
  if (LOCALIZED_TEXT_FIELDS.has(f.field) && f.from !== null && f.to !== null) {
    return {
      text: t("policy.compare.textChanged", { field }),
      before: localized(f.from as TLocalized, locale),
      after: localized(f.to as TLocalized, locale),
    };
  }
  const show = (v: FieldValue, side: "from" | "to") => formatValue(ctx, change, f, v, side);
  // A reward with no size or detail is fully said by its label ("Reward “Promotion” added").
  if (f.field === "reward" && (f.from === null || f.to === null) && show(f.from ?? f.to, f.from === null ? "to" : "from") === "") {
    return { text: t(f.from === null ? "policy.compare.itemAdded" : "policy.compare.itemRemoved", { field }) };
  }
  if (f.from === null) return { text: t("policy.compare.fieldAdded", { field, to: show(f.to, "to") }) };
  if (f.to === null) return { text: t("policy.compare.fieldRemoved", { field, from: show(f.from, "from") }) };
  return { text: t("policy.compare.fieldChanged", { field, from: show(f.from, "from"), to: show(f.to, "to") }) };
}

function formatValue(ctx: DiffContext, change: ItemChange, f: FieldChange, value: FieldValue, side: "from" | "to"): string {
  const { t, locale } = ctx;
  const version = side === "from" ? ctx.from : ctx.to;
  const criterion = (id: string) => version.criteria.find((c) => c.id === id);
  if (value === null) return "—";
  switch (f.field) {
    case "weight":
      return formatMeasure(t, "percent", value as number);
    case "target":
    case "threshold": {
      const c = criterion(change.id);
      return c ? formatMeasure(t, c.unit, value as number) : String(value);
    }
    case "minimum": {
      const c = criterion(f.key!);
      return c ? formatMeasure(t, c.unit, value as number) : String(value);
    }
    case "minScore":
      return formatNumber(locale, value as number);
    case "range": {
      const r = value as { min: number; max: number };
      return `${formatNumber(locale, r.min)}–${formatNumber(locale, r.max)}`;
    }
    case "unit":
      return t(`policy.unitName.${value as TUnit}`);
    case "direction":
      return t(`policy.direction.${value as "higher" | "lower"}`);
    case "kind":
      return t(`policy.kind.${value as "material" | "non-material"}`);
    case "reward": {
      // The label already names the form: show only its size and detail.
      const r = value as TTierReward;
      const parts = [
        ...(r.percentOfBase !== undefined ? [t("policy.tiers.bonusShort", { percent: formatNumber(locale, r.percentOfBase) })] : []),
        ...(r.detail ? [localized(r.detail, locale)] : []),
      ];
      return parts.join(" — ");
    }
    case "rewards":
      return rewardFormList(locale, version.rewardForms, value as string[]);
    case "budget.annual":
      return formatMoney(locale, version.budget?.currency ?? "CNY", value as number);
    default:
      if (typeof value === "object" && !Array.isArray(value) && locale in value) return `“${(value as TLocalized)[locale]}”`;
      return String(value);
  }
}

/** One line saying what an added (or removed) item is, from the version it exists in. */
export function itemSummary(ctx: DiffContext, change: ItemChange): string | undefined {
  if (change.change === "changed") return undefined;
  const { t, locale } = ctx;
  const version = change.change === "added" ? ctx.to : ctx.from;
  switch (change.section) {
    case "criteria": {
      const c = version.criteria.find((x) => x.id === change.id);
      return c
        ? t("policy.compare.criterionSummary", {
            weight: formatMeasure(t, "percent", c.weight),
            target: formatMeasure(t, c.unit, c.target),
            threshold: formatMeasure(t, c.unit, c.threshold),
            direction: t(`policy.direction.${c.direction}`),
          })
        : undefined;
    }
    case "tiers": {
      const tier = version.tiers.find((x) => x.id === change.id);
      return tier ? t("policy.tiers.minScoreValue", { score: formatNumber(locale, tier.rule.minScore) }) : undefined;
    }
    case "cycles":
      return localized(version.cycles.find((x) => x.id === change.id)?.evaluates, locale);
    case "rewardForms":
      return localized(version.rewardForms.find((x) => x.id === change.id)?.description, locale);
    case "incentives":
      return localized(version.incentives.find((x) => x.id === change.id)?.description, locale);
    case "channels":
      return localized(version.channels.find((x) => x.id === change.id)?.description, locale);
    default:
      return undefined;
  }
}
