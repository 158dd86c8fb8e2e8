// Content collections, each defined with a zod schema in its own module so a
// bad file fails the build with a message that names the file and the field.
// Collections register here.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { policyLoader } from "#content/loaders/policy.ts";
import { forumsLoader, honoursLoader, resultsLoader } from "#content/loaders/programme.ts";
import { ZPolicyVersion } from "#lib/policy/schema.ts";
import { ZSurveyFields } from "#lib/surveys/schema.ts";

// Reward policy versions: src/content/policy/<version>.json (+ optional <version>.<locale>.md prose).
const policy = defineCollection({ loader: policyLoader({ base: "src/content/policy" }), schema: ZPolicyVersion });

// Surveys: src/content/surveys/<id>.json (metadata + SurveyJS JSON). Pages and
// functions read them through src/lib/surveys/registry.ts; the collection
// makes the build fail on a malformed file (the registry adds the date-order
// and question checks, and the pages import it, so the build runs those too).
const surveys = defineCollection({ loader: glob({ pattern: "*.json", base: "src/content/surveys" }), schema: ZSurveyFields });

// Cycle results, the honour roll and staff forums: checked together with the
// policy versions and surveys they cite (src/content/loaders/programme.ts);
// the loaders store data that passed, so these need no schema of their own.
const results = defineCollection({ loader: resultsLoader() });
const honours = defineCollection({ loader: honoursLoader() });
const forums = defineCollection({ loader: forumsLoader() });

export const collections = { policy, surveys, results, honours, forums };
