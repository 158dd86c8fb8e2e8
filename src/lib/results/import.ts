// From HR's per-supervisor KPI export to the aggregates a cycle publishes.
// Pure: the CSV text and the policy version come in, aggregates go out; the
// per-person rows never leave this function (scripts/results-import.ts reads
// and writes the files). Every row is scored with scorePolicy, the calculator's
// own code, so a published tier count is exactly what the calculator would
// give each person.
import { clampMinGroupSize } from "../anonymity/threshold.ts";
import type { TPolicyVersion } from "../policy/schema.ts";
import { scorePolicy } from "../policy/score.ts";
import { suppressPartition } from "../anonymity/suppression.ts";
import { kpiProblem, type KpiProblem } from "./kpi-problems.ts";
import type { TScoreBand } from "./schema.ts";

/** The column that names a person in the export; used only to refuse duplicates. */
export const PERSON_COLUMN = "supervisor";

export class ImportError extends Error {
  /** The import's words, line by line, as the terminal prints them. */
  readonly problems: string[];
  /** The lines with their codes, for the console (the terminal's own problems, like a missing file, have none). */
  readonly details: KpiProblem[];
  constructor(problems: readonly (KpiProblem | string)[]) {
    const words = problems.map((p) => (typeof p === "string" ? p : p.message));
    super(`The KPI file cannot be imported:\n${words.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ImportError";
    this.problems = words;
    this.details = problems.filter((p) => typeof p !== "string");
  }
}

export interface CycleAggregates {
  headcount: number;
  /** Team-level value per criterion: the mean over every supervisor, two decimals. */
  kpis: Record<string, number>;
  tiers: Record<string, number | null> | "withheld";
  /** Absent when a tier count is withheld: bands next to a withheld count could help solve it. */
  scoreBands?: TScoreBand[];
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; a UTF-8 BOM is ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (quoted) throw new ImportError([kpiProblem("quoted_field", "the file ends inside a quoted field")]);
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

/** Reads the export against a version: one row per supervisor, one column per criterion. */
export function readKpiRows(csv: string, version: TPolicyVersion): Record<string, number>[] {
  const [header, ...lines] = parseCsv(csv);
  if (!header) throw new ImportError([kpiProblem("empty_file", "the file is empty")]);
  const names = header.map((h) => h.trim());
  const problems: KpiProblem[] = [];
  const criteria = new Map(version.criteria.map((c) => [c.id, c]));
  if (!names.includes(PERSON_COLUMN))
    problems.push(
      kpiProblem("no_person_column", `missing column "${PERSON_COLUMN}" (one opaque id per supervisor, to catch duplicate rows)`, {
        column: PERSON_COLUMN,
      }),
    );
  for (const c of version.criteria) {
    if (!names.includes(c.id))
      problems.push(
        kpiProblem("missing_column", `missing column "${c.id}" (a criterion of version ${version.version})`, {
          column: c.id,
          version: version.version,
        }),
      );
  }
  names.forEach((n, i) => {
    if (n !== PERSON_COLUMN && !criteria.has(n)) {
      const known = [...criteria.keys()].join(", ");
      problems.push(
        kpiProblem("extra_column", `column ${i + 1} "${n}" is not a criterion of version ${version.version} (criteria: ${known})`, {
          position: i + 1,
          column: n,
          version: version.version,
          criteria: known,
        }),
      );
    }
    if (names.indexOf(n) !== i) problems.push(kpiProblem("column_twice", `column "${n}" appears twice`, { column: n }));
  });
  if (problems.length > 0) throw new ImportError(problems);

  const seen = new Map<string, number>();
  const rows: Record<string, number>[] = [];
  lines.forEach((fields, index) => {
    const line = index + 2;
    if (fields.length !== names.length) {
      problems.push(
        kpiProblem("field_count", `line ${line}: ${fields.length} fields, but the header has ${names.length}`, {
          line,
          fields: fields.length,
          header: names.length,
        }),
      );
      return;
    }
    const person = fields[names.indexOf(PERSON_COLUMN)]!.trim();
    if (person === "") problems.push(kpiProblem("empty_person", `line ${line}: empty "${PERSON_COLUMN}"`, { line, column: PERSON_COLUMN }));
    else if (seen.has(person))
      problems.push(
        kpiProblem("duplicate_row", `line ${line}: duplicate row for the supervisor on line ${seen.get(person)}`, {
          line,
          first: seen.get(person)!,
        }),
      );
    else seen.set(person, line);
    const values: Record<string, number> = {};
    names.forEach((n, i) => {
      const c = criteria.get(n);
      if (!c) return;
      const text = fields[i]!.trim();
      const value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      if (text === "") problems.push(kpiProblem("no_value", `line ${line}, ${n}: no value`, { line, column: n }));
      else if (Number.isNaN(value))
        problems.push(
          kpiProblem("not_number", `line ${line}, ${n}: "${text.slice(0, 20)}" is not a number`, {
            line,
            column: n,
            text: text.slice(0, 20),
          }),
        );
      else if (value < c.range.min || value > c.range.max)
        problems.push(
          kpiProblem("outside_range", `line ${line}, ${n}: ${value} is outside the range ${c.range.min}–${c.range.max}`, {
            line,
            column: n,
            value,
            min: c.range.min,
            max: c.range.max,
          }),
        );
      else values[n] = value;
    });
    rows.push(values);
  });
  if (rows.length === 0) problems.push(kpiProblem("no_rows", "no rows below the header"));
  if (problems.length > 0) throw new ImportError(problems);
  return rows;
}

/** Score every row and keep only what may be published under k. */
export function aggregateCycle(rows: Record<string, number>[], version: TPolicyVersion, kIn: number): CycleAggregates {
  const k = clampMinGroupSize(kIn);
  if (rows.length < k)
    throw new ImportError([
      kpiProblem("too_few", `${rows.length} supervisors is fewer than ${k}: the results of so small a group cannot be published`, {
        count: rows.length,
        k,
      }),
    ]);
  const scored = rows.map((values) => scorePolicy(version, values));
  const kpis = Object.fromEntries(version.criteria.map((c) => [c.id, round2(rows.reduce((sum, r) => sum + r[c.id]!, 0) / rows.length)]));
  const raw = version.tiers.map((t) => scored.filter((s) => s.tier.id === t.id).length);
  const shown = suppressPartition(raw, k);
  const tiers = shown === null ? "withheld" : Object.fromEntries(version.tiers.map((t, i) => [t.id, shown[i]!]));
  const complete = shown !== null && shown.every((n) => n !== null);
  const tierOf = scored.map((s) => version.tiers.findIndex((t) => t.id === s.tier.id));
  return {
    headcount: rows.length,
    kpis,
    tiers,
    ...(complete
      ? {
          scoreBands: scoreBands(
            scored.map((s) => s.score),
            tierOf,
            version.tiers.length,
            k,
          ),
        }
      : {}),
  };
}

/**
 * Scores in bands of at least k people, cut on a 10-point grid. Tier counts
 * are published beside them, so a band may also not differ by 1…k−1 people
 * from a run of tiers it contains or is contained in (that difference would
 * be a small group anyone could compute): such a band is merged with its
 * neighbour until no cut produces one.
 */
export function scoreBands(scores: number[], tierOf: number[], tierCount: number, k: number): TScoreBand[] {
  let cuts = [10, 20, 30, 40, 50, 60, 70, 80, 90];
  const people = scores.map((_, i) => i);
  const bandsFor = (cs: number[]) => {
    const edges = [0, ...cs, 100];
    return edges.slice(0, -1).map((from, i) => {
      const to = edges[i + 1]!;
      const members = people.filter((p) => scores[p]! >= from && (scores[p]! < to || (to === 100 && scores[p]! <= 100)));
      return { from, to, members };
    });
  };
  const tierRuns: Set<number>[] = [];
  for (let a = 0; a < tierCount; a++) {
    for (let b = a; b < tierCount; b++) {
      if (a === 0 && b === tierCount - 1) continue; // everyone: the headcount
      tierRuns.push(new Set(people.filter((p) => tierOf[p]! >= a && tierOf[p]! <= b)));
    }
  }
  for (;;) {
    const bands = bandsFor(cuts);
    // 1. every band at least k: merge the smallest short band into its smaller neighbour
    const short = bands.map((b, i) => ({ i, n: b.members.length })).filter((b) => b.n < k);
    if (short.length > 0 && bands.length > 1) {
      const { i } = short.sort((x, y) => x.n - y.n)[0]!;
      const left = bands[i - 1]?.members.length ?? Infinity;
      const right = bands[i + 1]?.members.length ?? Infinity;
      const cut = left <= right ? bands[i]!.from : bands[i]!.to;
      cuts = cuts.filter((c) => c !== cut);
      continue;
    }
    // 2. no small difference between a run of bands and a run of tiers nested in each other
    const leak = findLeak(bands, tierRuns, k);
    if (leak === null)
      return bands
        .filter((b) => b.members.length > 0 || bands.length === 1)
        .map(({ from, to, members }) => ({ from, to, count: members.length }));
    cuts = cuts.filter((c) => c !== leak);
  }
}

/** A cut to remove because a run of bands next to it nests in (or holds) a run of tiers with 1…k−1 people between them; null when none. */
function findLeak(bands: { from: number; to: number; members: number[] }[], tierRuns: Set<number>[], k: number): number | null {
  for (let a = 0; a < bands.length; a++) {
    for (let b = a; b < bands.length; b++) {
      if (a === 0 && b === bands.length - 1) continue;
      const run = new Set(bands.slice(a, b + 1).flatMap((x) => x.members));
      for (const tiers of tierRuns) {
        const diff = nestedDifference(run, tiers);
        if (diff !== null && diff > 0 && diff < k) return a > 0 ? bands[a]!.from : bands[b]!.to;
      }
    }
  }
  return null;
}

function nestedDifference(x: Set<number>, y: Set<number>): number | null {
  const [small, big] = x.size <= y.size ? [x, y] : [y, x];
  for (const p of small) if (!big.has(p)) return null;
  return big.size - small.size;
}

function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}
