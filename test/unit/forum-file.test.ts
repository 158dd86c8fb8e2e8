// A forum HR drafts in the console is committed as the Markdown file the
// build reads: the formatter gives back every shipped forum byte for byte
// (so a published file passes Prettier like a hand-made one), and the server's
// check on a draft is the build's own per-file check, finding what it finds.
import { describe, expect, it } from "vitest";
import { format as prettier } from "prettier";
import { formatForumFile, readForumFile, type ForumBody } from "#lib/programme/forum-file.ts";
import { parseForums } from "#lib/programme/forums.ts";
import { forumDraftProblems, forumPath } from "#lib/publishing/forum-checks.ts";
import { ContentValidationError } from "#lib/content.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { folder, TODAY } from "./programme-fixtures.ts";

const forums = folder("forums");
const refs = { surveys: new Set(SURVEYS.map((s) => s.id)), policy: new Set(["2025-07", "2026-01", "2026-07"]), today: TODAY };
const HELD = "2026-09-17-survey-results-and-bonus-timing";
const UPCOMING = "2026-12-10-annual-review-preparation";
const bodyOf = (id: string) => readForumFile(forums.find((f) => f.path === `${id}.md`)!.text)!;

/** The build's problems for the folder with `id` written from `body`. */
function buildProblems(id: string, body: ForumBody): string[] {
  const files = forums.map((f) => (f.path === `${id}.md` ? { ...f, text: formatForumFile(body) } : f));
  try {
    parseForums(files, refs);
    return [];
  } catch (err) {
    if (!(err instanceof ContentValidationError)) throw err;
    return err.problems;
  }
}

describe("the forum file formatter", () => {
  it.each(forums.map((f) => [f.path, f.text]))(
    "writes %s back exactly as it is, and the build reads the same forum",
    async (path, text) => {
      const body = readForumFile(text)!;
      const written = formatForumFile(body);
      expect(written).toBe(text);
      expect(readForumFile(written)).toEqual(body);
      expect(parseForums([{ path, text: written }], refs)).toEqual(parseForums([{ path, text }], refs));
      expect(await prettier(written, { parser: "markdown", printWidth: 140 })).toBe(written);
    },
  );

  it("writes an action recorded as done with its outcome, and a new forum, as files the build accepts", () => {
    const held = bodyOf(HELD) as ForumBody & { actions: { status: string; outcome?: object }[] };
    held.actions[0]!.status = "done";
    held.actions[0]!.outcome = { en: "Paid by the 10th since November.", "zh-cn": "自 11 月起于 10 日前发放。" };
    expect(buildProblems(HELD, held)).toEqual([]);
    const fresh: ForumBody = {
      starts: "2027-01-14T14:00",
      ends: "2027-01-14T15:00",
      timeZone: "Asia/Shanghai",
      place: { en: "Room 2: 'quiet' floor", "zh-cn": "二号会议室" },
      topic: { en: "- a topic # with YAML's characters", "zh-cn": "议题" },
      audience: { en: "All agents", "zh-cn": "全体客服" },
    };
    const text = formatForumFile(fresh);
    expect(parseForums([{ path: "2027-01-14-new-year.md", text }], refs)[0]).toMatchObject({ ...fresh, minutes: {} });
  });
});

describe("the server's check on a forum draft", () => {
  it("passes every shipped forum", () => {
    for (const f of forums) expect(forumDraftProblems(readForumFile(f.text)!, `src/content/forums/${f.path}`, refs), f.path).toBeNull();
  });

  it("finds what the build finds, keyed by field", () => {
    const broken = bodyOf(HELD) as ForumBody & { actions: { due: string }[]; decisions: { actions: string[] }[] };
    broken.actions[1]!.due = "2026-09-01";
    broken.decisions[0]!.actions = ["no-such-action"];
    broken.colour = "red";
    const problems = forumDraftProblems(broken, forumPath(HELD), refs)!;
    expect(problems).toMatchObject({ colour: expect.stringMatching(/Unrecognized key/) });
    delete broken.colour;
    expect(forumDraftProblems(broken, forumPath(HELD), refs)).toEqual({
      "actions[1].due": "2026-09-01 is before the forum (2026-09-17)",
      "decisions[0].actions[0]": 'no action "no-such-action" in this forum',
    });
    expect(buildProblems(HELD, broken)).toEqual([
      `${HELD}.md: actions[1].due: 2026-09-01 is before the forum (2026-09-17)`,
      `${HELD}.md: decisions[0].actions[0]: no action "no-such-action" in this forum`,
    ]);
  });

  it("refuses minutes for a forum not yet held, HTML in the minutes, and a line that would split them", () => {
    const upcoming = { ...bodyOf(UPCOMING), minutes: { en: "We met.", "zh-cn": "我们开了会。" } };
    expect(forumDraftProblems(upcoming, forumPath(UPCOMING), refs)).toEqual({
      body: "the forum is on 2026-12-10, not yet held: minutes, findings, decisions and actions come after it",
    });
    const held = bodyOf(HELD);
    expect(
      forumDraftProblems(
        { ...held, minutes: { en: 'Fine <img src=x onerror="alert(1)">', "zh-cn": "好\n<!-- en -->\nagain" } },
        forumPath(HELD),
        refs,
      ),
    ).toEqual({
      "minutes.en": "write the minutes in Markdown, without HTML tags (<…>)",
      "minutes.zh-cn": "a line like <!-- en --> would split the minutes",
    });
    expect(forumDraftProblems({ ...held, minutes: { fr: "Bonjour" } }, forumPath(HELD), refs)).toEqual({
      "minutes.fr": "not a field of this file",
    });
    // a direction override, and a line break in a one-line text
    const topic = { en: "Bonus \u202Etiming", "zh-cn": "奖金\n发放" };
    expect(forumDraftProblems({ ...held, topic }, forumPath(HELD), refs)).toEqual({
      "topic.en": "One line, without control characters or text-direction overrides.",
      "topic.zh-cn": "One line, without control characters or text-direction overrides.",
    });
  });
});
