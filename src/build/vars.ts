// Build-time view of wrangler.toml's [vars], for statements the static pages
// make about settings the API enforces (the minimum group size k): the page
// and the server read the same file, so they cannot disagree. Node-only.
import { readFileSync } from "node:fs";
import { readConfig, type Config } from "#server/config.ts";

/** The string values of wrangler.toml's top-level [vars] table. */
export function parseVars(toml: string): Record<string, string> {
  const vars: Record<string, string> = {};
  let inVars = false;
  for (const line of toml.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.startsWith("[")) {
      inVars = trimmed === "[vars]";
      continue;
    }
    const m = inVars ? /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(trimmed) : null;
    if (m) vars[m[1]!] = JSON.parse(`"${m[2]}"`) as string;
  }
  return vars;
}

let cached: Config | undefined;

/** The deployed configuration as wrangler.toml declares it. */
export function buildConfig(path = "wrangler.toml"): Config {
  cached ??= readConfig(parseVars(readFileSync(path, "utf8")));
  return cached;
}
