// Every refusal the build makes for results, honours, forums and the
// references between them, on the demo folders with one thing broken. The
// same check runs in the content loaders (test/e2e/build-guard.test.ts
// runs it through a real `astro build`).
import { describe, expect, it } from "vitest";
import { parseProgramme } from "#lib/programme/record.ts";
import { demoInput, editJson, editText, problems, type Editable } from "./programme-fixtures.ts";

const base = demoInput();
const withResults = (path: string, edit: (d: Editable) => void) => ({ ...base, results: editJson(base.results, path, edit) });

describe("the demo programme", () => {
  it("passes, with every cycle, honour and forum", async () => {
    const p = await parseProgramme(base);
    expect(p.results).toHaveLength(23);
    expect(p.honours.length).toBeGreaterThanOrEqual(12);
    expect(p.forums).toHaveLength(5);
    // cycles on each side of a version change cite different versions
    const cites = Object.fromEntries(p.results.map((r) => [r.cycle, r.policy.version]));
    expect([cites["2025-12"], cites["2026-01"], cites["2026-06"], cites["2026-07"]]).toEqual(["2025-07", "2026-01", "2026-01", "2026-07"]);
    expect([cites["2025-Q4"], cites["2026-Q1"], cites["2026-Q2"], cites["2026-Q3"]]).toEqual(["2025-07", "2026-01", "2026-01", "2026-07"]);
  });

  it("publishes no annual results for a year still in progress", async () => {
    const input = withResults("2025.json", (d) => (d.cycle = "2026"));
    input.results = input.results.map((f) => (f.path === "2025.json" ? { ...f, path: "2026.json" } : f));
    expect(await problems(input)).toContain("2026.json: cycle: 2026 runs until 2026-12-31: results are published once the period is over");
  });
});

describe("results refusals name the file and the field", () => {
  it("a version that was not in force for the period", async () => {
    const p = await problems(withResults("2026-Q3.json", (d) => (d.policy.version = "2026-01")));
    expect(p).toContainEqual(
      expect.stringMatching(
        /^2026-Q3\.json: policy\.version: version 2026-01 was not in force for 2026-Q3 .*2026-07 was, from 2026-07-01$/,
      ),
    );
  });

  it("a period with two versions in force", async () => {
    const policy = base.policy.map((f) => f);
    const v2608 = JSON.parse(base.policy.find((f) => f.path === "2026-07.json")!.text);
    Object.assign(v2608, { version: "2026-08", effective: "2026-08-01" });
    const input = {
      ...base,
      policy: [
        ...editJson(policy, "2026-07.json", (d) => (d.status = "superseded")),
        { path: "2026-08.json", text: JSON.stringify(v2608) },
      ],
    };
    const p = await problems(input);
    expect(p).toContainEqual(expect.stringMatching(/^2026-Q3\.json: policy\.version: version 2026-07 was not in force for 2026-Q3/));
    expect(p).toContainEqual(expect.stringMatching(/^2026-08\.json: policy\.version: version 2026-07 was not in force for 2026-08/));
    const cite = withResults("2026-Q3.json", (d) => (d.policy.version = "2026-08"));
    expect(await problems({ ...input, results: cite.results })).toContainEqual(
      "2026-Q3.json: policy.version: two versions were in force during 2026-Q3: 2026-07 until 2026-08-01, then 2026-08; a cycle is evaluated under one version, so split it at the change",
    );
  });

  it("an unknown version, and a draft", async () => {
    expect(await problems(withResults("2026-10.json", (d) => (d.policy.version = "2026-09")))).toContainEqual(
      expect.stringMatching(/^2026-10\.json: policy\.version: no published policy version "2026-09"/),
    );
  });

  it("a KPI that is not a criterion of the version, one out of its range, one missing", async () => {
    const p = await problems(
      withResults("2025-09.json", (d) => {
        d.kpis.nps = 40; // not a criterion
        d.kpis.csat = 101;
        delete d.kpis["quality-audit"];
      }),
    );
    expect(p).toContain(
      '2025-09.json: kpis.nps: "nps" is not a criterion of version 2025-07 (criteria: csat, resolution-rate, first-contact-resolution, average-handling-time, quality-audit)',
    );
    expect(p).toContain('2025-09.json: kpis.csat: 101 is outside the range 0–100 that version 2025-07 gives "csat"');
    expect(p).toContain("2025-09.json: kpis: no value for quality-audit (every criterion of version 2025-07 is reported)");
    // complaint rate became a criterion in 2026-01: reporting it for 2025 is refused
    expect(await problems(withResults("2025-Q4.json", (d) => (d.kpis["complaint-rate"] = 2)))).toContainEqual(
      expect.stringMatching(/^2025-Q4\.json: kpis\.complaint-rate: "complaint-rate" is not a criterion of version 2025-07/),
    );
  });

  it("tier counts that do not add up to the headcount", async () => {
    const p = await problems(withResults("2026-Q3.json", (d) => (d.tiers.good += 1)));
    expect(p).toContain("2026-Q3.json: tiers: the tier counts add up to 45, but the headcount is 44");
  });

  it("a small count written as a number, an unknown tier, a missing one", async () => {
    const p = await problems(
      withResults("2026-Q3.json", (d) => {
        d.tiers.outstanding = 3;
        d.tiers.good += 3;
        d.tiers.platinum = 0;
        delete d.tiers.meets;
        d.headcount -= d.tiers.meets ?? 6;
      }),
    );
    expect(p).toContain('2026-Q3.json: tiers.outstanding: 3 is a group of fewer than 5: write null (published as "fewer than 5")');
    expect(p).toContainEqual(expect.stringMatching(/^2026-Q3\.json: tiers\.platinum: "platinum" is not a tier of version 2026-07/));
    expect(p).toContain("2026-Q3.json: tiers: no count for meets (write 0 for an empty tier)");
  });

  it("a withheld count that the headcount and the others would give away", async () => {
    // one withheld tier: headcount minus the rest is its exact count
    const p = await problems(
      withResults("2026-Q3.json", (d) => {
        d.tiers.outstanding = null;
        d.headcount -= 3; // outstanding "was" 3
        delete d.scoreBands;
      }),
    );
    expect(p).toContain(
      '2026-Q3.json: tiers: the withheld counts can be worked out from the headcount and the counts shown (1 withheld, together 3): write "withheld" for the whole breakdown',
    );
    // two withheld tiers whose sum has only one split (1 + 1)
    const q = await problems(
      withResults("2025-07.json", (d) => {
        const small = Object.keys(d.tiers).filter((t) => d.tiers[t] === null);
        expect(small.length).toBeGreaterThanOrEqual(2);
        const shown = Object.values(d.tiers).reduce((a: number, n) => a + ((n as number | null) ?? 0), 0);
        d.headcount = shown + small.length;
      }),
    );
    expect(q).toContainEqual(expect.stringMatching(/^2025-07\.json: tiers: the withheld counts can be worked out/));
    // withheld counts that cannot each be 1…k−1
    const r = await problems(withResults("2025-07.json", (d) => (d.headcount += 20)));
    expect(r).toContainEqual(expect.stringMatching(/^2025-07\.json: tiers: the counts shown add up to \d+, leaving \d+ of the headcount/));
  });

  it("score bands next to a withheld count, under k, or not adding up", async () => {
    const p = await problems(
      withResults("2026-Q3.json", (d) => {
        d.scoreBands[1].count -= 2;
        d.scoreBands[2].count += 2;
        d.scoreBands[3].to = 99;
      }),
    );
    expect(p).toContain("2026-Q3.json: scoreBands[1].count: 4 is fewer than 5: merge this band with a neighbour");
    expect(p).toContain("2026-Q3.json: scoreBands: the bands cover the whole scale, 0 to 100");
    const q = await problems(
      withResults("2026-02.json", (d) => {
        d.scoreBands = [{ from: 0, to: 100, count: d.headcount }];
      }),
    );
    expect(q).toContain(
      "2026-02.json: scoreBands: published only when every tier count is shown: next to a withheld count they could help work it out",
    );
  });

  it("a missing translation, and empty commentary from a fresh import", async () => {
    const p = await problems(
      withResults("2026-08.json", (d) => {
        delete d.commentary["zh-cn"];
        d.activities[0] = { date: "2026-07-30", name: { en: "Outing", "zh-cn": " " } };
      }),
    );
    expect(p).toContainEqual(expect.stringMatching(/^2026-08\.json: commentary\.zh-cn: /));
    expect(p).toContain("2026-08.json: activities[0].name.zh-cn: the zh-cn text is empty");
    expect(await problems(withResults("2026-08.json", (d) => (d.commentary.en = "")))).toContain(
      "2026-08.json: commentary.en: the en text is empty",
    );
  });

  it("a small promotions or training count, and an activity outside the period", async () => {
    const p = await problems(
      withResults("2026-08.json", (d) => {
        d.promotions = 2;
        d.training.people = 4;
        d.activities = [{ date: "2026-09-02", name: { en: "Picnic", "zh-cn": "野餐" } }];
      }),
    );
    expect(p).toContain('2026-08.json: promotions: 2 is a group of fewer than 5: write null (published as "fewer than 5")');
    expect(p).toContain('2026-08.json: training.people: 4 is a group of fewer than 5: write null (published as "fewer than 5")');
    expect(p).toContain("2026-08.json: activities[0].date: 2026-09-02 is outside 2026-08 (2026-08-01 – 2026-08-31)");
  });

  it("a file name that does not match its cycle, and a publication date before the period ends", async () => {
    const p = await problems(withResults("2026-10.json", (d) => (d.published = "2026-10-31")));
    expect(p).toContain("2026-10.json: published: 2026-10-31 is not after the period's last day (2026-10-31)");
    const q = await problems(withResults("2026-10.json", (d) => (d.cycle = "2026-09")));
    expect(q).toContain('2026-10.json: cycle: "2026-09" does not match the file name (expected 2026-09.json)');
  });

  it("a superseded version changed after results were published under it", async () => {
    const input = { ...base, policy: editJson(base.policy, "2025-07.json", (d) => (d.criteria[0].target = 89)) };
    const p = await problems(input);
    // every cycle citing 2025-07 is named, and nothing else
    const named = p.map((m) => m.split(":")[0]).sort();
    expect(named).toEqual([
      "2025-07.json",
      "2025-08.json",
      "2025-09.json",
      "2025-10.json",
      "2025-11.json",
      "2025-12.json",
      "2025-Q3.json",
      "2025-Q4.json",
      "2025.json",
    ]);
    expect(p[0]).toMatch(
      /policy\.fingerprint: version 2025-07 no longer matches the fingerprint these results were published under .*: a version that results cite must not change; publish a new version instead$/,
    );
    // any change to a cited version counts, the current one included (a status change does not: see policy-fingerprint.test.ts)
    const reworded = { ...base, policy: editJson(base.policy, "2026-07.json", (d) => (d.title.en = `${d.title.en}.`)) };
    expect((await problems(reworded)).map((m) => m.split(":")[0]).sort()).toEqual([
      "2026-07.json",
      "2026-08.json",
      "2026-09.json",
      "2026-10.json",
      "2026-Q3.json",
    ]);
  });
});

describe("honours refusals", () => {
  const withHonour = (path: string, edit: (d: Editable) => void) => ({ ...base, honours: editJson(base.honours, path, edit) });
  const person = "2026-10-15-q3-outstanding-zhou-lei.json";

  it("a person without consent", async () => {
    const p = await problems(withHonour(person, (d) => delete d.recipient.consent));
    expect(p).toContain(`${person}: recipient.consent: a person is named only with their consent: add consent: true once they have agreed`);
    expect(await problems(withHonour(person, (d) => (d.recipient.consent = false)))).toContainEqual(
      expect.stringMatching(/recipient\.consent: a person is named only with their consent/),
    );
  });

  it("an award that is not a reward form of the version in force, a vague reason, a future day, a missing translation", async () => {
    const p = await problems(
      withHonour(person, (d) => {
        d.reason = { en: "Great work!", "zh-cn": "干得好" };
      }),
    );
    expect(p).toContainEqual(expect.stringMatching(new RegExp(`^${person}: reason.en: say specifically what was done`)));
    expect(p).toContainEqual(expect.stringMatching(new RegExp(`^${person}: reason.zh-cn: say specifically what was done`)));
    expect(await problems(withHonour(person, (d) => (d.title = { en: "Outstanding" })))).toContainEqual(
      expect.stringMatching(new RegExp(`^${person}: title.zh-cn: `)),
    );
    const q = await problems(withHonour(person, (d) => (d.award = "gift-card")));
    expect(q).toContainEqual(
      expect.stringMatching(new RegExp(`^${person}: award: "gift-card" is not a reward form of version 2026-07, in force on 2026-10-15`)),
    );
    const r = await problems(withHonour(person, (d) => (d.date = "2026-12-01")));
    expect(r).toContain(`${person}: date: 2026-12-01 does not match the day in the file name (2026-10-15)`);
    expect(r).toContain(`${person}: date: 2026-12-01 is in the future (today is 2026-11-30): publish a recognition once it is given`);
  });

  it("a team needs no consent", async () => {
    expect(await problems(withHonour("2026-10-15-q3-team-online-chat.json", (d) => expect(d.recipient.consent).toBeUndefined()))).toEqual(
      [],
    );
  });
});

describe("forums and policy references", () => {
  const past = "2026-09-17-survey-results-and-bonus-timing.md";
  const upcoming = "2026-12-10-annual-review-preparation.md";
  const withForum = (path: string, edit: (t: string) => string) => ({ ...base, forums: editText(base.forums, path, edit) });

  it("an unknown survey or policy version, a decision naming a missing action, an action due before the forum", async () => {
    const p = await problems(
      withForum(past, (t) =>
        t
          .replace("surveys: [reward-survey-2026-h1]", "surveys: [reward-survey-2025]")
          .replace("policy: [2026-07]", "policy: [2027-01]")
          .replace("actions: [tier-examples]", "actions: [tier-sheets]")
          .replace("due: 2026-10-31", "due: 2026-09-01"),
      ),
    );
    expect(p).toContainEqual(expect.stringMatching(new RegExp(`^${past}: concerns.surveys\\[0\\]: no survey "reward-survey-2025"`)));
    expect(p).toContain(`${past}: concerns.policy[0]: no published policy version "2027-01"`);
    expect(p).toContain(`${past}: decisions[1].actions[0]: no action "tier-sheets" in this forum`);
    expect(p).toContain(`${past}: actions[1].due: 2026-09-01 is before the forum (2026-09-17)`);
  });

  it("minutes in one language only, and a done action that says nothing of its outcome", async () => {
    const p = await problems(
      withForum(past, (t) =>
        t.slice(0, t.indexOf("<!-- zh-cn -->")).replace(/ {4}outcome:\n {6}en: Examples[^\n]*\n {6}zh-cn: [^\n]*\n/, ""),
      ),
    );
    expect(p).toContain(`${past}: minutes: no minutes in zh-cn (add a <!-- zh-cn --> section)`);
    expect(p).toContain(`${past}: actions[1].outcome: say what came of a done action`);
  });

  it("minutes or decisions for a forum not yet held", async () => {
    const p = await problems(withForum(upcoming, (t) => `${t}\n<!-- en -->\nWe met.\n`));
    expect(p).toContain(
      `${upcoming}: (file): the forum is on 2026-12-10, not yet held: minutes, findings, decisions and actions come after it`,
    );
  });

  it("front matter that is not valid, and a file name without a day", async () => {
    const p = await problems(withForum(upcoming, (t) => t.replace("timeZone: Asia/Shanghai", "timeZone: Mars/Olympus")));
    expect(p).toContain(`${upcoming}: timeZone: an IANA time zone such as Asia/Shanghai`);
    const q = await problems({ ...base, forums: [...base.forums, { path: "annual-review.md", text: "---\n---\n" }] });
    expect(q).toContain("annual-review.md: (file): name the file <yyyy-mm-dd>-<slug>.md, after the day of the forum");
  });

  it("a policy version prompted by a forum or survey that does not exist, or by a forum held after it took effect", async () => {
    const input = {
      ...base,
      policy: editJson(base.policy, "2026-07.json", (d) => {
        d.promptedBy.push({ kind: "forum", id: "2026-06-12-nothing", change: { en: "x", "zh-cn": "x" } });
        d.promptedBy.push({ kind: "survey", id: "pulse-2025-01", change: { en: "x", "zh-cn": "x" } });
        d.promptedBy.push({ kind: "idea", id: "idea-7", change: { en: "x", "zh-cn": "x" } });
        d.promptedBy.push({ kind: "forum", id: "2026-09-17-survey-results-and-bonus-timing", change: { en: "x", "zh-cn": "x" } });
      }),
    };
    const p = await problems(input);
    expect(p).toContain('2026-07.json: promptedBy[3].id: no forum "2026-06-12-nothing" in src/content/forums');
    expect(p).toContain('2026-07.json: promptedBy[4].id: no survey "pulse-2025-01"');
    expect(p).toContain('2026-07.json: promptedBy[5].id: "idea-7" is not an idea id (a UUID)');
    expect(p).toContain(
      '2026-07.json: promptedBy[6].id: forum "2026-09-17-survey-results-and-bonus-timing" took place after the version took effect (2026-07-01)',
    );
  });
});
