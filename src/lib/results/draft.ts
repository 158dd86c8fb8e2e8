// A cycle's results drafted in the HR console: the KPI export is read and
// scored where HR opened it (the browser), with the import's own code
// (readKpiRows, aggregateCycle) and its refusals, and only the aggregates go
// on. Pure and free of Node: the console and scripts/results-import.ts share
// every rule; the refusals come back sorted by what HR has to fix, so the
// console can say it in HR's language.
import type { Day } from "../clock.ts";
import type { TPolicyVersion } from "../policy/schema.ts";
import { versionInForce } from "../policy/versions.ts";
import { aggregateCycle, ImportError, readKpiRows, type CycleAggregates } from "./import.ts";
import { kpiProblem, type KpiProblem } from "./kpi-problems.ts";
import { parsePeriod } from "./period.ts";
import { republishProblems, type PublishedFigures } from "./republish.ts";

/** What HR has to fix, one heading each in the console. */
export const REFUSALS = ["cycle", "period", "version", "columns", "values", "duplicates", "small", "smallChange"] as const;
export type Refusal = (typeof REFUSALS)[number];

export interface Refused {
  refused: Refusal;
  /** The import's own lines, each with its code for the console and the words the script prints. */
  details: KpiProblem[];
}

export interface Scored {
  version: TPolicyVersion;
  aggregates: CycleAggregates;
}

/** Which heading an import refusal goes under, from the import's wording. */
function kindOf(problems: KpiProblem[]): Refusal {
  const codes = new Set(problems.map((p) => p.code));
  if (codes.has("duplicate_row")) return "duplicates";
  if (LAYOUT.some((c) => codes.has(c))) return "columns";
  return "values";
}
const LAYOUT = ["quoted_field", "empty_file", "no_person_column", "missing_column", "extra_column", "column_twice", "no_rows"] as const;

/**
 * The export `csv` for `cycle`, scored under the version in force for the
 * whole period, or why not. `published`: the cycle as the site publishes it
 * already, for the small-change rule (src/lib/results/republish.ts).
 */
export function scoreExport(
  cycle: string,
  csv: string,
  ctx: { versions: TPolicyVersion[]; k: number; today: Day; published: PublishedFigures | null },
): Scored | Refused {
  const period = parsePeriod(cycle);
  if (!period)
    return {
      refused: "cycle",
      details: [kpiProblem("not_cycle", `"${cycle}" is not a cycle id (2026-10, 2026-Q3, 2026-H1 or 2025)`, { cycle })],
    };
  if (period.end >= ctx.today)
    return {
      refused: "period",
      details: [kpiProblem("not_over", `${cycle} runs until ${period.end}: import it once the period is over`, { cycle, end: period.end })],
    };
  const published = ctx.versions.filter((v) => v.status !== "draft");
  const version = versionInForce(published, period.end);
  const atStart = versionInForce(published, period.start);
  if (!version)
    return { refused: "version", details: [kpiProblem("no_version", `no policy version was in force for ${cycle}`, { cycle })] };
  if (atStart && atStart.version !== version.version)
    return {
      refused: "version",
      details: [
        kpiProblem(
          "two_versions",
          `two versions were in force during ${cycle} (${atStart.version}, then ${version.version}): split the cycle at the change`,
          { cycle, first: atStart.version, second: version.version },
        ),
      ],
    };
  let aggregates: CycleAggregates;
  try {
    const rows = readKpiRows(csv, version);
    try {
      aggregates = aggregateCycle(rows, version, ctx.k);
    } catch (err) {
      if (err instanceof ImportError) return { refused: "small", details: err.details };
      throw err;
    }
  } catch (err) {
    if (err instanceof ImportError) return { refused: kindOf(err.details), details: err.details };
    throw err;
  }
  if (ctx.published) {
    const problems = republishProblems(
      ctx.published,
      aggregates,
      ctx.k,
      version.tiers.map((t) => t.id),
    );
    if (problems.length > 0) return { refused: "smallChange", details: problems };
  }
  return { version, aggregates };
}

export const isRefused = (r: Scored | Refused): r is Refused => "refused" in r;
