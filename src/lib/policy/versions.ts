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
