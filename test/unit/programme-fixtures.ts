// Programme fixtures: the demo folders read from disk as the loaders read
// them, and a helper that runs the build's check on a changed copy.
import { readdirSync, readFileSync } from "node:fs";
import { pinnedClock } from "#lib/clock.ts";
import { parseProgramme, type ProgrammeInput } from "#lib/programme/record.ts";
import type { ContentFile } from "#lib/content.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";

const CONTENT = new URL("../../src/content/", import.meta.url);
export const TODAY = "2026-11-30";

export function folder(name: string): ContentFile[] {
  const dir = new URL(`${name}/`, CONTENT);
  return readdirSync(dir)
    .sort()
    .map((path) => ({ path, text: readFileSync(new URL(path, dir), "utf8") }));
}

export function demoInput(): ProgrammeInput {
  return {
    policy: folder("policy"),
    results: folder("results"),
    honours: folder("honours"),
    forums: folder("forums"),
    surveyIds: SURVEYS.map((s) => s.id),
    k: 5,
    clock: pinnedClock(TODAY),
  };
}

/** A content file's parsed JSON, as a test edits it: any shape, so a test can break it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures are deliberately edited into invalid shapes
export type Editable = Record<string, any>;

/** A JSON file of `files` changed by `edit` (the parsed object, edited in place). */
export function editJson(files: ContentFile[], path: string, edit: (data: Editable) => void): ContentFile[] {
  return files.map((f) => {
    if (f.path !== path) return f;
    const data = JSON.parse(f.text);
    edit(data);
    return { path, text: JSON.stringify(data) };
  });
}

export function editText(files: ContentFile[], path: string, edit: (text: string) => string): ContentFile[] {
  return files.map((f) => (f.path === path ? { path, text: edit(f.text) } : f));
}

/** The build's problems for an input, or [] when it passes. */
export async function problems(input: ProgrammeInput): Promise<string[]> {
  try {
    await parseProgramme(input);
    return [];
  } catch (err) {
    return (err as { problems?: string[] }).problems ?? [String(err)];
  }
}
