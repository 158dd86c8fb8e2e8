// The checks a policy or honour draft passes in the console and on the
// server: the build's own schemas, plus what one new file must meet to join
// its folder; and the honour file as committed (consent: true only once
// recorded, where hand-made files have it).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { honourDraftProblems, honourFile, nextPolicyVersion, policyDraftProblems } from "#lib/publishing/content-checks.ts";

const inForce = JSON.parse(readFileSync("src/content/policy/2026-07.json", "utf8"));
const next = { ...inForce, version: "2027-01", effective: "2027-01-01" };

describe("policy drafts", () => {
  it("passes the version in force moved to the next review, and names what the build would refuse", () => {
    expect(policyDraftProblems(next, { version: "2026-07" })).toBeNull();
    expect(policyDraftProblems({ ...next, status: "draft" }, { version: "2026-07" })).toEqual({
      status: { code: "status_current", vars: {}, message: 'a new version is published as "current"' },
    });
    expect(policyDraftProblems(inForce, { version: "2026-07" })?.version).toMatchObject({
      code: "version_newer",
      vars: { version: "2026-07" },
      message: expect.stringMatching(/newer than the version in force/),
    });
    const heavy = structuredClone(next);
    heavy.criteria[0].weight += 1;
    expect(policyDraftProblems(heavy, null)?.criteria).toMatchObject({
      code: "weights_sum",
      vars: { total: 101 },
      message: expect.stringMatching(/add up to 101%/),
    });
  });

  it("refuses what prompted the version when the site has no such forum or survey, as the build does", () => {
    const refs = { forums: ["2026-06-11-engagement-and-workload", "2027-02-04-later"], surveys: ["pulse-2026-05"] };
    const change = { en: "A change.", "zh-cn": "一项变化。" };
    const prompted = {
      ...next,
      promptedBy: [
        { kind: "forum", id: "2026-06-11-engagement-and-workload", change },
        { kind: "forum", id: "2026-06-12-nothing", change },
        { kind: "forum", id: "2027-02-04-later", change },
        { kind: "survey", id: "pulse-2026-05", change },
        { kind: "survey", id: "pulse-2025-01", change },
        { kind: "idea", id: "idea-7", change },
      ],
    };
    const problems = policyDraftProblems(prompted, { version: "2026-07" }, refs)!;
    expect(Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, [p.code, p.vars]]))).toEqual({
      "promptedBy.1.id": ["unknown_forum", { id: "2026-06-12-nothing" }],
      "promptedBy.2.id": ["forum_after", { effective: "2027-01-01" }],
      "promptedBy.4.id": ["unknown_survey", { id: "pulse-2025-01" }],
      "promptedBy.5.id": ["idea_id", {}],
    });
    // without the site's forums and surveys (a check that cannot know them), only the schema's rules apply
    expect(policyDraftProblems(prompted, { version: "2026-07" })).toBeNull();
  });

  it("moves to the next six-monthly review across a year", () => {
    expect([nextPolicyVersion("2026-01"), nextPolicyVersion("2026-07"), nextPolicyVersion("2026-12")]).toEqual([
      "2026-07",
      "2027-01",
      "2027-06",
    ]);
  });
});

describe("honour drafts", () => {
  const honour = JSON.parse(readFileSync("src/content/honours/2026-10-15-q3-outstanding-zhou-lei.json", "utf8"));
  const { consent: _consent, ...recipient } = honour.recipient;
  const drafted = { ...honour, recipient };

  it("are checked without the consent, which is a step of its own", () => {
    expect(honourDraftProblems(drafted)).toBeNull();
    expect(honourDraftProblems({ ...drafted, reason: { en: "Great work.", "zh-cn": "很好。" } })).toMatchObject({
      "reason.en": { code: "reason_vague", vars: { min: 40 }, message: expect.stringMatching(/say specifically/) },
      "reason.zh-cn": { code: "reason_vague", vars: { min: 15 }, message: expect.stringMatching(/say specifically/) },
    });
  });

  it("are committed with consent: true after the name, as the hand-made files have it", () => {
    expect(JSON.stringify(honourFile(drafted, true))).toBe(JSON.stringify(honour));
    expect(honourFile(drafted, false)).toEqual(drafted);
  });
});
