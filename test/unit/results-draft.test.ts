// scoreExport, the console's and the script's one path from a KPI export to a
// cycle's aggregates: each refusal under the heading the console translates,
// the small-change rule against the cycle as published, and nothing of the
// export's rows in what it returns.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePolicySet } from "#lib/policy/parse.ts";
import { isRefused, scoreExport } from "#lib/results/draft.ts";
import { folder } from "./programme-fixtures.ts";

const { versions } = parsePolicySet(folder("policy"));
const csv = readFileSync("test/fixtures/kpis/2025-H2.csv", "utf8");
const ctx = { versions, k: 5, today: "2026-11-30", published: null };
const refusal = (cycle: string, text: string, published = null as Parameters<typeof scoreExport>[2]["published"]) => {
  const out = scoreExport(cycle, text, { ...ctx, published });
  return isRefused(out) ? out : null;
};

describe("scoreExport", () => {
  it("scores the export under the version in force for the whole period, and returns no row of it", () => {
    const out = scoreExport("2025-H2", csv, ctx);
    if (isRefused(out)) throw new Error(out.details.map((d) => d.message).join("\n"));
    expect([out.version.version, out.aggregates.headcount]).toEqual(["2025-07", 31]);
    const sent = JSON.stringify(out.aggregates);
    for (const planted of ["SUP-ZEBRA-7731", "88.417", "S-4100"]) expect(sent).not.toContain(planted);
  });

  it("refuses under the heading HR reads, with the import's own lines", () => {
    expect(refusal("2025-h2", csv)?.refused).toBe("cycle");
    expect(refusal("2026-11", csv)).toMatchObject({
      refused: "period",
      details: [
        { code: "not_over", vars: { cycle: "2026-11", end: "2026-11-30" }, message: expect.stringMatching(/runs until 2026-11-30/) },
      ],
    });
    expect(scoreExport("2025-H2", csv, { ...ctx, versions: [] })).toMatchObject({ refused: "version" });
    const lines = csv.trimEnd().split("\n");
    expect(refusal("2025-H2", [...lines, lines[3]!].join("\n"))?.refused).toBe("duplicates");
    expect(refusal("2025-H2", lines.map((l) => l.split(",").slice(0, 5).join(",")).join("\n"))?.refused).toBe("columns");
    expect(refusal("2025-H2", lines.map((l, i) => (i === 2 ? l.replace(/,[^,]+$/, ",101") : l)).join("\n"))?.refused).toBe("values");
    expect(refusal("2025-H2", lines.slice(0, 5).join("\n"))?.refused).toBe("small");
  });

  it("applies the small-change rule to a cycle already published", () => {
    const first = scoreExport("2025-H2", csv, ctx);
    if (isRefused(first)) throw new Error("refused");
    const lines = csv.trimEnd().split("\n");
    const oneLess = lines.slice(0, -1).join("\n");
    expect(refusal("2025-H2", oneLess, first.aggregates)).toMatchObject({
      refused: "smallChange",
      details: [
        {
          code: "headcount_change",
          vars: { before: 31, after: 30, change: "-1", people: 1 },
          message: expect.stringMatching(/^headcount: 31 → 30/),
        },
      ],
    });
    expect(refusal("2025-H2", csv, first.aggregates)).toBeNull();
  });
});
