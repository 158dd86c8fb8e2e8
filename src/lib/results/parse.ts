// Checks a whole folder of cycle results against the policy versions they
// cite. Pure: the files, the parsed policy versions and their fingerprints,
// k and today come in as arguments, so the exact check the build runs is
// unit-tested on fixtures. Every problem is reported at once, each naming its
// file and field (as the policy loader does).
import type { Day } from "../clock.ts";
import { ContentValidationError, parseJsonFiles, type ContentFile } from "../content.ts";
import type { TPolicyVersion } from "../policy/schema.ts";
import { versionInForce } from "../policy/versions.ts";
import { isSmallGroup, suppressPartition } from "../anonymity/suppression.ts";
import { comparePeriodsNewestFirst, parsePeriod, periodContains, type Period } from "./period.ts";
import { ZCycleResults, type TCycleResults, type TScoreBand } from "./schema.ts";
import { problem, type Problem, type ProblemCode, type ProblemVars } from "../problems.ts";

/** Where a rule reports a problem: the field, and what is wrong (its code and figures for HR's language, its English words). */
export type At = (field: string, problem: Problem) => void;

export interface CycleResults extends TCycleResults {
  period: Period;
}

export interface ResultsContext {
  /** Every policy version, as parsePolicySet returns them. */
  policies: TPolicyVersion[];
  /** SHA-256 of each version's canonical form (policyFingerprint), by version id. */
  fingerprints: ReadonlyMap<string, string>;
  /** The minimum group size the site publishes with. */
  k: number;
  today: Day;
}

export function parseResultsSet(files: ContentFile[], ctx: ResultsContext): CycleResults[] {
  const problems: string[] = [];
  const out: CycleResults[] = [];
  for (const { file, id, data } of parseJsonFiles(files, ZCycleResults, problems)) {
    const at: At = (field, p) => problems.push(`${file}: ${field}: ${p.message}`);
    if (data.cycle !== id) at("cycle", problem("cycle_file", `"${data.cycle}" does not match the file name (expected ${data.cycle}.json)`));
    const period = parsePeriod(data.cycle)!;
    const before = problems.length;
    checkAgainstPolicy(data, period, ctx, at);
    checkCycleFile(data, period, ctx.k, ctx.today, at);
    if (problems.length === before) out.push({ ...data, period });
  }

  if (problems.length > 0) throw new ContentValidationError("results", "src/content/results", problems);
  return out.sort((a, b) => comparePeriodsNewestFirst(a.period, b.period));
}

/**
 * The rules one cycle file meets against the policy: the version it cites
 * was in force for the whole period, unchanged since (its fingerprint), and
 * its criteria, ranges, tiers and budget fit the file. The build runs them on
 * the folder; the server and the console on a draft (content-checks.ts).
 */
export function checkAgainstPolicy(
  data: TCycleResults,
  period: Period,
  ctx: Pick<ResultsContext, "policies" | "fingerprints" | "k">,
  at: At,
): void {
  const published = ctx.policies.filter((p) => p.status !== "draft");
  const version = ctx.policies.find((p) => p.version === data.policy.version);
  const inForce = versionInForce(published, period.end);
  const atStart = versionInForce(published, period.start);
  const say = (field: string, code: ProblemCode, message: string, vars?: ProblemVars) => at(field, problem(code, message, vars));
  if (!version || version.status === "draft") {
    const list = published.map((p) => p.version).join(", ") || "none";
    say("policy.version", "policy_unknown", `no published policy version "${data.policy.version}" (published: ${list})`, {
      version: data.policy.version,
      published: list,
    });
  } else if (inForce?.version !== version.version) {
    if (inForce)
      say(
        "policy.version",
        "policy_not_in_force",
        `version ${version.version} was not in force for ${data.cycle} (${period.start} – ${period.end}): ${inForce.version} was, from ${inForce.effective}`,
        { version: version.version, inForce: inForce.version },
      );
    else
      say(
        "policy.version",
        "policy_not_in_force",
        `no version was in force for ${data.cycle}: the first took effect on ${published[0]?.effective ?? "(none)"}`,
        { version: version.version, inForce: "—" },
      );
  } else if (atStart && atStart.version !== version.version) {
    say(
      "policy.version",
      "policy_two_versions",
      `two versions were in force during ${data.cycle}: ${atStart.version} until ${version.effective}, then ${version.version}; a cycle is evaluated under one version, so split it at the change`,
      { first: atStart.version, then: version.version },
    );
  }
  if (version && version.status !== "draft") {
    const now = ctx.fingerprints.get(version.version);
    if (now !== data.policy.fingerprint) {
      say(
        "policy.fingerprint",
        "fingerprint_changed",
        `version ${version.version} no longer matches the fingerprint these results were published under (recorded ${data.policy.fingerprint.slice(0, 12)}…, the version now gives ${now?.slice(0, 12) ?? "?"}…): a version that results cite must not change; publish a new version instead`,
        { version: version.version },
      );
    }
    checkAgainstVersion(data, version, ctx.k, say);
  }
}

type Say = (field: string, code: ProblemCode, message: string, vars?: ProblemVars) => void;

/**
 * The rules one cycle file meets on its own, without the policy: published
 * once the period is over, and no group of fewer than k people in any count.
 */
export function checkCycleFile(data: TCycleResults, period: Period, k: number, today: Day, at: At): void {
  const say: Say = (field, code, message, vars) => at(field, problem(code, message, vars));
  // --- when
  if (period.end >= today) {
    say("cycle", "period_not_over", `${data.cycle} runs until ${period.end}: results are published once the period is over`, {
      cycle: data.cycle,
    });
  }
  if (data.published <= period.end)
    say("published", "published_early", `${data.published} is not after the period's last day (${period.end})`, { end: period.end });
  if (data.published > today) say("published", "published_future", `${data.published} is in the future (today is ${today})`);

  // --- counts of people
  if (data.headcount < k) {
    say(
      "headcount",
      "headcount_small",
      `${data.headcount} supervisors is fewer than ${k}: the results of so small a group cannot be published`,
      { k },
    );
  }
  for (const [field, value] of [
    ["promotions", data.promotions],
    ["training.people", data.training.people],
  ] as const) {
    if (value !== null && isSmallGroup(value, k)) {
      say(field, "small_group", `${value} is a group of fewer than ${k}: write null (published as "fewer than ${k}")`, { k });
    }
    if (value !== null && value > data.headcount)
      say(field, "over_headcount", `${value} is more than the headcount (${data.headcount})`, { headcount: data.headcount });
  }
  if (data.scoreBands) {
    checkBands(data.scoreBands, data.headcount, k, say);
    if (data.tiers === "withheld" || Object.values(data.tiers).some((n) => n === null)) {
      say(
        "scoreBands",
        "bands_need_tiers",
        "published only when every tier count is shown: next to a withheld count they could help work it out",
      );
    }
  }
  data.activities.forEach((a, i) => {
    if (!periodContains(period, a.date))
      say(`activities[${i}].date`, "activity_outside", `${a.date} is outside ${data.cycle} (${period.start} – ${period.end})`, {
        cycle: data.cycle,
      });
  });
  if (data.tiers !== "withheld") {
    for (const [id, n] of Object.entries(data.tiers)) {
      if (n !== null && isSmallGroup(n, k))
        say(`tiers.${id}`, "small_group", `${n} is a group of fewer than ${k}: write null (published as "fewer than ${k}")`, { k });
    }
  }
}

function checkAgainstVersion(data: TCycleResults, version: TPolicyVersion, k: number, say: Say): void {
  const criteria = new Map(version.criteria.map((c) => [c.id, c]));
  const v = version.version;
  for (const [id, value] of Object.entries(data.kpis)) {
    const c = criteria.get(id);
    if (!c)
      say(`kpis.${id}`, "not_criterion", `"${id}" is not a criterion of version ${v} (criteria: ${[...criteria.keys()].join(", ")})`, {
        id,
        version: v,
      });
    else if (value < c.range.min || value > c.range.max) {
      say(`kpis.${id}`, "kpi_range", `${value} is outside the range ${c.range.min}–${c.range.max} that version ${v} gives "${id}"`, {
        min: c.range.min,
        max: c.range.max,
        version: v,
      });
    }
  }
  const missing = version.criteria.filter((c) => !(c.id in data.kpis)).map((c) => c.id);
  if (missing.length > 0)
    say("kpis", "kpis_missing", `no value for ${missing.join(", ")} (every criterion of version ${v} is reported)`, {
      missing: missing.join(", "),
    });

  if (data.spend !== undefined && !version.budget)
    say("spend", "no_budget", `version ${v} has no budget to report spend against`, { version: v });

  const tiers = data.tiers;
  if (tiers === "withheld") return;
  const tierIds = version.tiers.map((t) => t.id);
  for (const id of Object.keys(tiers)) {
    if (!tierIds.includes(id))
      say(`tiers.${id}`, "not_tier", `"${id}" is not a tier of version ${v} (tiers: ${tierIds.join(", ")})`, { id, version: v });
  }
  const absent = tierIds.filter((id) => !(id in tiers));
  if (absent.length > 0)
    say("tiers", "tiers_missing", `no count for ${absent.join(", ")} (write 0 for an empty tier)`, { missing: absent.join(", ") });
  const counts = tierIds.map((id) => tiers[id] ?? null);
  const shown = counts.reduce<number>((a, n) => a + (n ?? 0), 0);
  const withheld = counts.filter((n) => n === null).length;
  const rest = data.headcount - shown;
  if (withheld === 0) {
    if (rest !== 0)
      say("tiers", "tiers_sum", `the tier counts add up to ${shown}, but the headcount is ${data.headcount}`, {
        shown,
        headcount: data.headcount,
      });
    return;
  }
  if (rest < withheld || rest > withheld * (k - 1)) {
    say(
      "tiers",
      "tiers_withheld_fit",
      `the counts shown add up to ${shown}, leaving ${rest} of the headcount (${data.headcount}) for ${withheld} withheld tier(s), which cannot each hold 1 to ${k - 1}`,
      { rest, withheld, max: k - 1 },
    );
    return;
  }
  // Any split of the rest among the withheld tiers is published the same way,
  // so one of them stands for all: what does the rule say about it?
  const split = spread(rest, withheld, k - 1);
  let j = 0;
  const raw = counts.map((n) => n ?? split[j++]!);
  if (suppressPartition(raw, k) === null) {
    say(
      "tiers",
      "tiers_derivable",
      `the withheld counts can be worked out from the headcount and the counts shown (${withheld} withheld, together ${rest}): write "withheld" for the whole breakdown`,
    );
  }
}

/** `total` spread over `parts` values of 1…max (the caller checked it fits). */
function spread(total: number, parts: number, max: number): number[] {
  const out = Array.from({ length: parts }, () => 1);
  let left = total - parts;
  for (let i = 0; i < parts && left > 0; i++) {
    const add = Math.min(max - 1, left);
    out[i]! += add;
    left -= add;
  }
  return out;
}

function checkBands(bands: TScoreBand[], headcount: number, k: number, say: Say): void {
  bands.forEach((b, i) => {
    if (b.from >= b.to) say(`scoreBands[${i}]`, "band_order", `a band runs from a lower score to a higher one (${b.from}–${b.to})`);
    if (b.count < k) say(`scoreBands[${i}].count`, "band_small", `${b.count} is fewer than ${k}: merge this band with a neighbour`, { k });
    const prev = bands[i - 1];
    if (prev && prev.to !== b.from)
      say(`scoreBands[${i}].from`, "band_gap", `${b.from} does not continue the band before it, which ends at ${prev.to}`, {
        end: prev.to,
      });
  });
  if (bands.length > 0 && (bands[0]!.from !== 0 || bands.at(-1)!.to !== 100))
    say("scoreBands", "bands_scale", "the bands cover the whole scale, 0 to 100");
  const sum = bands.reduce((a, b) => a + b.count, 0);
  if (bands.length > 0 && sum !== headcount)
    say("scoreBands", "bands_sum", `the bands hold ${sum} people, but the headcount is ${headcount}`, { sum, headcount });
}
