// Results by segment (src/lib/surveys/breakdown.ts on src/lib/anonymity/suppression.ts):
// a reader who knows the rule, the survey's total and every published group
// figure must not be able to work out a withheld one — not by subtracting the
// shown groups from the total, nor from another segment's groups, nor by
// comparing the publication cut with the first k with one under a raised k.
// Proved as the per-question rule is: for generated
// responses, every withheld figure has a witness, another set of responses
// (same total) that is published identically but differs in that figure.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  keepUnderRaisedK,
  publishBreakdown,
  snapshotBreakdown,
  type BreakdownQuestion,
  type JointTally,
  type SegmentSpec,
} from "#lib/surveys/breakdown.ts";
import { cellPasses, partitionPasses, restPasses, suppressGroups } from "#lib/anonymity/suppression.ts";
import { runs } from "../support/fast-check.ts";

/** One response: its group in segment S (team) and T (tenure), null for "did not say", and its answer (1 favourable, 0 not, null none). */
interface Person {
  s: number | null;
  t: number | null;
  a: 0 | 1 | null;
}

const S: SegmentSpec = {
  name: "team",
  title: "team",
  groups: [
    { value: "a", text: "A" },
    { value: "b", text: "B" },
    { value: "c", text: "C" },
    { value: null, text: null },
  ],
};
const T: SegmentSpec = {
  name: "tenure",
  title: "tenure",
  groups: [
    { value: 1, text: "1" },
    { value: 2, text: "2" },
    { value: null, text: null },
  ],
};
const Q: BreakdownQuestion = { name: "q", type: "boolean", title: "q", favourable: ["1"] };

function tallies(people: readonly Person[]): JointTally[] {
  const out = new Map<string, JointTally>();
  for (const p of people) {
    const groups = [p.s === null ? null : S.groups[p.s]!.value, p.t === null ? null : T.groups[p.t]!.value];
    const id = JSON.stringify(groups);
    const tally = out.get(id) ?? { groups, responses: 0, answers: { q: {} } };
    tally.responses++;
    if (p.a !== null) tally.answers.q![String(p.a)] = (tally.answers.q![String(p.a)] ?? 0) + 1;
    out.set(id, tally);
  }
  return [...out.values()];
}

/** The survey-wide counts of the question, [favourable, not], as the per-question rule would show them (all, or none). */
function total(people: readonly Person[], k: number): number[] | null {
  const answered = people.filter((p) => p.a !== null);
  const fav = answered.filter((p) => p.a === 1).length;
  return answered.length > 0 && cellPasses([fav, answered.length - fav], k) ? [fav, answered.length - fav] : null;
}

/** The breakdown as the server builds it: only questions whose survey-wide counts are all shown. */
function breakdown(people: readonly Person[], k: number) {
  const questions = total(people, k) ? [Q] : [];
  return publishBreakdown(snapshotBreakdown(tallies(people), [S, T], questions, k), [S, T], questions);
}

/**
 * Everything a reader sees: the survey-wide results (responses; the
 * question's answered and favourable counts where the per-question rule shows
 * them: at least k answered, each count 0 or at least k) and the breakdown.
 */
function publication(people: readonly Person[], k: number): string {
  return JSON.stringify([people.length, total(people, k), breakdown(people, k)]);
}

/** Every figure the breakdown withholds (a group's answers to the question), with its true value. */
function withheld(people: readonly Person[], k: number): Map<string, string> {
  const out = new Map<string, string>();
  breakdown(people, k).segments.forEach((seg, si) => {
    seg.groups.forEach((_, g) => {
      if ((seg.questions[0]?.cells[g] ?? null) !== null) return;
      const members = people.filter((p) => (si === 0 ? p.s : p.t) === (g === seg.groups.length - 1 ? null : g));
      const answered = members.filter((p) => p.a !== null);
      out.set(`${seg.name}:${g}:q`, `${answered.length}/${answered.filter((p) => p.a === 1).length}`);
    });
  });
  return out;
}

/**
 * Nested data: teams a and b work in tenure band 1, team c in band 2 (as
 * teams lie inside sites); people who did not name a team are free. A reader
 * who knows such a structure can combine more than the rule checks
 * (docs/anonymity.md): segments are meant to cross. The rule still checks the
 * difference a reader gets by subtracting the groups inside another.
 */
const nest = (p: Person): Person => (p.s === null ? p : { ...p, t: p.s === 2 ? 1 : 0 });

/**
 * Changes a reader cannot rule out: one or two people moving to another group
 * of either segment, or answering otherwise; two people swapping an answer or
 * their groups; m people of one group trading answers with m of another; and
 * any number of one group's members (the first or the last m) moved to
 * another group.
 */
function* neighbours(people: readonly Person[]): Generator<Person[]> {
  const n = people.length;
  const teams = [null, 0, 1, 2];
  const bands = [null, 0, 1];
  for (let i = 0; i < n; i++) {
    for (const a of [0, 1, null] as const) yield people.map((p, x) => (x === i ? { ...p, a } : p));
    for (const t of bands) {
      const moved = people.map((p, x) => (x === i ? { ...p, t } : p));
      yield moved;
      for (let j = i + 1; j < n; j++) for (const t2 of bands) yield moved.map((p, x) => (x === j ? { ...p, t: t2 } : p));
    }
    for (const s of teams) {
      const moved = people.map((p, x) => (x === i ? { ...p, s } : p));
      yield moved;
      for (let j = i + 1; j < n; j++) for (const s2 of teams) yield moved.map((p, x) => (x === j ? { ...p, s: s2 } : p));
    }
    for (let j = i + 1; j < n; j++) {
      const [a, b] = [people[i]!, people[j]!];
      yield people.map((p, x) => (x === i ? { ...p, a: b.a } : x === j ? { ...p, a: a.a } : p));
      yield people.map((p, x) => (x === i ? { ...p, s: b.s } : x === j ? { ...p, s: a.s } : p));
      yield people.map((p, x) => (x === i ? { ...p, t: b.t } : x === j ? { ...p, t: a.t } : p));
      yield people.map((p, x) => (x === i ? { ...p, s: b.s, t: b.t } : x === j ? { ...p, s: a.s, t: a.t } : p));
    }
  }
  for (const [seg, values] of [
    ["s", teams],
    ["t", bands],
  ] as const) {
    for (const x of values) {
      // m people of group x trading answers with m of group y
      for (const y of values) {
        for (const [a, b] of [
          [1, 0],
          [1, null],
          [0, null],
        ] as const) {
          const xs = people.flatMap((p, i) => (p[seg] === x && p.a === a ? [i] : []));
          const ys = people.flatMap((p, i) => (p[seg] === y && p.a === b ? [i] : []));
          for (let m = 1; m <= Math.min(xs.length, ys.length); m++) {
            const [from, to] = [xs.slice(0, m), ys.slice(0, m)];
            yield people.map((p, i) => (from.includes(i) ? { ...p, a: b } : to.includes(i) ? { ...p, a } : p));
          }
        }
      }
      // the first or last m members of group x moved to group y
      const members = people.flatMap((p, i) => (p[seg] === x ? [i] : []));
      for (const y of values) {
        if (y === x) continue;
        for (let m = 1; m <= members.length; m++) {
          for (const chosen of [members.slice(0, m), members.slice(-m)])
            yield people.map((p, i) => (chosen.includes(i) ? { ...p, [seg]: y } : p));
        }
      }
    }
  }
}

function everyWithheldFigureHasAWitness(people: Person[], k: number): void {
  const target = publication(people, k);
  // figures about nobody (no one in the group answered) reveal no one
  const open = new Map([...withheld(people, k)].filter(([, value]) => !value.startsWith("0/")));
  for (const other of neighbours(people)) {
    if (open.size === 0) return;
    if (publication(other, k) !== target) continue;
    const theirs = withheld(other, k);
    for (const [key, value] of open) if (theirs.get(key) !== value) open.delete(key);
  }
  expect([...open.keys()], `withheld but solvable (k=${k}): ${JSON.stringify(people)}`).toEqual([]);
}

const person = (nested: boolean) =>
  fc
    .record({
      s: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 6 }),
      t: fc.option(fc.integer({ min: 0, max: 1 }), { freq: 6 }),
      a: fc.option(fc.constantFrom(0 as const, 1 as const), { freq: 8 }),
    })
    .map((p) => (nested ? nest(p) : p));

describe("suppressGroups (one segment)", () => {
  const one = (cells: number[][]) =>
    suppressGroups(
      cells.map((c) => [c]),
      5,
    );
  it("shows groups whose every count is 0 or ≥ k, and a question only when the other groups together pass", () => {
    expect(
      one([
        [6, 6],
        [2, 7],
        [3, 4],
      ]),
    ).toEqual({ groups: [true, false, false], questions: [true] }); // others [5, 11]
    const nothing = (n: number) => ({ groups: Array.from({ length: n }, () => false), questions: [false] });
    expect(
      one([
        [6, 6],
        [2, 7],
        [5, 0],
      ]),
    ).toEqual(nothing(3)); // others [2, 7]: a count of 2
    expect(
      one([
        [6, 6],
        [0, 4],
        [0, 3],
      ]),
    ).toEqual(nothing(3)); // others [0, 7]: all alike
    expect(
      one([
        [6, 6],
        [8, 8],
      ]),
    ).toEqual({ groups: [true, true], questions: [true] }); // nobody withheld
    expect(
      one([
        [6, 6],
        [8, 8],
        [0, 0],
      ]),
    ).toEqual({ groups: [true, true, false], questions: [true] }); // an empty group is not shown
    expect(
      one([
        [2, 1],
        [1, 2],
      ]),
    ).toEqual(nothing(2)); // nobody shown: nothing
  });

  it("a group is shown in every question shown or in none; a question withheld does not decide it", () => {
    // group 1 fails question 2 (3 favourable); the other groups together, [3, 12], fail it too: question 2 is
    // withheld whole, and group 1, passing question 1, is shown there
    const out = suppressGroups(
      [
        [
          [9, 6],
          [3, 12],
        ],
        [
          [10, 10],
          [10, 10],
        ],
        [
          [5, 5],
          [5, 5],
        ],
      ],
      5,
    );
    expect(out).toEqual({ groups: [true, true, true], questions: [true, false] });
    // with a small group to join it, question 2 passes for the other groups, and group 1 is withheld in both
    expect(
      suppressGroups(
        [
          [
            [9, 6],
            [3, 12],
          ],
          [
            [10, 10],
            [10, 10],
          ],
          [
            [5, 5],
            [5, 5],
          ],
          [
            [4, 4],
            [4, 4],
          ],
        ],
        5,
      ),
    ).toEqual({ groups: [false, true, true, false], questions: [true, true] });
  });

  it("never shows a cell with a count of 1…k−1, and the withheld groups together pass in every question shown", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(fc.nat({ max: 12 }), fc.nat({ max: 12 })), { minLength: 2, maxLength: 2 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 3, max: 7 }),
        (cells, k) => {
          const out = suppressGroups(cells, k);
          cells.forEach((row, g) => {
            row.forEach((c, q) => {
              if (out.groups[g] && out.questions[q]) expect(c[0]! + c[1]! >= k && c.every((n) => n === 0 || n >= k)).toBe(true);
            });
          });
          out.questions.forEach((shown, q) => {
            if (shown)
              expect(
                partitionPasses(
                  cells.map((row) => row[q]!),
                  out.groups,
                  k,
                ),
              ).toBe(true);
          });
          expect(restPasses([0, 0], k)).toBe(true);
        },
      ),
      { numRuns: runs(500) },
    );
  });
});

describe("breakdown by segment: every withheld figure has a witness", () => {
  it("two segments that cross (team × tenure)", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.array(person(false), { minLength: 3, maxLength: 22 }), fc.integer({ min: 3, max: 5 }), (people, k) => {
        // Fewer than k responses publish nothing at all, and a question
        // everyone answered alike says so in the survey-wide results.
        const answers = new Set(people.map((p) => p.a).filter((a) => a !== null));
        if (people.length < k || answers.size < 2) return;
        everyWithheldFigureHasAWitness(people, k);
      }),
      { numRuns: runs(150) },
    );
  });

  it("one segment inside another (teams inside tenure bands): a shown group minus the shown groups inside it passes", () => {
    fc.assert(
      fc.property(fc.array(person(true), { minLength: 3, maxLength: 30 }), fc.integer({ min: 3, max: 5 }), (people, k) => {
        const pub = breakdown(people, k);
        if (pub.segments.length === 0 || pub.segments.some((seg) => seg.questions.length === 0)) return;
        const [teams, bands] = pub.segments;
        if (!teams!.questions[0]!.shown || !bands!.questions[0]!.shown) return;
        // band 1 holds teams a and b, band 2 team c (and people who named no team)
        for (const [band, inside] of [
          [0, [0, 1]],
          [1, [2]],
        ] as const) {
          const whole = bands!.questions[0]!.cells[band];
          const parts = inside.map((g) => teams!.questions[0]!.cells[g]).filter((c) => c !== null);
          if (!whole || parts.length === 0) continue;
          const fav = whole.favourable - parts.reduce((a, c) => a + c!.favourable, 0);
          const answered = whole.answered - parts.reduce((a, c) => a + c!.answered, 0);
          // What is left are the band's people in no shown team: members of a
          // withheld team inside it, or people who named no team. Where it may
          // hold a withheld group's members (a team inside is withheld, or
          // "did not say" is), it is a rest: not even "all alike" may be read
          // off it. Where every team inside and "did not say" are shown, it is
          // only some of those who named no team, a figure like any cell.
          const holdsWithheld = inside.some((g) => teams!.questions[0]!.cells[g] === null) || teams!.questions[0]!.cells[3] === null;
          const rest = [fav, answered - fav];
          expect(holdsWithheld ? restPasses(rest, k) : cellPasses(rest, k)).toBe(true);
        }
      }),
      { numRuns: runs(500) },
    );
  });

  it("the cases the rule is built around", () => {
    const group = (s: number | null, t: number | null, n: number, fav: number): Person[] =>
      Array.from({ length: n }, (_, i) => ({ s, t, a: i < fav ? 1 : 0 }));
    const teams = (people: Person[]) => breakdown(people, 5).segments[0]!.questions[0]!;
    // team C (3 people) is withheld; the other groups together are team C alone: withheld whole
    const alone = [...group(0, 0, 10, 5), ...group(0, 1, 10, 5), ...group(1, 1, 5, 5), ...group(1, 0, 5, 0), ...group(2, 0, 3, 1)];
    expect(teams(alone)).toMatchObject({ shown: false, others: null });
    // with eight who did not say (4 favourable), the other groups (11: 5 favourable, 6 not) may be shown
    const withEight = [...alone, ...group(null, 0, 8, 4)];
    expect(teams(withEight)).toMatchObject({ shown: true, others: { answered: 11, favourable: 5 } });
    expect(teams(withEight).cells).toEqual([{ answered: 20, favourable: 10 }, { answered: 10, favourable: 5 }, null, null]);
    // k − 1 vs k: team C of 4 is withheld, of 5 (all alike) shown
    const base = [...group(0, 0, 10, 5), ...group(0, 1, 10, 5), ...group(1, 1, 10, 3), ...group(null, 0, 8, 4)];
    expect(breakdown([...base, ...group(2, 1, 4, 2)], 5).segments[0]!.groups.map((g) => g.shown)).toEqual([true, false, false, false]);
    expect(breakdown([...base, ...group(2, 1, 5, 0)], 5).segments[0]!.groups.map((g) => g.shown)).toEqual([true, false, true, false]);
    // across two segments: tenure 2 is team B exactly; tenure 2 − team B would be nobody, but team B inside tenure 2 with
    // one extra person (not naming a team) makes tenure 2 − team B that one person: withheld for the team segment
    const inside = [...group(0, 0, 10, 5), ...group(1, 1, 10, 5), ...group(null, 1, 1, 1), ...group(null, 0, 9, 4)];
    const pub = breakdown(inside, 5);
    expect(pub.segments[1]!.questions[0]!.shown).toBe(true);
    expect(pub.segments[0]!.questions[0]!.shown).toBe(false);
    everyWithheldFigureHasAWitness(withEight, 5);
    everyWithheldFigureHasAWitness(inside, 5);
  });
});

describe("a breakdown under a raised k", () => {
  it("shows, per segment, what the first k showed and a cut with the raised k shows alike, or nothing", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(
        fc.array(person(false), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 3, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        (people, k, raise) => {
          const questions = total(people, k + raise) ? [Q] : [];
          const first = snapshotBreakdown(tallies(people), [S, T], questions, k);
          const raised = snapshotBreakdown(tallies(people), [S, T], questions, k + raise);
          const kept = keepUnderRaisedK(first, raised);
          const shown = publishBreakdown(kept, [S, T], questions);
          kept.forEach((state, s) => {
            if (!state.questions.some(Boolean)) return; // withheld whole
            // what is shown is both what the first k showed and what the raised k shows
            expect(publishBreakdown([state], [[S, T][s]!], questions)).toEqual(publishBreakdown([first[s]!], [[S, T][s]!], questions));
            expect(publishBreakdown([state], [[S, T][s]!], questions)).toEqual(publishBreakdown([raised[s]!], [[S, T][s]!], questions));
            // so every figure shown passes the raised k
            const column = state.cells.map((row) => row[0]!);
            expect(partitionPasses(column, state.groups, k + raise)).toBe(true);
          });
          expect(shown.segments).toHaveLength(2);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});
