// End to end for the build guard: a real `astro build` of a throwaway site
// whose policy folder is invalid must fail, with the problems in its output.
// (The same loader and content config shape as src/content.config.ts.)
// It lives with the e2e tests because it runs two real builds, which is too slow
// for the unit suite; it needs nothing from the e2e server, only its own
// throwaway folder under the scratch dir (inside the project, so the fixture's
// imports resolve the project's node_modules).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../../scripts/env.ts";
import { astroBuild } from "./astro-build.ts";
import { POLICY_DIR } from "../unit/policy-fixtures.ts";

mkdirSync(TMP_DIR, { recursive: true });
const root = mkdtempSync(resolve(TMP_DIR, "policy-build-"));
const lib = resolve("src/lib/policy");

function site(files: Record<string, unknown>) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, "src/content/policy"), { recursive: true });
  mkdirSync(join(root, "src/pages"), { recursive: true });
  writeFileSync(
    join(root, "astro.config.mjs"),
    'import { defineConfig } from "astro/config";\nexport default defineConfig({ output: "static" });\n',
  );
  writeFileSync(
    join(root, "src/content.config.ts"),
    `import { defineCollection } from "astro:content";
import { policyLoader } from ${JSON.stringify(resolve("src/content/loaders/policy.ts"))};
import { ZPolicyVersion } from ${JSON.stringify(`${lib}/schema.ts`)};
export const collections = { policy: defineCollection({ loader: policyLoader({ base: "src/content/policy" }), schema: ZPolicyVersion }) };
`,
  );
  writeFileSync(
    join(root, "src/pages/index.astro"),
    '---\nimport { getCollection } from "astro:content";\nconst all = await getCollection("policy");\n---\n<p>{all.length}</p>\n',
  );
  for (const [name, data] of Object.entries(files)) writeFileSync(join(root, "src/content/policy", name), JSON.stringify(data));
}

const build = () => astroBuild(root);

const demo = (v: string) => JSON.parse(readFileSync(new URL(`${v}.json`, POLICY_DIR), "utf8"));

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("astro build with the policy loader", () => {
  it("fails with every problem named when the policy folder is invalid", async () => {
    const current = demo("2026-07");
    current.criteria[0].weight = 20;
    current.tiers[0].rule.minimums.push({ criterion: "nps", value: 40 });
    const older = { ...demo("2026-01"), status: "current" };
    const again = { ...demo("2025-07"), status: "current" };
    site({ "2026-07.json": current, "2026-01.json": older, "2025-07.json": again });
    const { code, output } = await build();
    expect(code).not.toBe(0);
    expect(output).toContain("Invalid reward policy (src/content/policy):");
    expect(output).toContain("2026-07.json: criteria: criterion weights must add up to 100%, but they add up to 95%");
    expect(output).toContain(
      '2026-07.json: tiers[0].rule.minimums[3].criterion: tier "outstanding" has a minimum for unknown criterion "nps"',
    );
    expect(output).toContain('2 versions are marked "current" (2025-07.json, 2026-01.json): exactly one may be');
  }, 120_000);

  it("builds the same site when the folder is valid (the failure above is the policy's, not the fixture's)", async () => {
    site({ "2026-07.json": demo("2026-07"), "2026-01.json": demo("2026-01") });
    const { code, output } = await build();
    expect(output).toContain("2 policy versions");
    expect(code).toBe(0);
  }, 120_000);
});
