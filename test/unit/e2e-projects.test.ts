// The browser files that run beside the shared-server ones (test/e2e/projects.ts)
// must not touch the shared server or its database: each starts its own, or
// needs none. A file that reads inject("baseURL") or inject("persistTo")
// belongs with the others, one at a time.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { E2E_APART } from "../e2e/projects.ts";

describe("the browser files run apart", () => {
  it("are browser test files that do not use the shared server", () => {
    const all = readdirSync("test/e2e").map((f) => `test/e2e/${f}`);
    expect(E2E_APART.length).toBeGreaterThan(0);
    for (const file of E2E_APART) {
      expect(all, file).toContain(file);
      expect(file).toMatch(/\.test\.ts$/);
      expect(readFileSync(file, "utf8"), `${file} uses the shared server: it cannot run apart`).not.toMatch(/\binject\(/);
    }
  });

  it("leave files that use the shared server with the others", () => {
    const shared = readdirSync("test/e2e")
      .filter((f) => f.endsWith(".test.ts"))
      .map((f) => `test/e2e/${f}`)
      .filter((f) => /\binject\(/.test(readFileSync(f, "utf8")));
    expect(shared).toContain("test/e2e/surveys.test.ts");
    for (const file of shared) expect(E2E_APART).not.toContain(file);
  });
});
