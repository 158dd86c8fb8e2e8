// HR publishes a new policy version and an honour through the git host (the
// stand-in of GitHub's API, the production Octokit path). A policy version is
// drafted from the version in force, checked with the build's own schema as
// HR edits it, approved by a second HR person only (in the code and in the
// database), and published as the new current version with the old one
// marked superseded — the folder then passes the build's whole-folder check.
// An honour naming a person cannot be published until HR recorded the
// person's consent, an audited step.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parsePolicySet } from "#lib/policy/parse.ts";
import { api, storedDraft } from "./helpers.ts";

const ANA = { Authorization: "Bearer test-hr-token-ana-0123456789abcdef-0123" };
const LI = { Authorization: "Bearer test-hr-token-li-0123456789abcdef-01234" };
const STANDIN = env.PUBLISH_API_URL;
const TOKEN = { Authorization: `token ${env.PUBLISH_TOKEN}` };

async function textAt(path: string): Promise<string | null> {
  const res = await fetch(`${STANDIN}/repos/candor/candor/contents/${path}?ref=main`, { headers: TOKEN });
  if (res.status === 404) return null;
  const data = (await res.json()) as { content: string };
  return new TextDecoder().decode(Uint8Array.from(atob(data.content), (c) => c.charCodeAt(0)));
}
const base64 = (text: string) => btoa(Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join(""));
const jsonAt = async (path: string) => {
  const text = await textAt(path);
  return text === null ? null : JSON.parse(text);
};

async function auditOf(id: string) {
  const { results } = await env.DB.prepare(
    "SELECT actor, action, detail FROM audit_log WHERE target_type = 'draft' AND target_id = ?1 ORDER BY seq",
  )
    .bind(id)
    .all<{ actor: string; action: string; detail: string }>();
  return results.map((r) => ({ actor: r.actor, action: r.action, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

const patch = (id: string, version: number, body: unknown, headers = ANA) =>
  api(`/api/admin/drafts/${id}`, { method: "PATCH", headers, json: { version, body } });

describe("a new policy version", () => {
  it("is drafted from the version in force, checked as the build checks it, approved by a second HR person only, and published as current", async () => {
    const created = await api("/api/admin/drafts", { method: "POST", headers: ANA, json: { policy: "2026-07" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = created.body.draft;
    expect([draft.kind, draft.path, draft.supersedes, draft.body.version, draft.body.effective, draft.body.status]).toEqual([
      "policy",
      "src/content/policy/2027-01.json",
      "src/content/policy/2026-07.json",
      "2027-01",
      "2027-01-01",
      "current",
    ]);
    const inForce = (await jsonAt("src/content/policy/2026-07.json"))!;
    expect(draft.body.criteria).toEqual(inForce.criteria);
    expect(draft.body.tiers).toEqual(inForce.tiers);

    // the build's checks, field by field
    const body = structuredClone(draft.body);
    body.criteria[0].weight += 5;
    const weights = await patch(draft.id, draft.version, body);
    expect([weights.status, weights.body.error.code]).toEqual([422, "invalid_draft"]);
    expect(weights.body.error.fields.criteria).toMatch(/weights must add up to 100%, but they add up to 105%/);
    const tiers = structuredClone(draft.body);
    tiers.tiers[1].rule.minScore = tiers.tiers[0].rule.minScore + 1;
    expect((await patch(draft.id, draft.version, tiers)).body.error.fields["tiers.1.rule.minScore"]).toMatch(/tiers are listed best first/);
    const untranslated = structuredClone(draft.body);
    untranslated.title["zh-cn"] = " ";
    expect((await patch(draft.id, draft.version, untranslated)).body.error.fields["title.zh-cn"]).toBe("the zh-cn text is empty");
    const older = { ...structuredClone(draft.body), version: "2026-07", effective: "2026-07-01" };
    expect((await patch(draft.id, draft.version, older)).body.error.fields.version).toMatch(/newer than the version in force \(2026-07\)/);

    // the rest of the version: its cycles, channels and what prompted it, refused as the build refuses them, the draft as it was
    const before = await storedDraft(draft.id);
    const cycles = structuredClone(draft.body);
    cycles.cycles[0].rewards.push("gift-card");
    cycles.cycles[1].id = cycles.cycles[0].id;
    const badCycles = await patch(draft.id, draft.version, cycles);
    expect([badCycles.status, badCycles.body.error.code]).toEqual([422, "invalid_draft"]);
    expect(badCycles.body.error.fields[`cycles.0.rewards.${cycles.cycles[0].rewards.length - 1}`]).toMatch(
      /unknown reward form "gift-card"/,
    );
    expect(badCycles.body.error.fields["cycles.1.id"]).toMatch(new RegExp(`duplicate id "${cycles.cycles[0].id}" in cycles`));
    const channel = structuredClone(draft.body);
    channel.channels[0].href = "https://example.com/surveys";
    const badChannel = await patch(draft.id, draft.version, channel);
    expect([badChannel.status, Object.keys(badChannel.body.error.fields)]).toEqual([422, ["channels.0.href"]]);
    expect(badChannel.body.error.fields["channels.0.href"]).toBe("a path inside the portal, like /surveys");
    const prompted = structuredClone(draft.body);
    prompted.promptedBy = [
      { kind: "forum", id: "2026-06-12-no-such-forum", change: { en: "A change.", "zh-cn": "一项变化。" } },
      { kind: "survey", id: "pulse-1999-01", change: { en: "A change.", "zh-cn": "一项变化。" } },
    ];
    const badPrompt = await patch(draft.id, draft.version, prompted);
    expect([badPrompt.status, badPrompt.body.error.fields]).toEqual([
      422,
      { "promptedBy.0.id": 'no forum "2026-06-12-no-such-forum" in src/content/forums', "promptedBy.1.id": 'no survey "pulse-1999-01"' },
    ]);
    expect(await storedDraft(draft.id)).toEqual(before);

    // a valid edit: satisfaction weighs more, resolution less
    body.criteria[1].weight -= 5;
    body.title = { en: "Reward policy for customer-service supervisors, January 2027", "zh-cn": "客服服务主管奖励政策（2027 年 1 月版）" };
    // prompted by a forum the site has, held before the version takes effect
    body.promptedBy = [
      {
        kind: "forum",
        id: "2026-09-17-survey-results-and-bonus-timing",
        change: { en: "Bonuses are paid sooner.", "zh-cn": "奖金发放提前。" },
      },
    ];
    const edited = await patch(draft.id, draft.version, body);
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);

    // four eyes: the author is refused by the code, and by the database if the code were bypassed
    const own = await api(`/api/admin/drafts/${draft.id}/approve`, {
      method: "POST",
      headers: ANA,
      json: { version: edited.body.draft.version },
    });
    expect([own.status, own.body.error.code]).toEqual([403, "four_eyes"]);
    await expect(
      env.DB.prepare("UPDATE content_drafts SET state = 'approved', approver = author WHERE id = ?1").bind(draft.id).run(),
    ).rejects.toThrow(/CHECK constraint failed/);
    const approved = await api(`/api/admin/drafts/${draft.id}/approve`, {
      method: "POST",
      headers: LI,
      json: { version: edited.body.draft.version },
    });
    expect([approved.status, approved.body.draft.approver]).toEqual([200, "li@candor.test"]);

    // the version in force as its author wrote it, with a weight written 25.0: marking it superseded changes its status line only
    const byHand = (await textAt("src/content/policy/2026-07.json"))!.replace('"weight": 25,', '"weight": 25.0,');
    expect(byHand).toContain('"weight": 25.0,');
    const { sha } = (await (
      await fetch(`${STANDIN}/repos/candor/candor/contents/src/content/policy/2026-07.json`, { headers: TOKEN })
    ).json()) as {
      sha: string;
    };
    const written = await fetch(`${STANDIN}/repos/candor/candor/contents/src/content/policy/2026-07.json`, {
      method: "PUT",
      headers: TOKEN,
      body: JSON.stringify({ message: "by hand", content: base64(byHand), sha, branch: "main" }),
    });
    expect(written.status).toBe(200);

    const published = await api(`/api/admin/drafts/${draft.id}/publish`, {
      method: "POST",
      headers: ANA,
      json: { version: approved.body.draft.version },
    });
    expect([published.status, published.body.draft.state], JSON.stringify(published.body)).toEqual([200, "building"]);
    expect(await jsonAt("src/content/policy/2027-01.json")).toEqual(body);
    expect(await jsonAt("src/content/policy/2026-07.json")).toEqual({ ...inForce, status: "superseded" });
    expect(await textAt("src/content/policy/2026-07.json")).toBe(byHand.replace('"status": "current",', '"status": "superseded",'));

    // the folder as committed passes the build's whole-folder check, with the new version in force
    const names = ["2025-07.json", "2026-01.json", "2026-07.json", "2026-07.en.md", "2026-07.zh-cn.md", "2027-01.json"];
    const files = await Promise.all(names.map(async (path) => ({ path, text: (await textAt(`src/content/policy/${path}`))! })));
    const set = parsePolicySet(files);
    expect(set.versions.filter((v) => v.status === "current").map((v) => v.version)).toEqual(["2027-01"]);

    expect((await auditOf(draft.id)).map(({ actor, action }) => [actor, action])).toEqual([
      ["ana@candor.test", "draft.create"],
      ["ana@candor.test", "draft.update"],
      ["li@candor.test", "draft.approve"],
      ["ana@candor.test", "draft.publish"],
    ]);
    expect((await auditOf(draft.id)).at(-1)!.detail).toMatchObject({
      path: "src/content/policy/2027-01.json",
      author: "ana@candor.test",
      approver: "li@candor.test",
      supersedes: "src/content/policy/2026-07.json",
      superseded: true,
    });

    // 2026-07 is no longer in force: a draft from it is refused
    const stale = await api("/api/admin/drafts", { method: "POST", headers: LI, json: { policy: "2026-07" } });
    expect([stale.status, stale.body.error.code]).toEqual([409, "not_in_force"]);
  });

  it("says so when the new version is committed but the old one could not be marked superseded (502 publish_incomplete), and audits it", async () => {
    const created = await api("/api/admin/drafts", { method: "POST", headers: LI, json: { policy: "2027-01" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = created.body.draft;
    const approved = await api(`/api/admin/drafts/${draft.id}/approve`, { method: "POST", headers: ANA, json: { version: draft.version } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const before = await jsonAt(draft.supersedes);
    expect(before.status).toBe("current");

    // the git host fails the second commit only
    const fault = await fetch(`${STANDIN}/_standin/faults`, {
      method: "POST",
      headers: { ...TOKEN, "Content-Type": "application/json" },
      body: JSON.stringify({ method: "PUT", path: draft.supersedes, status: 503 }),
    });
    expect(fault.status).toBe(201);
    const published = await api(`/api/admin/drafts/${draft.id}/publish`, {
      method: "POST",
      headers: LI,
      json: { version: approved.body.draft.version },
    });
    expect([published.status, published.body.error.code]).toEqual([502, "publish_incomplete"]);
    expect(published.body.error.message).toContain(draft.path);
    expect(published.body.error.message).toContain(draft.supersedes);

    // the new version is in the repository; the old one is unchanged; the draft is recorded as published
    expect(await jsonAt(draft.path)).toEqual(draft.body);
    expect(await jsonAt(draft.supersedes)).toEqual(before);
    const stored = await api(`/api/admin/drafts/${draft.id}`, { headers: ANA });
    expect(stored.body.draft.state).toBe("building");
    expect((await auditOf(draft.id)).at(-1)).toMatchObject({
      actor: "li@candor.test",
      action: "draft.publish",
      detail: { path: draft.path, supersedes: draft.supersedes, superseded: false },
    });
  });
});

const HONOUR = {
  date: "2026-11-30",
  cycle: "2026-11",
  award: "honour-certificate",
  title: { en: "Timely recognition, November 2026", "zh-cn": "2026年11月及时表彰" },
  recipient: { kind: "person", name: { en: "Guo Ying", "zh-cn": "郭颖" } },
  reason: {
    en: "Rebuilt the callback queue during the billing outage so that no customer waited more than a day for an answer.",
    "zh-cn": "计费系统故障期间重建回访队列，使每位客户在一天内得到答复。",
  },
};

describe("an honour", () => {
  it("naming a person cannot be published until HR recorded their consent, an audited step", async () => {
    const created = await api("/api/admin/drafts", { method: "POST", headers: ANA, json: { honour: "timely-guo-ying", body: HONOUR } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = created.body.draft;
    expect([draft.kind, draft.path, draft.consent]).toEqual(["honour", "src/content/honours/2026-11-30-timely-guo-ying.json", null]);
    const approved = await api(`/api/admin/drafts/${draft.id}/approve`, { method: "POST", headers: LI, json: { version: draft.version } });
    expect(approved.status).toBe(200);

    const refused = await api(`/api/admin/drafts/${draft.id}/publish`, {
      method: "POST",
      headers: ANA,
      json: { version: approved.body.draft.version },
    });
    expect([refused.status, refused.body.error.code]).toEqual([409, "consent_missing"]);
    expect(await textAt(draft.path)).toBeNull();
    // nor can the row reach the repository's states without it, whatever the code does
    await expect(
      env.DB.prepare("UPDATE content_drafts SET state = 'building', commit_sha = ?2 WHERE id = ?1").bind(draft.id, "b".repeat(40)).run(),
    ).rejects.toThrow(/CHECK constraint failed/);

    const consented = await api(`/api/admin/drafts/${draft.id}/consent`, {
      method: "POST",
      headers: ANA,
      json: { version: approved.body.draft.version },
    });
    expect([consented.status, consented.body.draft.state, consented.body.draft.consent]).toEqual([
      200,
      "approved",
      { by: "ana@candor.test", day: env.CANDOR_TODAY },
    ]);
    const published = await api(`/api/admin/drafts/${draft.id}/publish`, {
      method: "POST",
      headers: ANA,
      json: { version: consented.body.draft.version },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(await jsonAt(draft.path)).toEqual({ ...HONOUR, recipient: { kind: "person", name: HONOUR.recipient.name, consent: true } });
    const log = await auditOf(draft.id);
    expect(log.map(({ actor, action }) => [actor, action])).toEqual([
      ["ana@candor.test", "draft.create"],
      ["li@candor.test", "draft.approve"],
      ["ana@candor.test", "draft.consent"],
      ["ana@candor.test", "draft.publish"],
    ]);
    expect(log.at(-1)!.detail).toMatchObject({ consentBy: "ana@candor.test", consentDay: env.CANDOR_TODAY });
  });

  it("drops a recorded consent when the honour is edited, needs none for a team, and is checked as the build checks it", async () => {
    const created = await api("/api/admin/drafts", {
      method: "POST",
      headers: ANA,
      json: { honour: "timely-guo-ying-second", body: { ...HONOUR, date: "2026-11-29" } },
    });
    const draft = created.body.draft;
    const consented = await api(`/api/admin/drafts/${draft.id}/consent`, { method: "POST", headers: LI, json: { version: draft.version } });
    expect(consented.body.draft.consent.by).toBe("li@candor.test");
    const renamed = {
      ...HONOUR,
      date: "2026-11-29",
      recipient: { kind: "person", name: { en: "Guo Ying (billing)", "zh-cn": "郭颖（计费组）" } },
    };
    const edited = await patch(draft.id, consented.body.draft.version, renamed);
    expect([edited.status, edited.body.draft.consent]).toEqual([200, null]);

    const team = await api("/api/admin/drafts", {
      method: "POST",
      headers: ANA,
      json: {
        honour: "timely-billing-team",
        body: { ...HONOUR, recipient: { kind: "team", name: { en: "Billing team", "zh-cn": "计费服务组" } } },
      },
    });
    const noConsent = await api(`/api/admin/drafts/${team.body.draft.id}/consent`, {
      method: "POST",
      headers: LI,
      json: { version: team.body.draft.version },
    });
    expect([noConsent.status, noConsent.body.error.code]).toEqual([409, "no_consent_needed"]);

    const vague = await api("/api/admin/drafts", {
      method: "POST",
      headers: ANA,
      json: { honour: "vague", body: { ...HONOUR, reason: { en: "Great work.", "zh-cn": "表现很好。" } } },
    });
    expect([vague.status, vague.body.error.code]).toEqual([422, "invalid_draft"]);
    expect(vague.body.error.fields["reason.en"]).toMatch(/say specifically what was done/);
    expect(vague.body.error.fields["reason.zh-cn"]).toMatch(/say specifically what was done/);
  });
});
