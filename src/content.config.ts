// Content collections, each defined with a zod schema in its own module so a
// bad file fails the build with a message that names the file and the field.
// Collections register here.
import { defineCollection } from "astro:content";
import { policyLoader } from "./lib/policy/loader.ts";
import { ZPolicyVersion } from "./lib/policy/schema.ts";

// Reward policy versions: src/content/policy/<version>.json (+ optional <version>.<locale>.md prose).
const policy = defineCollection({ loader: policyLoader({ base: "src/content/policy" }), schema: ZPolicyVersion });

export const collections = { policy };
