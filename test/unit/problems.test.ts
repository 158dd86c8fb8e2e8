// The build's problems with a draft in HR's words: every code the checks can
// give has its message in both languages (with the same placeholders), every
// code a schema names is a known one, and broken drafts come back with the
// codes and figures the console translates — no placeholder left unfilled.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "#i18n/config.ts";
import { ui } from "#i18n/index.ts";
import { fill } from "#i18n/translate.ts";
import { honourDraftProblems, policyDraftProblems, resultsDraftProblems } from "#lib/publishing/content-checks.ts";
import { PROBLEM_CODES, problemKey, type Problems } from "#lib/problems.ts";
import { ZPolicyVersion } from "#lib/policy/schema.ts";
import { policyFingerprint } from "#lib/policy/fingerprint.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every `problem: "…"`, problem("…", coded("…" and say(…, "…" in the checks' sources: the codes the checks give. */
function codesInSources(): Set<string> {
  const files = [
    "src/lib/policy/schema.ts",
    "src/lib/programme/honours.ts",
    "src/lib/programme/forums.ts",
    "src/lib/programme/forum-rules.ts",
    "src/lib/results/schema.ts",
    "src/lib/results/parse.ts",
  ];
  const dir = "src/lib/publishing";
  files.push(
    ...readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".generated.ts"))
      .map((f) => join(dir, f)),
  );
  const codes = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/problem: "([a-z_]+)"/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/(?:problem|coded)\("([a-z_]+)"/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/say\(\s*[^,]+,\s*"([a-z_]+)"/g)) codes.add(m[1]!);
  }
  return codes;
}

describe("problem messages", () => {
  it("exist for every code in both languages, with the same placeholders, and none for a code that is not", () => {
    for (const code of PROBLEM_CODES) {
      const en = ui.en[problemKey(code)];
      expect(en, code).toBeTruthy();
      for (const l of LOCALES) {
        expect(ui[l][problemKey(code)], `${l}: ${code}`).toBeTruthy();
        expect(placeholders(ui[l][problemKey(code)]!), `${l}: ${code}`).toEqual(placeholders(en!));
      }
    }
    for (const l of LOCALES) {
      const keys = Object.keys(ui[l]).filter((k) => k.startsWith("admin.problem."));
      expect(keys.sort()).toEqual(PROBLEM_CODES.map(problemKey).sort());
    }
  });

  it("cover every code the checks' sources name", () => {
    const used = codesInSources();
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((c) => !(PROBLEM_CODES as readonly string[]).includes(c))).toEqual([]);
  });
});

const inForce = JSON.parse(readFileSync("src/content/policy/2026-07.json", "utf8"));
const next = { ...inForce, version: "2027-01", effective: "2027-01-01" };

/** Each problem said in each language, checked to leave no placeholder unfilled. */
function said(problems: Problems | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, p] of Object.entries(problems ?? {})) {
    for (const l of LOCALES) {
      const text = fill(ui[l][problemKey(p.code)]!, p.vars);
      expect(text, `${l}: ${field} ${p.code}`).not.toMatch(/\{\w+\}/);
      if (l === "zh-cn") out[field] = text;
    }
  }
  return out;
}

describe("broken drafts", () => {
  it("a policy version: its rules and zod's own issues come back as codes with their figures", () => {
    const p = structuredClone(next);
    p.criteria[0].weight = 30;
    p.criteria[1].id = "Resolution Rate";
    p.criteria[2].name["zh-cn"] = " ";
    p.criteria[3].target = Number.NaN;
    p.tiers[1].rule.minScore = 95;
    p.tiers.at(-1).rule.minScore = 5;
    p.rewardForms.push({ ...p.rewardForms[0], extra: 1 });
    const problems = policyDraftProblems(p, { version: "2026-07" })!;
    expect(Object.fromEntries(Object.entries(problems).map(([f, x]) => [f, [x.code, x.vars]]))).toMatchObject({
      "criteria.1.id": ["format_slug", {}],
      "criteria.2.name.zh-cn": ["empty", { minimum: 1 }],
      "criteria.3.target": ["not_number", {}],
      "rewardForms.6.extra": ["unknown_field", {}],
    });
    const ruled = structuredClone(next);
    ruled.criteria[0].weight = 30;
    ruled.tiers[1].rule.minScore = 95;
    ruled.tiers.at(-1).rule.minScore = 5;
    const rules = policyDraftProblems(ruled, { version: "2026-07" })!;
    expect(Object.fromEntries(Object.entries(rules).map(([f, x]) => [f, [x.code, x.vars]]))).toMatchObject({
      criteria: ["weights_sum", { total: 105 }],
      "tiers.1.rule.minScore": ["tier_order", { above: 90 }],
      "tiers.4.rule": ["last_tier", {}],
    });
    expect(said(rules).criteria).toBe("各项权重之和必须为 100%，目前为 105%。");
  });

  it("an honour: a vague reason and a cycle written wrong", () => {
    const honour = JSON.parse(readFileSync("src/content/honours/2026-10-15-q3-outstanding-zhou-lei.json", "utf8"));
    const problems = honourDraftProblems({ ...honour, cycle: "Q3", reason: { ...honour.reason, "zh-cn": "很好。" } })!;
    expect(problems.cycle?.code).toBe("format_cycle");
    expect(said(problems)["reason.zh-cn"]).toBe("请具体说明做了什么、为何重要（至少 15 个字符）。");
  });

  it("a cycle's results: the rules against the policy the server skipped before (criteria, tiers, fingerprint)", async () => {
    const versions = ["2025-07", "2026-01", "2026-07"].map((v) =>
      ZPolicyVersion.parse(JSON.parse(readFileSync(`src/content/policy/${v}.json`, "utf8"))),
    );
    const v = versions[0]!;
    const fingerprint = await policyFingerprint(v);
    const tiers = Object.fromEntries(v.tiers.map((t, i) => [t.id, i === 0 ? 31 : 0]));
    const kpis = Object.fromEntries(v.criteria.map((c) => [c.id, c.range.min]));
    const body = {
      cycle: "2025-H2",
      published: "2026-11-30",
      policy: { version: v.version, fingerprint },
      headcount: 31,
      kpis,
      tiers,
      promotions: null,
      training: { courses: 0, hours: 0, people: 0 },
      activities: [],
      commentary: { en: "A half-year.", "zh-cn": "半年。" },
    };
    const rules = { policies: versions, fingerprints: new Map([[v.version, fingerprint]]), k: 5, today: "2026-11-30" };
    expect(resultsDraftProblems(body, "2025-H2", rules)).toBeNull();
    const [first] = Object.keys(kpis);
    const broken = {
      ...body,
      policy: { version: v.version, fingerprint: "0".repeat(64) },
      kpis: { ...kpis, [first!]: v.criteria[0]!.range.max + 1, invented: 1 },
      tiers: { ...tiers, [v.tiers[0]!.id]: 30 },
    };
    const problems = resultsDraftProblems(broken, "2025-H2", rules)!;
    expect(Object.fromEntries(Object.entries(problems).map(([f, x]) => [f, x.code]))).toEqual({
      "policy.fingerprint": "fingerprint_changed",
      [`kpis.${first}`]: "kpi_range",
      "kpis.invented": "not_criterion",
      tiers: "tiers_sum",
    });
    said(problems);
  });
});
