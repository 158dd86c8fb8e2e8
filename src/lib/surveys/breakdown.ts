// Results by segment (docs/anonymity.md, "Breakdowns by segment"): for each
// segment question a survey names (team, tenure band…), per rating or yes/no
// question, how many of each group answered and how many of them favourably —
// what the console's heatmap and the public breakdown show. Every figure goes
// through the segment rule in ../anonymity/suppression.ts (suppressGroups):
//   - a group is shown in every question or in none: only if at least k of
//     it answered each, every count 0 or at least k;
//   - the withheld groups together ("other groups") are the total minus the
//     shown ones — or another segment's groups minus the shown ones, since
//     every segment covers the same responses — so they are published too,
//     and a question where they would not pass is withheld whole;
//   - where one segment's shown groups lie inside a group of another (a team
//     that works at one site only), the containing group minus them must
//     pass as well, else the question is withheld for that segment;
//   - a question is in the breakdown only if the survey-wide results show
//     all of its counts (the groups add up to the total: a count withheld
//     there must not come back here).
// Like the results, a breakdown is published once, after the survey closes.
// The input is the cross-tabulation of the segments (JointTally), read in SQL
// by src/server/db/surveys.ts; nothing here does I/O.
import { restOf, restPasses, suppressGroups, type GroupCell } from "../anonymity/suppression.ts";
import type { ChoiceValue, QuestionSpec } from "./questions.ts";
import type { RawAggregates, SurveyResults } from "./results.ts";
import type { TSurveyText } from "./schema.ts";

/** A group's value in one segment: the choice picked, or null for "did not say". */
export type GroupValue = ChoiceValue | null;

/** Responses that gave the same answer to every segment question: one cell of their cross-tabulation. */
export interface JointTally {
  /** One value per segment, in the survey's `segments` order. */
  groups: GroupValue[];
  responses: number;
  /** Breakdown question → answer value (as a string: "4", "1" for yes) → responses. */
  answers: Record<string, Record<string, number>>;
}

/** A question the breakdown covers, and which of its answers count as favourable. */
export interface BreakdownQuestion {
  name: string;
  type: QuestionSpec["type"];
  title: TSurveyText | string;
  favourable: string[];
}

/**
 * The questions a breakdown shows: ratings (favourable = the top two points of
 * the scale) and yes/no questions (favourable = yes) that are always asked —
 * a question shown only after some answers would give those answers' counts
 * per group through how many in the group answered it.
 */
export function breakdownQuestions(specs: readonly QuestionSpec[], segments: readonly string[]): BreakdownQuestion[] {
  return specs
    .filter((s) => (s.type === "rating" || s.type === "boolean") && s.dependsOn.length === 0 && !segments.includes(s.name))
    .map((s) => ({
      name: s.name,
      type: s.type,
      title: s.title,
      favourable:
        s.type === "boolean"
          ? ["1"]
          : [...s.choices]
              .map((c) => Number(c.value))
              .sort((a, b) => a - b)
              .slice(-2)
              .map(String),
    }));
}

/** A segment question and its groups in form order; "did not say" (null) last. */
export interface SegmentSpec {
  name: string;
  title: TSurveyText | string;
  groups: { value: GroupValue; text: TSurveyText | string | null }[];
}

export function segmentSpecs(specs: readonly QuestionSpec[], segments: readonly string[]): SegmentSpec[] {
  return segments.map((name) => {
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new Error(`segment "${name}" is not a question`);
    return {
      name,
      title: spec.title,
      groups: [...spec.choices.map((c) => ({ value: c.value as GroupValue, text: c.text })), { value: null, text: null }],
    };
  });
}

/** One segment at one moment: each group's cell per question, and what is shown. */
export interface SegmentState {
  /** group index → question index → [favourable, not favourable]. */
  cells: GroupCell[][];
  groups: boolean[];
  questions: boolean[];
}

/** Groups and questions withheld whatever their counts, per segment. */
export interface Withheld {
  groups: Set<number>[];
  questions: Set<number>[];
}

export const noneWithheld = (segments: number): Withheld => ({
  groups: Array.from({ length: segments }, () => new Set<number>()),
  questions: Array.from({ length: segments }, () => new Set<number>()),
});

const sameValue = (a: GroupValue, b: GroupValue) => (a === null || b === null ? a === b : String(a) === String(b));

const groupIndex = (segment: SegmentSpec, value: GroupValue | undefined) =>
  segment.groups.findIndex((g) => sameValue(g.value, value ?? null));

/** Each segment's cells, from the cross-tabulation. */
function cellsOf(
  tallies: readonly JointTally[],
  segments: readonly SegmentSpec[],
  questions: readonly BreakdownQuestion[],
): number[][][][] {
  return segments.map((seg, s) => {
    const cells = seg.groups.map(() => questions.map(() => [0, 0]));
    for (const t of tallies) {
      const g = groupIndex(seg, t.groups[s]);
      if (g < 0) continue; // answers are validated against the choices: cannot happen
      questions.forEach((q, qi) => {
        for (const [value, n] of Object.entries(t.answers[q.name] ?? {})) cells[g]![qi]![q.favourable.includes(value) ? 0 : 1]! += n;
      });
    }
    return cells;
  });
}

/**
 * True where segment `s`'s shown groups lie inside a set of segment `t` that
 * a reader can compute for question `q` (one shown group, or t's "other
 * groups"): that set minus them can be computed too, and does not pass.
 */
function nestedFailure(
  tallies: readonly JointTally[],
  segments: readonly SegmentSpec[],
  questions: readonly BreakdownQuestion[],
  states: readonly SegmentState[],
  s: number,
  t: number,
  q: number,
  k: number,
): boolean {
  const [S, T] = [states[s]!, states[t]!];
  if (!S.questions[q] || !T.questions[q]) return false;
  const column = (state: SegmentState) => state.cells.map((row) => row[q]!);
  const sets = [...T.groups.flatMap((on, h) => (on ? [[h]] : [])), T.groups.flatMap((on, h) => (on ? [] : [h]))].filter(
    (set) => set.length > 0,
  );
  for (const set of sets) {
    // groups of s with an answer to q outside the set are not inside it
    const outside = new Set<number>();
    const present = new Set<number>();
    for (const tally of tallies) {
      const answered = Object.values(tally.answers[questions[q]!.name] ?? {}).reduce((a, b) => a + b, 0);
      if (answered === 0) continue;
      const g = groupIndex(segments[s]!, tally.groups[s]);
      present.add(g);
      if (!set.includes(groupIndex(segments[t]!, tally.groups[t]))) outside.add(g);
    }
    const inside = [...present].filter((g) => S.groups[g] && !outside.has(g));
    if (inside.length === 0) continue;
    const whole = restOf(
      column(T),
      T.groups.map((_, h) => !set.includes(h)),
    );
    const part = restOf(
      column(S),
      S.groups.map((_, g) => !inside.includes(g)),
    );
    if (
      !restPasses(
        whole.map((n, j) => n - part[j]!),
        k,
      )
    )
      return true;
  }
  return false;
}

/**
 * The breakdown of one moment's responses. `questions` are the breakdown
 * questions the survey-wide results show in full; `withheld` forces groups
 * or questions out (those the survey-wide results do not show in full).
 */
export function snapshotBreakdown(
  tallies: readonly JointTally[],
  segments: readonly SegmentSpec[],
  questions: readonly BreakdownQuestion[],
  k: number,
  withheld: Withheld = noneWithheld(segments.length),
): SegmentState[] {
  const cells = cellsOf(tallies, segments, questions);
  const forced: Withheld = { groups: withheld.groups.map((x) => new Set(x)), questions: withheld.questions.map((x) => new Set(x)) };
  for (;;) {
    const states = cells.map((c, s) => ({
      cells: c,
      ...suppressGroups(c, k, {
        groups: c.map((_, g) => forced.groups[s]!.has(g)),
        questions: questions.map((_, q) => forced.questions[s]!.has(q)),
      }),
    }));
    let changed = false;
    for (let s = 0; s < segments.length; s++) {
      for (let t = 0; t < segments.length; t++) {
        for (let q = 0; q < questions.length && s !== t; q++) {
          if (!forced.questions[s]!.has(q) && nestedFailure(tallies, segments, questions, states, s, t, q, k)) {
            forced.questions[s]!.add(q);
            changed = true;
          }
        }
      }
    }
    if (!changed) return states;
  }
}

/** The cross-tabulation of two disjoint sets of responses together: the same groups add up. */
export function addTallies(a: readonly JointTally[], b: readonly JointTally[]): JointTally[] {
  const out = new Map<string, JointTally>();
  for (const t of [...a, ...b]) {
    const id = JSON.stringify(t.groups);
    let found = out.get(id);
    if (!found) out.set(id, (found = { groups: [...t.groups], responses: 0, answers: {} }));
    found.responses += t.responses;
    for (const [q, values] of Object.entries(t.answers)) {
      const into = (found.answers[q] ??= {});
      for (const [v, n] of Object.entries(values)) into[v] = (into[v] ?? 0) + n;
    }
  }
  return [...out.values()];
}

/**
 * A breakdown cut with the k a survey first published with, published after k
 * was raised: each segment keeps its form only where a breakdown cut with the
 * new k shows that segment exactly so; any other segment is withheld whole.
 * Suppression is not monotone in k, so re-cutting alone could show a figure
 * the first publication did not; withholding whole segments only ever shows
 * less than either.
 */
export function keepUnderRaisedK(first: readonly SegmentState[], raised: readonly SegmentState[]): SegmentState[] {
  const same = (a: readonly boolean[], b: readonly boolean[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return first.map((state, s) => {
    const other = raised[s]!;
    return same(state.groups, other.groups) && same(state.questions, other.questions)
      ? state
      : { ...state, groups: state.groups.map(() => false), questions: state.questions.map(() => false) };
  });
}

/** Every segment withholds the questions not in `full` (those the survey-wide results do not show in full). */
export function withholdingAllBut(segments: number, questions: readonly BreakdownQuestion[], full: readonly BreakdownQuestion[]): Withheld {
  const out = noneWithheld(segments);
  questions.forEach((q, i) => {
    if (!full.some((f) => f.name === q.name)) out.questions.forEach((set) => set.add(i));
  });
  return out;
}

/** The survey-wide counts of the breakdown questions, from the cross-tabulation (as the results would count them). */
export function totalsOf(tallies: readonly JointTally[], questions: readonly BreakdownQuestion[]): RawAggregates {
  const raw: RawAggregates = { responses: 0, answered: {}, scalars: [], items: [] };
  const counts = new Map<string, number>();
  for (const t of tallies) {
    raw.responses += t.responses;
    for (const q of questions) {
      for (const [value, n] of Object.entries(t.answers[q.name] ?? {})) {
        raw.answered[q.name] = (raw.answered[q.name] ?? 0) + n;
        counts.set(`${q.name}\u0000${value}`, (counts.get(`${q.name}\u0000${value}`) ?? 0) + n);
      }
    }
  }
  for (const [key, n] of counts) {
    const [question, value] = key.split("\u0000") as [string, string];
    raw.scalars.push({ question, value: Number(value), n });
  }
  return raw;
}

/**
 * The breakdown questions the survey-wide results show in full (answered by
 * at least k, no count withheld): only those may be broken down, since the
 * groups of a segment add up to the survey-wide figures.
 */
export function shownInFull(results: SurveyResults, questions: readonly BreakdownQuestion[]): BreakdownQuestion[] {
  return questions.filter((q) => {
    const r = results.questions.find((x) => x.name === q.name);
    return r !== undefined && !r.suppressed && r.answered !== null && (r.choices ?? []).every((c) => c.count !== null);
  });
}

// ---------------------------------------------------------------- publication

export interface BreakdownCell {
  /** People in the group who answered the question. */
  answered: number;
  /** Of them, those who answered favourably (top two points of a rating, yes for a yes/no question). */
  favourable: number;
}

export interface PublishedSegment {
  name: string;
  title: TSurveyText | string;
  /** Every group of the segment; `shown: false` ones make up "other groups". */
  groups: { value: GroupValue; text: TSurveyText | string | null; shown: boolean }[];
  questions: {
    name: string;
    title: TSurveyText | string;
    /** false: withheld whole for this segment (every cell is null). */
    shown: boolean;
    /** Per group, null when withheld. */
    cells: (BreakdownCell | null)[];
    /** The withheld groups together; null when the question is withheld or no group is. */
    others: BreakdownCell | null;
  }[];
}

export interface PublishedBreakdown {
  segments: PublishedSegment[];
}

const asCell = (c: GroupCell): BreakdownCell => ({ answered: c[0]! + c[1]!, favourable: c[0]! });

/** What leaves the server: shown figures as they are, withheld ones as null. */
export function publishBreakdown(
  states: readonly SegmentState[],
  segments: readonly SegmentSpec[],
  questions: readonly BreakdownQuestion[],
): PublishedBreakdown {
  return {
    segments: segments.map((seg, s) => {
      const state = states[s]!;
      return {
        name: seg.name,
        title: seg.title,
        groups: seg.groups.map((g, i) => ({ value: g.value, text: g.text, shown: state.groups[i]! })),
        questions: questions.map((q, qi) => {
          const shown = state.questions[qi]!;
          const column = state.cells.map((row) => row[qi]!);
          const rest = restOf(column, state.groups);
          return {
            name: q.name,
            title: q.title,
            shown,
            cells: column.map((c, g) => (shown && state.groups[g] ? asCell(c) : null)),
            others: shown && state.groups.some((on) => !on) && rest[0]! + rest[1]! > 0 ? asCell(rest) : null,
          };
        }),
      };
    }),
  };
}
