// Checks a whole folder of policy files at once. Pure (the files come in as
// text), so the exact check the build runs is unit-tested on fixtures. Every
// problem is collected and reported together, each naming its file and field,
// because a build that stops at the first of five mistakes wastes four builds.
import { LOCALES, isLocale, type Locale } from "#i18n/config.ts";
import { formatIssues } from "../content.ts";
import { ZPolicyVersion, type TPolicyVersion } from "./schema.ts";

export interface PolicyFile {
  /** Path relative to the policy folder, e.g. "2026-07.json" or "2026-07.zh-cn.md". */
  path: string;
  text: string;
}

export interface ParsedPolicySet {
  /** Oldest first. */
  versions: TPolicyVersion[];
  /** Markdown prose per version and locale, still unrendered. */
  prose: Record<string, Partial<Record<Locale, string>>>;
}

export class PolicyValidationError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid reward policy (src/content/policy):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PolicyValidationError";
    this.problems = problems;
  }
}

const DATA_FILE = /^(.+)\.json$/;
const PROSE_FILE = /^(.+)\.([a-z-]+)\.md$/;

export function parsePolicySet(files: PolicyFile[]): ParsedPolicySet {
  const problems: string[] = [];
  const parsed: { file: string; data: TPolicyVersion }[] = [];
  const prose: ParsedPolicySet["prose"] = {};
  const proseFiles: { file: string; version: string; locale: string; text: string }[] = [];

  for (const { path, text } of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const proseMatch = PROSE_FILE.exec(path);
    if (proseMatch) {
      proseFiles.push({ file: path, version: proseMatch[1]!, locale: proseMatch[2]!, text });
      continue;
    }
    const dataMatch = DATA_FILE.exec(path);
    if (!dataMatch) {
      problems.push(`${path}: not a policy file (expected <version>.json or <version>.<locale>.md)`);
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      problems.push(`${path}: not valid JSON: ${(err as Error).message}`);
      continue;
    }
    if (typeof raw === "object" && raw !== null && "prose" in raw) {
      problems.push(`${path}: prose: write it in ${dataMatch[1]}.<locale>.md next to this file, not in the JSON`);
      continue;
    }
    const result = ZPolicyVersion.safeParse(raw);
    if (!result.success) {
      problems.push(...formatIssues(path, result.error));
      continue;
    }
    if (result.data.version !== dataMatch[1]) {
      problems.push(`${path}: version "${result.data.version}" does not match the file name (expected ${result.data.version}.json)`);
    }
    parsed.push({ file: path, data: result.data });
  }

  // --- rules across versions
  const byVersion = new Map<string, string>();
  for (const { file, data } of parsed) {
    const other = byVersion.get(data.version);
    if (other) problems.push(`${file}: duplicate version id "${data.version}" (also in ${other})`);
    else byVersion.set(data.version, file);
  }
  const current = parsed.filter((p) => p.data.status === "current");
  if (parsed.length > 0 && current.length === 0) {
    problems.push(`no version is marked "current": exactly one must be`);
  }
  if (current.length > 1) {
    problems.push(`${current.length} versions are marked "current" (${current.map((c) => c.file).join(", ")}): exactly one may be`);
  }
  const now = current.length === 1 ? current[0]!.data : undefined;
  if (now) {
    for (const { file, data } of parsed) {
      if (data.status === "superseded" && data.version >= now.version) {
        problems.push(`${file}: marked "superseded" but not older than the current version ${now.version}`);
      }
      if (data.status === "draft" && data.version <= now.version) {
        problems.push(`${file}: a draft must be newer than the current version ${now.version}`);
      }
    }
  }

  for (const p of proseFiles) {
    if (!isLocale(p.locale)) {
      problems.push(`${p.file}: unknown locale "${p.locale}" (known: ${LOCALES.join(", ")})`);
    } else if (!byVersion.has(p.version)) {
      problems.push(`${p.file}: prose for version "${p.version}", which has no ${p.version}.json`);
    } else {
      (prose[p.version] ??= {})[p.locale] = p.text;
    }
  }

  if (problems.length > 0) throw new PolicyValidationError(problems);
  return { versions: parsed.map((p) => p.data).sort((a, b) => a.version.localeCompare(b.version)), prose };
}
