// HR publishes through the git host: a draft of next month's pulse, approved
// by a second HR person, committed through the stand-in of GitHub's API (the
// production Octokit path); a file that moved meanwhile sends the draft back
// (409), and a refused token is the deployment's error (502), not HR's.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { publishDraft } from "#server/publishing/drafts.ts";
import { HttpError } from "#server/http.ts";
import { api, routeNow } from "./helpers.ts";
import november from "../../src/content/surveys/pulse-2026-11.json" with { type: "json" };
import firstPolicy from "../../src/content/policy/2025-07.json" with { type: "json" };
import teamHonour from "../../src/content/honours/2025-12-19-year-end-team-escalations.json" with { type: "json" };

const ANA = { Authorization: "Bearer test-hr-token-ana-0123456789abcdef-0123" };
const LI = { Authorization: "Bearer test-hr-token-li-0123456789abcdef-01234" };
const STANDIN = env.PUBLISH_API_URL;
const TOKEN = { Authorization: `token ${env.PUBLISH_TOKEN}` };

async function fileAt(path: string): Promise<{ sha: string; json: Record<string, unknown> } | null> {
  const res = await fetch(`${STANDIN}/repos/candor/candor/contents/${path}?ref=main`, { headers: TOKEN });
  if (res.status === 404) return null;
  const data = (await res.json()) as { sha: string; content: string };
  return { sha: data.sha, json: JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(data.content), (c) => c.charCodeAt(0)))) };
}

async function approvedDraft(from: string) {
  const created = await api("/api/admin/drafts", { method: "POST", headers: ANA, json: { from } });
  expect(created.status).toBe(201);
  const approved = await api(`/api/admin/drafts/${created.body.draft.id}/approve`, {
    method: "POST",
    headers: LI,
    json: { version: created.body.draft.version },
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return approved.body.draft;
}

describe("publishing a survey's next run", () => {
  it("drafts December's pulse from November's, refuses the author's own approval, and commits it once a second HR person approved", async () => {
    const created = await api("/api/admin/drafts", { method: "POST", headers: ANA, json: { from: "pulse-2026-11" } });
    expect(created.status).toBe(201);
    const draft = created.body.draft;
    expect([draft.state, draft.path, draft.author, draft.body.opens, draft.body.closes]).toEqual([
      "draft",
      "src/content/surveys/pulse-2026-12.json",
      "ana@candor.test",
      "2026-12-20",
      "2027-01-04",
    ]);

    const own = await api(`/api/admin/drafts/${draft.id}/approve`, { method: "POST", headers: ANA, json: { version: draft.version } });
    expect([own.status, own.body.error.code]).toEqual([403, "four_eyes"]);
    const early = await api(`/api/admin/drafts/${draft.id}/publish`, { method: "POST", headers: ANA, json: { version: draft.version } });
    expect([early.status, early.body.error.code]).toEqual([409, "not_approved"]);

    const approved = await api(`/api/admin/drafts/${draft.id}/approve`, { method: "POST", headers: LI, json: { version: draft.version } });
    expect([approved.status, approved.body.draft.state, approved.body.draft.approver]).toEqual([200, "approved", "li@candor.test"]);
    const stale = await api(`/api/admin/drafts/${draft.id}/publish`, { method: "POST", headers: ANA, json: { version: draft.version } });
    expect([stale.status, stale.body.error.code]).toEqual([409, "edit_conflict"]);

    expect(await fileAt(draft.path)).toBeNull();
    const published = await api(`/api/admin/drafts/${draft.id}/publish`, {
      method: "POST",
      headers: ANA,
      json: { version: approved.body.draft.version },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.draft.state).toBe("building");
    expect(published.body.draft.commitSha).toMatch(/^[0-9a-f]{40}$/);
    const file = await fileAt(draft.path);
    expect(file?.json).toMatchObject({
      id: "pulse-2026-12",
      opens: "2026-12-20",
      closes: "2027-01-04",
      version: 1,
      segments: ["team", "tenure"],
    });

    const log = await env.DB.prepare("SELECT actor, action FROM audit_log WHERE target_type = 'draft' AND target_id = ?1 ORDER BY seq")
      .bind(draft.id)
      .all<{ actor: string; action: string }>();
    expect(log.results).toEqual([
      { actor: "ana@candor.test", action: "draft.create" },
      { actor: "li@candor.test", action: "draft.approve" },
      { actor: "ana@candor.test", action: "draft.publish" },
    ]);
  });

  it("sends the draft back with 409 when someone else committed the file meanwhile, and publishes over it once approved again", async () => {
    const draft = await approvedDraft("reward-survey-2026-h2");
    expect(draft.path).toBe("src/content/surveys/reward-survey-2027-h1.json");
    // someone else commits the same file first
    const theirs = await fetch(`${STANDIN}/repos/candor/candor/contents/${draft.path}`, {
      method: "PUT",
      headers: TOKEN,
      body: JSON.stringify({ message: "by hand", content: btoa('{"id":"reward-survey-2027-h1"}\n'), branch: "main" }),
    });
    expect(theirs.status).toBe(201);

    const refused = await api(`/api/admin/drafts/${draft.id}/publish`, { method: "POST", headers: ANA, json: { version: draft.version } });
    expect([refused.status, refused.body.error.code]).toEqual([409, "publish_conflict"]);
    expect([refused.body.error.current.state, refused.body.error.current.approver]).toEqual(["draft", null]);
    expect((await fileAt(draft.path))?.json).toEqual({ id: "reward-survey-2027-h1" });

    const again = await api(`/api/admin/drafts/${draft.id}/approve`, {
      method: "POST",
      headers: LI,
      json: { version: refused.body.error.current.version },
    });
    const published = await api(`/api/admin/drafts/${draft.id}/publish`, {
      method: "POST",
      headers: ANA,
      json: { version: again.body.draft.version },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect((await fileAt(draft.path))?.json.opens).toBe("2027-06-07");
  });

  it("answers a refused token with 502 publish_refused and leaves the draft approved", async () => {
    const draft = await approvedDraft("pulse-2026-11");
    const wrong = { ...env, PUBLISH_TOKEN: "a-token-the-host-refuses-0123456789abcdef" };
    const err = await publishDraft(wrong, { actor: "ana@candor.test" }, draft.id, draft.version, routeNow()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect([(err as HttpError).status, (err as HttpError).code]).toEqual([502, "publish_refused"]);
    const after = await api(`/api/admin/drafts/${draft.id}`, { headers: ANA });
    expect([after.body.draft.state, after.body.draft.version]).toEqual(["approved", draft.version]);
  });

  it("edits a draft with the version rule: a stale version is 409, an edit of an approved draft needs approval again, a bad date is 422", async () => {
    const draft = await approvedDraft("pulse-2026-11");
    const stale = await api(`/api/admin/drafts/${draft.id}`, {
      method: "PATCH",
      headers: ANA,
      json: { version: draft.version - 1, opens: "2026-12-21" },
    });
    expect([stale.status, stale.body.error.code, stale.body.error.current.version]).toEqual([409, "edit_conflict", draft.version]);
    const late = await api(`/api/admin/drafts/${draft.id}`, {
      method: "PATCH",
      headers: ANA,
      json: { version: draft.version, opens: "2027-02-01" },
    });
    expect([late.status, late.body.error.code, late.body.error.fields]).toEqual([
      422,
      "invalid_draft",
      { closes: "closes must not be before opens" },
    ]);
    const edited = await api(`/api/admin/drafts/${draft.id}`, {
      method: "PATCH",
      headers: ANA,
      json: { version: draft.version, opens: "2026-12-21", audience: 125 },
    });
    expect(edited.status).toBe(200);
    expect([edited.body.draft.state, edited.body.draft.approver, edited.body.draft.body.opens, edited.body.draft.body.audience]).toEqual([
      "draft",
      null,
      "2026-12-21",
      125,
    ]);
  });

  it("shows a committed draft as live once the running site was built with exactly its file, of any kind, and as building until then", async () => {
    const insert = (id: string, kind: string, path: string, body: unknown, supersedes: string | null = null) =>
      env.DB.prepare(
        `INSERT INTO content_drafts (id, kind, path, body, supersedes, state, author, approver, publisher, commit_sha, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'building', 'ana@candor.test', 'li@candor.test', 'ana@candor.test', ?6, '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')`,
      )
        .bind(id, kind, path, JSON.stringify(body), supersedes, "a".repeat(40))
        .run();
    // the files as the repository holds them (the build recorded their blob ids)
    await insert("00000000000000aa", "survey", "src/content/surveys/pulse-2026-11.json", november);
    await insert("00000000000000ab", "survey", "src/content/surveys/pulse-2026-11.json", { ...november, opens: "2026-11-21" });
    const policy = "src/content/policy/2025-07.json";
    await insert("00000000000000ac", "policy", policy, firstPolicy, "src/content/policy/2025-01.json");
    await insert(
      "00000000000000ad",
      "policy",
      policy,
      { ...firstPolicy, title: { ...firstPolicy.title, en: "Edited since" } },
      "src/content/policy/2025-01.json",
    );
    const honour = "src/content/honours/2025-12-19-year-end-team-escalations.json";
    await insert("00000000000000ae", "honour", honour, teamHonour);
    await insert("00000000000000af", "honour", honour, { ...teamHonour, date: "2025-12-20" });
    const state = async (id: string) => (await api(`/api/admin/drafts/${id}`, { headers: LI })).body.draft.state;
    expect([await state("00000000000000aa"), await state("00000000000000ab")]).toEqual(["live", "building"]);
    expect([await state("00000000000000ac"), await state("00000000000000ad")]).toEqual(["live", "building"]);
    expect([await state("00000000000000ae"), await state("00000000000000af")]).toEqual(["live", "building"]);
  });

  it("refuses a half-configured publishing setup and a reader's approval", async () => {
    const half = { ...env, PUBLISH_TOKEN: "" };
    const draft = await approvedDraft("pulse-2026-11");
    await expect(publishDraft(half, { actor: "ana@candor.test" }, draft.id, draft.version, routeNow())).rejects.toThrow(/half-configured/);
    const created = await api("/api/admin/drafts", { method: "POST", headers: ANA, json: { from: "pulse-2026-11" } });
    const { approveDraft } = await import("#server/publishing/drafts.ts");
    const readers = { ...env, HR_ROLES: "ana@candor.test=draft,li@candor.test=read" };
    const err = await approveDraft(readers, { actor: "li@candor.test" }, created.body.draft.id, 0, routeNow()).catch((e: unknown) => e);
    expect([(err as HttpError).status, (err as HttpError).code]).toEqual([403, "role_refused"]);
  });
});
