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
  const byVersion = new Map(ctx.policies.map((p) => [p.version, p]));
  const published = ctx.policies.filter((p) => p.status !== "draft");

  for (const { file, id, data } of parseJsonFiles(files, ZCycleResults, problems)) {
    const at = (field: string, message: string) => problems.push(`${file}: ${field}: ${message}`);
    if (data.cycle !== id) at("cycle", `"${data.cycle}" does not match the file name (expected ${data.cycle}.json)`);
    const period = parsePeriod(data.cycle)!;
    const before = problems.length;

    // --- which rules: one version, in force for the whole period
    const version = byVersion.get(data.policy.version);
    const inForce = versionInForce(published, period.end);
    const atStart = versionInForce(published, period.start);
    if (!version || version.status === "draft") {
      at(
        "policy.version",
        `no published policy version "${data.policy.version}" (published: ${published.map((p) => p.version).join(", ") || "none"})`,
      );
    } else if (inForce?.version !== version.version) {
      at(
        "policy.version",
        inForce
          ? `version ${version.version} was not in force for ${data.cycle} (${period.start} – ${period.end}): ${inForce.version} was, from ${inForce.effective}`
          : `no version was in force for ${data.cycle}: the first took effect on ${published[0]?.effective ?? "(none)"}`,
      );
    } else if (atStart && atStart.version !== version.version) {
      at(
        "policy.version",
        `two versions were in force during ${data.cycle}: ${atStart.version} until ${version.effective}, then ${version.version}; a cycle is evaluated under one version, so split it at the change`,
      );
    }
    if (version && version.status !== "draft") {
      const now = ctx.fingerprints.get(version.version);
      if (now !== data.policy.fingerprint) {
        at(
          "policy.fingerprint",
          `version ${version.version} no longer matches the fingerprint these results were published under (recorded ${data.policy.fingerprint.slice(0, 12)}…, the version now gives ${now?.slice(0, 12) ?? "?"}…): a version that results cite must not change; publish a new version instead`,
        );
      }
      checkAgainstVersion(data, version, ctx.k, at);
    }

    checkCycleFile(data, period, ctx.k, ctx.today, at);
    if (problems.length === before) out.push({ ...data, period });
  }

  if (problems.length > 0) throw new ContentValidationError("results", "src/content/results", problems);
  return out.sort((a, b) => comparePeriodsNewestFirst(a.period, b.period));
}

/**
 * The rules one cycle file meets on its own, without the policy: published
 * once the period is over, and no group of fewer than k people in any count
 * (the server checks a results draft with exactly these, src/lib/publishing/content-checks.ts).
 */
export function checkCycleFile(
  data: TCycleResults,
  period: Period,
  k: number,
  today: Day,
  at: (field: string, message: string) => void,
): void {
  // --- when
  if (period.end >= today) {
    at("cycle", `${data.cycle} runs until ${period.end}: results are published once the period is over`);
  }
  if (data.published <= period.end) at("published", `${data.published} is not after the period's last day (${period.end})`);
  if (data.published > today) at("published", `${data.published} is in the future (today is ${today})`);

  // --- counts of people
  if (data.headcount < k) {
    at("headcount", `${data.headcount} supervisors is fewer than ${k}: the results of so small a group cannot be published`);
  }
  for (const [field, value] of [
    ["promotions", data.promotions],
    ["training.people", data.training.people],
  ] as const) {
    if (value !== null && isSmallGroup(value, k)) {
      at(field, `${value} is a group of fewer than ${k}: write null (published as "fewer than ${k}")`);
    }
    if (value !== null && value > data.headcount) at(field, `${value} is more than the headcount (${data.headcount})`);
  }
  if (data.scoreBands) {
    checkBands(data.scoreBands, data.headcount, k, at);
    if (data.tiers === "withheld" || Object.values(data.tiers).some((n) => n === null)) {
      at("scoreBands", "published only when every tier count is shown: next to a withheld count they could help work it out");
    }
  }
  data.activities.forEach((a, i) => {
    if (!periodContains(period, a.date))
      at(`activities[${i}].date`, `${a.date} is outside ${data.cycle} (${period.start} – ${period.end})`);
  });
  if (data.tiers !== "withheld") {
    for (const [id, n] of Object.entries(data.tiers)) {
      if (n !== null && isSmallGroup(n, k))
        at(`tiers.${id}`, `${n} is a group of fewer than ${k}: write null (published as "fewer than ${k}")`);
    }
  }
}

function checkAgainstVersion(data: TCycleResults, version: TPolicyVersion, k: number, at: (field: string, message: string) => void): void {
  const criteria = new Map(version.criteria.map((c) => [c.id, c]));
  for (const [id, value] of Object.entries(data.kpis)) {
    const c = criteria.get(id);
    if (!c) at(`kpis.${id}`, `"${id}" is not a criterion of version ${version.version} (criteria: ${[...criteria.keys()].join(", ")})`);
    else if (value < c.range.min || value > c.range.max) {
      at(`kpis.${id}`, `${value} is outside the range ${c.range.min}–${c.range.max} that version ${version.version} gives "${id}"`);
    }
  }
  const missing = version.criteria.filter((c) => !(c.id in data.kpis)).map((c) => c.id);
  if (missing.length > 0) at("kpis", `no value for ${missing.join(", ")} (every criterion of version ${version.version} is reported)`);

  if (data.spend !== undefined && !version.budget) at("spend", `version ${version.version} has no budget to report spend against`);

  const tiers = data.tiers;
  if (tiers === "withheld") return;
  const tierIds = version.tiers.map((t) => t.id);
  for (const id of Object.keys(tiers)) {
    if (!tierIds.includes(id)) at(`tiers.${id}`, `"${id}" is not a tier of version ${version.version} (tiers: ${tierIds.join(", ")})`);
  }
  const absent = tierIds.filter((id) => !(id in tiers));
  if (absent.length > 0) at("tiers", `no count for ${absent.join(", ")} (write 0 for an empty tier)`);
  const counts = tierIds.map((id) => tiers[id] ?? null);
  const shown = counts.reduce<number>((a, n) => a + (n ?? 0), 0);
  const withheld = counts.filter((n) => n === null).length;
  const rest = data.headcount - shown;
  if (withheld === 0) {
    if (rest !== 0) at("tiers", `the tier counts add up to ${shown}, but the headcount is ${data.headcount}`);
    return;
  }
  if (rest < withheld || rest > withheld * (k - 1)) {
    at(
      "tiers",
      `the counts shown add up to ${shown}, leaving ${rest} of the headcount (${data.headcount}) for ${withheld} withheld tier(s), which cannot each hold 1 to ${k - 1}`,
    );
    return;
  }
  // Any split of the rest among the withheld tiers is published the same way,
  // so one of them stands for all: what does the rule say about it?
  const split = spread(rest, withheld, k - 1);
  let j = 0;
  const raw = counts.map((n) => n ?? split[j++]!);
  if (suppressPartition(raw, k) === null) {
    at(
      "tiers",
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

function checkBands(bands: TScoreBand[], headcount: number, k: number, at: (field: string, message: string) => void): void {
  bands.forEach((b, i) => {
    if (b.from >= b.to) at(`scoreBands[${i}]`, `a band runs from a lower score to a higher one (${b.from}–${b.to})`);
    if (b.count < k) at(`scoreBands[${i}].count`, `${b.count} is fewer than ${k}: merge this band with a neighbour`);
    const prev = bands[i - 1];
    if (prev && prev.to !== b.from) at(`scoreBands[${i}].from`, `${b.from} does not continue the band before it, which ends at ${prev.to}`);
  });
  if (bands.length > 0 && (bands[0]!.from !== 0 || bands.at(-1)!.to !== 100)) at("scoreBands", "the bands cover the whole scale, 0 to 100");
  const sum = bands.reduce((a, b) => a + b.count, 0);
  if (bands.length > 0 && sum !== headcount) at("scoreBands", `the bands hold ${sum} people, but the headcount is ${headcount}`);
}
