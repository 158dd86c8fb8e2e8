// HR publishes a cycle's results from the console, in Chromium, in both
// languages: one HR person picks the KPI export, which is read and scored in
// the browser with the import's own code; the refusals of the import (period
// not over, duplicate rows, missing columns) are shown beside the file input
// in HR's language; HR writes the rest, sees the build's check pass and the
// preview, and saves; a second HR person approves; the first publishes, and
// the cycle's file lands in the working tree as the build reads it. All the
// while every request the browsers make is logged, and no row of the export
// (a planted supervisor id, a planted exact value) appears in any URL or
// request body. Only the git host is stood in for (scripts/git-host-standin.ts).
import { cpSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "#i18n/translate.ts";
import { pickStrings } from "#i18n/index.ts";
import { H2_2025_TEXTS, pickExport, writeResultsTexts } from "./console-steps.ts";
import { ANA, LI, startPublishingRig, type PublishingRig } from "./publishing-rig.ts";

const FILE = "src/content/results/2025-H2.json";
const KPIS = resolve("test/fixtures/kpis");
/** Planted in the export: one supervisor's id and one of their exact values. */
const PLANTED = ["SUP-ZEBRA-7731", "88.417"];
let rig: PublishingRig;

beforeAll(async () => {
  rig = await startPublishingRig("publish-results");
});
afterAll(async () => {
  await rig?.stop();
});

/** Logs every request of the page's browser context into `log`, as sent: its method, URL and body. */
function logNetwork(page: Page, log: string[]): void {
  page.context().on("request", (r: Request) => {
    log.push(`${r.method()} ${r.url()}\n${r.postData() ?? ""}`);
  });
}

describe("publishing a cycle's results from the console", () => {
  for (const lang of ["en", "zh-cn"] as const) {
    it(`${lang}: the export is scored in the browser, refused in HR's words when wrong, approved by a second HR person, published — and no row of it crosses the network`, async () => {
      rmSync(join(rig.tree, "src/content/results"), { recursive: true, force: true });
      // the repository's policy versions, which the server checks the results against as the console does
      cpSync("src/content/policy", join(rig.tree, "src/content/policy"), { recursive: true });
      const t = translator(pickStrings(lang, "admin."));
      const url = `${rig.server.url}${lang === "en" ? "" : "/zh-cn"}/admin/publish/`;
      let id = "";
      const card = (page: Page, state: string) => page.locator(`[data-draft="${id}"][data-draft-state=${state}]`);
      const sent: string[] = [];

      const ana = await rig.signIn(url, ANA);
      try {
        logNetwork(ana.page, sent);
        await ana.page.locator("[data-start-results]").click();
        const form = ana.page.locator("[data-results-draft]");
        const pick = (cycle: string, file: string) => pickExport(form, cycle, join(KPIS, file));

        // the import's refusals, beside the file input, in HR's language
        await pick("2026-11", "2025-H2.csv");
        await expect(form.locator("[data-refusal=period]").textContent()).resolves.toContain(
          t("admin.results.refused.period", { cycle: "2026-11" }),
        );
        await pick("2025-H2", "2025-H2-duplicate.csv");
        await expect(form.locator("[data-refusal=duplicates]").textContent()).resolves.toContain(t("admin.results.refused.duplicates"));
        // and each of the import's lines under it, in HR's language too
        await expect(form.locator("[data-refusal=duplicates] li").allTextContents()).resolves.toEqual([
          t("admin.results.detail.duplicate_row", { line: 8, first: 3 }),
        ]);
        await pick("2025-H2", "2025-H2-missing-column.csv");
        await expect(form.locator("[data-refusal=columns]").textContent()).resolves.toContain(t("admin.results.refused.columns"));
        await expect(form.locator("[data-refusal=columns] li").allTextContents()).resolves.toEqual([
          t("admin.results.detail.missing_column", { column: "quality-audit", version: "2025-07" }),
        ]);

        // the export itself: 31 supervisors under the version in force for the whole half-year
        await pick("2025-H2", "2025-H2.csv");
        await expect(form.locator("[data-scored]").textContent()).resolves.toBe(
          t("admin.results.scored", { count: 31, version: "2025-07" }),
        );
        // the build refuses empty commentary until HR writes it in both languages
        await form.locator("[data-problems]").waitFor();
        expect(await form.getByRole("button", { name: t("admin.results.save") }).isDisabled()).toBe(true);
        await writeResultsTexts(form); // 3 promotions, fewer than k: published as "fewer than 5"
        const preview = form.locator("[data-results-preview]");
        await expect(preview.textContent()).resolves.toContain(t("admin.results.headcount", { count: 31 }));
        await expect(preview.textContent()).resolves.toContain(t("admin.results.fewerThan", { k: 5 }));
        await form.getByRole("button", { name: t("admin.results.save") }).click();
        const mine = ana.page.locator(`[data-draft-path="${FILE}"][data-draft-state=draft]`);
        await mine.waitFor();
        id = (await mine.getAttribute("data-draft"))!;
        await expect(card(ana.page, "draft").locator("[data-results-summary]").textContent()).resolves.toBe(
          t("admin.results.summary", { count: 31, version: "2025-07" }),
        );
        expect(
          await card(ana.page, "draft")
            .getByRole("button", { name: t("admin.programme.approve") })
            .count(),
        ).toBe(0);

        // the saved draft opens again with its figures and texts, is checked as HR types, and is saved over (PATCH)
        await card(ana.page, "draft").getByText(t("admin.results.edit")).click();
        const again = card(ana.page, "draft").locator("[data-results-draft]");
        await again.locator("[data-checks-pass]").waitFor();
        await expect(again.locator('input[name="cycle"]').inputValue()).resolves.toBe("2025-H2");
        const zh = again.locator('textarea[name="commentary.zh-cn"]');
        await expect(zh.inputValue()).resolves.toBe(H2_2025_TEXTS["commentary.zh-cn"]);
        await zh.fill("");
        await expect(zh.getAttribute("aria-invalid")).resolves.toBe("true");
        await expect(again.locator(".field-error").allTextContents()).resolves.toEqual([t("admin.problem.empty", { minimum: 1 })]);
        if (lang === "zh-cn") await expect(again.locator("[data-problems]").textContent()).resolves.toContain("请填写此项。");
        expect(await again.getByRole("button", { name: t("admin.results.save") }).isDisabled()).toBe(true);
        await zh.fill("2025 年下半年，按第一版政策评分；增加了辅导日。");
        await again.locator("[data-checks-pass]").waitFor();
        await again.getByRole("button", { name: t("admin.results.save") }).click();
        await card(ana.page, "draft").getByText(t("admin.policy.saved")).waitFor();
      } catch (err) {
        await ana.close();
        throw err;
      }

      const li = await rig.signIn(url, LI);
      try {
        logNetwork(li.page, sent);
        await card(li.page, "draft")
          .getByRole("button", { name: t("admin.programme.approve") })
          .click();
        await card(li.page, "approved").waitFor();
        expect(li.problems).toEqual([]);
      } finally {
        await li.close();
      }

      try {
        await ana.page.reload();
        await ana.page.locator("[data-admin-session=in]").waitFor();
        await card(ana.page, "approved")
          .getByRole("button", { name: t("admin.programme.publish") })
          .click();
        await card(ana.page, "building").waitFor();
        expect(ana.problems).toEqual([]);
      } finally {
        await ana.close();
      }

      // the working tree: the aggregates and HR's words, nothing per person, a small count withheld
      const text = readFileSync(join(rig.tree, FILE), "utf8");
      const written = JSON.parse(text);
      expect([written.cycle, written.headcount, written.policy.version, written.promotions, written.training]).toEqual([
        "2025-H2",
        31,
        "2025-07",
        null,
        { courses: 4, hours: 52, people: 18 },
      ]);
      expect(written.commentary["zh-cn"]).toBe("2025 年下半年，按第一版政策评分；增加了辅导日。");
      expect(Object.keys(written.kpis)).toHaveLength(5);
      for (const planted of PLANTED) expect(text).not.toContain(planted);
      expect(rig.standin.commits.at(-1)).toMatchObject({ path: FILE, author: { email: ANA.name } });

      // the network log: the draft's body was sent (the log sees request bodies), and no row of the export ever was
      expect(
        sent.some((r) => r.startsWith("POST ") && r.includes('"results":"2025-H2"') && r.includes('"headcount":31')),
        sent.filter((r) => r.startsWith("POST ")).join("\n\n"),
      ).toBe(true);
      for (const planted of PLANTED) expect(sent.filter((r) => r.includes(planted))).toEqual([]);
    });
  }
});
