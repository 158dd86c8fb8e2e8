// End to end for the programme's build guard: a real `astro build` of a
// throwaway site with the programme loaders (as src/content.config.ts has
// them) fails, naming file and field, when its folders are broken; builds
// when they are not; and writes the same fingerprints on every build.
// Lives with the e2e tests because it runs real builds (too slow for unit).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../../scripts/env.ts";
import { astroBuild } from "./astro-build.ts";
import type { Editable } from "../unit/programme-fixtures.ts";

mkdirSync(TMP_DIR, { recursive: true });
const root = mkdtempSync(resolve(TMP_DIR, "programme-build-"));
const CONTENT = resolve("src/content");

function site(edit: (content: string) => void = () => {}) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, "src/pages"), { recursive: true });
  for (const folder of ["policy", "results", "honours", "forums"])
    cpSync(join(CONTENT, folder), join(root, "src/content", folder), { recursive: true });
  writeFileSync(
    join(root, "astro.config.mjs"),
    'import { defineConfig } from "astro/config";\nexport default defineConfig({ output: "static" });\n',
  );
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

const build = () => astroBuild(root, { CANDOR_TODAY: "2026-11-30" });

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("astro build with the programme loaders", () => {
  it("fails with every problem named by file and field when results, honours or forums are broken", async () => {
    site((content) => {
      editJson(join(content, "results/2026-Q3.json"), (d) => (d.policy.version = "2026-01"));
      editJson(join(content, "results/2026-08.json"), (d) => (d.kpis.nps = 30));
      editJson(join(content, "results/2026-09.json"), (d) => delete d.commentary["zh-cn"]);
      editJson(join(content, "honours/2026-10-15-q3-outstanding-zhou-lei.json"), (d) => delete d.recipient.consent);
      editJson(join(content, "policy/2025-07.json"), (d) => (d.tiers[0].rule.minScore = 91));
    });
    const { code, output } = await build();
    expect(code).not.toBe(0);
    expect(output).toContain("Invalid results (src/content/results):");
    expect(output).toMatch(/2026-Q3\.json: policy\.version: version 2026-01 was not in force for 2026-Q3/);
    expect(output).toContain('2026-08.json: kpis.nps: "nps" is not a criterion of version 2026-07');
    expect(output).toContain("2026-09.json: commentary.zh-cn:");
    expect(output).toMatch(/2025-Q3\.json: policy\.fingerprint: version 2025-07 no longer matches the fingerprint/);
    expect(output).toContain("Invalid honours (src/content/honours):");
    expect(output).toContain("2026-10-15-q3-outstanding-zhou-lei.json: recipient.consent: a person is named only with their consent");
  }, 120_000);

  it("reports the tier counts not adding up on their own", async () => {
    site((content) => editJson(join(content, "results/2026-09.json"), (d) => (d.tiers.good += 1)));
    const { code, output } = await build();
    expect(code).not.toBe(0);
    expect(output).toContain("2026-09.json: tiers: the tier counts add up to 45, but the headcount is 44");
  }, 120_000);

  it("builds the demo folders, and writes the same fingerprints on every build, equal to those the results cite", async () => {
    const pages: string[] = [];
    for (let i = 0; i < 2; i++) {
      site();
      const { code, output } = await build();
      expect(output).toContain("23 results");
      expect(code).toBe(0);
      pages.push(readFileSync(join(root, "dist/index.html"), "utf8"));
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
  }, 240_000);
});
