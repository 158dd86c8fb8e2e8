// Writes the built site's _redirects: the short addresses printed on
// invitation slips, /i/<name> and /zh-cn/i/<name>, each a 302 to its
// survey's page with #code (src/lib/surveys/short-address.ts). Pages answers
// them at the edge, before any asset or function; a static file, like the
// pages it points to.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { shortRedirects } from "#lib/surveys/short-address.ts";

export async function writeRedirects(distDir: string): Promise<string[]> {
  const lines = shortRedirects(SURVEYS);
  const text = ["# Written by scripts/redirects.ts at build: the short addresses on invitation slips.", ...lines, ""].join("\n");
  await writeFile(join(distDir, "_redirects"), text);
  return lines;
}
