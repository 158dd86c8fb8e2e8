// The one folder walk of the scripts: fingerprints, the built-content list and
// the rebuilt site's sync all read "every file below here" the same way.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Every file below `dir`, as paths relative to it, sorted so that a hash over
 * them does not depend on the order the file system lists them in. A missing
 * folder has no files.
 */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => statSync(join(dir, path)).isFile())
    .sort();
}
