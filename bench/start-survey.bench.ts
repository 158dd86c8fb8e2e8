// How long a person waits between pressing "Start the survey" and a first
// question they can answer, on a phone as Lighthouse models one (4× slower
// CPU, 150 ms round trips, 1.6 Mbit/s down), in both languages. The form's
// code (SurveyJS with React) is fetched and compiled while the page is idle,
// so the press only runs it: the measure is press → the first rating button
// on screen and focused. Baseline in the same run: the press made at once
// when the page has loaded, before the idle fetch could happen (what every
// press cost before). Goal: ≤ 1 s after the idle fetch.
//   npm run bench start-survey        (START_SURVEY_RUNS=7 for more runs)
import type { Browser, Page } from "playwright-core";
import { DEMO_TODAY } from "../scripts/demo-day.ts";
import { launchBrowser } from "../test/e2e/browser.ts";
import { median, ratio, type Bench, type BenchRow } from "./lib.ts";

const RUNS = Number(process.env.START_SURVEY_RUNS ?? 5);
const PAGES = ["/surveys/pulse-2026-11/", "/zh-cn/surveys/pulse-2026-11/"];

/** Lighthouse's default mobile throttling, applied through the DevTools protocol. */
async function throttle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
}

/** Milliseconds from the press to a focused first rating button, in a fresh phone-sized context. */
async function pressToFirstQuestion(browser: Browser, url: string, settle: boolean): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  await context.clock.setSystemTime(`${DEMO_TODAY}T12:00:00Z`);
  try {
    const page = await context.newPage();
    await throttle(page);
    await page.goto(url, { waitUntil: "load" });
    const start = page.getByRole("button", { name: /^(Start the survey|开始填写问卷)$/ });
    await start.waitFor();
    // the page left alone as a reader would leave it while reading the introduction
    if (settle) await page.waitForFunction(() => document.documentElement.dataset.formPreloaded === "done", null, { timeout: 60_000 });
    const waited = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const from = performance.now();
          const check = () => {
            const focused = document.activeElement?.closest(".sd-rating__item");
            if (focused && (focused as HTMLElement).offsetParent !== null) resolve(performance.now() - from);
            else requestAnimationFrame(check);
          };
          document.querySelector<HTMLButtonElement>("[data-survey-start]")!.click();
          check();
        }),
    );
    return await waited;
  } finally {
    await context.close();
  }
}

const bench: Bench = async ({ baseURL }) => {
  const browser = await launchBrowser();
  const rows: BenchRow[] = [];
  try {
    for (const path of PAGES) {
      const atOnce: number[] = [];
      const afterIdle: number[] = [];
      // alternate, so a slow moment of the machine falls on both
      for (let i = 0; i < RUNS; i++) {
        atOnce.push(await pressToFirstQuestion(browser, `${baseURL}${path}`, false));
        afterIdle.push(await pressToFirstQuestion(browser, `${baseURL}${path}`, true));
      }
      const base = median(atOnce);
      const idle = median(afterIdle);
      rows.push(
        { bench: "start-survey", measure: `${path} press at once (baseline), median of ${RUNS}`, value: Math.round(base), unit: "ms" },
        {
          bench: "start-survey",
          measure: `${path} press after the idle fetch, median of ${RUNS} (goal ≤ 1000)`,
          value: Math.round(idle),
          unit: idle <= 1000 ? "ms ✓" : "ms ✗",
          "vs baseline": ratio(idle, base),
        },
      );
    }
  } finally {
    await browser.close();
  }
  return rows;
};
export default bench;
