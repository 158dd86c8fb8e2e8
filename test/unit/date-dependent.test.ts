// `npm run test:future` runs a year ahead only the test files whose outcome can
// depend on the date (test/support/date-dependent.ts). These tests show the
// choice cannot quietly drop one: a file that reads a clock itself or through
// any module it imports is chosen; an integration or browser file is chosen
// unless it is listed as date-free, and a listed one may read no clock and start
// or write no server of its own.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../../scripts/env.ts";
import { clockReaders, DATE_FREE, dateDependent, OWN_SERVER, SUITES, testFiles } from "../support/date-dependent.ts";

const root = process.cwd();
const chosen = dateDependent(root);
const files = (suite: (typeof SUITES)[number]) => chosen[suite].map((c) => c.file);

mkdirSync(TMP_DIR, { recursive: true });
const scratch = mkdtempSync(resolve(TMP_DIR, "date-dependent-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("which test files run a year ahead", () => {
  it("finds a clock read in the file, or any number of imports away, and not in a comment", () => {
    const write = (name: string, text: string) => writeFileSync(join(scratch, name), text);
    write("reads.ts", 'import { systemClock } from "./clock.ts";\nexport const day = () => systemClock.today();\n');
    write("between.ts", 'export { day } from "./reads.ts";\n');
    write("far.test.ts", 'import { day } from "./between.ts";\nday();\n');
    write("said.test.ts", "// never Date.now() here\n/* nor new Date() */\nexport const x = 1;\n");
    write("bare.test.ts", 'import "./between";\n');
    const rel = (name: string) => relative(root, join(scratch, name));
    expect(clockReaders(root, rel("far.test.ts"))).toEqual([rel("reads.ts")]);
    expect(clockReaders(root, rel("bare.test.ts"))).toEqual([rel("reads.ts")]);
    expect(clockReaders(root, rel("said.test.ts"))).toEqual([]);
  });

  it("chooses the unit files that read a clock, directly or through what they import, and no other", () => {
    expect(files("unit")).toContain("test/unit/clock.test.ts");
    // through scripts/db.ts and src/server/commit-day.ts only
    expect(files("unit")).toContain("test/unit/codes.test.ts");
    expect(files("unit")).toContain("test/unit/surveys-draft.test.ts");
    expect(files("unit")).not.toContain("test/unit/policy-score.test.ts");
    for (const file of testFiles(root, "unit")) expect(files("unit").includes(file), file).toBe(clockReaders(root, file).length > 0);
  });

  it("chooses every integration and browser file but the date-free ones", () => {
    for (const suite of ["integration", "e2e"] as const)
      for (const file of testFiles(root, suite)) expect(files(suite).includes(file), file).toBe(!(file in DATE_FREE));
    expect(files("integration").length).toBeGreaterThan(10);
    expect(files("e2e")).toContain("test/e2e/surveys.test.ts");
  });

  it("lists as date-free only integration and browser files that exist, read no clock, and start or write no server of their own", () => {
    const all = [...testFiles(root, "integration"), ...testFiles(root, "e2e")];
    for (const [file, why] of Object.entries(DATE_FREE)) {
      expect(all, file).toContain(file);
      expect(why.length, file).toBeGreaterThan(10);
      expect(clockReaders(root, file), file).toEqual([]);
      expect(OWN_SERVER.test(readFileSync(file, "utf8")), `${file} starts or writes a server`).toBe(false);
    }
  });
});
