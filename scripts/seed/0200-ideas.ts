// Demo ideas for the suggestion box: every status, some published with HR's
// official responses and the authors' verdicts, one rewarded, with supports —
// so the board is alive on first start. Ideas are written by employees in
// either language. Idempotent: an idea whose id exists with all its rows is
// left alone; one left half-written (a start interrupted mid-seed) is deleted
// and written again, so it is not skipped forever.
// Demo receipt codes are DEM0-1DEA-0000-00NN (NN = 01…12) so anyone trying the
// demo can follow one; real codes are random.
import type { SeedEnv, Seeder } from "../db.ts";
// HR's side (answers, statuses, publication, reward, duplicate) goes through
// the console's own service functions as actor "demo", so it is audited like
// any HR action; the authors' side (replies, verdicts, supports) is written
// as the public endpoints would.
import { sha256Hex } from "#lib/hex.ts";
import { addDays, pinnedClock } from "#lib/clock.ts";
import type { IdeaCategory, IdeaStatus, MessageVisibility, Verdict } from "#lib/ideas/model.ts";
import { hashReceipt } from "#lib/receipt.ts";
import { answerIdea, changeStatus, setDuplicate, setPublication, setReward } from "#server/admin-ideas.ts";
import type { Admin } from "#server/auth.ts";
import { addAuthorMessage, insertIdea, readIdea, setVerdict } from "#server/db/ideas.ts";

interface DemoIdea {
  n: number;
  category: IdeaCategory;
  locale: "en" | "zh-cn";
  title: string;
  body: string;
  consent: boolean;
  receivedDaysAgo: number;
  /** status changes after "received": [status, days after receipt, public note] */
  statuses?: [IdeaStatus, number, string | null][];
  /** HR messages: [visibility, days after receipt, text] */
  messages?: [MessageVisibility, number, string][];
  author?: [number, string][];
  published?: { title: string; body: string; daysAfter: number };
  verdict?: Verdict;
  /** HR's public note on what the reward was. */
  rewarded?: string;
  supports?: number;
  duplicateOf?: number;
}

const IDEAS: DemoIdea[] = [
  {
    n: 1,
    category: "reward_policy",
    locale: "en",
    title: "Publish tier thresholds before each quarter",
    body: "We only learn the customer-satisfaction and resolution-rate thresholds for each reward tier after the quarter has ended. If they were published at the start, supervisors could plan and coach their teams towards them.",
    consent: true,
    receivedDaysAgo: 80,
    statuses: [
      ["under_review", 3, "Passed to the reward committee."],
      ["planned", 12, "Thresholds will be fixed before each quarter starts."],
      ["in_progress", 30, null],
      ["done", 55, "Quarterly thresholds are now published on the reward policy page on the first working day of the quarter."],
    ],
    messages: [
      ["private", 3, "Thank you — would thresholds per team or one for the whole centre help you more?"],
      [
        "public",
        55,
        "From this quarter, the tier thresholds (客户满意度, 问题解决率) are published on the first working day of each quarter and do not change during it. 从本季度起，各奖励等级门槛于每季度第一个工作日公布，季度内不再调整。",
      ],
    ],
    author: [[5, "One for the whole centre is fine, as long as it is known in advance."]],
    published: {
      title: "Publish reward tier thresholds before each quarter / 每季度开始前公布奖励等级门槛",
      body: "Supervisors learn the satisfaction and resolution-rate thresholds only after the quarter. Publishing them at the start would let teams plan. 主管们在季度结束后才知道满意度和问题解决率门槛，建议提前公布。",
      daysAfter: 14,
    },
    verdict: "resolved",
    rewarded: "Innovation award (创新奖励) for the quarter, presented at the commendation meeting. 本季度创新奖，于表彰大会颁发。",
    supports: 14,
  },
  {
    n: 2,
    category: "training",
    locale: "zh-cn",
    title: "增加抗压与情绪管理培训",
    body: "客服服务主管长期处理升级投诉，压力很大。建议每半年安排一次抗压与情绪管理培训，并提供一对一心理支持渠道。",
    consent: true,
    receivedDaysAgo: 45,
    statuses: [
      ["under_review", 2, null],
      ["planned", 10, "已纳入下半年培训计划。"],
      ["in_progress", 25, "首期培训已开始报名。"],
    ],
    messages: [["public", 10, "感谢建议。下半年起每半年举办一次抗压与情绪管理培训，同时开通外部心理咨询热线，全程保密。"]],
    published: {
      title: "增加抗压与情绪管理培训",
      body: "主管长期处理升级投诉，压力大。建议定期开展抗压与情绪管理培训，并提供心理支持渠道。",
      daysAfter: 10,
    },
    verdict: "resolved",
    supports: 9,
  },
  {
    n: 3,
    category: "team",
    locale: "zh-cn",
    title: "每季度组织一次跨班组经验分享会",
    body: "不同班组处理同类投诉的方法差别很大。建议每季度组织一次经验分享会，由问题解决率高的主管分享做法。",
    consent: true,
    receivedDaysAgo: 30,
    statuses: [
      ["under_review", 4, null],
      ["planned", 15, "计划于下季度首月举行第一次分享会。"],
    ],
    messages: [["public", 15, "好建议。第一次分享会定于下季度首月，欢迎报名分享。"]],
    published: {
      title: "每季度组织跨班组经验分享会",
      body: "建议每季度举办经验分享会，由问题解决率高的主管分享处理投诉的做法。",
      daysAfter: 15,
    },
    supports: 5,
  },
  {
    n: 4,
    category: "process",
    locale: "en",
    title: "Count first-contact resolution, not only handling time",
    body: "Average handling time pushes people to end calls quickly, even when the customer will have to call back. First-contact resolution would reward solving the problem the first time.",
    consent: true,
    receivedDaysAgo: 12,
    statuses: [["under_review", 5, "Being modelled against last year's data."]],
    messages: [["private", 5, "Thanks. Would you drop handling time entirely, or weight it less?"]],
    published: {
      title: "Reward first-contact resolution alongside handling time",
      body: "Handling-time targets can push agents to close calls that come back later. Adding first-contact resolution to the criteria would reward solving problems the first time.",
      daysAfter: 6,
    },
    supports: 6,
  },
  {
    n: 5,
    category: "tools",
    locale: "zh-cn",
    title: "知识库搜索太慢，影响问题解决率",
    body: "知识库搜索经常要十几秒，而且关键词不准确就找不到。希望升级搜索功能，这样能提高问题解决率。",
    consent: true,
    receivedDaysAgo: 60,
    statuses: [
      ["under_review", 6, null],
      ["in_progress", 20, null],
      ["done", 40, "知识库已升级为新的搜索引擎。"],
    ],
    messages: [["public", 40, "知识库搜索已完成升级，平均响应时间降至 2 秒以内，并支持同义词。"]],
    author: [[42, "速度快了，但很多旧文章还是搜不到。"]],
    published: { title: "改进知识库搜索", body: "知识库搜索慢、关键词匹配不准，影响问题解决率，建议升级。", daysAfter: 8 },
    verdict: "not_resolved",
    supports: 11,
  },
  {
    n: 6,
    category: "reward_policy",
    locale: "zh-cn",
    title: "绩效奖金发放时间提前到次月10日前",
    body: "目前季度绩效奖金在季度结束后第二个月才发放，激励效果打了折扣。建议提前到次月10日前发放。",
    consent: true,
    receivedDaysAgo: 50,
    statuses: [
      ["under_review", 3, null],
      ["declined", 18, "受薪酬结算周期限制，本年度无法调整；明年预算周期内重新评估。"],
    ],
    messages: [
      ["public", 18, "感谢建议。由于财务结算和成本控制流程，本年度无法提前发放；我们会在明年预算周期重新评估，并提前公布每次发放日期。"],
    ],
    published: { title: "提前发放季度绩效奖金", body: "建议季度绩效奖金在次月10日前发放，以增强激励效果。", daysAfter: 18 },
    verdict: "not_resolved",
    supports: 17,
  },
  {
    n: 7,
    category: "other",
    locale: "en",
    title: "Show teams on the honour roll, not only individuals",
    body: "The honour roll lists the Outstanding Customer Service Supervisor award winners, but the teams behind them are invisible. A team honour roll would recognise everyone's contribution.",
    consent: true,
    receivedDaysAgo: 70,
    statuses: [
      ["planned", 5, null],
      ["done", 35, "The team honour roll is now part of the published results."],
    ],
    messages: [
      [
        "public",
        35,
        "Done: the results page now has a team honour roll (团队荣誉榜) next to the individual awards, updated every quarter.",
      ],
    ],
    published: {
      title: "Add a team honour roll",
      body: "Recognise outstanding teams on the honour roll, not only individual supervisors.",
      daysAfter: 6,
    },
    verdict: "resolved",
    supports: 8,
  },
  {
    n: 8,
    category: "team",
    locale: "zh-cn",
    title: "荣誉榜也应该表彰团队",
    body: "荣誉榜只有个人，建议增加团队荣誉榜。",
    consent: true,
    receivedDaysAgo: 40,
    statuses: [["duplicate", 2, "与已公示的“团队荣誉榜”建议相同，已合并处理。"]],
    published: { title: "增加团队荣誉榜", body: "建议在荣誉榜中增加团队表彰。", daysAfter: 2 },
    duplicateOf: 7,
    supports: 2,
  },
  {
    n: 9,
    category: "team",
    locale: "en",
    title: "A quiet room for a break after difficult calls",
    body: "After an abusive call there is nowhere to take five minutes. A small quiet room would help people recover before the next call.",
    consent: true,
    receivedDaysAgo: 2,
  },
  {
    n: 10,
    category: "process",
    locale: "zh-cn",
    title: "夜班交接流程需要规范",
    body: "夜班和早班交接时，未结案的投诉经常没有记录清楚，客户需要重复说明情况。建议制定统一的交接清单。",
    consent: false,
    receivedDaysAgo: 9,
    statuses: [["under_review", 3, null]],
    messages: [["private", 3, "收到，我们正在和各班组长一起整理交接清单，下周会给你回复。"]],
  },
  {
    n: 11,
    category: "reward_policy",
    locale: "en",
    title: "Explain how promotion candidates are chosen",
    body: "Top performers are told promotion is possible, but nobody knows the criteria or the timeline. A clear promotion path for supervisors would make the reward system credible.",
    consent: true,
    receivedDaysAgo: 20,
    statuses: [
      ["under_review", 2, null],
      ["in_progress", 9, "Drafting a promotion-path page for the reward policy."],
    ],
    messages: [
      [
        "public",
        9,
        "Agreed. We are writing up the promotion path (晋升通道): criteria, review dates and how to apply. It will be published with the next policy version.",
      ],
    ],
    published: {
      title: "Publish a clear promotion path for supervisors",
      body: "Make promotion criteria and timelines public so top performers know how promotion works.",
      daysAfter: 9,
    },
    supports: 12,
  },
  {
    n: 12,
    category: "training",
    locale: "zh-cn",
    title: "希望增加跨部门交流轮岗机会",
    body: "建议每年安排主管到质检或产品部门短期轮岗，了解上下游流程，有助于职业规划。",
    consent: true,
    receivedDaysAgo: 10, // not yet acknowledged: overdue, so the console's inbox shows what that looks like
  },
];

const DEMO: Admin = { actor: "demo" };

/** One audited HR intent on the day it was made, against the idea's current version. */
type DemoChange =
  | { status: IdeaStatus; note?: string }
  | { duplicateOf: string; note?: string }
  | { publish: { title: string; body: string; confirm: true } }
  | { rewarded: { note: string } };

async function hrChange(env: SeedEnv, id: string, day: string, change: DemoChange): Promise<void> {
  const version = (await readIdea(env, id))!.version;
  const now = pinnedClock(day).now();
  if ("duplicateOf" in change) await setDuplicate(env, DEMO, id, { version, ...change }, now);
  else if ("status" in change) await changeStatus(env, DEMO, id, { version, ...change }, now);
  else if ("publish" in change) await setPublication(env, DEMO, id, { version, ...change }, now);
  else await setReward(env, DEMO, id, { version, ...change }, now);
}

export function demoIdeaId(n: number): string {
  return `00000000-0000-4000-8000-1dea${String(n).padStart(8, "0")}`;
}

export function demoReceipt(n: number): string {
  return `DEM0-1DEA-0000-00${String(n).padStart(2, "0")}`;
}

/** Whether every row this seeder writes for the idea is there: the rows' counts and the idea's flags. */
async function isComplete(env: SeedEnv, id: string, idea: DemoIdea): Promise<boolean> {
  const row = await env.DB.prepare(
    `SELECT published, rewarded, verdict, duplicate_of, version,
              (SELECT COUNT(*) FROM idea_status_history WHERE idea_id = ?1) AS history,
              (SELECT COUNT(*) FROM idea_messages WHERE idea_id = ?1) AS messages,
              (SELECT COUNT(*) FROM idea_supports WHERE idea_id = ?1) AS supports
       FROM ideas WHERE id = ?1`,
  )
    .bind(id)
    .first<{
      published: number;
      rewarded: number;
      verdict: string | null;
      duplicate_of: string | null;
      version: number;
      history: number;
      messages: number;
      supports: number;
    }>();
  return (
    row !== null &&
    row.history === 1 + (idea.statuses?.length ?? 0) &&
    row.messages === (idea.messages?.length ?? 0) + (idea.author?.length ?? 0) &&
    row.supports === (idea.supports ?? 0) &&
    row.published === (idea.published ? 1 : 0) &&
    row.rewarded === (idea.rewarded ? 1 : 0) &&
    // written through the audited service (older demo data was not): rewrite it so the audit log has the demo's actions
    row.version > 0 === Boolean(idea.statuses?.length || idea.published || idea.rewarded || idea.duplicateOf) &&
    row.verdict === (idea.verdict ?? null) &&
    row.duplicate_of === (idea.duplicateOf ? demoIdeaId(idea.duplicateOf) : null)
  );
}

const seed: Seeder = async (env, clock) => {
  // The same day the server and the pages see (CANDOR_TODAY when pinned), so
  // "received 4 days ago" on the board is 4 days before the demo's today.
  const daysAgo = (n: number) => addDays(clock.today(), -n);
  let created = 0;
  let repaired = 0;
  for (const idea of IDEAS) {
    const id = demoIdeaId(idea.n);
    if (await readIdea(env, id)) {
      if (await isComplete(env, id, idea)) continue;
      // its history, messages and supports go with it (ON DELETE CASCADE)
      await env.DB.prepare("DELETE FROM ideas WHERE id = ?1").bind(id).run();
      repaired++;
    }
    const received = idea.receivedDaysAgo;
    await insertIdea(env, {
      id,
      receiptHash: await hashReceipt(demoReceipt(idea.n)),
      input: { category: idea.category, title: idea.title, body: idea.body, publishConsent: idea.consent, locale: idea.locale },
      day: daysAgo(received),
    });
    // interleave status changes and messages in date order, as HR would have made them
    const events: [number, () => Promise<void>][] = [
      ...(idea.statuses ?? []).map(([status, after, note]): [number, () => Promise<void>] => [
        after,
        () =>
          hrChange(
            env,
            id,
            daysAgo(received - after),
            status === "duplicate" && idea.duplicateOf
              ? { duplicateOf: demoIdeaId(idea.duplicateOf), ...(note ? { note } : {}) }
              : { status, ...(note ? { note } : {}) },
          ),
      ]),
      ...(idea.messages ?? []).map(([visibility, after, body]): [number, () => Promise<void>] => [
        after,
        async () => {
          await answerIdea(env, DEMO, id, { visibility, body }, pinnedClock(daysAgo(received - after)).now());
        },
      ]),
      ...(idea.author ?? []).map(([after, body]): [number, () => Promise<void>] => [
        after,
        async () => {
          await addAuthorMessage(env, id, body, daysAgo(received - after));
        },
      ]),
    ];
    if (idea.published) {
      const { title, body, daysAfter } = idea.published;
      // the demo's moderated texts were reviewed by hand: a date such as 次月10日 is the policy's, not the author's
      events.push([daysAfter, () => hrChange(env, id, daysAgo(received - daysAfter), { publish: { title, body, confirm: true } })]);
    }
    if (idea.rewarded) {
      const note = idea.rewarded;
      const last = idea.statuses?.at(-1)?.[1] ?? 0;
      events.push([last, () => hrChange(env, id, daysAgo(received - last), { rewarded: { note } })]);
    }
    // stable: on the same day, statuses before messages before author replies before publication
    events.sort((a, b) => a[0] - b[0]);
    for (const [, run] of events) await run();
    if (idea.verdict) await setVerdict(env, id, idea.verdict, null, daysAgo(Math.max(0, received - (idea.statuses?.at(-1)?.[1] ?? 0) - 2)));
    // supports spread over the days from publication to yesterday: the board shows them in steps, as it would real ones
    const publishedAgo = received - (idea.published?.daysAfter ?? 0);
    const supports: D1PreparedStatement[] = [];
    for (let s = 0; s < (idea.supports ?? 0); s++) {
      const ago = Math.max(1, publishedAgo - (s % Math.max(1, publishedAgo)));
      supports.push(
        env.DB.prepare("INSERT OR IGNORE INTO idea_supports (idea_id, token_hash, on_day) VALUES (?1, ?2, ?3)").bind(
          id,
          await sha256Hex(`${id}:demo-${s}`),
          daysAgo(ago),
        ),
      );
    }
    if (supports.length > 0) await env.DB.batch(supports);
    created++;
  }
  return `${created} demo ideas added (${IDEAS.length - created} already there${repaired ? `, ${repaired} half-written ones rewritten` : ""})`;
};
export default seed;
