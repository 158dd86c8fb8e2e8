// A forum HR drafts in the console is committed as the Markdown file the
// build reads: the formatter gives back every shipped forum byte for byte
// (so a published file passes Prettier like a hand-made one), and the server's
// check on a draft is the build's own per-file check, finding what it finds,
// each problem with its code for HR's language and the build's English words;
// the console's check on the fields (without the file's YAML) finds the same.
import { describe, expect, it } from "vitest";
import { format as prettier } from "prettier";
import { formatForumFile, readForumFile, type ForumBody } from "#lib/programme/forum-file.ts";
import { parseForums } from "#lib/programme/forums.ts";
import { forumDraftProblems as fileProblems, forumPath } from "#lib/publishing/forum-checks.ts";
import { forumFieldProblems } from "#lib/publishing/forum-draft.ts";
import { problemFields, problemKey, type Problems } from "#lib/problems.ts";
import { ui } from "#i18n/index.ts";
import { fill } from "#i18n/translate.ts";
import { ContentValidationError } from "#lib/content.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { folder, TODAY } from "./programme-fixtures.ts";

const forums = folder("forums");
const refs = { surveys: new Set(SURVEYS.map((s) => s.id)), policy: new Set(["2025-07", "2026-01", "2026-07"]), today: TODAY };
const HELD = "2026-09-17-survey-results-and-bonus-timing";
const UPCOMING = "2026-12-10-annual-review-preparation";
const bodyOf = (id: string) => readForumFile(forums.find((f) => f.path === `${id}.md`)!.text)!;
/** The server's check, through the file's text; the console's, on the fields without YAML, finds the same. */
function forumDraftProblems(body: Record<string, unknown>, path: string, r: typeof refs): Problems | null {
  const problems = fileProblems(body, path, r);
  expect(forumFieldProblems(body, path, r), "the console's check").toEqual(problems);
  return problems;
}
/** The problems as the API's fields: the build's English words by field. */
const words = (problems: Problems | null) => (problems ? problemFields(problems) : null);

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
    expect(problems.colour).toMatchObject({ code: "unknown_field", message: expect.stringMatching(/Unrecognized key/) });
    delete broken.colour;
    expect(words(forumDraftProblems(broken, forumPath(HELD), refs))).toEqual({
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
    expect(words(forumDraftProblems(upcoming, forumPath(UPCOMING), refs))).toEqual({
      body: "the forum is on 2026-12-10, not yet held: minutes, findings, decisions and actions come after it",
    });
    const held = bodyOf(HELD);
    expect(
      words(
        forumDraftProblems(
          { ...held, minutes: { en: 'Fine <img src=x onerror="alert(1)">', "zh-cn": "好\n<!-- en -->\nagain" } },
          forumPath(HELD),
          refs,
        ),
      ),
    ).toEqual({
      "minutes.en": "write the minutes in Markdown, without HTML tags (<…>)",
      "minutes.zh-cn": "a line like <!-- en --> would split the minutes",
    });
    expect(words(forumDraftProblems({ ...held, minutes: { fr: "Bonjour" } }, forumPath(HELD), refs))).toEqual({
      "minutes.fr": "not a field of this file",
    });
    // a direction override, and a line break in a one-line text
    const topic = { en: "Bonus \u202Etiming", "zh-cn": "奖金\n发放" };
    expect(words(forumDraftProblems({ ...held, topic }, forumPath(HELD), refs))).toEqual({
      "topic.en": "One line, without control characters or text-direction overrides.",
      "topic.zh-cn": "One line, without control characters or text-direction overrides.",
    });
  });

  it("names each rule's problem with a code the console says in both languages, the build's English words unchanged", () => {
    const held = bodyOf(HELD) as ForumBody & { actions: Record<string, unknown>[]; decisions: Record<string, unknown>[] };
    const withAction = (i: number, change: Record<string, unknown>) => ({
      ...held,
      actions: held.actions.map((a, j) => (j === i ? { ...a, ...change } : a)),
    });
    /** [body, field, code, vars, the English words] for one rule each. */
    const cases: [Record<string, unknown>, string, string, Record<string, unknown>, string][] = [
      [
        { ...bodyOf(UPCOMING), decisions: held.decisions },
        "body",
        "not_yet_held",
        { day: "2026-12-10" },
        "the forum is on 2026-12-10, not yet held: minutes, findings, decisions and actions come after it",
      ],
      [withAction(0, { status: "done" }), "actions[0].outcome", "outcome_missing", {}, "say what came of a done action"],
      [
        withAction(0, { due: "2026-09-01" }),
        "actions[0].due",
        "due_before_forum",
        { day: "2026-09-17" },
        "2026-09-01 is before the forum (2026-09-17)",
      ],
      [
        withAction(1, { id: "bonus-by-the-10th" }),
        "actions[1].id",
        "duplicate_id",
        { id: "bonus-by-the-10th" },
        'duplicate action id "bonus-by-the-10th"',
      ],
      [withAction(0, { status: "finished" }), "actions[0].status", "one_of", { values: "open, done, dropped" }, expect.any(String)],
      [
        { ...held, decisions: [{ ...held.decisions[0], actions: ["gone"] }] },
        "decisions[0].actions[0]",
        "unknown_action",
        { id: "gone" },
        'no action "gone" in this forum',
      ],
      [
        { ...held, decisions: [{ ...held.decisions[0], policy: "2026-02" }] },
        "decisions[0].policy",
        "policy_unknown",
        { version: "2026-02", published: "2025-07, 2026-01, 2026-07" },
        'no published policy version "2026-02"',
      ],
      [{ ...held, concerns: { policy: ["2026-13"] } }, "concerns.policy[0]", "format_version", {}, "a policy version id, YYYY-MM"],
      [{ ...held, concerns: { ideas: ["idea-7"] } }, "concerns.ideas[0]", "format_idea", {}, "an idea id from the suggestion box (a UUID)"],
      [
        { ...held, findings: [{ survey: "no-such-survey", text: { en: "x", "zh-cn": "x" } }] },
        "findings[0].survey",
        "survey_unknown",
        { survey: "no-such-survey", surveys: [...refs.surveys].join(", ") },
        `no survey "no-such-survey" (surveys: ${[...refs.surveys].join(", ")})`,
      ],
      [
        { ...held, ends: "2026-09-17T13:00" },
        "ends",
        "ends_before_starts",
        { starts: "2026-09-17T14:00" },
        "2026-09-17T13:00 is not after 2026-09-17T14:00",
      ],
      [
        { ...held, starts: "2026-09-18T14:00", ends: "2026-09-18T15:00" },
        "starts",
        "forum_day",
        { day: "2026-09-17" },
        "2026-09-18 does not match the day in the file name (2026-09-17)",
      ],
      [{ ...held, starts: "2026-09-17 14:00" }, "starts", "format_datetime", {}, "a local date and time, YYYY-MM-DDTHH:MM"],
      [{ ...held, timeZone: "Shanghai" }, "timeZone", "time_zone", {}, "an IANA time zone such as Asia/Shanghai"],
      [{ ...held, link: "http://meet.example.org/x" }, "link", "format_link", {}, "an https:// link"],
      [{ ...held, place: { en: "Room 3", "zh-cn": " " } }, "place.zh-cn", "empty", { minimum: 1 }, "the zh-cn text is empty"],
      [
        { ...held, minutes: { en: "We met." } },
        "minutes.zh-cn",
        "minutes_missing",
        { locale: "zh-cn" },
        "no minutes in zh-cn (add a <!-- zh-cn --> section)",
      ],
      [
        { ...held, minutes: { en: "<b>We</b> met.", "zh-cn": "开会。" } },
        "minutes.en",
        "minutes_html",
        {},
        "write the minutes in Markdown, without HTML tags (<…>)",
      ],
      [
        { ...held, minutes: { en: "We met.", "zh-cn": "开会\n<!-- en -->" } },
        "minutes.zh-cn",
        "minutes_mark",
        {},
        "a line like <!-- en --> would split the minutes",
      ],
      [{ ...held, minutes: "We met." }, "minutes", "minutes_per_language", {}, "the minutes per language: en and zh-cn"],
      [
        { ...held, minutes: { en: "We\u0007 met.", "zh-cn": "开会。" } },
        "minutes.en",
        "unsafe_text",
        {},
        "Control characters and text-direction overrides are not allowed.",
      ],
      [
        { ...held, audience: { en: "All\nsupervisors", "zh-cn": "全体主管" } },
        "audience.en",
        "unsafe_line",
        {},
        "One line, without control characters or text-direction overrides.",
      ],
    ];
    for (const [body, field, code, vars, message] of cases) {
      const problems = forumDraftProblems(body, forumPath(HELD), refs);
      expect(problems?.[field], `${field} ${code}`).toEqual({ code, vars, message });
      for (const l of ["en", "zh-cn"] as const) {
        const said = fill(ui[l][problemKey(problems![field]!.code)]!, problems![field]!.vars);
        expect(said, `${l}: ${code}`).not.toMatch(/\{\w+\}|^$/);
      }
    }
    // a file named otherwise than the build reads it (a draft with no day yet)
    expect(forumDraftProblems(held, forumPath("-bonus-timing"), refs)?.body).toMatchObject({ code: "forum_file_name" });
    // in the Chinese console, the action done without its outcome
    const outcome = forumDraftProblems(withAction(0, { status: "done" }), forumPath(HELD), refs)!["actions[0].outcome"]!;
    expect(fill(ui["zh-cn"][problemKey(outcome.code)]!, outcome.vars)).toBe("请说明这项行动的结果：已完成或已取消的行动须填写结果。");
  });
});
