// `npm run results:import` on generated per-supervisor exports: the
// aggregates it writes equal an independent count, nothing it writes
// describes fewer than k people, and each kind of bad file is refused with a
// message that says where.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { importCycle } from "../../scripts/results-import.ts";
import { pinnedClock } from "../../src/lib/clock.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { parsePolicySet } from "../../src/lib/policy/parse.ts";
import type { TPolicyVersion } from "../../src/lib/policy/schema.ts";
import { aggregateCycle, ImportError, readKpiRows } from "../../src/lib/results/import.ts";
import { parseResultsSet } from "../../src/lib/results/parse.ts";
import { policyFingerprint } from "../../src/lib/policy/fingerprint.ts";
import { suppressPartition } from "../../src/lib/suppression.ts";
import { folder } from "./programme-fixtures.ts";

const clock = pinnedClock("2026-11-30");
const outside = mkdtempSync(join(tmpdir(), "candor-import-"));
afterAll(() => rmSync(outside, { recursive: true, force: true }));
const { versions } = parsePolicySet(folder("policy"));
const v2607 = versions.find((v) => v.version === "2026-07")!;
const v2507 = versions.find((v) => v.version === "2025-07")!;

/** A per-supervisor export: values spread over each criterion's threshold…target and a bit beyond. */
function generate(version: TPolicyVersion, n: number, seed: number): { csv: string; rows: Record<string, number>[] } {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = Array.from({ length: n }, () =>
    Object.fromEntries(
      version.criteria.map((c) => {
        const lo = Math.max(c.range.min, Math.min(c.threshold, c.target) - Math.abs(c.target - c.threshold) * 0.3);
        const hi = Math.min(c.range.max, Math.max(c.threshold, c.target) + Math.abs(c.target - c.threshold) * 0.2);
        return [c.id, Math.round((lo + rand() * (hi - lo)) * 10) / 10];
      }),
    ),
  );
  const header = ["supervisor", ...version.criteria.map((c) => c.id)].join(",");
  const csv = [header, ...rows.map((r, i) => [`S${i + 1}`, ...version.criteria.map((c) => r[c.id])].join(","))].join("\r\n");
  return { csv, rows };
}

/** The tier rule written out again, independently of score.ts. */
function independentTier(version: TPolicyVersion, row: Record<string, number>): { tier: number; score: number } {
  let total = 0;
  for (const c of version.criteria) {
    const p = Math.min(1, Math.max(0, (row[c.id]! - c.threshold) / (c.target - c.threshold)));
    total += p * c.weight;
  }
  const score = Math.round(total * 100) / 100;
  const tier = version.tiers.findIndex(
    (t) =>
      score >= t.rule.minScore &&
      t.rule.minimums.every((m) => {
        const c = version.criteria.find((x) => x.id === m.criterion)!;
        return c.direction === "higher" ? row[m.criterion]! >= m.value : row[m.criterion]! <= m.value;
      }),
  );
  return { tier, score };
}

function writeCsv(name: string, text: string): string {
  const path = join(outside, name);
  writeFileSync(path, text);
  return path;
}

describe("aggregates from a generated export", () => {
  it("equal an independent count, and nothing describes fewer than k people", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 60 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 3, max: 7 }),
        fc.boolean(),
        (n, seed, k, old) => {
          const version = old ? v2507 : v2607;
          if (n < k) return;
          const { csv, rows } = generate(version, n, seed);
          const out = aggregateCycle(readKpiRows(csv, version), version, k);
          const tiers = rows.map((r) => independentTier(version, r));
          const counts = version.tiers.map((_, i) => tiers.filter((x) => x.tier === i).length);
          expect(out.headcount).toBe(n);
          // the team value is the mean, rounded to two decimals
          for (const c of version.criteria)
            expect(Math.abs(out.kpis[c.id]! - rows.reduce((a, r) => a + r[c.id]!, 0) / n)).toBeLessThanOrEqual(0.005 + 1e-9);
          const shown = suppressPartition(counts, k);
          expect(out.tiers).toEqual(shown === null ? "withheld" : Object.fromEntries(version.tiers.map((t, i) => [t.id, shown[i]])));
          for (const v of out.tiers === "withheld" ? [] : Object.values(out.tiers)) expect(v === null || v === 0 || v >= k).toBe(true);
          if (!out.scoreBands) {
            expect(shown === null || shown.includes(null)).toBe(true);
            return;
          }
          expect(out.scoreBands.reduce((a, b) => a + b.count, 0)).toBe(n);
          const members = out.scoreBands.map((b) =>
            tiers.map((x, i) => (x.score >= b.from && (x.score < b.to || (b.to === 100 && x.score <= 100)) ? i : -1)).filter((i) => i >= 0),
          );
          members.forEach((m, i) => {
            expect(m.length).toBe(out.scoreBands![i]!.count);
            expect(m.length).toBeGreaterThanOrEqual(k);
          });
          // no run of bands nested in (or around) a run of tiers with 1…k−1 people between them
          const runs = <T>(xs: T[][]) => xs.flatMap((_, a) => xs.slice(a).map((__, j) => new Set(xs.slice(a, a + j + 1).flat())));
          const tierSets = version.tiers.map((_, t) => tiers.map((x, i) => (x.tier === t ? i : -1)).filter((i) => i >= 0));
          for (const band of runs(members).filter((s) => s.size < n)) {
            for (const run of runs(tierSets).filter((s) => s.size < n)) {
              const [small, big] = band.size <= run.size ? [band, run] : [run, band];
              if ([...small].every((p) => big.has(p))) {
                const diff = big.size - small.size;
                expect(diff === 0 || diff >= k, `a band run and a tier run differ by ${diff}`).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("npm run results:import", () => {
  it("writes a cycle file the build accepts once HR has written the commentary", async () => {
    const resultsDir = mkdtempSync(join(outside, "results-"));
    const { csv } = generate(v2607, 44, 7);
    const { file, summary } = await importCycle({ cycle: "2026-Q3", kpis: writeCsv("q3.csv", csv), resultsDir, k: 5, clock });
    expect(summary).toContain("2026-Q3: 44 supervisors scored under policy 2026-07 (k = 5)");
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written.policy).toEqual({ version: "2026-07", fingerprint: await policyFingerprint(v2607) });
    expect(written.commentary).toEqual({ en: "", "zh-cn": "" });
    expect(readFileSync(file, "utf8")).not.toMatch(/S\d+/); // no supervisor id, no per-person row
    const ctx = { policies: versions, fingerprints: new Map([["2026-07", await policyFingerprint(v2607)]]), k: 5, today: "2026-11-30" };
    const text = (d: object) => [{ path: "2026-Q3.json", text: JSON.stringify(d) }];
    expect(() => parseResultsSet(text(written), ctx)).toThrow(/commentary\.en: the en text is empty/);
    Object.assign(written, {
      commentary: { en: "Done.", "zh-cn": "完成。" },
      promotions: 0,
      training: { courses: 1, hours: 2, people: 0 },
    });
    expect(parseResultsSet(text(written), ctx)).toHaveLength(1);
    // a second import keeps what HR wrote and replaces the figures
    writeFileSync(file, JSON.stringify(written));
    await importCycle({ cycle: "2026-Q3", kpis: writeCsv("q3b.csv", generate(v2607, 40, 8).csv), resultsDir, k: 5, clock });
    const again = JSON.parse(readFileSync(file, "utf8"));
    expect(again.headcount).toBe(40);
    expect(again.commentary).toEqual({ en: "Done.", "zh-cn": "完成。" });
  });

  it("refuses an export inside the repository", async () => {
    mkdirSync(TMP_DIR, { recursive: true });
    const inside = resolve(TMP_DIR, "kpis-inside.csv");
    writeFileSync(inside, generate(v2607, 10, 1).csv);
    try {
      await expect(importCycle({ cycle: "2026-Q3", kpis: inside, resultsDir: outside, clock })).rejects.toThrow(
        /is inside the repository \(\.tmp\/kpis-inside\.csv\): keep per-person exports outside it/,
      );
    } finally {
      rmSync(inside);
    }
  });

  it("refuses a period not over yet, and a cycle id that is not one", async () => {
    const path = writeCsv("ok.csv", generate(v2607, 10, 1).csv);
    await expect(importCycle({ cycle: "2026-11", kpis: path, resultsDir: outside, clock })).rejects.toThrow(
      /runs until 2026-11-30: import it once the period is over/,
    );
    await expect(importCycle({ cycle: "2026-Q5", kpis: path, resultsDir: outside, clock })).rejects.toThrow(/is not a cycle id/);
  });
});

describe("bad exports get a clear error", () => {
  const { csv } = generate(v2607, 6, 3);
  const lines = csv.split("\r\n");
  const errors = (text: string) => {
    try {
      readKpiRows(text, v2607);
      return [];
    } catch (err) {
      expect(err).toBeInstanceOf(ImportError);
      return (err as ImportError).problems;
    }
  };

  it("a missing column", () => {
    const cut = lines.map((l) => l.split(",").slice(0, -1).join(","));
    expect(errors(cut.join("\n"))).toEqual(['missing column "team-engagement" (a criterion of version 2026-07)']);
  });

  it("an unknown criterion", () => {
    const extra = lines.map((l, i) => `${l},${i === 0 ? "nps" : "40"}`);
    expect(errors(extra.join("\n"))).toEqual([
      'column 9 "nps" is not a criterion of version 2026-07 (criteria: csat, resolution-rate, first-contact-resolution, average-handling-time, quality-audit, complaint-rate, team-engagement)',
    ]);
  });

  it("a value out of range, one that is not a number, one missing", () => {
    const bad = [...lines];
    bad[1] = bad[1]!.replace(/^S1,[^,]+/, "S1,101");
    bad[2] = bad[2]!.replace(/^S2,[^,]+/, "S2,9O");
    bad[3] = bad[3]!.replace(/^S3,[^,]+/, "S3,");
    expect(errors(bad.join("\n"))).toEqual([
      "line 2, csat: 101 is outside the range 0–100",
      'line 3, csat: "9O" is not a number',
      "line 4, csat: no value",
    ]);
  });

  it("a duplicate row", () => {
    expect(errors([...lines, lines[2]!].join("\n"))).toEqual(["line 8: duplicate row for the supervisor on line 3"]);
  });

  it("quoted fields, a BOM and CRLF are read as CSV", () => {
    const quoted = `\uFEFF${lines[0]}\r\n"S 1, east",${lines[1]!.split(",").slice(1).join(",")}\r\n`;
    expect(readKpiRows(quoted, v2607)).toHaveLength(1);
  });
});
