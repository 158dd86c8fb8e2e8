// The survey list is generated from the folder, so a survey file added without
// any code edit reaches the registry the pages and the functions import.
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SURVEY_DIR, SURVEY_LIST, surveyListSource, writeSurveyList } from "../../scripts/survey-list.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";

const root = mkdtempSync(join(tmpdir(), "candor-survey-list-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the generated survey list", () => {
  it("names every JSON file of the folder, and a file added later after the next write", () => {
    mkdirSync(join(root, SURVEY_DIR), { recursive: true });
    mkdirSync(join(root, "src/lib/surveys"), { recursive: true });
    writeFileSync(join(root, SURVEY_DIR, "pulse-2026-11.json"), "{}");
    writeFileSync(join(root, SURVEY_DIR, "notes.txt"), "");
    expect(writeSurveyList(root)).toBe(1);
    writeFileSync(join(root, SURVEY_DIR, "pulse-2026-12.json"), "{}");
    expect(writeSurveyList(root)).toBe(2);
    const text = readFileSync(join(root, SURVEY_LIST), "utf8");
    expect(text).toContain('"../../content/surveys/pulse-2026-12.json"');
    expect(text).not.toContain("notes.txt");
  });

  it("the list in this checkout is the folder's, and the registry holds every file of it", () => {
    expect(readFileSync(SURVEY_LIST, "utf8")).toBe(surveyListSource(SURVEY_DIR));
    const files = readdirSync(SURVEY_DIR).filter((f) => f.endsWith(".json"));
    expect(SURVEYS.map((s) => `${s.id}.json`).sort()).toEqual(files.sort());
  });
});
