// The build's checks on a policy version and an honour, run on a draft: by
// the console as HR types and by the server before approving and publishing.
// The same schemas the build's loaders apply (ZPolicyVersion, ZHonour), plus
// the rules across files the loader checks that one draft must meet to join
// the folder (the file named after the version, newer than the one in force).
// Problems come back keyed by field, as the API's error `fields` are.
import { ZHonour } from "../programme/honours.ts";
import { promptProblems, type PromptRefs } from "../policy/prompts.ts";
import { ZPolicyVersion, type TPolicyVersion } from "../policy/schema.ts";
import { checkAgainstPolicy, checkCycleFile, type ResultsContext } from "../results/parse.ts";
import { parsePeriod } from "../results/period.ts";
import { ZCycleResults } from "../results/schema.ts";
import { problem, problemsOfIssues, type Problems } from "../problems.ts";

export type { Problems } from "../problems.ts";

export const POLICY_DIR = "src/content/policy";
export const HONOUR_DIR = "src/content/honours";
export const RESULTS_DIR = "src/content/results";

const nonEmpty = (p: Problems) => (Object.keys(p).length > 0 ? p : null);

/**
 * A new policy version's problems (null: it passes), given the version in
 * force it supersedes and, when known, the forums and surveys the site has
 * (what prompted the version must be one of them, as the build checks).
 */
export function policyDraftProblems(body: unknown, inForce: Pick<TPolicyVersion, "version"> | null, refs?: PromptRefs): Problems | null {
  const parsed = ZPolicyVersion.safeParse(body);
  if (!parsed.success) return problemsOfIssues(parsed.error.issues);
  const problems: Problems = {};
  const p = parsed.data;
  if (p.status !== "current") problems.status = problem("status_current", 'a new version is published as "current"');
  if (p.prose) problems.prose = problem("prose_elsewhere", "the prose lives in its own files, not in the version");
  if (inForce && p.version <= inForce.version)
    problems.version = problem("version_newer", `a new version must be newer than the version in force (${inForce.version})`, {
      version: inForce.version,
    });
  if (refs)
    for (const { index, code, vars, message } of promptProblems(p, refs))
      problems[`promptedBy.${index}.id`] ??= problem(code, message, vars);
  return nonEmpty(problems);
}

export const policyPath = (version: string) => `${POLICY_DIR}/${version}.json`;

/** The version after `version` at the policy's six-monthly review: 2026-07 → 2027-01. */
export function nextPolicyVersion(version: string): string {
  const [y, m] = version.split("-").map(Number) as [number, number];
  const month = m + 6;
  const year = y + Math.floor((month - 1) / 12);
  return `${year}-${String(((month - 1) % 12) + 1).padStart(2, "0")}`;
}

/**
 * An honour's problems. The named person's consent is not part of what HR
 * types: it is a separate, audited step (needsConsent says whether it is
 * missing), and the file carries `consent: true` only once it was recorded.
 */
export function honourDraftProblems(body: unknown): Problems | null {
  const b = (body ?? {}) as { recipient?: { kind?: unknown; consent?: unknown } };
  const asFiled =
    b.recipient && typeof b.recipient === "object" && b.recipient.kind === "person"
      ? { ...b, recipient: { ...b.recipient, consent: true } }
      : body;
  const parsed = ZHonour.safeParse(asFiled);
  return parsed.success ? null : problemsOfIssues(parsed.error.issues);
}

/** A named person (not a team) is on the honour: their consent must be recorded before it is published. */
export const namesPerson = (body: Record<string, unknown>) => (body.recipient as { kind?: unknown } | undefined)?.kind === "person";

/** The honour's file as it will be committed: `consent: true` only when it was recorded. */
export function honourFile(body: Record<string, unknown>, consented: boolean): Record<string, unknown> {
  const recipient = body.recipient as Record<string, unknown> | undefined;
  if (!recipient || recipient.kind !== "person") return body;
  const { consent: _consent, ...rest } = recipient;
  const ordered: Record<string, unknown> = {};
  // consent right after the name, where every hand-made honour file has it
  for (const [k, v] of Object.entries(rest)) {
    ordered[k] = v;
    if (k === "name" && consented) ordered.consent = true;
  }
  return { ...body, recipient: ordered };
}

export const honourPath = (date: string, slug: string) => `${HONOUR_DIR}/${date}-${slug}.json`;

export const resultsPath = (cycle: string) => `${RESULTS_DIR}/${cycle}.json`;

/** What a cycle's results are checked against: the site's k, the day, and the policy versions with their fingerprints. */
export type ResultsRules = Pick<ResultsContext, "policies" | "fingerprints" | "k" | "today">;

/**
 * A cycle's results file's problems (null: it passes), as the console checks
 * it while HR types and the server before saving, approving and publishing:
 * the build's schema, which has no field for anything per person (a strict
 * object: any other field is refused), the rules of one file (the period
 * over by `today`, every count of people either at least k or withheld) and
 * the rules against the policy (the version in force for the whole period,
 * unchanged since; its criteria, ranges, tiers and budget) — the build's own
 * checks, checkCycleFile and checkAgainstPolicy.
 */
export function resultsDraftProblems(body: unknown, cycle: string, rules: ResultsRules): Problems | null {
  const parsed = ZCycleResults.safeParse(body);
  if (!parsed.success) return problemsOfIssues(parsed.error.issues);
  const problems: Problems = {};
  const data = parsed.data;
  if (data.cycle !== cycle)
    problems.cycle = problem("draft_cycle", `this draft is the results of ${cycle}; start a new draft for another cycle`, { cycle });
  const period = parsePeriod(data.cycle);
  const at = (field: string, p: (typeof problems)[string]) => (problems[field] ??= p);
  if (period) {
    checkAgainstPolicy(data, period, rules, at);
    checkCycleFile(data, period, rules.k, rules.today, at);
  }
  return nonEmpty(problems);
}
