// A staff forum published from the console, through the git host's stand-in,
// on the real local D1. HR announces a forum (a new Markdown file), or drafts
// from a forum file the repository has to record it once held — an action's
// status and outcome set there is what the "you said, we did" page shows.
// The draft's body is the front matter and the minutes as JSON; the server
// checks the file it would commit with the build's own per-file check, and a
// second HR person approves before it is committed.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseForums } from "#lib/programme/forums.ts";
import { readForumFile } from "#lib/programme/forum-file.ts";
import { blobShaOf } from "#lib/publishing/blob-sha.ts";
import { BUILT_CONTENT } from "#lib/publishing/built.generated.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { api } from "./helpers.ts";

const ANA = { Authorization: "Bearer test-hr-token-ana-0123456789abcdef-0123" };
const LI = { Authorization: "Bearer test-hr-token-li-0123456789abcdef-01234" };
const TOKEN = { Authorization: `token ${env.PUBLISH_TOKEN}` };
const HELD = "2026-09-17-survey-results-and-bonus-timing";
const HELD_PATH = `src/content/forums/${HELD}.md`;
const refs = { surveys: new Set(SURVEYS.map((s) => s.id)), policy: new Set(["2025-07", "2026-01", "2026-07"]), today: "2026-11-30" };

async function textAt(path: string): Promise<string | null> {
  const res = await fetch(`${env.PUBLISH_API_URL}/repos/candor/candor/contents/${path}?ref=main`, { headers: TOKEN });
  if (res.status === 404) return null;
  const data = (await res.json()) as { content: string };
  return new TextDecoder().decode(Uint8Array.from(atob(data.content), (c) => c.charCodeAt(0)));
}

const create = (json: Record<string, unknown>, headers = ANA) => api("/api/admin/drafts", { method: "POST", headers, json });
const patch = (id: string, version: number, body: unknown, headers = ANA) =>
  api(`/api/admin/drafts/${id}`, { method: "PATCH", headers, json: { version, body } });
const step = (id: string, what: "approve" | "publish", version: number, headers: Record<string, string>) =>
  api(`/api/admin/drafts/${id}/${what}`, { method: "POST", headers, json: { version } });

const ANNOUNCED = {
  starts: "2027-01-14T14:00",
  ends: "2027-01-14T15:30",
  timeZone: "Asia/Shanghai",
  place: { en: "Training room 3, 5th floor", "zh-cn": "五楼第三培训室" },
  link: "https://meet.example.org/candor-forum-2027-01",
  topic: { en: "The 2027 reward calendar", "zh-cn": "2027 年奖励日程" },
  audience: { en: "All customer-service supervisors", "zh-cn": "全体客服主管" },
};

type Action = { id: string; status: string; outcome?: Record<string, string>; due: string };

describe("a staff forum", () => {
  it("held: HR records an action as done with its outcome, a second HR person approves, and the file is committed as the build reads it", async () => {
    const before = (await textAt(HELD_PATH))!;
    const created = await create({ forum: HELD });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = created.body.draft;
    expect([draft.kind, draft.path, draft.state]).toEqual(["forum", HELD_PATH, "draft"]);
    expect(draft.body).toEqual(readForumFile(before));
    expect(draft.body.minutes.en).toMatch(/\S/);

    const body = structuredClone(draft.body) as { actions: Action[] };
    const open = body.actions.find((a) => a.status === "open")!;
    open.status = "done";
    // done without saying what came of it: the build's rule
    const silent = await patch(draft.id, draft.version, body);
    expect([silent.status, silent.body.error.code], JSON.stringify(silent.body)).toEqual([422, "invalid_draft"]);
    const at = `actions[${body.actions.indexOf(open)}].outcome`;
    expect(silent.body.error.fields).toEqual({ [at]: "say what came of a done action" });
    open.outcome = { en: "Two agents were added to every evening shift from October.", "zh-cn": "自 10 月起，每个晚班增加两名客服。" };
    const edited = await patch(draft.id, draft.version, body);
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);

    const own = await step(draft.id, "approve", edited.body.draft.version, ANA);
    expect([own.status, own.body.error.code]).toEqual([403, "four_eyes"]);
    const approved = await step(draft.id, "approve", edited.body.draft.version, LI);
    expect([approved.status, approved.body.draft.approver]).toEqual([200, "li@candor.test"]);
    const published = await step(draft.id, "publish", approved.body.draft.version, ANA);
    expect([published.status, published.body.draft?.state], JSON.stringify(published.body)).toEqual([200, "building"]);

    const committed = (await textAt(HELD_PATH))!;
    expect(committed).not.toBe(before);
    const [forum] = parseForums([{ path: `${HELD}.md`, text: committed }], refs);
    expect(forum!.actions.find((a) => a.id === open.id)).toMatchObject({ status: "done", outcome: open.outcome });
    // nothing else of the file changed: the minutes and every other action are as they were
    const [old] = parseForums([{ path: `${HELD}.md`, text: before }], refs);
    expect(forum!.minutes).toEqual(old!.minutes);
    expect(forum!.actions.filter((a) => a.id !== open.id)).toEqual(old!.actions.filter((a) => a.id !== open.id));
    const audit = await env.DB.prepare("SELECT action, detail FROM audit_log WHERE target_type = 'draft' AND target_id = ?1 ORDER BY seq")
      .bind(draft.id)
      .all<{ action: string; detail: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(["draft.create", "draft.update", "draft.approve", "draft.publish"]);
  });

  it("announced: a new file, which the repository must not have yet, shown as live once the site was built with it", async () => {
    const created = await create({ forum: "2027-01-14-reward-calendar", body: ANNOUNCED });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { draft } = created.body;
    expect(draft.path).toBe("src/content/forums/2027-01-14-reward-calendar.md");
    const approved = await step(draft.id, "approve", draft.version, LI);
    const published = await step(draft.id, "publish", approved.body.draft.version, ANA);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const text = (await textAt(draft.path))!;
    expect(parseForums([{ path: "2027-01-14-reward-calendar.md", text }], refs)[0]).toMatchObject({ ...ANNOUNCED, minutes: {} });
    expect((await create({ forum: "2027-01-14-reward-calendar", body: ANNOUNCED })).body.error.code).toBe("already_published");

    // building until the running site was built with exactly this file: a forum the build read is live
    const shipped = "src/content/forums/2026-12-10-annual-review-preparation.md";
    const body = readForumFile((await textAt(shipped))!)!;
    expect(BUILT_CONTENT[shipped]).toBe(await blobShaOf((await textAt(shipped))!));
    for (const [id, b] of [
      ["00000000000000f1", body],
      ["00000000000000f2", { ...body, place: { en: "Elsewhere", "zh-cn": "别处" } }],
    ] as const)
      await env.DB.prepare(
        `INSERT INTO content_drafts (id, kind, path, body, state, author, approver, publisher, commit_sha, created_at, updated_at)
         VALUES (?1, 'forum', ?2, ?3, 'building', 'ana@candor.test', 'li@candor.test', 'ana@candor.test', ?4, '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')`,
      )
        .bind(id, shipped, JSON.stringify(b), "b".repeat(40))
        .run();
    const state = async (id: string) => (await api(`/api/admin/drafts/${id}`, { headers: LI })).body.draft.state;
    expect([await state("00000000000000f1"), await state("00000000000000f2")]).toEqual(["live", "building"]);
  });

  it("is refused, field by field, as the build would refuse it", async () => {
    const refuse = async (json: Record<string, unknown>) => {
      const res = await create(json);
      expect([res.status, res.body.error?.code], JSON.stringify(res.body)).toEqual([422, "invalid_draft"]);
      return res.body.error.fields as Record<string, string>;
    };
    // an upcoming forum with minutes
    expect(
      await refuse({ forum: "2027-01-14-reward-calendar-2", body: { ...ANNOUNCED, minutes: { en: "We met.", "zh-cn": "开过会了。" } } }),
    ).toEqual({
      body: "the forum is on 2027-01-14, not yet held: minutes, findings, decisions and actions come after it",
    });
    const held = readForumFile((await textAt("src/content/forums/2026-03-19-promotion-and-recognition.md"))!)! as Record<
      string,
      unknown
    > & {
      actions: Action[];
      decisions: { actions: string[] }[];
    };
    const id = "2026-03-19-promotion-and-recognition-2";
    // an action due before the forum, and a decision naming an action the forum does not have
    const early = structuredClone(held);
    early.actions[0]!.due = "2026-03-01";
    early.decisions[0]!.actions = ["no-such-action"];
    expect(await refuse({ forum: id, body: early })).toEqual({
      "actions[0].due": "2026-03-01 is before the forum (2026-03-19)",
      "decisions[0].actions[0]": 'no action "no-such-action" in this forum',
    });
    // a field the file does not have
    expect(Object.keys(await refuse({ forum: id, body: { ...held, attendees: ["Li Wei"] } }))).toEqual(["attendees"]);
    // hostile text: HTML in the minutes (rendered as HTML on the forum page), a line that would split them, a non-https link
    const hostile = await refuse({
      forum: id,
      body: { ...held, minutes: { en: "<script>alert(1)</script>", "zh-cn": "好\n<!-- en -->\n再来" } },
    });
    expect(hostile).toEqual({
      "minutes.en": "write the minutes in Markdown, without HTML tags (<…>)",
      "minutes.zh-cn": "a line like <!-- en --> would split the minutes",
    });
    expect(Object.keys(await refuse({ forum: id, body: { ...held, link: "javascript:alert(1)" } }))).toEqual(["link"]);
    // a day in the file name other than the forum's
    expect(await refuse({ forum: "2026-03-20-promotion", body: held })).toEqual({
      starts: "2026-03-19 does not match the day in the file name (2026-03-20)",
    });
    // nothing was stored
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM content_drafts WHERE path LIKE '%promotion%'").first<{ n: number }>())!;
    expect(n).toBe(0);
    expect((await create({ forum: "2026-01-01-nothing" })).status).toBe(404);
  });
});
