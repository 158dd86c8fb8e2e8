// Lighthouse 12.2.3 (its default: mobile — a mid-range phone, 4× CPU
// slowdown, a throttled connection, simulated) against the bench server, in
// the same Chromium the browser tests use, on the pages people use most, in
// both languages; the idea form too (SurveyJS on "Write your idea"). Prints the
// four category scores against the goals (100 for accessibility, best
// practices and SEO on public pages; ≥ 98 performance everywhere) and the
// metrics behind the performance score, with the home page — static, no
// JavaScript — as the in-run baseline for the timings.
// Each page is measured LIGHTHOUSE_RUNS times (default 3) and the run with
// the median performance score is reported: scores move from run to run on a
// shared machine.
//   npm run bench lighthouse            (or npm run lighthouse)
//   LIGHTHOUSE_PAGES=/ideas/,/zh-cn/ideas/ LIGHTHOUSE_RUNS=1 npm run bench lighthouse
// The HR console is measured as a visitor first sees it (the sign-in form);
// it is not for search engines (noindex), so it has no SEO goal.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CHROMIUM_FLAGS, chromiumPath } from "../test/e2e/browser.ts";
import { ratio, type Bench, type BenchRow } from "./lib.ts";

const run = promisify(execFile);
const CLI = createRequire(import.meta.url).resolve("lighthouse/cli/index.js");

/** The pages measured by default, English then Chinese. The first is the baseline. */
export const LIGHTHOUSE_PAGES = [
  "/",
  "/policy/",
  "/surveys/pulse-2026-11/",
  "/ideas/",
  "/ideas/new/",
  "/results/",
  "/ideas/track/",
  "/admin/",
].flatMap((path) => [path, `/zh-cn${path}`]);

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
type Category = (typeof CATEGORIES)[number];

export interface LighthouseRun {
  scores: Record<Category, number>;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Audits that scored below 1 in a scored category, by id. */
  failing: string[];
}

interface Report {
  categories: Record<Category, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; numericValue?: number; scoreDisplayMode: string }>;
}

export async function lighthouse(url: string): Promise<LighthouseRun> {
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
        `--only-categories=${CATEGORIES.join(",")}`,
        `--chrome-flags=--headless=new ${CHROMIUM_FLAGS.join(" ")}`,
      ],
      { env: { ...process.env, CHROME_PATH: await chromiumPath() }, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 },
    );
    const report = JSON.parse(await readFile(out, "utf8")) as Report;
    const metric = (id: string) => report.audits[id]?.numericValue ?? NaN;
    const failing = new Set<string>();
    for (const category of CATEGORIES) {
      for (const ref of report.categories[category].auditRefs) {
        const audit = report.audits[ref.id];
        if (ref.weight > 0 && audit && audit.scoreDisplayMode !== "informative" && audit.score !== null && audit.score < 1)
          failing.add(ref.id);
      }
    }
    return {
      scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((report.categories[c].score ?? 0) * 100)])) as Record<
        Category,
        number
      >,
      fcp: metric("first-contentful-paint"),
      lcp: metric("largest-contentful-paint"),
      tbt: metric("total-blocking-time"),
      cls: metric("cumulative-layout-shift"),
      failing: [...failing].sort(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The run with the median performance score (ties: the median LCP). */
async function median(url: string, runs: number): Promise<LighthouseRun> {
  const measured: LighthouseRun[] = [];
  for (let i = 0; i < runs; i++) measured.push(await lighthouse(url));
  measured.sort((a, b) => a.scores.performance - b.scores.performance || b.lcp - a.lcp);
  return measured[Math.floor(measured.length / 2)]!;
}

const isAdmin = (path: string) => /^(\/zh-cn)?\/admin\//.test(path);

/** Whether the page meets its goals: ≥ 98 performance; 100 in the other three on public pages (the console: no SEO goal). */
export function meetsGoals(path: string, scores: Record<Category, number>): boolean {
  if (scores.performance < 98) return false;
  if (scores.accessibility < 100 || scores["best-practices"] < 100) return false;
  return isAdmin(path) || scores.seo === 100;
}

const bench: Bench = async ({ baseURL }) => {
  const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
  const pages = process.env.LIGHTHOUSE_PAGES?.split(",").filter(Boolean) ?? LIGHTHOUSE_PAGES;
  const baselinePath = pages.includes("/") ? "/" : pages[0]!;
  const baseline = await median(`${baseURL}${baselinePath}`, runs);
  const rows: BenchRow[] = [];
  for (const path of [baselinePath, ...pages.filter((p) => p !== baselinePath)]) {
    const m = path === baselinePath ? baseline : await median(`${baseURL}${path}`, runs);
    const name = `lighthouse ${path}`;
    const s = m.scores;
    rows.push(
      {
        bench: name,
        measure: `performance / accessibility / best practices / SEO${path === baselinePath ? " (baseline)" : ""}`,
        value: `${s.performance} / ${s.accessibility} / ${s["best-practices"]} / ${s.seo}`,
        unit: meetsGoals(path, s) ? "goals met ✓" : "below goal ✗",
      },
      {
        bench: name,
        measure: "FCP / LCP / TBT ms, CLS",
        value: `${Math.round(m.fcp)} / ${Math.round(m.lcp)} / ${Math.round(m.tbt)}, ${m.cls.toFixed(3)}`,
        unit: "",
        "vs baseline": `LCP ${ratio(m.lcp, baseline.lcp)}`,
      },
    );
    if (m.failing.length > 0) rows.push({ bench: name, measure: "audits below 1", value: m.failing.join(", "), unit: "" });
  }
  return rows;
};

export default bench;
