// A new survey from a template and a survey draft's questions edited in the
// console: the server refuses an id the repository or another draft has,
// runs the build's own survey check on every edit (refusing with the fields
// to fix and leaving the stored draft as it was), keeps the carried fields,
// and versions the questions: the previous run's version while they are the
// same, one more once they change.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, storedDraft } from "./helpers.ts";

const ANA = { Authorization: "Bearer test-hr-token-ana-0123456789abcdef-0123" };
const LI = { Authorization: "Bearer test-hr-token-li-0123456789abcdef-01234" };
const TITLE = { default: "Canteen survey 2027", "zh-cn": "2027年食堂调查" };

async function fromTemplate(id: string) {
  const res = await api("/api/admin/drafts", { method: "POST", headers: ANA, json: { template: "pulse-2026-11", id, title: TITLE } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.draft;
}

const patch = (id: string, json: unknown, headers = ANA) => api(`/api/admin/drafts/${id}`, { method: "PATCH", headers, json });

describe("a survey from a template", () => {
  it("drafts the new survey with the template's questions, audience, access, k and segments, a new id and title, and dates from today", async () => {
    const draft = await fromTemplate("canteen-2027");
    expect([draft.kind, draft.path, draft.state, draft.author]).toEqual([
      "survey",
      "src/content/surveys/canteen-2027.json",
      "draft",
      "ana@candor.test",
    ]);
    expect(draft.body).toMatchObject({
      id: "canteen-2027",
      version: 1,
      title: TITLE,
      access: "open",

      segments: ["team", "tenure"],
    });
    expect(draft.body.series).toBeUndefined();
    const log = await env.DB.prepare("SELECT action, detail FROM audit_log WHERE target_id = ?1")
      .bind(draft.id)
      .all<{ action: string; detail: string }>();
    expect(log.results.map((r) => [r.action, JSON.parse(r.detail).template])).toEqual([["draft.create", "pulse-2026-11"]]);
  });

  it("refuses an id the repository has, or another draft uses, with the field to fix", async () => {
    const published = await api("/api/admin/drafts", {
      method: "POST",
      headers: ANA,
      json: { template: "pulse-2026-11", id: "pulse-2026-10" },
    });
    expect([published.status, published.body.error.code, Object.keys(published.body.error.fields)]).toEqual([409, "id_taken", ["id"]]);
    await fromTemplate("kitchen-2027");
    const again = await api("/api/admin/drafts", {
      method: "POST",
      headers: LI,
      json: { template: "reward-survey-2026-h2", id: "kitchen-2027" },
    });
    expect([again.status, again.body.error.code, again.body.error.fields.id]).toEqual([409, "id_taken", "another draft uses this id"]);
    const noId = await api("/api/admin/drafts", { method: "POST", headers: ANA, json: { template: "pulse-2026-11" } });
    expect([noId.status, Object.keys(noId.body.error.fields)]).toEqual([422, ["id"]]);
    const unknown = await api("/api/admin/drafts", { method: "POST", headers: ANA, json: { template: "no-such-survey", id: "x-2027" } });
    expect(unknown.status).toBe(404);
    const unsafe = await api("/api/admin/drafts", {
      method: "POST",
      headers: ANA,
      json: { template: "pulse-2026-11", id: "y-2027", title: { default: "a \u202Eb", "zh-cn": "调查" } },
    });
    expect([unsafe.status, Object.keys(unsafe.body.error.fields)]).toEqual([422, ["title.default"]]);
  });
});

describe("editing a survey draft's questions", () => {
  it("refuses a question the build would refuse, with its field, and leaves the stored draft as it was", async () => {
    const draft = await fromTemplate("lockers-2027");
    const before = await storedDraft(draft.id);
    const body = structuredClone(draft.body);
    body.definition.pages[0].elements[0].type = "file";
    const bad = await patch(draft.id, { version: draft.version, body });
    expect([bad.status, bad.body.error.code, Object.keys(bad.body.error.fields)]).toEqual([
      422,
      "invalid_draft",
      ["definition.satisfaction"],
    ]);
    const body2 = structuredClone(draft.body);
    delete body2.definition.pages[0].elements[1].title["zh-cn"];
    const noZh = await patch(draft.id, { version: draft.version, body: body2 });
    expect([noZh.status, noZh.body.error.fields]).toEqual([
      422,
      { "definition.workload": 'question "workload": its title in zh-cn is empty' },
    ]);
    const body3 = structuredClone(draft.body);
    body3.definition.pages[0].elements = body3.definition.pages[0].elements.filter((e: { name: string }) => e.name !== "team");
    const segment = await patch(draft.id, { version: draft.version, body: body3 });
    expect([segment.status, Object.keys(segment.body.error.fields)]).toEqual([422, ["segments"]]);
    const carried = await patch(draft.id, { version: draft.version, body: { ...draft.body, minGroupSize: 5, access: "invitation" } });
    expect([carried.status, Object.keys(carried.body.error.fields).sort()]).toEqual([422, ["access", "minGroupSize"]]);
    expect(await storedDraft(draft.id)).toEqual(before);
  });

  it("stores an edited question; a series' run keeps the previous run's version until its questions change, then one more", async () => {
    const created = await api("/api/admin/drafts", { method: "POST", headers: ANA, json: { from: "pulse-2026-11" } });
    const draft = created.body.draft;
    expect(draft.body.version).toBe(1);
    const body = structuredClone(draft.body);
    body.definition.pages[0].elements[0].title = {
      default: "How satisfied are you with work this month?",
      "zh-cn": "本月您对工作的满意度如何？",
    };
    body.title = { ...body.title, default: "Monthly pulse, December 2026 (revised)" };
    const edited = await patch(draft.id, { version: draft.version, body: { ...body, version: 7 } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect([edited.body.draft.body.version, edited.body.draft.body.definition.pages[0].elements[0].title.default]).toEqual([
      2,
      "How satisfied are you with work this month?",
    ]);
    // the questions back as November's: November's version again
    const back = await patch(draft.id, { version: edited.body.draft.version, body: { ...draft.body, title: body.title } });
    expect([back.status, back.body.draft.body.version, back.body.draft.body.title.default]).toEqual([
      200,
      1,
      "Monthly pulse, December 2026 (revised)",
    ]);
  });
});
