// What a step of `npm start` was last run from, so a second start can skip a
// build or a demo load whose inputs have not changed. A fingerprint is the
// SHA-256 of every input file's path and bytes (plus any extra values, such
// as the pinned day); reading them all takes well under a second.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { filesUnder } from "./files-under.ts";

/** A file is its own input; a folder, every file below it. */
function inputFiles(path: string): string[] {
  if (existsSync(path) && !statSync(path).isDirectory()) return [path];
  return filesUnder(path).map((file) => join(path, file));
}

export function fingerprint(paths: string[], extra: (string | undefined)[] = []): string {
  const hash = createHash("sha256");
  for (const file of paths.flatMap(inputFiles)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  hash.update(JSON.stringify(extra));
  return hash.digest("hex");
}

/** Whether `stamp` holds this fingerprint (the step already ran from these inputs). */
export function isStamped(stamp: string, print: string): boolean {
  return existsSync(stamp) && readFileSync(stamp, "utf8").trim() === print;
}

export function writeStamp(stamp: string, print: string): void {
  writeFileSync(stamp, `${print}\n`);
}
