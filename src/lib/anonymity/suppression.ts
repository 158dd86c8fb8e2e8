// Small-group suppression for published breakdowns: the one implementation
// behind survey results (answers per choice) and programme results
// (supervisors per tier). A reader knows the rules below and every figure
// published next to a breakdown, so a figure is only "withheld" when the
// reader cannot work it out again; test/unit/suppression.test.ts checks that
// every withheld figure has another value giving the same publication.
import { clampMinGroupSize } from "./threshold.ts";

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

// ---------------------------------------------------------------- breakdowns

/**
 * The figures of one group for one question in a breakdown by segment, as
 * counts (favourable, not favourable): a reader who sees the group's cell can
 * compute each of them.
 */
export type GroupCell = readonly number[];

const sumOf = (cell: GroupCell) => cell.reduce((a, b) => a + b, 0);

/**
 * Whether a set of responses may be described: empty, or at least k of them
 * with every count 0 or at least k. Closed under disjoint union: sets that
 * pass pass together, so whatever a reader adds up from sets that pass
 * passes too.
 */
export function cellPasses(cell: GroupCell, k: number): boolean {
  const floor = clampMinGroupSize(k);
  return sumOf(cell) === 0 || (sumOf(cell) >= floor && cell.every((n) => n === 0 || n >= floor));
}

/**
 * Whether the withheld groups, taken together, may be worked out: they pass,
 * and their answers are not all alike — "all of the rest were favourable"
 * would say it of every withheld group, however small.
 */
export function restPasses(cell: GroupCell, k: number): boolean {
  if (sumOf(cell) === 0) return true;
  return cellPasses(cell, k) && (cell.length < 2 || cell.filter((n) => n > 0).length >= 2);
}

/** The cells of the groups not picked, added up: what a reader gets by subtracting the shown groups from the total. */
export function restOf(cells: readonly GroupCell[], shown: readonly boolean[]): number[] {
  const width = Math.max(0, ...cells.map((c) => c.length));
  const out = Array.from({ length: width }, () => 0);
  cells.forEach((c, i) => {
    if (!shown[i]) c.forEach((n, j) => (out[j]! += n));
  });
  return out;
}

/**
 * Whether publishing exactly the `shown` cells of a partition, next to its
 * total, reveals nothing of the others: every shown cell passes and so does
 * the rest. (The live steps apply it to what changed between two steps.)
 */
export function partitionPasses(cells: readonly GroupCell[], shown: readonly boolean[], k: number): boolean {
  return cells.every((c, i) => !shown[i] || cellPasses(c, k)) && restPasses(restOf(cells, shown), k);
}

export interface SegmentSuppression {
  /** Per group: shown in every question, or withheld in every question. */
  groups: boolean[];
  /** Per question: shown (every shown group's cell, and the withheld groups together), or withheld whole. */
  questions: boolean[];
}

/**
 * The groups of one segment ("no answer" included: together they are every
 * response), over the questions of a breakdown — `cells[group][question]`.
 *
 * - A group is shown only if, in every question shown, at least k of it
 *   answered and every count is 0 or at least k; otherwise it is withheld in
 *   all of them. (Withheld in some questions only, its answered counts shown
 *   in the others — equal wherever everyone must answer — would let a reader
 *   solve its withheld cells.)
 * - The withheld groups together are the total minus the shown ones, so they
 *   are published as "other groups": a question where they would not pass
 *   (fewer than k, a count of 1 … k−1, or all answering alike) is withheld
 *   whole for this segment, and the groups are decided again over the
 *   questions left. (Withholding one more group instead, as complementary
 *   suppression does, tells that it is at least k and at most the smallest
 *   group still shown — bounds that pin small groups down; and a group
 *   marked shown because it passes a question that is not shown would tell
 *   its counts there are 0 or at least k.)
 *
 * `hidden` withholds groups or questions whatever their counts (the live
 * steps, and groups inside another segment's groups, use it). Nothing
 * withheld can be worked out: test/unit/breakdown.test.ts finds, for
 * generated responses, another set of responses published identically for
 * every withheld figure.
 */
export function suppressGroups(
  cells: readonly (readonly GroupCell[])[],
  k: number,
  hidden: { groups?: readonly boolean[]; questions?: readonly boolean[] } = {},
): SegmentSuppression {
  const floor = clampMinGroupSize(k);
  const width = cells[0]?.length ?? 0;
  const questions = Array.from({ length: width }, (_, q) => !hidden.questions?.[q]);
  for (;;) {
    const groups = cells.map(
      (row, g) => !hidden.groups?.[g] && row.every((c, q) => !questions[q] || (sumOf(c) >= floor && cellPasses(c, floor))),
    );
    // Each pass withholds at least one more question, so this ends.
    const failing = questions.findIndex(
      (on, q) =>
        on &&
        !restPasses(
          restOf(
            cells.map((row) => row[q]!),
            groups,
          ),
          floor,
        ),
    );
    if (failing >= 0) {
      questions[failing] = false;
      continue;
    }
    // With no question shown there is nothing to show a group in.
    if (!questions.some(Boolean) || !groups.some(Boolean)) return { groups: cells.map(() => false), questions: questions.map(() => false) };
    return { groups, questions };
  }
}
