// How long a person waits between pressing "Start the survey" and a first
// question they can answer, on a phone as Lighthouse models one (4× slower
// CPU, 150 ms round trips, 1.6 Mbit/s down), in both languages. The form's
// code (SurveyJS with React) is fetched and compiled while the page is idle;
// once the reader scrolls, it is run and the form drawn, unseen, while idle,
// so the press only shows it. The measure is press → the first rating
// button focused with its card on screen. Baseline in the same run: the press
// made at once when the page has loaded (what every press cost before); also
// shown, the press after the idle fetch by a reader who never scrolled.
// Goal: ≤ 1 s for the reader who scrolled.
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
type Reader = "at once" | "idle fetch" | "scrolled";

async function pressToFirstQuestion(browser: Browser, url: string, reader: Reader): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  await context.clock.setSystemTime(`${DEMO_TODAY}T12:00:00Z`);
  try {
    const page = await context.newPage();
    await throttle(page);
    await page.goto(url, { waitUntil: "load" });
    const start = page.getByRole("button", { name: /^(Start the survey|开始填写问卷)$/ });
    await start.waitFor();
    // the page left alone as a reader would leave it while reading the introduction
    if (reader !== "at once")
      await page.waitForFunction(() => document.documentElement.dataset.formPreloaded === "done", null, { timeout: 60_000 });
    if (reader === "scrolled") {
      await page.mouse.move(180, 400);
      await page.mouse.wheel(0, 200);
      await page.waitForFunction(() => document.documentElement.dataset.formPrepared === "done", null, { timeout: 60_000 });
      await page.mouse.wheel(0, -200);
    }
    const waited = page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const from = performance.now();
          const check = () => {
            const focused = document.activeElement?.closest(".sd-rating__item");
            const card = focused?.closest(".sd-question")?.getBoundingClientRect();
            if (focused && (focused as HTMLElement).offsetParent !== null && card && card.top >= -1 && card.top < innerHeight)
              resolve(performance.now() - from);
            else if (performance.now() - from > 30_000)
              reject(new Error(`no focused first question in view 30 s after the press (focused: ${!!focused}, card top: ${card?.top})`));
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
      const times: Record<Reader, number[]> = { "at once": [], "idle fetch": [], scrolled: [] };
      // interleaved, so a slow moment of the machine falls on each
      for (let i = 0; i < RUNS; i++) {
        for (const reader of Object.keys(times) as Reader[])
          times[reader].push(await pressToFirstQuestion(browser, `${baseURL}${path}`, reader));
      }
      const base = median(times["at once"]);
      const idle = median(times["idle fetch"]);
      const scrolled = median(times.scrolled);
      rows.push(
        { bench: "start-survey", measure: `${path} press at once (baseline), median of ${RUNS}`, value: Math.round(base), unit: "ms" },
        {
          bench: "start-survey",
          measure: `${path} press after the idle fetch, never scrolled, median of ${RUNS}`,
          value: Math.round(idle),
          unit: "ms",
          "vs baseline": ratio(idle, base),
        },
        {
          bench: "start-survey",
          measure: `${path} press after scrolling the introduction, median of ${RUNS} (goal ≤ 1000)`,
          value: Math.round(scrolled),
          unit: scrolled <= 1000 ? "ms ✓" : "ms ✗",
          "vs baseline": ratio(scrolled, base),
        },
      );
    }
  } finally {
    await browser.close();
  }
  return rows;
};
export default bench;
