// A published file is laid out as the repository's formatter lays it out: every content file round-trips byte for byte.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import prettier from "prettier";
import { PRINT_WIDTH, formatJsonFile, markSuperseded } from "#lib/publishing/json-file.ts";
import { nextRun } from "#lib/surveys/next-run.ts";
import { findSurvey } from "#lib/surveys/registry.ts";

const dir = "src/content/surveys";

describe("formatJsonFile", () => {
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    it(`lays out ${f} exactly as committed`, () => {
      const text = readFileSync(`${dir}/${f}`, "utf8");
      expect(formatJsonFile(JSON.parse(text))).toBe(text);
    });
  }

  it("agrees with Prettier on a next run and on arrays that do and do not fit in 140 columns", async () => {
    const { questions: _questions, ...november } = findSurvey("pulse-2026-11")!;
    const next = nextRun(november);
    const samples = [
      next,
      { a: Array.from({ length: 30 }, (_, i) => `choice-${i}`), b: {}, c: [], d: [1, null, true] },
      { nested: { deeper: { list: ["a".repeat(100), "b".repeat(20)] } } },
    ];
    for (const sample of samples) {
      const text = formatJsonFile(sample);
      expect(await prettier.format(text, { parser: "json", printWidth: PRINT_WIDTH })).toBe(text);
    }
  });
});

describe("markSuperseded", () => {
  const inForce = readFileSync("src/content/policy/2026-07.json", "utf8");

  it("changes the status line only, whatever else the author wrote", () => {
    const byHand = inForce.replace('"weight": 25,', '"weight": 25.0,');
    const marked = markSuperseded(byHand);
    const changed = marked.split("\n").filter((line, i) => line !== byHand.split("\n")[i]);
    expect(changed).toEqual(['  "status": "superseded",']);
    expect(JSON.parse(marked)).toEqual({ ...JSON.parse(inForce), status: "superseded" });
  });

  it("lays the file out anew when its status is not on a line of its own", () => {
    const oneLine = JSON.stringify(JSON.parse(inForce));
    const marked = markSuperseded(oneLine);
    expect(marked).toBe(formatJsonFile({ ...JSON.parse(inForce), status: "superseded" }));
  });
});
