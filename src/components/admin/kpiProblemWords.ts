// The KPI import's refusal lines in HR's language, from each line's code and
// figures (src/lib/results/kpi-problems.ts). A line of the small-change rule
// is put together from its figures, so a tier is named as HR's policy names
// it in this language rather than by its id.
import { kpiProblemKey, signed, type Figure, type KpiProblem, type ShownCount } from "#lib/results/kpi-problems.ts";
import type { T } from "./api.ts";

/** `tierName`: a tier's name in the console's language, from its id. */
export function sayKpiProblem(t: T, p: KpiProblem, tierName: (id: string) => string): string {
  if (!p.figures) return t(kpiProblemKey(p.code), p.vars);
  const k = p.vars.k ?? "k";
  const count = (c: ShownCount) =>
    c === "fewer" ? t("admin.results.figure.fewer", { k }) : c === "withheld" ? t("admin.results.figure.withheld") : String(c);
  const figure = (f: Figure): string => {
    switch (f.kind) {
      case "tier":
        return t("admin.results.figure.tier", { name: tierName(f.id), was: count(f.was), is: count(f.is) });
      case "hiddenTiers":
        return t("admin.results.figure.hiddenTiers", { names: f.ids.map((id) => `“${tierName(id)}”`).join(", ") });
      case "everyTier":
        return t("admin.results.figure.everyTier");
      case "band":
        return t("admin.results.figure.band", { from: f.from, to: f.to, was: f.was, is: f.is });
    }
  };
  const { of, items, lo, hi } = p.figures;
  const figures =
    items.length === 1
      ? figure(items[0]!)
      : t(of === "tiers" ? "admin.results.figure.tiersTogether" : "admin.results.figure.bandsTogether", {
          figures: items.map(figure).join(" + "),
        });
  const change =
    lo === hi
      ? t("admin.results.figure.changeOf", { change: signed(lo) })
      : t("admin.results.figure.changeBetween", { lo: signed(lo), hi: signed(hi) });
  return t(kpiProblemKey(p.code), { ...p.vars, figures, change });
}
