// Which versions readers see and how they relate: drafts are validated but
// never published; the others form one timeline, oldest first.
import type { TPolicyVersion } from "./schema.ts";

export interface Timeline<V extends Pick<TPolicyVersion, "version" | "status" | "effective"> = TPolicyVersion> {
  /** Published versions, oldest first. */
  versions: V[];
  current: V;
  previous(version: string): V | undefined;
  next(version: string): V | undefined;
  /** Every (older, newer) pair, for the "compare any two" pages. */
  pairs(): [V, V][];
}

export function timeline<V extends Pick<TPolicyVersion, "version" | "status" | "effective">>(all: V[]): Timeline<V> {
  const versions = all.filter((v) => v.status !== "draft").sort((a, b) => a.version.localeCompare(b.version));
  const current = versions.find((v) => v.status === "current");
  if (!current) throw new Error("no current reward policy version (src/content/policy)");
  const at = (version: string) => versions.findIndex((v) => v.version === version);
  return {
    versions,
    current,
    previous: (version) => versions[at(version) - 1],
    next: (version) => {
      const i = at(version);
      return i === -1 ? undefined : versions[i + 1];
    },
    pairs: () => versions.flatMap((a, i) => versions.slice(i + 1).map((b): [V, V] => [a, b])),
  };
}

/** The published version in force on `day`: the latest non-draft one effective on or before it (none before the first). */
export function versionInForce<V extends Pick<TPolicyVersion, "version" | "status" | "effective">>(all: V[], day: string): V | undefined {
  return all
    .filter((v) => v.status !== "draft" && v.effective <= day)
    .sort((a, b) => a.effective.localeCompare(b.effective))
    .at(-1);
}

const VERSION_ID = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Where the version picker (a plain GET form, so policy pages stay free of
 * JavaScript) leads: the comparison of the two versions, older first in
 * whatever order they were picked; the version itself when both are the same;
 * back to the picker for anything that is not a version id. Only paths built
 * from checked parts come out, so the redirect cannot be pointed elsewhere.
 * An id that is well-formed but unpublished lands on the site's 404 page.
 */
export function comparePickerTarget(from: string | null, to: string | null): string {
  if (!from || !to || !VERSION_ID.test(from) || !VERSION_ID.test(to)) return "/policy/compare";
  if (from === to) return `/policy/${from}`;
  const [older, newer] = from < to ? [from, to] : [to, from];
  return `/policy/compare/${older}/${newer}`;
}
