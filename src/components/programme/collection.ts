// The programme's record as the pages read it: content collections filled by
// src/content/loaders/programme.ts (already checked there), typed, newest
// first, plus the build's "today" and the fingerprints of the policy versions.
import { getCollection } from "astro:content";
import { buildClock } from "#build/clock.ts";
import type { Day } from "#lib/clock.ts";
import type { Forum } from "#lib/programme/forums.ts";
import type { Honour } from "#lib/programme/honours.ts";
import { forDisplay } from "#lib/policy/display.ts";
import { policyFingerprint } from "#lib/policy/fingerprint.ts";
import type { TPolicyVersion } from "#lib/policy/schema.ts";
import type { CycleResults } from "#lib/results/parse.ts";
import { comparePeriodsNewestFirst } from "#lib/results/period.ts";

/** A forum as stored: its minutes already rendered to HTML per locale. */
export type PublishedForum = Forum;

/** The day the site is built for: upcoming forums, overdue actions and unfinished periods are judged against it. */
export function buildToday(): Day {
  return buildClock().today();
}

export async function allResults(): Promise<CycleResults[]> {
  const entries = await getCollection("results");
  return entries.map((e) => e.data as CycleResults).sort((a, b) => comparePeriodsNewestFirst(a.period, b.period));
}

export async function allHonours(): Promise<Honour[]> {
  const entries = await getCollection("honours");
  return entries.map((e) => e.data as Honour).sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

export async function allForums(): Promise<PublishedForum[]> {
  const entries = await getCollection("forums");
  return entries.map((e) => e.data as PublishedForum).sort((a, b) => b.starts.localeCompare(a.starts));
}

/** Every policy version exactly as published: what fingerprints hash and the canonical download serves. */
export async function publishedPolicyRecords(): Promise<TPolicyVersion[]> {
  const entries = await getCollection("policy");
  return entries.map((e) => e.data as TPolicyVersion).sort((a, b) => a.version.localeCompare(b.version));
}

/** Every policy version as pages show it: Chinese in the site's current terms (src/lib/policy/display.ts). */
export async function allPolicyVersions(): Promise<TPolicyVersion[]> {
  return (await publishedPolicyRecords()).map(forDisplay);
}

/** SHA-256 of each version's canonical form, computed now, at build time. */
export async function fingerprints(): Promise<Map<string, string>> {
  const versions = await publishedPolicyRecords();
  return new Map(await Promise.all(versions.map(async (v) => [v.version, await policyFingerprint(v)] as const)));
}
