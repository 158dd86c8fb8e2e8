// Small-group suppression for published breakdowns: the one implementation
// behind survey results (answers per choice) and programme results
// (supervisors per tier). A reader knows the rules below and every figure
// published next to a breakdown, so a figure is only "withheld" when the
// reader cannot work it out again; test/unit/suppression.test.ts checks that
// every withheld figure has another value giving the same publication.
import { clampMinGroupSize } from "./anonymity.ts";

/** A published count, or null: withheld (it is between 1 and k−1, and which value it has cannot be worked out). */
export type ShownCount = number | null;

/** True for a group that may not be shown on its own: 1 to k−1 people (an empty group reveals no one). */
export function isSmallGroup(count: number, k: number): boolean {
  return count > 0 && count < clampMinGroupSize(k);
}

/**
 * A partition: counts of disjoint groups whose total is published too (the
 * people who answered a single-choice question; the supervisors in each
 * tier, with the headcount). Small counts are withheld; the reader then knows
 * their sum (total minus the counts shown) and that each is 1…k−1, so they
 * stay withheld only when that sum can be split among them in more than one
 * way: at least two of them, and their sum neither the smallest (all 1) nor
 * the largest (all k−1) it could be, nor the whole total. Otherwise — one
 * small count, every count small, a sum with a single split — the result is
 * null: publish nothing of the breakdown but the fact that it is withheld,
 * which every rearrangement of the same counts shares. (Withholding "the next
 * smallest" count as well would leave it pinned between k and the smallest
 * count still shown.)
 */
export function suppressPartition(counts: readonly number[], k: number): ShownCount[] | null {
  const floor = clampMinGroupSize(k);
  const small = counts.filter((n) => isSmallGroup(n, floor));
  if (small.length === 0) return [...counts];
  const sum = small.reduce((a, b) => a + b, 0);
  const total = counts.reduce((a, b) => a + b, 0);
  const splittable = small.length >= 2 && sum > small.length && sum < small.length * (floor - 1) && sum < total;
  return splittable ? counts.map((n) => (isSmallGroup(n, floor) ? null : n)) : null;
}

/**
 * Counts of overlapping groups (a checkbox question: one person, several
 * choices): no count follows from a total and the others alone, so each small
 * one is withheld on its own and the rest are shown — unless a selection rule
 * bounds their sum. When each of the `answered` people picked between `min`
 * and `max` choices, the counts add up to between answered × min and
 * answered × max; with the counts shown subtracted, that bounds the withheld
 * counts' sum, and with each of them 1 … k−1 it can pin one down (answered 10,
 * volume 10, staffing 9, at most 2 each ⇒ the withheld "systems" is 1). The
 * small counts are withheld only when each could still take two values;
 * otherwise the result is null: nothing of the breakdown is published.
 */
export function suppressOverlapping(counts: readonly number[], k: number): ShownCount[];
export function suppressOverlapping(
  counts: readonly number[],
  k: number,
  selection: { answered: number; min: number; max: number },
): ShownCount[] | null;
export function suppressOverlapping(
  counts: readonly number[],
  k: number,
  selection?: { answered: number; min: number; max: number },
): ShownCount[] | null {
  const floor = clampMinGroupSize(k);
  const shown = counts.map((n) => (isSmallGroup(n, floor) ? null : n));
  const small = shown.filter((n) => n === null).length;
  if (small === 0 || !selection) return shown;
  const shownSum = shown.reduce<number>((a, n) => a + (n ?? 0), 0);
  const { answered, min, max } = selection;
  // Bounds on the withheld counts' sum, then on any one of them (to a reader, all withheld counts are alike).
  const low = Math.max(small, answered * min - shownSum);
  const high = Math.min(small * (floor - 1), answered * max - shownSum);
  const lowOne = Math.max(1, low - (small - 1) * Math.min(floor - 1, answered));
  const highOne = Math.min(floor - 1, answered, high - (small - 1));
  return lowOne < highOne ? shown : null;
}
