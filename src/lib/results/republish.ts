// The small-change rule for importing a cycle that is already published.
// Each publication on its own describes no group under k, but two of them
// side by side can: 24 supervisors, then 25, gives the 25th person's seven
// KPIs from the change in the means (to ±0.15 after rounding), and "below"
// going from 10 to 11 gives their tier. So a published cycle may be imported
// again only if every figure anyone can compare between the two publications
// stays the same or moves by at least k people:
//   - the headcount, and so every mean over the supervisors;
//   - the team values themselves: at an equal headcount they may not change
//     at all, because the file keeps nothing per person and the import cannot
//     count how many supervisors' figures changed (a correction of one row
//     would publish that person's correction);
//   - every tier count, and every sum of tier counts (what is in "below" or
//     "meets" together), a count shown as "fewer than k" or withheld standing
//     for every value it could have;
//   - every score band, and every sum of bands, over the cuts both
//     publications share.
// Pure: the published figures and the new ones come in, the problems (empty:
// allowed) go out, with their codes and figures for the console and in the
// words scripts/results-import.ts refuses with.
import { clampMinGroupSize } from "../anonymity/threshold.ts";
import { kpiProblem, signed, type Figure, type KpiProblem, type ShownCount } from "./kpi-problems.ts";
import type { TScoreBand } from "./schema.ts";

/** What a cycle file publishes about the supervisors (the rest of it is HR's own writing). */
export interface PublishedFigures {
  headcount: number;
  kpis: Record<string, number>;
  tiers: Record<string, number | null> | "withheld";
  scoreBands?: TScoreBand[];
}

/** What an observer knows of a change: it lies between lo and hi (equal when the change is known exactly). */
interface Change {
  label: string;
  figure: Figure;
  lo: number;
  hi: number;
}

const sum = (xs: Change[]): { lo: number; hi: number } => ({
  lo: xs.reduce((a, x) => a + x.lo, 0),
  hi: xs.reduce((a, x) => a + x.hi, 0),
});

/** True when the change could be 1…k−1 people either way (a change known to be 0 is none). */
function couldBeSmall(lo: number, hi: number, k: number): boolean {
  if (lo === 0 && hi === 0) return false;
  return (lo <= k - 1 && hi >= 1) || (lo <= -1 && hi >= -(k - 1));
}

const describeChange = (lo: number, hi: number) =>
  lo === hi ? `a change of ${signed(lo)}` : `a change somewhere between ${signed(lo)} and ${signed(hi)}`;

/**
 * Every sum of the changes (each subset of `parts`) an observer can work
 * out, knowing also that they add up to `total` exactly; the sums that could
 * be 1…k−1, smallest subsets first.
 */
function smallSums(parts: Change[], total: number, k: number): { inside: Change[]; lo: number; hi: number }[] {
  const found: { inside: Change[]; lo: number; hi: number }[] = [];
  // a figure known not to have moved adds nothing to a sum: leave it out (it is 0 in every sum below)
  parts = parts.filter((p) => p.lo !== 0 || p.hi !== 0);
  const n = parts.length;
  for (let mask = 1; mask < 1 << n; mask++) {
    const inside = parts.filter((_, i) => mask & (1 << i));
    const outside = parts.filter((_, i) => !(mask & (1 << i)));
    const direct = sum(inside);
    const rest = sum(outside);
    // what the subset is, from its own figures and from the total minus the others
    const lo = Math.max(direct.lo, total - rest.hi);
    const hi = Math.min(direct.hi, total - rest.lo);
    if (outside.length === 0) continue; // the whole: the headcount, checked on its own
    if (couldBeSmall(lo, hi, k)) found.push({ inside, lo, hi });
  }
  return found.sort((a, b) => a.inside.length - b.inside.length);
}

/** The values a published tier count stands for. */
function countRange(value: number | null | undefined, withheld: boolean, headcount: number, k: number): { lo: number; hi: number } {
  if (withheld || value === undefined) return { lo: 0, hi: headcount };
  if (value === null) return { lo: 1, hi: k - 1 };
  return { lo: value, hi: value };
}

const shownCount = (value: number | null | undefined, withheld: boolean): ShownCount =>
  withheld ? "withheld" : value === null || value === undefined ? "fewer" : value;
const shown = (count: ShownCount, k: number) => (count === "fewer" ? `fewer than ${k}` : String(count));

function tierChanges(before: PublishedFigures, after: PublishedFigures, k: number, tierIds: string[]): Change[] {
  const wasWithheld = before.tiers === "withheld";
  const isWithheld = after.tiers === "withheld";
  const exactParts: Change[] = [];
  const hidden: string[] = [];
  for (const id of tierIds) {
    const was = wasWithheld ? undefined : (before.tiers as Record<string, number | null>)[id];
    const is = isWithheld ? undefined : (after.tiers as Record<string, number | null>)[id];
    const hiddenBefore = wasWithheld || was === null;
    const hiddenAfter = isWithheld || is === null;
    if (hiddenBefore && hiddenAfter) {
      // nothing of it is published either time: only the group of such tiers, together, is known
      hidden.push(id);
      continue;
    }
    const b = countRange(was, wasWithheld, before.headcount, k);
    const a = countRange(is, isWithheld, after.headcount, k);
    const figure = { kind: "tier", id, was: shownCount(was, wasWithheld), is: shownCount(is, isWithheld) } as const;
    exactParts.push({
      label: `tier "${id}" (${shown(figure.was, k)} → ${shown(figure.is, k)})`,
      figure,
      lo: a.lo - b.hi,
      hi: a.hi - b.lo,
    });
  }
  if (hidden.length > 0) {
    const span = hidden.length * (k - 1);
    const every = hidden.length === tierIds.length;
    exactParts.push({
      label: every ? "every tier" : `the tiers not shown (${hidden.map((id) => `"${id}"`).join(", ")})`,
      figure: every ? { kind: "everyTier" } : { kind: "hiddenTiers", ids: hidden },
      lo: -span,
      hi: span,
    });
  }
  return exactParts;
}

function bandChanges(before: TScoreBand[], after: TScoreBand[]): Change[] {
  const edges = (bands: TScoreBand[]) => new Set(bands.flatMap((b) => [b.from, b.to]));
  const shared = [...edges(before)].filter((e) => edges(after).has(e)).sort((a, b) => a - b);
  const within = (bands: TScoreBand[], from: number, to: number) =>
    bands.filter((b) => b.from >= from && b.to <= to).reduce((n, b) => n + b.count, 0);
  return shared.slice(0, -1).map((from, i) => {
    const to = shared[i + 1]!;
    const was = within(before, from, to);
    const is = within(after, from, to);
    return { label: `score band ${from}–${to} (${was} → ${is})`, figure: { kind: "band", from, to, was, is }, lo: is - was, hi: is - was };
  });
}

/**
 * Why `after` may not replace the published `before` (empty: it may), each
 * problem naming the figure and its change. `tierIds` are the tiers of the
 * version in force.
 */
export function republishProblems(published: PublishedFigures, after: PublishedFigures, kIn: number, tierIds: string[]): KpiProblem[] {
  const k = clampMinGroupSize(kIn);
  // a file edited by hand may lack a figure: what it does not publish, it publishes as withheld
  const before: PublishedFigures = { ...published, kpis: published.kpis ?? {}, tiers: published.tiers ?? "withheld" };
  const dh = after.headcount - before.headcount;
  const problems: KpiProblem[] = [];
  if (couldBeSmall(dh, dh, k)) {
    problems.push(
      kpiProblem(
        "headcount_change",
        `headcount: ${before.headcount} → ${after.headcount}, ${describeChange(dh, dh)}: every team value would be published again from ${Math.abs(dh)} supervisor${Math.abs(dh) === 1 ? "" : "s"} more or fewer`,
        { before: before.headcount, after: after.headcount, change: signed(dh), people: Math.abs(dh) },
      ),
    );
    return problems; // every other figure follows from the people added or removed
  }
  if (dh === 0) {
    const changed = Object.keys({ ...before.kpis, ...after.kpis }).filter((id) => before.kpis[id] !== after.kpis[id]);
    if (changed.length > 0) {
      problems.push(
        kpiProblem(
          "values_change",
          `team values (${changed.join(", ")}) change while the headcount stays ${after.headcount}: the file keeps nothing per person, so the import cannot tell how many supervisors' figures changed, and a correction of fewer than ${k} would publish theirs`,
          { criteria: changed.join(", "), headcount: after.headcount, k },
        ),
      );
    }
  }
  const sums = (parts: Change[], of: "tiers" | "bands") =>
    smallSums(parts, dh, k)
      .slice(0, 3)
      .map(({ inside, lo, hi }) => {
        const labels = inside.map((c) => c.label);
        const what = of === "tiers" ? "tiers" : "score bands";
        return kpiProblem(
          "figures_change",
          `${labels.length === 1 ? labels[0]! : `${what} together: ${labels.join(" + ")}`}, ${describeChange(lo, hi)}`,
          { k },
          { of, items: inside.map((c) => c.figure), lo, hi },
        );
      });
  problems.push(...sums(tierChanges(before, after, k, tierIds), "tiers"));
  if (before.scoreBands && after.scoreBands) problems.push(...sums(bandChanges(before.scoreBands, after.scoreBands), "bands"));
  return problems;
}

/** The refusal's words: the rule, by name, then what would change. */
export function republishRefusal(cycle: string, k: number, problems: readonly KpiProblem[]): string[] {
  return [
    `${cycle} is already published. The small-change rule: once a cycle is published, each of its figures may change only by 0 or by at least k = ${k} supervisors, because a change of 1 to ${k - 1} would let anyone who compares the two publications work out those supervisors' KPIs and tier. This export would change:`,
    ...problems.map((p) => p.message),
    `Keep the published figures as they are, or import an export that changes each of these by 0 or by at least ${k} supervisors (docs/results.md, "Importing a published cycle again").`,
  ];
}
