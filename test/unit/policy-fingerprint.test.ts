// The fingerprint a cycle's results cite: stable for the same rules however
// the file is written, and different for any change of them.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalPolicy, policyFingerprint } from "#lib/policy/fingerprint.ts";
import { parsePolicySet } from "#lib/policy/parse.ts";
import { ZPolicyVersion, type TPolicyVersion } from "#lib/policy/schema.ts";
import { demoVersion } from "./policy-fixtures.ts";
import { folder } from "./programme-fixtures.ts";
import { runs } from "../support/fast-check.ts";

const parse = (raw: unknown) => ZPolicyVersion.parse(raw);
const v2607 = () => parse(demoVersion("2026-07"));

describe("canonical form", () => {
  it("is RFC 8785 JSON: keys sorted at every level, no whitespace, strings and numbers as JSON.stringify writes them", () => {
    expect(canonicalJson({ b: [3, { z: 1, a: "é\n" }], a: 1.5e-7, c: null, d: undefined })).toBe(
      '{"a":1.5e-7,"b":[3,{"a":"é\\n","z":1}],"c":null}',
    );
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
  });

  it("leaves out the status and the prose, nothing else", () => {
    const v = v2607();
    const text = canonicalPolicy(v);
    expect(text).not.toContain('"status"');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({ ...v, status: undefined })));
    expect(canonicalPolicy({ ...v, status: "superseded" })).toBe(text);
    expect(canonicalPolicy({ ...v, prose: { en: "<p>x</p>" } })).toBe(text);
  });

  it("is what sha256sum of the downloadable file gives", async () => {
    const v = v2607();
    expect(await policyFingerprint(v)).toBe(
      createHash("sha256")
        .update(Buffer.from(canonicalPolicy(v), "utf8"))
        .digest("hex"),
    );
  });
});

describe("fingerprint", () => {
  it("is stable: the same version written with other key order, indentation or defaults left out", async () => {
    const raw = demoVersion("2026-07") as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(raw).reverse());
    const stripped = JSON.parse(JSON.stringify(raw), (key, value) =>
      Array.isArray(value) && value.length === 0 && key === "minimums" ? undefined : value,
    );
    const a = await policyFingerprint(parse(raw));
    expect(await policyFingerprint(parse(JSON.parse(JSON.stringify(reordered, null, 4))))).toBe(a);
    expect(await policyFingerprint(parse(stripped))).toBe(a);
    // the same value the build recorded in the demo results
    const { versions } = parsePolicySet(folder("policy"));
    const cited = JSON.parse(folder("results").find((f) => f.path === "2026-Q3.json")!.text).policy.fingerprint;
    expect(await policyFingerprint(versions.find((v) => v.version === "2026-07")!)).toBe(cited);
  });

  it("changes with any change of a rule: a number in a criterion or a tier, a tier's minimums or rewards, a text", async () => {
    const original = v2607();
    const base = await policyFingerprint(original);
    type Mutation = (v: TPolicyVersion) => void;
    const numbers: Mutation[] = original.criteria.flatMap((_, i) =>
      (["weight", "target", "threshold"] as const).map(
        (field): Mutation =>
          (v) =>
            (v.criteria[i]![field] += 0.01),
      ),
    );
    const tierRules: Mutation[] = original.tiers.flatMap((t, i): Mutation[] => [
      (v) => (v.tiers[i]!.rule.minScore += 0.5),
      ...t.rule.minimums.map(
        (_, j): Mutation =>
          (v) =>
            (v.tiers[i]!.rule.minimums[j]!.value += 0.1),
      ),
      ...t.rewards.map(
        (_, j): Mutation =>
          (v) =>
            (v.tiers[i]!.rewards[j]!.percentOfBase = (v.tiers[i]!.rewards[j]!.percentOfBase ?? 0) + 1),
      ),
      (v) => v.tiers[i]!.rewards.pop(),
    ]);
    const others: Mutation[] = [
      (v) => (v.criteria[0]!.direction = "lower"),
      (v) => (v.criteria[1]!.range.max = 99),
      (v) => (v.title["zh-cn"] = `${v.title["zh-cn"]}。`),
      (v) => (v.budget!.annual += 1),
      (v) => v.cycles.pop(),
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...numbers, ...tierRules, ...others), async (mutate) => {
        const copy = structuredClone(original);
        mutate(copy);
        expect(await policyFingerprint(copy)).not.toBe(base);
      }),
      { numRuns: runs(80) },
    );
  });
});
