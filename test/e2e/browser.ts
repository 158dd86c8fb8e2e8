// Debian's Chromium driven by playwright-core: no browser download, no network.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found for the browser tests. Install Debian's package:\n" +
        "  sudo apt-get update && sudo apt-get install -y chromium\n" +
        "or point CHROMIUM_PATH at a Chromium/Chrome binary.",
    );
  }
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
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
    const axe = (window as unknown as { axe: any }).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")}`).join("\n")}`)
    .join("\n");
}

export interface OpenOptions {
  colorScheme?: "light" | "dark";
  /** Viewport width in CSS pixels (height 900). */
  width?: number;
  acceptDownloads?: boolean;
  /** Open in an existing context (same storage) instead of a fresh one. */
  context?: BrowserContext;
}

/** A page at `url` in a fresh context (unless one is given), watched for console errors, CSP violations and external requests. */
export async function openPage(browser: Browser, url: string, options: OpenOptions = {}) {
  const context =
    options.context ??
    (await browser.newContext({
      colorScheme: options.colorScheme ?? "light",
      acceptDownloads: options.acceptDownloads ?? false,
      ...(options.width ? { viewport: { width: options.width, height: 900 } } : {}),
    }));
  const page = await context.newPage();
  const problems = watchPage(page, new URL(url).origin);
  const response = await page.goto(url);
  return { page, context, problems, response: response!, close: () => context.close() };
}

export async function expectAxeClean(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, formatViolations(violations)).toEqual([]);
}
