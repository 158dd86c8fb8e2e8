// `npm run results:import -- --cycle 2026-Q3 --kpis /secure/export.csv`
// Turns HR's per-supervisor KPI export into the aggregates a cycle publishes
// and writes them into src/content/results/<cycle>.json (creating it, or
// updating its figures and keeping what HR wrote by hand — unless the new
// figures differ from the published ones by 1…k−1 people: the small-change
// rule, src/lib/results/republish.ts). The export itself
// stays where it is: a path inside the repository is refused, so it cannot be
// committed by accident, and nothing per person reaches the output.
import "./env.ts";
import { existsSync, readFileSync, readdirSync, realpathSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { format, resolveConfig } from "prettier";
import { buildClock } from "#build/clock.ts";
import { buildConfig } from "#build/vars.ts";
import type { Clock } from "#lib/clock.ts";
import { policyFingerprint } from "#lib/policy/fingerprint.ts";
import { parsePolicySet } from "#lib/policy/parse.ts";
import { isRefused, scoreExport } from "#lib/results/draft.ts";
import { ImportError } from "#lib/results/import.ts";
import { parsePeriod } from "#lib/results/period.ts";
import { republishRefusal, type PublishedFigures } from "#lib/results/republish.ts";
import { clampMinGroupSize } from "#lib/anonymity/threshold.ts";

const REPO = realpathSync(fileURLToPath(new URL("..", import.meta.url)));

export interface ImportOptions {
  cycle: string;
  kpis: string;
  /** Where cycle files live (tests point it at a scratch folder). */
  resultsDir?: string;
  policyDir?: string;
  k?: number;
  /** Defaults to the machine's day, or CANDOR_TODAY. */
  clock?: Clock;
}

export async function importCycle(options: ImportOptions): Promise<{ file: string; summary: string }> {
  const period = parsePeriod(options.cycle);
  if (!period) throw new ImportError([`--cycle "${options.cycle}" is not a cycle id (2026-10, 2026-Q3, 2026-H1 or 2025)`]);
  const today = (options.clock ?? buildClock()).today();
  if (period.end >= today) throw new ImportError([`${options.cycle} runs until ${period.end}: import it once the period is over`]);

  const source = resolve(options.kpis);
  if (!existsSync(source)) throw new ImportError([`--kpis ${options.kpis}: no such file`]);
  const inside = relative(REPO, realpathSync(source));
  if (!inside.startsWith("..") && !isAbsolute(inside)) {
    throw new ImportError([
      `--kpis ${options.kpis} is inside the repository (${inside}): keep per-person exports outside it, so they can never be committed`,
    ]);
  }

  const policyDir = options.policyDir ?? join(REPO, "src/content/policy");
  const { versions } = parsePolicySet(readdirSync(policyDir).map((path) => ({ path, text: readFileSync(join(policyDir, path), "utf8") })));
  const k = options.k ?? buildConfig().minGroupSize;
  const resultsDir = options.resultsDir ?? join(REPO, "src/content/results");
  const file = join(resultsDir, `${options.cycle}.json`);
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  // the console's code path exactly (src/lib/results/draft.ts): the version in force, the rows, the scores, and
  // for a cycle already published the small-change rule (src/lib/results/republish.ts)
  const scored = scoreExport(options.cycle, readFileSync(source, "utf8"), {
    versions,
    k,
    today,
    published: typeof existing.headcount === "number" ? (existing as unknown as PublishedFigures) : null,
  });
  if (isRefused(scored))
    throw new ImportError(
      scored.refused === "smallChange"
        ? republishRefusal(options.cycle, clampMinGroupSize(k), scored.details)
        : scored.details.map((d) => d.message),
    );
  const { version, aggregates } = scored;

  const { scoreBands: _bands, commentary: _commentary, ...kept } = existing;
  // A new file gets empty commentary, which the build refuses until HR writes it in both languages.
  const next = {
    cycle: options.cycle,
    published: existing.published ?? today,
    ...kept,
    policy: { version: version.version, fingerprint: await policyFingerprint(version) },
    ...aggregates,
    commentary: existing.commentary ?? { en: "", "zh-cn": "" },
  };
  const text = await format(JSON.stringify(next), { ...(await resolveConfig(file)), parser: "json" });
  writeFileSync(file, text);

  const tiers =
    aggregates.tiers === "withheld"
      ? `withheld (a small tier count could be worked out)`
      : Object.entries(aggregates.tiers)
          .map(([id, n]) => `${id} ${n === null ? `<${k}` : n}`)
          .join(", ");
  const summary = [
    `${options.cycle}: ${aggregates.headcount} supervisors scored under policy ${version.version} (k = ${k})`,
    `  tiers: ${tiers}`,
    `  score bands: ${aggregates.scoreBands?.map((b) => `${b.from}–${b.to}: ${b.count}`).join(", ") ?? "not published (a tier count is withheld)"}`,
    `Wrote ${relative(process.cwd(), file)}. Next: fill in spend, promotions, training, activities and the commentary in both`,
    `languages, run \`npm run build\` to check it, and commit. The export itself stays out of the repository.`,
  ].join("\n");
  return { file, summary };
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { cycle: { type: "string" }, kpis: { type: "string" } }, strict: true });
  if (!values.cycle || !values.kpis) {
    console.error("usage: npm run results:import -- --cycle 2026-Q3 --kpis /path/outside/the/repo/kpis.csv");
    process.exit(2);
  }
  try {
    const { summary } = await importCycle({ cycle: values.cycle, kpis: values.kpis });
    console.log(summary);
  } catch (err) {
    console.error(err instanceof ImportError ? err.message : err);
    process.exit(1);
  }
}
