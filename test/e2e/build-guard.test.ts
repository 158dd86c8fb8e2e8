// The build guard end to end: a real `astro build` of a throwaway site with
// the content loaders (as src/content.config.ts has them) fails, naming file
// and field, when the policy, results, honours or forums folders are broken;
// the same site builds when they are not; and the demo's writes the same
// fingerprints on every build. It needs nothing from the e2e server, only
// throwaway folders under the scratch dir (inside the project, so the
// fixtures' imports resolve the project's node_modules).
//
// Each build has a folder of its own and they are independent, so they all
// start in beforeAll, as many at once as the machine has cores; the tests then
// read what each printed.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../../scripts/env.ts";
import { astroBuild } from "./astro-build.ts";
import { POLICY_DIR } from "../unit/policy-fixtures.ts";
import type { Editable } from "../unit/programme-fixtures.ts";

mkdirSync(TMP_DIR, { recursive: true });
const scratch = mkdtempSync(resolve(TMP_DIR, "build-guard-"));
const CONTENT = resolve("src/content");
const lib = resolve("src/lib/policy");

const ASTRO_CONFIG = 'import { defineConfig } from "astro/config";\nexport default defineConfig({ output: "static" });\n';

/** A site with the policy loader only, its folder holding `files`. */
function policySite(root: string, files: Record<string, unknown>) {
  mkdirSync(join(root, "src/content/policy"), { recursive: true });
  mkdirSync(join(root, "src/pages"), { recursive: true });
  writeFileSync(join(root, "astro.config.mjs"), ASTRO_CONFIG);
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

/** A site with the programme loaders over a copy of the demo's folders, changed by `edit`. */
function programmeSite(root: string, edit: (content: string) => void = () => {}) {
  mkdirSync(join(root, "src/pages"), { recursive: true });
  for (const folder of ["policy", "results", "honours", "forums"])
    cpSync(join(CONTENT, folder), join(root, "src/content", folder), { recursive: true });
  writeFileSync(join(root, "astro.config.mjs"), ASTRO_CONFIG);
  writeFileSync(
    join(root, "src/content.config.ts"),
    `import { defineCollection } from "astro:content";
import { policyLoader } from ${JSON.stringify(resolve("src/content/loaders/policy.ts"))};
import { forumsLoader, honoursLoader, resultsLoader } from ${JSON.stringify(resolve("src/content/loaders/programme.ts"))};
export const collections = {
  policy: defineCollection({ loader: policyLoader({ base: "src/content/policy" }) }),
  results: defineCollection({ loader: resultsLoader() }),
  honours: defineCollection({ loader: honoursLoader() }),
  forums: defineCollection({ loader: forumsLoader() }),
};
`,
  );
  writeFileSync(
    join(root, "src/pages/index.astro"),
    `---
import { getCollection } from "astro:content";
import { policyFingerprint } from ${JSON.stringify(resolve("src/lib/policy/fingerprint.ts"))};
const results = await getCollection("results");
const policies = await getCollection("policy");
const prints = await Promise.all(policies.map(async (p) => p.id + "=" + (await policyFingerprint(p.data))));
---
<p id="cited">{results.map((r) => r.id + ":" + r.data.policy.fingerprint).sort().join(" ")}</p>
<p id="computed">{prints.sort().join(" ")}</p>
`,
  );
  edit(join(root, "src/content"));
}

function editJson(file: string, change: (d: Editable) => void) {
  const data = JSON.parse(readFileSync(file, "utf8"));
  change(data);
  writeFileSync(file, JSON.stringify(data));
}

const demoPolicy = (v: string) => JSON.parse(readFileSync(new URL(`${v}.json`, POLICY_DIR), "utf8"));

/** Every build the tests read: how to write its site, and the environment it builds in. */
const SITES = {
  "policy broken": (root: string) => {
    const current = demoPolicy("2026-07");
    current.criteria[0].weight = 20;
    current.tiers[0].rule.minimums.push({ criterion: "nps", value: 40 });
    const older = { ...demoPolicy("2026-01"), status: "current" };
    const again = { ...demoPolicy("2025-07"), status: "current" };
    policySite(root, { "2026-07.json": current, "2026-01.json": older, "2025-07.json": again });
  },
  "policy valid": (root: string) => policySite(root, { "2026-07.json": demoPolicy("2026-07"), "2026-01.json": demoPolicy("2026-01") }),
  "programme broken": (root: string) =>
    programmeSite(root, (content) => {
      editJson(join(content, "results/2026-Q3.json"), (d) => (d.policy.version = "2026-01"));
      editJson(join(content, "results/2026-08.json"), (d) => (d.kpis.nps = 30));
      editJson(join(content, "results/2026-09.json"), (d) => delete d.commentary["zh-cn"]);
      editJson(join(content, "honours/2026-10-15-q3-outstanding-zhou-lei.json"), (d) => delete d.recipient.consent);
      editJson(join(content, "policy/2025-07.json"), (d) => (d.tiers[0].rule.minScore = 91));
    }),
  "tier counts": (root: string) =>
    programmeSite(root, (content) => editJson(join(content, "results/2026-09.json"), (d) => (d.tiers.good += 1))),
  "demo, first build": (root: string) => programmeSite(root),
  "demo, second build": (root: string) => programmeSite(root),
} as const;
type Site = keyof typeof SITES;

const built = new Map<Site, { code: number; output: string; page?: string }>();

beforeAll(async () => {
  const queue = Object.keys(SITES) as Site[];
  await Promise.all(
    Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
      for (let site = queue.shift(); site; site = queue.shift()) {
        const root = join(scratch, site.replace(/\W+/g, "-"));
        SITES[site](root);
        // the programme's results are judged by the day they are built on: pin it
        const result = await astroBuild(root, site.startsWith("policy") ? {} : { CANDOR_TODAY: "2026-11-30" });
        const page = result.code === 0 ? readFileSync(join(root, "dist/index.html"), "utf8") : undefined;
        built.set(site, { ...result, page });
      }
    }),
  );
}, 720_000); // the six builds' own timeouts added up, as when each test ran its builds in turn

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("astro build with the policy loader", () => {
  it("fails with every problem named when the policy folder is invalid", () => {
    const { code, output } = built.get("policy broken")!;
    expect(code).not.toBe(0);
    expect(output).toContain("Invalid reward policy (src/content/policy):");
    expect(output).toContain("2026-07.json: criteria: criterion weights must add up to 100%, but they add up to 95%");
    expect(output).toContain(
      '2026-07.json: tiers[0].rule.minimums[3].criterion: tier "outstanding" has a minimum for unknown criterion "nps"',
    );
    expect(output).toContain('2 versions are marked "current" (2025-07.json, 2026-01.json): exactly one may be');
  });

  it("builds the same site when the folder is valid (the failure above is the policy's, not the fixture's)", () => {
    const { code, output } = built.get("policy valid")!;
    expect(output).toContain("2 policy versions");
    expect(code).toBe(0);
  });
});

describe("astro build with the programme loaders", () => {
  it("fails with every problem named by file and field when results, honours or forums are broken", () => {
    const { code, output } = built.get("programme broken")!;
    expect(code).not.toBe(0);
    expect(output).toContain("Invalid results (src/content/results):");
    expect(output).toMatch(/2026-Q3\.json: policy\.version: version 2026-01 was not in force for 2026-Q3/);
    expect(output).toContain('2026-08.json: kpis.nps: "nps" is not a criterion of version 2026-07');
    expect(output).toContain("2026-09.json: commentary.zh-cn:");
    expect(output).toMatch(/2025-Q3\.json: policy\.fingerprint: version 2025-07 no longer matches the fingerprint/);
    expect(output).toContain("Invalid honours (src/content/honours):");
    expect(output).toContain("2026-10-15-q3-outstanding-zhou-lei.json: recipient.consent: a person is named only with their consent");
  });

  it("reports the tier counts not adding up on their own", () => {
    const { code, output } = built.get("tier counts")!;
    expect(code).not.toBe(0);
    expect(output).toContain("2026-09.json: tiers: the tier counts add up to 45, but the headcount is 44");
  });

  it("builds the demo folders, and writes the same fingerprints on every build, equal to those the results cite", () => {
    const pages: string[] = [];
    for (const site of ["demo, first build", "demo, second build"] as const) {
      const { code, output, page } = built.get(site)!;
      expect(output).toContain("23 results");
      expect(code).toBe(0);
      pages.push(page!);
    }
    expect(pages[1]).toBe(pages[0]);
    const computed = new Map(
      [.../<p id="computed">([^<]*)<\/p>/.exec(pages[0]!)![1]!.split(" ")].map((x) => x.split("=") as [string, string]),
    );
    const cited = /<p id="cited">([^<]*)<\/p>/.exec(pages[0]!)![1]!.split(" ");
    expect(cited).toHaveLength(23);
    const results = new Map(cited.map((x) => x.split(":") as [string, string]));
    expect(results.get("2025-Q3")).toBe(computed.get("2025-07"));
    expect(results.get("2026-H1")).toBe(computed.get("2026-01"));
    expect(results.get("2026-10")).toBe(computed.get("2026-07"));
  });
});
