// The published policy timeline, read from the content collection (already
// validated by the loader, see src/content/loaders/policy.ts), as pages show
// it: Chinese in the site's current terms (src/lib/policy/display.ts).
import { getCollection } from "astro:content";
import type { TPolicyVersion } from "#lib/policy/schema.ts";
import { forDisplay } from "#lib/policy/display.ts";
import { timeline, type Timeline } from "#lib/policy/versions.ts";

export async function policyTimeline(): Promise<Timeline<TPolicyVersion>> {
  const entries = await getCollection("policy");
  return timeline(entries.map((e) => forDisplay(e.data as TPolicyVersion)));
}
