// The scheduled Worker's daily run (workers/digest/), inside workerd against
// the real local D1: the digest's counts on seeded ideas, its delivery to
// each channel's stand-in (scripts/digest-standins.ts, which verifies the
// signatures), a failed channel retried the next day while the others are
// delivered, and no free text in any payload. The day is pinned per run with
// CANDOR_TODAY, as docs/clock.md says.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { insertIdea, addAuthorMessage } from "#server/db/ideas.ts";
import { createTokens } from "#server/db/tokens.ts";
import { listDeliveries } from "#server/db/digest-deliveries.ts";
import { runDigest } from "#server/digest.ts";
import worker from "../../workers/digest/index.ts";
import { addHrMessage, setStatus } from "../support/idea-writes.ts";
import { delta, dumpDatabase } from "./battery/db.ts";
import { clearIdeas } from "./ideas-fixtures.ts";

const standins = inject("digestStandins");

interface Arrival {
  channel: "email" | "wecom" | "dingtalk" | "feishu";
  verified: boolean;
  body: Record<string, unknown>;
}

const control = (path: string, json?: unknown) =>
  fetch(`${standins.url}${path}`, { method: "POST", body: JSON.stringify(json ?? {}), headers: { "Content-Type": "application/json" } });
const arrivals = async () => (await (await fetch(`${standins.url}/__received`)).json()) as Arrival[];

/** The message a channel received, as the people reading it see it. */
function shown(a: Arrival): string {
  const b = a.body as { text?: string; markdown?: { content?: string; text?: string }; content?: { text?: string } };
  return (a.channel === "email" ? b.text : a.channel === "feishu" ? b.content?.text : (b.markdown?.content ?? b.markdown?.text)) ?? "";
}

/** One scheduled run, exactly as the cron starts it, on `day`. */
async function runOn(day: string): Promise<Arrival[]> {
  await control("/__reset");
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ scheduledTime: Date.parse(`${day}T01:00:00Z`), cron: "0 1 * * *" }),
    { ...env, ...standins.vars, CANDOR_TODAY: day },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return arrivals();
}

// Free text anyone wrote, each distinctive: none may reach any channel.
const PLANTED = {
  title: "Zanzibar-title-7f3q lanterns in the break room",
  body: "Quixotic-body-9k2w: the night shift would like warmer lamps near the kettle, please.",
  reply: "Vermilion-reply-4h8z: thank you, and the lamps by the lifts too.",
  hr: "Obsidian-hr-answer-2m5x: we will look at it this month.",
  comment: "Tangerine-comment-6p1r: my supervisor listens.",
};

let n = 0;
async function idea(receivedOn: string, text: { title?: string; body?: string } = {}): Promise<string> {
  n++;
  const id = crypto.randomUUID();
  const outcome = await insertIdea(env, {
    id,
    receiptHash: n.toString(16).padStart(64, "0"),
    input: {
      category: "other",
      title: text.title ?? `An idea about the rota, number ${n}`,
      body: text.body ?? `Shorter rota swaps would help the team plan around school holidays (${n}).`,
      publishConsent: false,
    },
    day: receivedOn,
  });
  expect(outcome).toBe("stored");
  return id;
}

const CHANNELS = ["dingtalk", "email", "feishu", "wecom"];

beforeAll(async () => {
  await clearIdeas();
  await env.DB.batch([
    env.DB.prepare("DELETE FROM digest_deliveries"),
    env.DB.prepare("DELETE FROM survey_redemption_days WHERE survey_id = 'supervisor-career-2026'"),
    env.DB.prepare("DELETE FROM survey_tokens WHERE survey_id = 'supervisor-career-2026'"),
  ]);
  // overdue: received 2026-11-20, nothing from HR (the promise's last day was 11-27); waiting
  await idea("2026-11-20");
  // new on 2026-12-01, waiting; its title and body are planted free text
  await idea("2026-12-01", { title: PLANTED.title, body: PLANTED.body });
  // answered by HR, then the author replied on 2026-12-01: a new reply, and waiting again
  const answered = await idea("2026-11-25");
  await addHrMessage(env, answered, "private", PLANTED.hr, "2026-11-26");
  expect(await addAuthorMessage(env, answered, PLANTED.reply, "2026-12-01")).toBe(true);
  // done long ago: counts nowhere
  const done = await idea("2026-11-10");
  await setStatus(env, done, "done", "2026-11-12");
  // an idea and a reply of the run's own day, 2026-12-02: not there for HR until tomorrow
  await idea("2026-12-02");
  expect(await addAuthorMessage(env, answered, "A second reply, written on the digest's day.", "2026-12-02")).toBe(true);
  // five codes of the invitation survey, none used
  expect(
    await createTokens(env, { id: "supervisor-career-2026", audience: 24 }, 5, { actor: "ana@candor.test", at: "2026-11-29T10:00:00Z" }),
  ).toHaveProperty("codes");
  // a survey comment
  const response = "c".repeat(32);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO survey_responses (id, survey_id, survey_version, day) VALUES (?1, 'pulse-2026-11', 1, '2026-11-28')").bind(
      response,
    ),
    env.DB.prepare("INSERT INTO survey_answers (response_id, survey_id, question, text) VALUES (?1, 'pulse-2026-11', 'comment', ?2)").bind(
      response,
      PLANTED.comment,
    ),
  ]);
});

describe("the daily digest, from the scheduled Worker", () => {
  let first: Arrival[];

  it("reaches every channel's stand-in once, each with a valid signature or key", async () => {
    first = await runOn("2026-12-02");
    expect(first.map((a) => a.channel).sort()).toEqual(CHANNELS);
    for (const a of first) expect(a.verified, a.channel).toBe(true);
    expect(await listDeliveries(env)).toEqual(CHANNELS.map((channel) => ({ channel, day: "2026-12-02", delivered: 1 })));
  });

  it("counts what waits as HR's console does, on the days before the run's", () => {
    for (const a of first) {
      const text = shown(a);
      expect(text, a.channel).toContain("New on 2026-12-01");
      expect(text).toMatch(/New ideas: \**1\b/);
      expect(text).toMatch(/New replies from authors: \**1\b/);
      expect(text).toMatch(/Ideas waiting for an answer: \**3\b/);
      expect(text).toMatch(/Ideas past the acknowledgement promise: \**1\b/);
      // the pulse closes on 12-04, within three days; the career survey on 12-11, not yet
      expect(text).toContain("Monthly pulse, November 2026: last day 2026-12-04");
      expect(text).not.toContain("Career paths and training for supervisors: last day");
      expect(text).toContain("Career paths and training for supervisors: 5");
    }
  });

  it("carries no free text: no idea title or body, no reply, no HR answer, no survey comment", async () => {
    const everything = JSON.stringify(await arrivals()) + JSON.stringify(first);
    for (const [what, planted] of Object.entries(PLANTED)) {
      const marker = planted.split(":")[0]!.split(" ")[0]!;
      expect(everything.includes(marker), `${what} reached a channel`).toBe(false);
    }
    expect(everything).not.toContain("rota");
  });

  it("records a failed channel and sends it the next day, counting from its last delivery, while the others are delivered", async () => {
    await control("/__reset");
    await control("/__fail", { channels: ["dingtalk"] });
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: 0, cron: "0 1 * * *" }),
      { ...env, ...standins.vars, CANDOR_TODAY: "2026-12-03" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const failedDay = await arrivals();
    expect(failedDay.map((a) => a.channel).sort()).toEqual(CHANNELS);
    expect(await listDeliveries(env)).toContainEqual({ channel: "dingtalk", day: "2026-12-03", delivered: 0 });
    for (const channel of ["email", "feishu", "wecom"])
      expect(await listDeliveries(env)).toContainEqual({ channel, day: "2026-12-03", delivered: 1 });

    await idea("2026-12-03");
    const next = await runOn("2026-12-04");
    expect(next.map((a) => a.channel).sort()).toEqual(CHANNELS);
    for (const a of next) expect(a.verified).toBe(true);
    const dingtalk = shown(next.find((a) => a.channel === "dingtalk")!);
    // DingTalk last had the digest of 12-02: it now counts 12-02 and 12-03 (two ideas), the others 12-03 only
    expect(dingtalk).toContain("New from 2026-12-02 to 2026-12-03");
    expect(dingtalk).toMatch(/New ideas: \**2\b/);
    for (const a of next.filter((a) => a.channel !== "dingtalk")) {
      expect(shown(a)).toContain("New on 2026-12-03");
      expect(shown(a)).toMatch(/New ideas: \**1\b/);
    }
    expect(await listDeliveries(env)).toContainEqual({ channel: "dingtalk", day: "2026-12-04", delivered: 1 });
  });

  it("sends nothing twice when the schedule fires again the same day", async () => {
    expect(await runOn("2026-12-04")).toEqual([]);
  });

  it("sends nothing and records nothing when no channel is configured", async () => {
    const before = await listDeliveries(env);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController(), { ...env, CANDOR_TODAY: "2026-12-05" }, ctx);
    await waitOnExecutionContext(ctx);
    expect(await listDeliveries(env)).toEqual(before);
  });

  it("stores nothing but its delivery log: one row per channel (channel, day, delivered), in the whole database", async () => {
    // the digest alone (the scheduled run also runs retention, which audits what it deletes); the first
    // run, like HR's first look in the console, recorded each survey's k in published_k, so this one finds them there
    const before = await dumpDatabase();
    const report = await runDigest({ ...env, ...standins.vars }, new Date("2026-12-06T01:00:00Z"));
    expect(report.channels.map((c) => c.outcome)).toEqual(["delivered", "delivered", "delivered", "delivered"]);
    const changes = delta(before, await dumpDatabase());
    expect([...changes.keys()]).toEqual(["digest_deliveries"]);
    expect(changes.get("digest_deliveries")!.removed).toEqual([]);
    expect(changes.get("digest_deliveries")!.added.map((row) => JSON.parse(row) as object)).toEqual(
      expect.arrayContaining(CHANNELS.map((channel) => ({ channel, day: "2026-12-06", delivered: 1 }))),
    );
    expect(changes.get("digest_deliveries")!.added).toHaveLength(CHANNELS.length);
  });
});
