// The programme's published record checked as one: policy versions, cycle
// results, honours and forums, and the references between them (results cite
// versions by fingerprint, forums cite surveys and versions, versions cite the
// forums, surveys and ideas that prompted them). Pure; the content loaders
// (src/content/loaders/programme.ts) read the folders and call it.
import type { Clock } from "../clock.ts";
import { parseForums, type Forum } from "./forums.ts";
import { parseHonours, type Honour } from "./honours.ts";
import { parsePolicySet } from "../policy/parse.ts";
import { promptProblems } from "../policy/prompts.ts";
import { policyFingerprint } from "../policy/fingerprint.ts";
import type { TPolicyVersion } from "../policy/schema.ts";
import { ContentValidationError, type ContentFile } from "../content.ts";
import { parseResultsSet, type CycleResults } from "../results/parse.ts";

export interface ProgrammeInput {
  policy: ContentFile[];
  results: ContentFile[];
  honours: ContentFile[];
  forums: ContentFile[];
  surveyIds: readonly string[];
  k: number;
  /** The build's clock: which periods are over, which forums upcoming, which actions overdue. Read once, so one build judges by one day. */
  clock: Clock;
}

export interface Programme {
  policies: TPolicyVersion[];
  fingerprints: Map<string, string>;
  results: CycleResults[];
  honours: Honour[];
  forums: Forum[];
}

export async function parseProgramme(input: ProgrammeInput): Promise<Programme> {
  const { versions: policies } = parsePolicySet(input.policy);
  const fingerprints = new Map(await Promise.all(policies.map(async (v) => [v.version, await policyFingerprint(v)] as const)));
  const published = policies.filter((v) => v.status !== "draft");
  const today = input.clock.today();
  const errors: ContentValidationError[] = [];
  const attempt = <T>(run: () => T): T | undefined => {
    try {
      return run();
    } catch (err) {
      if (err instanceof ContentValidationError) errors.push(err);
      else throw err;
      return undefined;
    }
  };
  const results = attempt(() => parseResultsSet(input.results, { policies, fingerprints, k: input.k, today }));
  const honours = attempt(() => parseHonours(input.honours, { policies, today }));
  const forums = attempt(() =>
    parseForums(input.forums, { surveys: new Set(input.surveyIds), policy: new Set(published.map((v) => v.version)), today }),
  );
  if (forums) {
    const problems: string[] = [];
    const refs = { forums: forums.map((f) => f.id), surveys: input.surveyIds };
    for (const v of policies)
      for (const p of promptProblems(v, refs)) problems.push(`${v.version}.json: promptedBy[${p.index}].id: ${p.message}`);
    if (problems.length > 0) errors.push(new ContentValidationError("reward policy references", "src/content/policy", problems));
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    const combined = new ContentValidationError(
      "programme content",
      "src/content",
      errors.flatMap((e) => e.problems),
    );
    combined.message = errors.map((e) => e.message).join("\n");
    throw combined;
  }
  return { policies, fingerprints, results: results!, honours: honours!, forums: forums! };
}
