// Content folders checked at build time: files come in as text, every
// problem is collected and reported together, each as "file: field: message",
// because a build that stops at the first of five mistakes wastes four builds.
// Shared by the policy, results, honours and forums checks.
import type { z } from "zod";

export interface ContentFile {
  /** Path relative to the folder, e.g. "2026-Q3.json". */
  path: string;
  text: string;
}

export class ContentValidationError extends Error {
  readonly problems: string[];
  constructor(what: string, folder: string, problems: string[]) {
    super(`Invalid ${what} (${folder}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ContentValidationError";
    this.problems = problems;
  }
}

/** Each zod issue as "file: field.path[0]: message". */
export function formatIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${file}: ${formatPath(issue.path)}: ${issue.message}`);
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(file)";
  return path
    .map((s) => (typeof s === "number" ? `[${s}]` : `.${String(s)}`))
    .join("")
    .replace(/^\./, "");
}

/** JSON files of one folder through one zod schema; `id` is the file name without .json. */
export function parseJsonFiles<T>(files: ContentFile[], schema: z.ZodType<T>, problems: string[]): { file: string; id: string; data: T }[] {
  const out: { file: string; id: string; data: T }[] = [];
  for (const { path, text } of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const match = /^(.+)\.json$/.exec(path);
    if (!match) {
      problems.push(`${path}: not a .json file`);
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      problems.push(`${path}: not valid JSON: ${(err as Error).message}`);
      continue;
    }
    const result = schema.safeParse(raw);
    if (!result.success) problems.push(...formatIssues(path, result.error));
    else out.push({ file: path, id: match[1]!, data: result.data });
  }
  return out;
}
