// What HR publishes locally reaches the running site without a restart, as
// `npm start` runs it: the git host's stand-in writes the file into a copy of
// the project, the site is rebuilt beside the one being served and swapped in
// (scripts/site-rebuild.ts), and `wrangler pages dev` picks up the new pages
// and rebuilds the Functions, whose survey list the build regenerates. Then,
// on the day the new survey opens, it accepts an answer.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedResponses } from "./db.ts";
import { openPage } from "./browser.ts";
import { ANA, LI, startPublishingRig, type PublishingRig } from "./publishing-rig.ts";

const NEXT = "pulse-2026-12";
let rig: PublishingRig;

beforeAll(async () => {
  rig = await startPublishingRig("publish-local", { project: true });
});
afterAll(async () => {
  await rig?.stop();
});

/** The console's API as one HR person (a script sends no Origin, as the API allows). */
async function asHr(who: { token: string }, path: string, json?: unknown) {
  const res = await fetch(`${rig.server.url}${path}`, {
    method: json === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${who.token}`, ...(json === undefined ? {} : { "Content-Type": "application/json" }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const body = (await res.json()) as { draft: { id: string; version: number; state: string; path: string } };
  expect(res.status, JSON.stringify(body)).toBeLessThan(300);
  return body.draft;
}

const status = async (path: string) => (await fetch(`${rig.server.url}${path}`)).status;

describe("publishing locally", () => {
  it("rebuilds the running site: the new survey's pages appear in both languages, the console shows it live, and it accepts an answer", async () => {
    const { server, tree, rebuilder } = rig;
    expect(await status(`/surveys/${NEXT}/`)).toBe(404);

    const draft = await asHr(ANA, "/api/admin/drafts", { from: "pulse-2026-11" });
    const approved = await asHr(LI, `/api/admin/drafts/${draft.id}/approve`, { version: draft.version });
    const published = await asHr(ANA, `/api/admin/drafts/${draft.id}/publish`, { version: approved.version });
    expect([published.state, published.path]).toEqual(["building", `src/content/surveys/${NEXT}.json`]);
    expect(existsSync(join(tree, published.path))).toBe(true);

    // one rebuild, with the server running throughout
    await rebuilder!.settled();
    expect(await status(`/surveys/${NEXT}/`)).toBe(200);
    expect(await status(`/zh-cn/surveys/${NEXT}/`)).toBe(200);
    // the Functions now hold the survey too: the console reports the publication live
    await expect.poll(async () => (await asHr(ANA, `/api/admin/drafts/${draft.id}`)).state, { timeout: 30_000 }).toBe("live");

    // on the day it opens, an employee answers it in the browser
    await server.restart({ today: "2026-12-21" });
    const before = storedResponses(server.persistTo, NEXT);
    const { page, problems, close } = await openPage(rig.browser, `${server.url}/surveys/${NEXT}/`);
    try {
      await page.getByRole("button", { name: "Start the survey" }).click();
      const q = (name: string) => page.locator(`.sd-question[data-name="${name}"]`);
      await q("satisfaction").locator('label:has(input[value="4"])').click();
      await q("workload").locator('label:has(input[value="normal"])').click();
      await q("recognised").locator(".sd-boolean__thumb-ghost").last().click();
      await page.getByRole("button", { name: "Send my answers" }).click();
      await page.getByRole("heading", { name: "Thank you — your answers were received" }).waitFor({ timeout: 15_000 });
      expect(storedResponses(server.persistTo, NEXT)).toBe(before + 1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
    // a whole site build happens inside this test (about a minute on a quiet machine)
  }, 600_000);
});
