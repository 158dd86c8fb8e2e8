// Staff forums published from the console, in Chromium, in both languages,
// on a copy of the project whose site is rebuilt after each commit as
// `npm start` does. In English, HR drafts from a held forum, records an open
// action as done (the build's check says an outcome is missing until HR
// writes one, beside the field), a second HR person approves, it is
// published, and after the rebuild the forum page and "You said, we did"
// show what came of it. In Chinese, HR announces a forum, which then appears
// on the forums page with its calendar file. Only the git host is stood in
// for (scripts/git-host-standin.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "#i18n/translate.ts";
import { pickStrings } from "#i18n/index.ts";
import { ANA, approveAndPublish, startPublishingRig, type PublishingRig } from "./publishing-rig.ts";

const HELD = "2026-09-17-survey-results-and-bonus-timing";
const NEW = "2027-01-14-reward-calendar-2027";
const OUTCOME = { en: "Since November the monthly bonus has been paid by the 10th.", "zh-cn": "自 11 月起，月度奖金均于 10 日前发放。" };
let rig: PublishingRig;

beforeAll(async () => {
  rig = await startPublishingRig("publish-forum", { project: true });
});
afterAll(async () => {
  await rig?.stop();
});

const text = async (path: string) => {
  const res = await fetch(`${rig.server.url}${path}`);
  return { status: res.status, body: await res.text() };
};

/** The draft card at `path` once it exists, and its id. */
async function cardAt(page: Page, path: string) {
  const card = page.locator(`[data-draft-path="${path}"][data-draft-state=draft]`).last();
  await card.waitFor();
  return { card, id: (await card.getAttribute("data-draft"))! };
}

describe("publishing staff forums from the console", () => {
  it("en: an action recorded as done with its outcome reaches the forum page and You said, we did; zh-cn: an announced forum reaches the forums page with its calendar file", async () => {
    const { server, tree, rebuilder } = rig;
    expect((await text(`/forums/${HELD}/`)).body).not.toContain(OUTCOME.en);

    // en: record the outcome of an open action on a held forum
    const en = translator(pickStrings("en", "admin."));
    const enUrl = `${server.url}/admin/publish/`;
    let heldId = "";
    const ana = await rig.signIn(enUrl, ANA);
    try {
      await ana.page.getByLabel(en("admin.forum.pick")).selectOption(HELD);
      await ana.page.getByRole("button", { name: en("admin.forum.start") }).click();
      const { card, id } = await cardAt(ana.page, `src/content/forums/${HELD}.md`);
      heldId = id;
      const form = card.locator("[data-forum-form]");
      await form.locator("[data-you-said-we-did]").waitFor();
      const action = form.locator('[data-action="bonus-by-the-10th"]');
      await action.getByLabel(en("admin.forum.action.status")).selectOption("done");
      await form.getByRole("button", { name: en("admin.policy.save") }).click();
      // the build's own rule, beside the field, before anything is sent
      await action.getByText("say what came of a done action").waitFor();
      for (const l of ["en", "zh-cn"] as const) await action.locator(`textarea[name$=".outcome.${l}"]`).fill(OUTCOME[l]);
      await Promise.all([
        ana.page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes(id) && r.status() === 200),
        form.getByRole("button", { name: en("admin.policy.save") }).click(),
      ]);
      expect(ana.problems).toEqual([]);
    } finally {
      await ana.close();
    }
    await approveAndPublish(rig, enUrl, heldId, en);
    expect(readFileSync(join(tree, `src/content/forums/${HELD}.md`), "utf8")).toContain(OUTCOME["zh-cn"]);

    // zh-cn: announce a new forum
    const zh = translator(pickStrings("zh-cn", "admin."));
    const zhUrl = `${server.url}/zh-cn/admin/publish/`;
    let newId = "";
    const hr = await rig.signIn(zhUrl, ANA);
    try {
      await hr.page.locator("[data-new-forum] > summary").getByText(zh("admin.forum.new")).click();
      const form = hr.page.locator('[data-forum-form="new"]');
      const fill = (name: string, value: string) => form.locator(`[name="${name}"]`).fill(value);
      await fill("starts", "2027-01-14T14:00");
      await fill("ends", "2027-01-14T15:30");
      await fill("place.en", "Training room 3, 5th floor");
      await fill("place.zh-cn", "五楼第三培训室");
      await fill("link", "https://meet.example.org/candor-forum-2027-01");
      await fill("topic.en", "Reward calendar 2027");
      await fill("topic.zh-cn", "2027 年奖励日程");
      await fill("audience.en", "All customer-service supervisors");
      await fill("audience.zh-cn", "全体客服主管");
      await form.getByText(`${NEW}.md`).waitFor();
      await form.getByRole("button", { name: zh("admin.honour.create") }).click();
      newId = (await cardAt(hr.page, `src/content/forums/${NEW}.md`)).id;
      expect(hr.problems).toEqual([]);
    } finally {
      await hr.close();
    }
    await approveAndPublish(rig, zhUrl, newId, zh);

    // the running site, rebuilt with the server running throughout
    await rebuilder!.settled();
    for (const [path, said] of [
      [`/forums/${HELD}/`, OUTCOME.en],
      ["/you-said-we-did/", OUTCOME.en],
      [`/zh-cn/forums/${HELD}/`, OUTCOME["zh-cn"]],
      ["/zh-cn/you-said-we-did/", OUTCOME["zh-cn"]],
      ["/zh-cn/forums/", "2027 年奖励日程"],
      [`/forums/${NEW}/`, "Reward calendar 2027"],
    ] as const) {
      const page = await text(path);
      expect([page.status, page.body.includes(said)], path).toEqual([200, true]);
    }
    const ics = await text(`/zh-cn/forums/${NEW}.ics`);
    expect([ics.status, ics.body.includes("BEGIN:VEVENT"), ics.body.includes("2027 年奖励日程")]).toEqual([200, true, true]);
    // the Functions now carry both files: the console reports both publications live
    const state = async (id: string) =>
      (
        (await (await fetch(`${server.url}/api/admin/drafts/${id}`, { headers: { Authorization: `Bearer ${ANA.token}` } })).json()) as {
          draft: { state: string };
        }
      ).draft.state;
    await expect.poll(async () => [await state(heldId), await state(newId)], { timeout: 30_000 }).toEqual(["live", "live"]);
    // two site builds happen inside this test
  }, 900_000);
});
