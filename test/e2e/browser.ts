// Chromium driven by playwright-core, with no browser download at test time:
// CHROMIUM_PATH, else the system's Chromium (Debian's package), else the build
// that @sparticuz/chromium carries inside its npm package (unpacked to /tmp on
// first use, about 2 s), so `npm install && npm test` needs nothing else.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";

const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

let resolved: Promise<string> | undefined;

export function chromiumPath(): Promise<string> {
  resolved ??= (async () => {
    const found = [process.env.CHROMIUM_PATH, ...SYSTEM_CHROMIUM].find((p): p is string => Boolean(p) && existsSync(p!));
    if (found) return found;
    const { default: packaged } = await import("@sparticuz/chromium");
    return packaged.executablePath();
  })();
  return resolved;
}

/**
 * Our own flags, not @sparticuz/chromium's defaults: those are tuned for AWS
 * Lambda (--single-process, --no-zygote, a fixed window size), and a single
 * process makes several contexts per browser flaky. What remains keeps
 * Chromium quiet on a machine without internet: no sandbox (containers run as
 * root), no GPU, no QUIC, and none of the background fetches (component
 * updates, sync, first-run) that would try to reach Google.
 */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
}

/**
 * A browser with a profile on disk that outlives it, like a shared PC's:
 * close it and launch again on the same `dir`, and localStorage is still
 * there while sessionStorage is gone.
 */
export async function launchProfile(dir: string, locale = "en-US"): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, { executablePath: await chromiumPath(), headless: true, args: CHROMIUM_FLAGS, locale });
}

/**
 * Collects what a reader would never see but we must: console errors,
 * uncaught exceptions, CSP violations and any request leaving the machine.
 */
export function watchPage(page: Page, baseURL: string) {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(baseURL) && !url.startsWith("data:") && !url.startsWith("blob:")) {
      problems.push(`external request: ${url}`);
    }
  });
  return problems;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core with the WCAG 2.1 A/AA rules; evaluated over CDP so the page's CSP is untouched. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate("typeof window.axe");
  if (loaded === "undefined") await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
    }));
  });
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")}`).join("\n")}`).join("\n");
}

export interface OpenOptions {
  colorScheme?: "light" | "dark";
  /** Viewport width in CSS pixels. */
  width?: number;
  /** Viewport height in CSS pixels, with a width (900 unless given). */
  height?: number;
  acceptDownloads?: boolean;
  /** Open in an existing context (same storage) instead of a fresh one. */
  context?: BrowserContext;
  /** The browser's day (its clock starts at noon UTC on it); DEMO_TODAY, the server's pinned day, by default. */
  today?: string;
}

/** A fresh context whose clock starts at noon on DEMO_TODAY (the day the server is pinned to) or `options.today`, and runs on from there. */
export async function newPinnedContext(browser: Browser, options: OpenOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? "light",
    acceptDownloads: options.acceptDownloads ?? false,
    ...(options.width ? { viewport: { width: options.width, height: options.height ?? 900 } } : {}),
  });
  await context.clock.setSystemTime(`${options.today ?? DEMO_TODAY}T12:00:00Z`);
  return context;
}

/**
 * A page at `url` in a fresh pinned context (unless one is given), watched
 * for console errors, CSP violations and external requests. Nothing the
 * browser does depends on the real date.
 */
export async function openPage(browser: Browser, url: string, options: OpenOptions = {}) {
  const context = options.context ?? (await newPinnedContext(browser, options));
  const page = await context.newPage();
  const problems = watchPage(page, new URL(url).origin);
  const response = await page.goto(url);
  return { page, context, problems, response: response!, close: () => context.close() };
}

export async function expectAxeClean(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, formatViolations(violations)).toEqual([]);
}
