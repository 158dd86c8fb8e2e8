// Staff forums published from the console, in Chromium, in each language, on
// a copy of the project whose site is rebuilt after each commit as `npm
// start` does. In each, HR drafts from a held forum and records an open
// action as done: the build's check says, in HR's language and beside the
// outcome (aria-invalid, aria-describedby), that an outcome is missing until
// HR writes one. HR also announces a new forum. A second HR person approves
// both, they are published, and after the rebuild the forum pages, "You said,
// we did" and the forums page with its calendar file show them. Only the git
// host is stood in for (scripts/git-host-standin.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "#i18n/translate.ts";
import { pickStrings } from "#i18n/index.ts";
import { draftFromHeldForum, markActionDone, writeOutcome } from "./console-steps.ts";
import { ANA, approveAndPublish, startPublishingRig, type PublishingRig } from "./publishing-rig.ts";

const HELD = "2026-09-17-survey-results-and-bonus-timing";
/** Per language: an open action of the held forum to record as done, what came of it, and a forum to announce. */
const RUNS = {
  en: {
    action: "bonus-by-the-10th",
    outcome: { en: "Since November the monthly bonus has been paid by the 10th.", "zh-cn": "自 11 月起，月度奖金均于 10 日前发放。" },
    forum: "2027-02-11-team-meeting-schedule-2027",
    starts: "2027-02-11T10:00",
    ends: "2027-02-11T11:00",
    topic: { en: "Team meeting schedule 2027", "zh-cn": "2027 年班组会议安排" },
  },
  "zh-cn": {
    action: "resilience-course",
    outcome: {
      en: "The first resilience course ran in December; the next is set for June.",
      "zh-cn": "首期抗压培训已于 12 月举办，下一期定于 6 月。",
    },
    forum: "2027-01-14-reward-calendar-2027",
    starts: "2027-01-14T14:00",
    ends: "2027-01-14T15:30",
    topic: { en: "Reward calendar 2027", "zh-cn": "2027 年奖励日程" },
  },
} as const;
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
  for (const lang of ["en", "zh-cn"] as const) {
    const run = RUNS[lang];
    it(`${lang}: an action recorded as done with its outcome reaches the forum page and You said, we did; an announced forum reaches the forums page with its calendar file`, async () => {
      const { server, tree, rebuilder } = rig;
      expect((await text(`/forums/${HELD}/`)).body).not.toContain(run.outcome.en);
      const t = translator(pickStrings(lang, "admin."));
      const prefix = lang === "en" ? "" : "/zh-cn";
      const url = `${server.url}${prefix}/admin/publish/`;
      let heldId = "";
      let newId = "";
      const ana = await rig.signIn(url, ANA);
      try {
        // record the outcome of an open action on the held forum
        await draftFromHeldForum(ana.page, t, HELD);
        const { card, id } = await cardAt(ana.page, `src/content/forums/${HELD}.md`);
        heldId = id;
        const form = card.locator("[data-forum-form]");
        await form.locator("[data-you-said-we-did]").waitFor();
        const action = form.locator(`[data-action="${run.action}"]`);
        await markActionDone(action, t);
        await form.getByRole("button", { name: t("admin.policy.save") }).click();
        // the build's own rule, in HR's language, on the outcome in HR's language, before anything is sent
        const outcome = action.locator(`textarea[name$=".outcome.${lang}"]`);
        await expect.poll(() => outcome.getAttribute("aria-invalid")).toBe("true");
        const describedBy = (await outcome.getAttribute("aria-describedby"))!.split(" ");
        const said = await ana.page.locator(`[id="${describedBy.at(-1)}"]`).textContent();
        expect(said).toBe(t("admin.problem.outcome_missing"));
        if (lang === "zh-cn") expect(said).toBe("请说明这项行动的结果：已完成或已取消的行动须填写结果。");
        await writeOutcome(action, run.outcome);
        await expect.poll(() => outcome.getAttribute("aria-invalid")).toBe(null);
        await Promise.all([
          ana.page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes(id) && r.status() === 200),
          form.getByRole("button", { name: t("admin.policy.save") }).click(),
        ]);

        // announce a new forum
        await ana.page.locator("[data-new-forum] > summary").getByText(t("admin.forum.new")).click();
        const announce = ana.page.locator('[data-forum-form="new"]');
        const fill = (name: string, value: string) => announce.locator(`[name="${name}"]`).fill(value);
        await fill("starts", run.starts);
        await fill("ends", run.ends);
        await fill("place.en", "Training room 3, 5th floor");
        await fill("place.zh-cn", "五楼第三培训室");
        await fill("link", "https://meet.example.org/candor-forum-2027");
        await fill("topic.en", run.topic.en);
        await fill("topic.zh-cn", run.topic["zh-cn"]);
        await fill("audience.en", "All customer-service supervisors");
        await fill("audience.zh-cn", "全体客服主管");
        await announce.getByText(`${run.forum}.md`).waitFor();
        await announce.getByRole("button", { name: t("admin.honour.create") }).click();
        newId = (await cardAt(ana.page, `src/content/forums/${run.forum}.md`)).id;
        expect(ana.problems).toEqual([]);
      } finally {
        await ana.close();
      }
      await approveAndPublish(rig, url, heldId, t);
      await approveAndPublish(rig, url, newId, t);
      expect(readFileSync(join(tree, `src/content/forums/${HELD}.md`), "utf8")).toContain(run.outcome["zh-cn"]);

      // the running site, rebuilt with the server running throughout
      await rebuilder!.settled();
      for (const [path, said] of [
        [`/forums/${HELD}/`, run.outcome.en],
        ["/you-said-we-did/", run.outcome.en],
        [`/zh-cn/forums/${HELD}/`, run.outcome["zh-cn"]],
        ["/zh-cn/you-said-we-did/", run.outcome["zh-cn"]],
        [`${prefix}/forums/`, run.topic[lang]],
        [`/forums/${run.forum}/`, run.topic.en],
      ] as const) {
        const page = await text(path);
        expect([page.status, page.body.includes(said)], path).toEqual([200, true]);
      }
      const ics = await text(`${prefix}/forums/${run.forum}.ics`);
      expect([ics.status, ics.body.includes("BEGIN:VEVENT"), ics.body.includes(run.topic[lang])]).toEqual([200, true, true]);
      // the Functions now carry both files: the console reports both publications live
      const state = async (id: string) =>
        (
          (await (await fetch(`${server.url}/api/admin/drafts/${id}`, { headers: { Authorization: `Bearer ${ANA.token}` } })).json()) as {
            draft: { state: string };
          }
        ).draft.state;
      await expect.poll(async () => [await state(heldId), await state(newId)], { timeout: 30_000 }).toEqual(["live", "live"]);
    }, 900_000);
  }
});
