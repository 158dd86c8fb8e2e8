// Lighthouse 12.2.3 (mobile, its default: a mid-range phone on a throttled
// connection) against the bench server, in the same Chromium the browser
// tests use. Each page is measured LIGHTHOUSE_RUNS times (default 3) and the
// median run reported; the home page (static, no island) is the in-run
// baseline for the ratios. Pages to measure: LIGHTHOUSE_PAGES, comma-separated
// paths (default: the board in both languages and the home page).
//   npm run lighthouse                          (this bench only)
//   LIGHTHOUSE_PAGES=/ideas/ npm run lighthouse
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { chromiumPath } from "../test/e2e/browser.ts";
import { ratio, type Bench, type BenchRow } from "./lib.ts";

const run = promisify(execFile);
const CLI = createRequire(import.meta.url).resolve("lighthouse/cli/index.js");
const BASELINE = "/";

interface Measure {
  performance: number;
  cls: number;
  lcp: number;
  tbt: number;
  fcp: number;
}

async function lighthouse(url: string): Promise<Measure> {
  const dir = await mkdtemp(join(tmpdir(), "candor-lh-"));
  const out = join(dir, "report.json");
  try {
    await run(
      process.execPath,
      [
        CLI,
        url,
        "--quiet",
        "--output=json",
        `--output-path=${out}`,
        "--only-categories=performance",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync",
      ],
      { env: { ...process.env, CHROME_PATH: await chromiumPath() }, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
    );
    const report = JSON.parse(await readFile(out, "utf8")) as {
      categories: { performance: { score: number } };
      audits: Record<string, { numericValue: number }>;
    };
    return {
      performance: Math.round(report.categories.performance.score * 100),
      cls: report.audits["cumulative-layout-shift"]!.numericValue,
      lcp: report.audits["largest-contentful-paint"]!.numericValue,
      tbt: report.audits["total-blocking-time"]!.numericValue,
      fcp: report.audits["first-contentful-paint"]!.numericValue,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The run with the median performance score (Lighthouse varies from run to run on a shared machine). */
async function median(url: string, runs: number): Promise<Measure> {
  const measures: Measure[] = [];
  for (let i = 0; i < runs; i++) measures.push(await lighthouse(url));
  measures.sort((a, b) => a.performance - b.performance || a.lcp - b.lcp);
  return measures[Math.floor(measures.length / 2)]!;
}

const bench: Bench = async ({ baseURL }) => {
  const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
  const pages = (process.env.LIGHTHOUSE_PAGES ?? "/ideas/,/zh-cn/ideas/").split(",").filter(Boolean);
  const base = await median(`${baseURL}${BASELINE}`, runs);
  const rows: BenchRow[] = [];
  for (const path of [BASELINE, ...pages.filter((p) => p !== BASELINE)]) {
    const m = path === BASELINE ? base : await median(`${baseURL}${path}`, runs);
    const name = `lighthouse ${path}`;
    rows.push(
      { bench: name, measure: "performance score (mobile)", value: m.performance, unit: "/100" },
      { bench: name, measure: "cumulative layout shift", value: Number(m.cls.toFixed(3)), unit: "" },
      { bench: name, measure: "largest contentful paint", value: Math.round(m.lcp), unit: "ms", "vs baseline": ratio(m.lcp, base.lcp) },
      { bench: name, measure: "first contentful paint", value: Math.round(m.fcp), unit: "ms", "vs baseline": ratio(m.fcp, base.fcp) },
      { bench: name, measure: "total blocking time", value: Math.round(m.tbt), unit: "ms" },
    );
  }
  return rows;
};

export default bench;
