// The policy's dynamic string keys (`policy.field.${field}`, `policy.section.${section}`,
// `policy.unit.${unit}`, …) are built at run time, so the type checker cannot
// see a missing one; a missing key would silently fall back to English (or to
// the raw key). Checked here against each locale's own table, no fallback.
import { describe, expect, it } from "vitest";
import { changeCount, changeLines, rewardFormList } from "#components/policy/describe.ts";
import { LOCALES } from "#i18n/config.ts";
import { ui, useTranslations } from "#i18n/index.ts";
import { formatList } from "#i18n/translate.ts";
import { FIELDS, SECTIONS, diffPolicies } from "#lib/policy/diff.ts";
import { parsePolicySet } from "#lib/policy/parse.ts";
import { UNITS } from "#lib/policy/schema.ts";
import { demoFiles } from "./policy-fixtures.ts";

const { versions } = parsePolicySet(demoFiles());

describe("dynamic policy string keys", () => {
  const keys = [
    ...SECTIONS.map((s) => `policy.section.${s}`),
    ...Object.values(FIELDS)
      .flat()
      .map((f) => `policy.field.${f}`),
    ...UNITS.flatMap((u) => [`policy.unit.${u}`, `policy.unitName.${u}`]),
    ...["higher", "lower"].map((d) => `policy.direction.${d}`),
    ...["material", "non-material"].map((k) => `policy.kind.${k}`),
    ...["draft", "current", "superseded"].map((s) => `policy.status.${s}`),
    ...["added", "removed", "changed"].map((c) => `policy.compare.${c}`),
    ...["one", "other"].map((c) => `policy.compare.count.${c}`),
  ];

  for (const locale of LOCALES) {
    it(`every section, field, unit, direction, kind and status has a ${locale} string`, () => {
      expect(keys.filter((k) => typeof ui[locale][k] !== "string" || ui[locale][k]!.trim() === "")).toEqual([]);
    });
  }

  it("every field a diff of the demo versions reports is a listed field of its section", () => {
    const seen = versions.flatMap((a, i) =>
      versions.slice(i + 1).flatMap((b) => diffPolicies(a, b).changes.flatMap((c) => c.fields.map((f) => [c.section, f.field] as const))),
    );
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter(([section, field]) => !(FIELDS[section] as readonly string[]).includes(field))).toEqual([]);
  });
});

describe("plurals, lists and labels", () => {
  it("counts changes with the right plural form", () => {
    const en = useTranslations("en");
    const zh = useTranslations("zh-cn");
    expect(changeCount(en, 1)).toBe("1 change");
    expect(changeCount(en, 0)).toBe("0 changes");
    expect(changeCount(en, 2)).toBe("2 changes");
    expect(changeCount(en, 1200)).toBe("1,200 changes");
    expect(changeCount(zh, 1)).toBe("共 1 项变更");
    expect(changeCount(zh, 3)).toBe("共 3 项变更");
  });

  it("joins lists by each language's rules, the same for the document and what-changed", () => {
    expect(formatList("en", ["A", "B", "C"])).toBe("A, B, and C");
    expect(formatList("zh-cn", ["甲", "乙", "丙"])).toBe("甲、乙和丙");
    const forms = versions[0]!.rewardForms;
    const ids = forms.slice(0, 2).map((f) => f.id);
    expect(rewardFormList("zh-cn", forms, ids)).toBe(`${forms[0]!.name["zh-cn"]}和${forms[1]!.name["zh-cn"]}`);
    expect(rewardFormList("zh-cn", forms, ids)).not.toContain(", ");
  });

  it("a cycle's reward forms in a what-changed line are joined like the document's list", () => {
    const a = versions[2]!;
    const b = structuredClone(a);
    const forms = a.rewardForms.slice(0, 3).map((f) => f.id);
    b.cycles[0]!.rewards = forms;
    for (const locale of LOCALES) {
      const ctx = { t: useTranslations(locale), locale, from: a, to: b };
      const [change] = diffPolicies(a, b).changes;
      expect(change?.fields.map((f) => f.field)).toEqual(["rewards"]);
      const [line] = changeLines(ctx, change!);
      expect(line!.text).toContain(`→ ${rewardFormList(locale, b.rewardForms, forms)}`);
    }
    const zh = changeLines({ t: useTranslations("zh-cn"), locale: "zh-cn", from: a, to: b }, diffPolicies(a, b).changes[0]!)[0]!.text;
    expect(zh).toContain(`${a.rewardForms[0]!.name["zh-cn"]}、${a.rewardForms[1]!.name["zh-cn"]}和${a.rewardForms[2]!.name["zh-cn"]}`);
  });

  it("labels a calculator field with the unit in the language's own brackets", () => {
    expect(useTranslations("en")("calc.field", { name: "CSAT", unit: "percent" })).toBe("CSAT (percent)");
    expect(useTranslations("zh-cn")("calc.field", { name: "客户满意度（CSAT）", unit: "百分比" })).toBe("客户满意度（CSAT）（百分比）");
  });

  it("calls a replaced version 已被取代, as the superseded banner does", () => {
    expect(ui["zh-cn"]["policy.status.superseded"]).toBe("已被取代");
    expect(ui["zh-cn"]["policy.superseded.body"]).toContain("取代");
  });
});
