// The build's policy check, run on fixtures: every rule a policy author can
// break must stop the build with a message naming the file and the field.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { policyLoader } from "#content/loaders/policy.ts";
import { PolicyValidationError, parsePolicySet, type PolicyFile } from "#lib/policy/parse.ts";
import { ZPolicyVersion } from "#lib/policy/schema.ts";
import { demoFiles, demoVersion, file, smallPolicy } from "./policy-fixtures.ts";

function problems(files: PolicyFile[]): string[] {
  try {
    parsePolicySet(files);
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyValidationError);
    return (err as PolicyValidationError).problems;
  }
  throw new Error("expected the policy set to be rejected");
}

const superseded = (version: string) => ({ ...smallPolicy(), version, effective: `${version}-01`, status: "superseded" as const });

describe("policy schema (one version)", () => {
  it("accepts the demo versions", () => {
    for (const v of ["2025-07", "2026-01", "2026-07"]) expect(ZPolicyVersion.safeParse(demoVersion(v)).success).toBe(true);
  });

  it("rejects weights that do not add up to 100%, listing them", () => {
    const p = smallPolicy();
    p.criteria[0]!.weight = 55;
    expect(problems([file(p)])).toEqual([
      "2030-01.json: criteria: criterion weights must add up to 100%, but they add up to 95% (csat 55%, aht 40%)",
    ]);
  });

  it("accepts fractional weights that add up to 100% despite floating point, and still rejects 99.9%", () => {
    const p = smallPolicy();
    const third = { ...p.criteria[0]!, id: "quality", direction: "higher" as const };
    p.criteria = [p.criteria[0]!, p.criteria[1]!, third];
    [p.criteria[0]!.weight, p.criteria[1]!.weight, p.criteria[2]!.weight] = [0.1, 64.1, 35.8];
    // The premise: summed in this order these weights really miss 100 by a rounding error.
    expect(0.1 + 64.1 + 35.8).not.toBe(100);
    expect(0.1 + 64.1 + 35.8).toBeCloseTo(100, 10);
    expect(ZPolicyVersion.safeParse(p).success).toBe(true);
    p.criteria[2]!.weight = 35.7;
    expect(problems([file(p)])).toEqual([
      "2030-01.json: criteria: criterion weights must add up to 100%, but they add up to 99.9% (csat 0.1%, aht 64.1%, quality 35.7%)",
    ]);
  });

  it("rejects two minimums on one criterion and two rewards of one form in a tier", () => {
    const p = smallPolicy();
    p.tiers[0]!.rule.minimums = [
      { criterion: "csat", value: 85 },
      { criterion: "aht", value: 6 },
      { criterion: "csat", value: 88 },
    ];
    p.tiers[0]!.rewards = [
      { form: "bonus", percentOfBase: 10 },
      { form: "bonus", percentOfBase: 2 },
    ];
    expect(problems([file(p)])).toEqual([
      '2030-01.json: tiers[0].rule.minimums[2].criterion: tier "top" has two minimums for "csat": keep one',
      '2030-01.json: tiers[0].rewards[1].form: tier "top" gives reward form "bonus" twice: merge them into one reward',
    ]);
  });

  it("rejects tiers that do not nest: a higher tier missing a lower tier's minimum", () => {
    const p = smallPolicy();
    p.tiers[1]!.rule.minimums = [
      { criterion: "csat", value: 75 },
      { criterion: "aht", value: 8 },
    ];
    p.tiers[0]!.rule.minimums = [{ criterion: "csat", value: 85 }];
    expect(problems([file(p)])).toEqual([
      '2030-01.json: tiers[0].rule.minimums: tier "top" must also require aht at most 8, as the tier below it ("mid") does: a higher tier\'s conditions include every lower tier\'s',
    ]);
  });

  it("rejects a higher tier's minimum less strict than the tier below, in the criterion's direction", () => {
    const p = smallPolicy();
    // csat is higher-is-better: 80 asks less than 82. aht is lower-is-better: at most 9 asks less than at most 7.
    p.tiers[1]!.rule.minimums = [
      { criterion: "csat", value: 82 },
      { criterion: "aht", value: 7 },
    ];
    p.tiers[0]!.rule.minimums = [
      { criterion: "csat", value: 80 },
      { criterion: "aht", value: 9 },
    ];
    expect(problems([file(p)])).toEqual([
      '2030-01.json: tiers[0].rule.minimums[0].value: tier "top" requires csat at least 80, less strict than the tier below it ("mid": csat at least 82)',
      '2030-01.json: tiers[0].rule.minimums[1].value: tier "top" requires aht at most 9, less strict than the tier below it ("mid": aht at most 7)',
    ]);
    // Equal is as strict, and stricter in the right direction is fine.
    p.tiers[0]!.rule.minimums = [
      { criterion: "csat", value: 82 },
      { criterion: "aht", value: 6.5 },
    ];
    expect(ZPolicyVersion.safeParse(p).success).toBe(true);
  });

  it("rejects a tier rule on an unknown criterion", () => {
    const p = smallPolicy();
    p.tiers[0]!.rule.minimums = [{ criterion: "nps", value: 40 }];
    expect(problems([file(p)])).toEqual([
      '2030-01.json: tiers[0].rule.minimums[0].criterion: tier "top" has a minimum for unknown criterion "nps" (known: csat, aht)',
    ]);
  });

  it("rejects a reward form no tier or cycle can refer to", () => {
    const p = smallPolicy();
    p.tiers[1]!.rewards = [{ form: "car" }];
    p.cycles[0]!.rewards = ["yacht"];
    expect(problems([file(p)])).toEqual([
      '2030-01.json: tiers[1].rewards[0].form: tier "mid" gives unknown reward form "car" (known: bonus)',
      '2030-01.json: cycles[0].rewards[0]: cycle "monthly" pays unknown reward form "yacht" (known: bonus)',
    ]);
  });

  it("rejects a target on the wrong side of the threshold for the criterion's direction", () => {
    const p = smallPolicy();
    p.criteria[1]!.target = 12; // lower is better, threshold 10
    expect(problems([file(p)])).toContain(
      "2030-01.json: criteria[1].target: lower is better, so the target (12) must be below the threshold (10)",
    );
  });

  it("rejects tiers not listed best first, and a last tier with conditions", () => {
    const p = smallPolicy();
    p.tiers[1]!.rule.minScore = 85;
    p.tiers[2]!.rule.minScore = 10;
    const found = problems([file(p)]);
    expect(found).toContain(
      '2030-01.json: tiers[1].rule.minScore: tiers are listed best first, so tier "mid" needs a lower minScore than "top" (80), not 85',
    );
    expect(found).toContain(
      '2030-01.json: tiers[2].rule: the last tier ("low") is where everyone else lands: it needs minScore 0 and no minimums',
    );
  });

  it("rejects duplicate criterion ids, missing translations and unknown fields", () => {
    const p = smallPolicy() as Record<string, unknown> & ReturnType<typeof smallPolicy>;
    p.criteria[1]!.id = "csat";
    (p.title as Record<string, string>)["zh-cn"] = " ";
    p.bonusPool = 5;
    const found = problems([file(p)]);
    expect(found).toContain('2030-01.json: criteria[1].id: duplicate id "csat" in criteria');
    expect(found).toContain("2030-01.json: title.zh-cn: the zh-cn text is empty");
    expect(found.some((m) => m.startsWith("2030-01.json: (file):") && m.includes("bonusPool"))).toBe(true);
  });

  it("rejects a version id that is not a month, and an effective date outside it", () => {
    const p = { ...smallPolicy(), effective: "2030-02-01" };
    expect(problems([file(p)])).toEqual(["2030-01.json: effective: effective date 2030-02-01 is not in version month 2030-01"]);
    expect(problems([file({ ...smallPolicy(), version: "v2" }, "v2.json")])).toContain(
      "v2.json: version: a version id is the effective month, YYYY-MM",
    );
  });
});

describe("policy set (the whole folder)", () => {
  it("accepts the demo folder: three versions, oldest first, with prose in both languages", () => {
    const set = parsePolicySet(demoFiles());
    expect(set.versions.map((v) => [v.version, v.status])).toEqual([
      ["2025-07", "superseded"],
      ["2026-01", "superseded"],
      ["2026-07", "current"],
    ]);
    expect(Object.keys(set.prose["2026-07"] ?? {}).sort()).toEqual(["en", "zh-cn"]);
  });

  it("rejects a duplicate version id", () => {
    const current = { ...smallPolicy(), version: "2030-07", effective: "2030-07-01" };
    const p = superseded("2030-01");
    expect(problems([file(current), file(p), file(p, "2030-01-copy.json")])).toEqual([
      '2030-01-copy.json: version "2030-01" does not match the file name (expected 2030-01.json)',
      '2030-01.json: duplicate version id "2030-01" (also in 2030-01-copy.json)',
    ]);
  });

  it("rejects two versions marked current, naming both files", () => {
    const a = smallPolicy();
    const b = { ...smallPolicy(), version: "2030-07", effective: "2030-07-01" };
    expect(problems([file(a), file(b)])).toEqual(['2 versions are marked "current" (2030-01.json, 2030-07.json): exactly one may be']);
  });

  it("rejects a folder with no current version", () => {
    expect(problems([file(superseded("2029-01"))])).toEqual(['no version is marked "current": exactly one must be']);
  });

  it("rejects a superseded version newer than the current one and a draft older than it", () => {
    const draft = { ...smallPolicy(), version: "2029-07", effective: "2029-07-01", status: "draft" as const };
    expect(problems([file(smallPolicy()), file(superseded("2031-01")), file(draft)])).toEqual([
      "2029-07.json: a draft must be newer than the current version 2030-01",
      '2031-01.json: marked "superseded" but not older than the current version 2030-01',
    ]);
  });

  it("reports invalid JSON with the file name", () => {
    const found = problems([file(smallPolicy()), { path: "2031-01.json", text: '{"version": "2031-01",' }]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^2031-01\.json: not valid JSON: /);
  });

  it("rejects prose for an unknown version or locale, and stray files", () => {
    expect(
      problems([
        file(smallPolicy()),
        { path: "2031-01.en.md", text: "x" },
        { path: "2030-01.fr.md", text: "x" },
        { path: "notes.txt", text: "" },
      ]),
    ).toEqual([
      "notes.txt: not a policy file (expected <version>.json or <version>.<locale>.md)",
      '2030-01.fr.md: unknown locale "fr" (known: en, zh-cn)',
      '2031-01.en.md: prose for version "2031-01", which has no 2031-01.json',
    ]);
  });

  it("keeps prose out of the JSON (the loader fills it from the Markdown files)", () => {
    expect(problems([file({ ...smallPolicy(), prose: { en: "<script>x</script>" } })])).toEqual([
      "2030-01.json: prose: write it in 2030-01.<locale>.md next to this file, not in the JSON",
    ]);
  });

  it("collects every problem across files in one error message", () => {
    const bad = smallPolicy();
    bad.criteria[0]!.weight = 10;
    const err = (() => {
      try {
        parsePolicySet([file(bad), file({ ...smallPolicy(), version: "2030-07", effective: "2030-07-01" })]);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toMatch(
      /^Invalid reward policy \(src\/content\/policy\):\n {2}- 2030-01\.json: criteria: criterion weights must add up to 100%/,
    );
  });
});

describe("the content loader the build runs", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function fakeContext(root: string) {
    const stored = new Map<string, { id: string; data: Record<string, unknown> }>();
    return {
      stored,
      context: {
        config: { root: pathToFileURL(`${root}/`) },
        store: { clear: () => stored.clear(), set: (e: { id: string; data: Record<string, unknown> }) => (stored.set(e.id, e), true) },
        logger: { info: () => {}, error: () => {} },
        renderMarkdown: async (md: string) => ({ html: `<p>${md.trim()}</p>` }),
        generateDigest: (d: unknown) => String(JSON.stringify(d).length),
      },
    };
  }

  it("throws the validation message, which stops `astro build`", async () => {
    dir = mkdtempSync(join(tmpdir(), "candor-policy-"));
    mkdirSync(join(dir, "policy"));
    const a = smallPolicy();
    writeFileSync(join(dir, "policy", "2030-01.json"), JSON.stringify(a));
    writeFileSync(join(dir, "policy", "2030-07.json"), JSON.stringify({ ...a, version: "2030-07", effective: "2030-07-01" }));
    const { context, stored } = fakeContext(dir);
    const loader = policyLoader({ base: "policy" });
    await expect(loader.load(context as never)).rejects.toThrow(/2 versions are marked "current" \(2030-01\.json, 2030-07\.json\)/);
    expect(stored.size).toBe(0);
  });

  it("stores valid versions by version id, with prose rendered per locale", async () => {
    dir = mkdtempSync(join(tmpdir(), "candor-policy-"));
    mkdirSync(join(dir, "policy"));
    writeFileSync(join(dir, "policy", "2030-01.json"), JSON.stringify(smallPolicy()));
    writeFileSync(join(dir, "policy", "2030-01.en.md"), "Hello");
    const { context, stored } = fakeContext(dir);
    await policyLoader({ base: "policy" }).load(context as never);
    expect([...stored.keys()]).toEqual(["2030-01"]);
    expect(stored.get("2030-01")!.data.prose).toEqual({ en: "<p>Hello</p>" });
  });
});
