// A refused KPI export in the console's language: every line the import can
// give has its words in both languages (with the same placeholders), and the
// lines of real broken exports — layout, rows, values, too few people, the
// small-change rule's figures — come out with every placeholder filled, the
// tiers named as the policy names them, and in Chinese no English left.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LOCALES, type Locale } from "#i18n/config.ts";
import { ui } from "#i18n/index.ts";
import { translator } from "#i18n/translate.ts";
import { parsePolicySet } from "#lib/policy/parse.ts";
import { isRefused, scoreExport, type Refused } from "#lib/results/draft.ts";
import { KPI_PROBLEM_CODES, kpiProblemKey } from "#lib/results/kpi-problems.ts";
import type { T } from "../../src/components/admin/api.ts";
import { sayKpiProblem } from "../../src/components/admin/kpiProblemWords.ts";
import { folder } from "./programme-fixtures.ts";

const { versions } = parsePolicySet(folder("policy"));
const csv = readFileSync("test/fixtures/kpis/2025-H2.csv", "utf8");
const lines = csv.trimEnd().split("\n");
const ctx = { versions, k: 5, today: "2026-11-30", published: null };
const t = (locale: Locale) => translator({ locale, text: ui[locale] }) as unknown as T;
const tierName = (locale: Locale) => (id: string) => versions.at(-1)!.tiers.find((x) => x.id === id)?.name[locale] ?? id;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function refused(cycle: string, text: string, published: Parameters<typeof scoreExport>[2]["published"] = null): Refused {
  const out = scoreExport(cycle, text, { ...ctx, published });
  if (!isRefused(out)) throw new Error(`${cycle} was not refused`);
  return out;
}

const scored = scoreExport("2025-H2", csv, ctx);
if (isRefused(scored)) throw new Error("the fixture is refused");
const edit = (row: number, change: (fields: string[]) => string[]) =>
  lines.map((l, i) => (i === row ? change(l.split(",")).join(",") : l)).join("\n");

const broken: [string, Refused][] = [
  ["not a cycle", refused("2025-h2", csv)],
  ["not over", refused("2026-11", csv)],
  ["no version", refused("2019", csv)],
  ["empty file", refused("2025-H2", "")],
  ["quoted field", refused("2025-H2", `${lines[0]}\n"S-1,`)],
  ["columns", refused("2025-H2", lines.map((l) => l.replace(/^supervisor,csat/, "person,nps")).join("\n"))],
  ["column twice", refused("2025-H2", lines.map((l) => `${l},${l.split(",").at(-1)}`).join("\n"))],
  ["no rows", refused("2025-H2", lines[0]!)],
  ["rows", refused("2025-H2", [edit(1, (f) => f.slice(0, 3)), edit(2, (f) => ["", ...f.slice(1)]).split("\n")[2]!].join("\n"))],
  ["row values", refused("2025-H2", [lines[0], edit(1, (f) => [f[0]!, "", "abc", "101", ...f.slice(4)]).split("\n")[1]].join("\n"))],
  ["duplicate", refused("2025-H2", [...lines, lines[3]!].join("\n"))],
  ["too few", refused("2025-H2", lines.slice(0, 4).join("\n"))],
  ["headcount", refused("2025-H2", lines.slice(0, -1).join("\n"), scored.aggregates)],
  ["values", refused("2025-H2", csv, { ...scored.aggregates, kpis: { ...scored.aggregates.kpis, csat: 87.5 } })],
  [
    "tiers",
    // published with one "outstanding" (shown as fewer than k) and one "below" fewer than now
    refused("2025-H2", csv, { ...scored.aggregates, tiers: { outstanding: null, excellent: 5, good: 9, meets: 5, below: 11 } }),
  ],
];

describe("a refused KPI export in HR's language", () => {
  it("has words for every line the import gives, in both languages, with the same placeholders", () => {
    for (const code of KPI_PROBLEM_CODES) {
      const en = ui.en[kpiProblemKey(code)];
      expect(en, code).toBeTruthy();
      for (const l of LOCALES) expect(placeholders(ui[l][kpiProblemKey(code)] ?? ""), `${l} ${code}`).toEqual(placeholders(en!));
    }
  });

  it("says every line of broken exports with every placeholder filled, and no English in Chinese", () => {
    const codes = new Set<string>();
    for (const [what, r] of broken) {
      expect(r.details.length, what).toBeGreaterThan(0);
      for (const d of r.details) {
        codes.add(d.code);
        const en = sayKpiProblem(t("en"), d, tierName("en"));
        const zh = sayKpiProblem(t("zh-cn"), d, tierName("zh-cn"));
        for (const said of [en, zh]) expect(said, `${what}: ${d.code}`).not.toMatch(/\{\w+\}|admin\./);
        // what may stay Latin in Chinese: ids, figures and names from the file
        const latin = zh.replace(/“[^”]*”|（[^）]*）|[a-z0-9-]+(, [a-z0-9-]+)*/gi, "");
        expect(latin, `${what}: ${zh}`).not.toMatch(/[A-Za-z]{3,}/);
        expect(zh).not.toBe(d.message);
      }
    }
    // the broken exports above reach every line the import has, but the one its own rows cannot (two versions in one cycle)
    expect([...codes].sort()).toEqual(KPI_PROBLEM_CODES.filter((c) => c !== "two_versions").sort());
  });

  it("names tiers as the policy does in the console's language", () => {
    const [, r] = broken.find(([what]) => what === "tiers")!;
    const zh = r.details.map((d) => sayKpiProblem(t("zh-cn"), d, tierName("zh-cn")));
    expect(zh.join("\n")).toContain(`“${versions.at(-1)!.tiers[0]!.name["zh-cn"]}”等级`);
    expect(zh.join("\n")).toMatch(/少于 5/);
  });
});
