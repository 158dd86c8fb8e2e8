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
import { pinnedClock } from "#lib/clock.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { parsePolicySet } from "#lib/policy/parse.ts";
import type { TPolicyVersion } from "#lib/policy/schema.ts";
import { aggregateCycle, ImportError, readKpiRows } from "#lib/results/import.ts";
import { parseResultsSet } from "#lib/results/parse.ts";
import { policyFingerprint } from "#lib/policy/fingerprint.ts";
import { suppressPartition } from "#lib/anonymity/suppression.ts";
import { scorePolicy } from "#lib/policy/score.ts";
import { republishProblems, type PublishedFigures } from "#lib/results/republish.ts";
import { folder } from "./programme-fixtures.ts";
import { runs } from "../support/fast-check.ts";

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

/**
 * The export plus `copies` rows equal to one supervisor's (new ids), chosen in
 * a tier the published file shows with a count of at least k: every figure
 * then moves by 0 or by `copies` people.
 */
function withCopies(version: TPolicyVersion, csv: string, copies: number, published: { tiers: unknown }, k: number): string {
  const lines = csv.split("\r\n");
  const header = lines[0]!.split(",");
  const row = lines.slice(1).find((line) => {
    if (published.tiers === "withheld") return true; // hidden both times: only the headcount moves, by `copies`
    const values = Object.fromEntries(header.map((h, i) => [h, Number(line.split(",")[i])]));
    const count = (published.tiers as Record<string, number | null>)[scorePolicy(version, values).tier.id];
    return typeof count === "number" && count >= k;
  })!;
  const fields = row.split(",").slice(1);
  return [...lines, ...Array.from({ length: copies }, (_, i) => [`COPY${i + 1}`, ...fields].join(","))].join("\r\n");
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
      { numRuns: runs(150) },
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
    // a second import that changes every figure by 0 or by at least k keeps what HR wrote and replaces the figures
    writeFileSync(file, JSON.stringify(written));
    await importCycle({ cycle: "2026-Q3", kpis: writeCsv("q3b.csv", withCopies(v2607, csv, 5, written, 5)), resultsDir, k: 5, clock });
    const again = JSON.parse(readFileSync(file, "utf8"));
    expect(again.headcount).toBe(49);
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

describe("importing a published cycle again: the small-change rule", () => {
  const k = 5;
  const rows = (csv: string) => csv.split("\r\n");
  /** A cycle imported from `csv` into a fresh folder, HR's commentary written; its file's text. */
  async function published(csv: string): Promise<{ resultsDir: string; file: string; text: string }> {
    const resultsDir = mkdtempSync(join(outside, "published-"));
    const { file } = await importCycle({ cycle: "2026-Q3", kpis: writeCsv(`p-${Math.random()}.csv`, csv), resultsDir, k, clock });
    const written = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...written, commentary: { en: "Done.", "zh-cn": "完成。" } }, null, 2));
    return { resultsDir, file, text: readFileSync(file, "utf8") };
  }
  const reimport = (resultsDir: string, csv: string) =>
    importCycle({ cycle: "2026-Q3", kpis: writeCsv(`r-${Math.random()}.csv`, csv), resultsDir, k, clock });

  it("24 supervisors, then 25: the two publications would give the 25th person's KPIs and tier; the import refuses, naming the rule", async () => {
    const { csv } = generate(v2607, 25, 11);
    const first24 = rows(csv).slice(0, 25).join("\r\n");
    // the attack, on the aggregates the import would publish: 25 × mean₂₅ − 24 × mean₂₄ is the newcomer's value
    const before = aggregateCycle(readKpiRows(first24, v2607), v2607, k);
    const after = aggregateCycle(readKpiRows(csv, v2607), v2607, k);
    const newcomer = readKpiRows(csv, v2607).at(-1)!;
    for (const c of v2607.criteria) expect(Math.abs(25 * after.kpis[c.id]! - 24 * before.kpis[c.id]! - newcomer[c.id]!)).toBeLessThan(0.25);
    const tier = scorePolicy(v2607, newcomer).tier.id;
    const moved = Object.keys(after.tiers as object).filter(
      (id) => (after.tiers as Record<string, number | null>)[id] !== (before.tiers as Record<string, number | null>)[id],
    );
    expect(before.tiers === "withheld" || moved.length === 0 || moved.includes(tier)).toBe(true);

    const { resultsDir, file, text } = await published(first24);
    const err = await reimport(resultsDir, csv).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.message).toContain("2026-Q3 is already published. The small-change rule:");
    expect(err.message).toContain("may change only by 0 or by at least k = 5 supervisors");
    expect(err.message).toContain("headcount: 24 → 25, a change of +1");
    expect(readFileSync(file, "utf8")).toBe(text); // nothing written
    // one supervisor fewer, likewise
    await expect(reimport(resultsDir, rows(first24).slice(0, 24).join("\r\n"))).rejects.toThrow(/headcount: 24 → 23, a change of -1/);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("refuses 1…k−1 supervisors added or removed, whatever the export", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 10, max: 40 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: k - 1 }),
        fc.boolean(),
        async (n, seed, j, add) => {
          const { csv } = generate(v2607, n + j, seed);
          const all = rows(csv);
          const small = all.slice(0, n + 1).join("\r\n");
          const big = all.join("\r\n");
          const { resultsDir, file, text } = await published(add ? small : big);
          await expect(reimport(resultsDir, add ? big : small)).rejects.toThrow(/The small-change rule/);
          expect(readFileSync(file, "utf8")).toBe(text);
        },
      ),
      { numRuns: runs(15) },
    );
  });

  it("refuses a corrected value at the same headcount, and a person moved to another tier", async () => {
    const { csv } = generate(v2607, 40, 21); // tiers shown: 0 outstanding, 5 meets, 32 below, the rest fewer than 5
    const { resultsDir, text, file } = await published(csv);
    const lines = rows(csv);
    // one supervisor's satisfaction corrected by a few points
    const fields = lines[3]!.split(",");
    fields[1] = String(Math.min(100, Number(fields[1]) + 3));
    const corrected = [...lines.slice(0, 3), fields.join(","), ...lines.slice(4)].join("\r\n");
    await expect(reimport(resultsDir, corrected)).rejects.toThrow(/team values \(csat[^)]*\) change while the headcount stays 40/);
    // one supervisor moved to the top of every criterion: their tier changes, and it shows
    const header = lines[0]!.split(",");
    const best = [
      lines[5]!.split(",")[0]!,
      ...header.slice(1).map((id) => {
        const c = v2607.criteria.find((x) => x.id === id)!;
        return String(c.direction === "higher" ? c.range.max : c.range.min);
      }),
    ];
    const promoted = [...lines.slice(0, 5), best.join(","), ...lines.slice(6)].join("\r\n");
    const err = await reimport(resultsDir, promoted).catch((e) => e);
    expect(err.message).toMatch(/tier "outstanding" \(0 → (fewer than 5|withheld)\), a change somewhere between \+[01] and \+\d+/);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("accepts the same export again, and one that moves every figure by at least k", async () => {
    const { csv } = generate(v2607, 40, 21);
    const { resultsDir, file, text } = await published(csv);
    await reimport(resultsDir, csv);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(JSON.parse(text));
    const more = withCopies(v2607, csv, k, JSON.parse(text), k);
    await reimport(resultsDir, more);
    const after = JSON.parse(readFileSync(file, "utf8"));
    expect(after.headcount).toBe(45);
    expect(after.commentary).toEqual({ en: "Done.", "zh-cn": "完成。" });
  });
});

describe("republishProblems", () => {
  const k = 5;
  const ids = ["outstanding", "excellent", "good", "meets", "below"];
  const kpis = { csat: 90 };
  const figures = (headcount: number, tiers: PublishedFigures["tiers"], more: Partial<PublishedFigures> = {}): PublishedFigures => ({
    headcount,
    kpis,
    tiers,
    ...more,
  });
  const t = (...n: (number | null)[]) => Object.fromEntries(ids.map((id, i) => [id, n[i]!]));
  /** The problems in the words the terminal prints. */
  const said = (before: PublishedFigures, after: PublishedFigures, kk: number, tiers: string[]) =>
    republishProblems(before, after, kk, tiers).map((p) => p.message);

  it("allows figures that stay or move by at least k, counts hidden both times included", () => {
    expect(said(figures(30, t(5, 5, 10, 10, 0)), figures(30, t(5, 5, 10, 10, 0)), k, ids)).toEqual([]);
    expect(said(figures(30, t(5, 5, 10, 10, 0)), figures(40, t(5, 5, 15, 15, 0), { kpis: { csat: 88 } }), k, ids)).toEqual([]);
    // two tiers shown as "fewer than k" both times: only their sum is known (headcount minus the rest), and it did not move
    expect(said(figures(30, t(null, null, 10, 14, 0)), figures(35, t(null, null, 15, 14, 0)), k, ids)).toEqual([]);
    // from "fewer than k" (1…4) to 12: a move of 8 to 11 people, never a small one
    expect(said(figures(33, t(null, 5, 10, 15, 0)), figures(42, t(12, 5, 10, 15, 0)), k, ids)).toEqual([]);
    expect(said(figures(30, "withheld"), figures(30, "withheld"), k, ids)).toEqual([]);
  });

  it("refuses a headcount, a tier, a sum of tiers or a band that moves by 1…k−1", () => {
    expect(said(figures(24, t(0, 5, 9, 0, 10)), figures(25, t(0, 5, 9, 0, 11)), k, ids)).toEqual([
      "headcount: 24 → 25, a change of +1: every team value would be published again from 1 supervisor more or fewer",
    ]);
    expect(said(figures(30, t(5, 5, 10, 10, 0)), figures(30, t(5, 5, 9, 11, 0)), k, ids)[0]).toBe('tier "good" (10 → 9), a change of -1');
    // each tier moves by 5 or more, but two of them together by 1: someone was added to one of those two
    expect(said(figures(30, t(0, 0, 10, 20, 0)), figures(36, t(0, 0, 16, 15, 5)), k, ids)).toContain(
      'tiers together: tier "good" (10 → 16) + tier "meets" (20 → 15), a change of +1',
    );
    expect(said(figures(30, t(0, 0, 10, 20, 0)), figures(35, t(0, 0, 16, 14, 5)), k, ids)).toContain(
      'tiers together: tier "meets" (20 → 14) + tier "below" (0 → 5), a change of -1',
    );
    // "fewer than k" to 6: a move of 2 to 5 people, which could be a small one
    expect(said(figures(32, t(null, 5, 10, 15, null)), figures(37, t(6, 5, 10, 15, null)), k, ids)).toContain(
      'tier "outstanding" (fewer than 5 → 6), a change somewhere between +2 and +5',
    );
    // a withheld breakdown shown afterwards: each count could have moved by anything
    expect(said(figures(30, "withheld"), figures(30, t(5, 5, 10, 10, 0)), k, ids)).not.toEqual([]);
    const bands = (...c: number[]) => c.map((count, i) => ({ from: i * 25, to: (i + 1) * 25, count }));
    expect(
      said(
        figures(40, t(5, 5, 10, 20, 0), { scoreBands: bands(10, 10, 10, 10) }),
        figures(40, t(5, 5, 10, 20, 0), { scoreBands: bands(10, 12, 8, 10) }),
        k,
        ids,
      ),
    ).toEqual(["score band 25–50 (10 → 12), a change of +2", "score band 50–75 (10 → 8), a change of -2"]);
  });
});
