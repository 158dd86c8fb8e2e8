// A cycle's results published from the console, through the git host's
// stand-in, on the real local D1. The console scores the KPI export in HR's
// browser (src/lib/results/draft.ts, run here on the fixture export exactly
// as the console runs it) and sends only the file it makes; the server checks
// that file with the build's schema, k rules and rules against the policy
// (the same function the console runs as HR types), refuses anything per
// person or about a small group, and refuses a republished cycle that breaks
// the small-change rule. A saved draft is edited with PATCH under the same
// checks. Four eyes as for every publication.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { policyFingerprint } from "#lib/policy/fingerprint.ts";
import { ZPolicyVersion } from "#lib/policy/schema.ts";
import { isRefused, scoreExport } from "#lib/results/draft.ts";
import { parseResultsSet } from "#lib/results/parse.ts";
import { api } from "./helpers.ts";

const ANA = { Authorization: "Bearer test-hr-token-ana-0123456789abcdef-0123" };
const LI = { Authorization: "Bearer test-hr-token-li-0123456789abcdef-01234" };
const TOKEN = { Authorization: `token ${env.PUBLISH_TOKEN}` };
const CSV = Object.values(import.meta.glob("../fixtures/kpis/2025-H2.csv", { query: "?raw", import: "default", eager: true }))[0] as string;
const FILE = "src/content/results/2025-H2.json";
/** Planted in the fixture: one supervisor's id and one of their exact values. */
const PLANTED = ["SUP-ZEBRA-7731", "88.417"];

async function jsonAt(path: string): Promise<Record<string, unknown> | null> {
  const res = await fetch(`${env.PUBLISH_API_URL}/repos/candor/candor/contents/${path}?ref=main`, { headers: TOKEN });
  if (res.status === 404) return null;
  const data = (await res.json()) as { content: string };
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(data.content), (c) => c.charCodeAt(0))));
}

async function versions() {
  const ids = ["2025-07", "2026-01", "2026-07"];
  return Promise.all(ids.map(async (id) => ZPolicyVersion.parse(await jsonAt(`src/content/policy/${id}.json`))));
}

/** The file the console makes from the export, with HR's texts. */
async function consoleFile() {
  const all = await versions();
  const scored = scoreExport("2025-H2", CSV, { versions: all, k: 5, today: "2026-11-30", published: null });
  if (isRefused(scored)) throw new Error(scored.details.map((d) => d.message).join("\n"));
  return {
    all,
    body: {
      cycle: "2025-H2",
      published: "2026-11-30",
      policy: { version: scored.version.version, fingerprint: await policyFingerprint(scored.version) },
      ...scored.aggregates,
      spend: 120000,
      promotions: null,
      training: { courses: 4, hours: 52, people: 18 },
      activities: [{ date: "2025-11-14", name: { en: "Coaching day", "zh-cn": "辅导日" } }],
      commentary: { en: "The second half of 2025, scored under the first policy.", "zh-cn": "2025 年下半年，按第一版政策评分。" },
    } as Record<string, unknown>,
  };
}

const create = (body: unknown, headers = ANA, cycle = "2025-H2") =>
  api("/api/admin/drafts", { method: "POST", headers, json: { results: cycle, body } });

describe("a cycle's results", () => {
  it("are drafted from the aggregates only, approved by a second HR person, and committed as the build reads them", async () => {
    const { all, body } = await consoleFile();
    expect(body.headcount).toBe(31);
    const created = await create(body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = created.body.draft;
    expect([draft.kind, draft.path, draft.state]).toEqual(["results", FILE, "draft"]);
    // nothing of the export's rows is stored: not the planted id, not the planted value
    const row = await env.DB.prepare("SELECT * FROM content_drafts WHERE id = ?1").bind(draft.id).first();
    for (const planted of PLANTED) expect(JSON.stringify(row)).not.toContain(planted);

    const own = await api(`/api/admin/drafts/${draft.id}/approve`, { method: "POST", headers: ANA, json: { version: draft.version } });
    expect([own.status, own.body.error.code]).toEqual([403, "four_eyes"]);
    const approved = await api(`/api/admin/drafts/${draft.id}/approve`, { method: "POST", headers: LI, json: { version: draft.version } });
    expect([approved.status, approved.body.draft.approver]).toEqual([200, "li@candor.test"]);
    const published = await api(`/api/admin/drafts/${draft.id}/publish`, {
      method: "POST",
      headers: ANA,
      json: { version: approved.body.draft.version },
    });
    expect([published.status, published.body.draft?.state], JSON.stringify(published.body)).toEqual([200, "building"]);

    const committed = (await jsonAt(FILE))!;
    expect(committed).toEqual(body);
    // the next build's own check of the folder passes on it
    const fingerprints = new Map(await Promise.all(all.map(async (v) => [v.version, await policyFingerprint(v)] as const)));
    const [cycle] = parseResultsSet([{ path: "2025-H2.json", text: JSON.stringify(committed) }], {
      policies: all,
      fingerprints,
      k: 5,
      today: "2026-11-30",
    });
    expect(cycle!.headcount).toBe(31);

    // published again: a change of 1…k−1 supervisors is refused (the small-change rule), one of k is not
    const { scoreBands: _bands, ...figures } = body;
    // (the one more supervisor in a tier too: the tier counts add up to the headcount, as the policy's check wants)
    const tiers = figures.tiers as Record<string, number | null>;
    const [tier] = Object.entries(tiers).find(([, n]) => n !== null && n >= 5)!;
    const oneMore = { ...figures, headcount: 32, tiers: { ...tiers, [tier]: tiers[tier]! + 1 } };
    const small = await create(oneMore);
    expect([small.status, small.body.error.code]).toEqual([422, "small_change"]);
    expect(small.body.error.message).toMatch(/2025-H2 is already published\. The small-change rule/);
    expect(small.body.error.fields.body).toMatch(/headcount: 31 → 32/);
    expect((await create(body)).status).toBe(201);
  });

  it("are refused with anything per person, any group under k, a period not over, or another cycle's file", async () => {
    const { body } = await consoleFile();
    const refused = async (b: unknown, cycle = "2025-H2") => {
      const res = await create(b, ANA, cycle);
      expect([res.status, res.body.error?.code], JSON.stringify(res.body)).toEqual([422, "invalid_draft"]);
      return res.body.error.fields as Record<string, string>;
    };
    // a field the schema does not have: rows, or per-supervisor scores
    expect((await refused({ ...body, rows: [{ supervisor: PLANTED[0], csat: 88.417 }] })).rows).toBe("not a field of this file");
    expect((await refused({ ...body, scores: { [PLANTED[0]!]: 71.2 } })).scores).toBe("not a field of this file");
    // small groups: a tier, the promotions, the score bands
    const tiers = { ...(body.tiers as Record<string, number>), excellent: 3, below: 14 };
    expect((await refused({ ...body, tiers }))["tiers.excellent"]).toMatch(/3 is a group of fewer than 5: write null/);
    expect((await refused({ ...body, promotions: 2 })).promotions).toMatch(/2 is a group of fewer than 5/);
    const bands = [
      { from: 0, to: 50, count: 2 },
      { from: 50, to: 100, count: 29 },
    ];
    expect((await refused({ ...body, scoreBands: bands }))["scoreBands[0].count"]).toMatch(/2 is fewer than 5/);
    expect((await refused({ ...body, headcount: 4 })).headcount).toMatch(/fewer than 5/);
    // the period not over on the server's day (2026-11-30)
    expect((await refused({ ...body, cycle: "2026-11", published: "2026-11-30" }, "2026-11")).cycle).toMatch(/runs until 2026-11-30/);
    // another cycle's content under this cycle's file
    expect((await refused(body, "2025-Q4")).cycle).toMatch(/this draft is the results of 2025-Q4/);
    // and the database refuses a results draft outside src/content/results/<cycle>.json
    await expect(
      env.DB.prepare(
        `INSERT INTO content_drafts (id, kind, path, body, author, created_at, updated_at)
         VALUES ('00000000000000aa', 'results', 'src/content/results/S-4100.json', '{}', 'ana@candor.test', 'x', 'x')`,
      ).run(),
    ).rejects.toThrow(/CHECK constraint failed/);
  });

  it("are refused on the rules against the policy the console checks (criteria, ranges, tiers, version, fingerprint)", async () => {
    const { all, body } = await consoleFile();
    const fields = async (b: unknown) => {
      const res = await create(b);
      expect([res.status, res.body.error?.code], JSON.stringify(res.body)).toEqual([422, "invalid_draft"]);
      return res.body.error.fields as Record<string, string>;
    };
    const kpis = body.kpis as Record<string, number>;
    const [first] = Object.keys(kpis);
    const wrongKpis = await fields({ ...body, kpis: { ...kpis, [first!]: 1_000_000, invented: 1 } });
    expect(wrongKpis[`kpis.${first}`]).toMatch(/is outside the range .* that version 2025-07 gives/);
    expect(wrongKpis["kpis.invented"]).toMatch(/"invented" is not a criterion of version 2025-07/);
    const tiers = body.tiers as Record<string, number | null>;
    const [top] = Object.keys(tiers);
    expect((await fields({ ...body, tiers: { ...tiers, [top!]: (tiers[top!] ?? 0) + 5 } })).tiers).toMatch(/add up to/);
    const changed = await fields({ ...body, policy: { version: "2025-07", fingerprint: "0".repeat(64) } });
    expect(changed["policy.fingerprint"]).toMatch(/no longer matches the fingerprint/);
    const later = all.find((v) => v.version === "2026-07")!;
    const notInForce = await fields({ ...body, policy: { version: "2026-07", fingerprint: await policyFingerprint(later) } });
    expect(notInForce["policy.version"]).toMatch(/version 2026-07 was not in force for 2025-H2/);
    expect((await fields({ ...body, spend: undefined, kpis: { ...kpis, [first!]: undefined } })).kpis).toMatch(/no value for/);
  });

  it("are edited as saved drafts with PATCH, under the same checks", async () => {
    const { body } = await consoleFile();
    const created = await create(body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const d = created.body.draft;
    const patch = (b: unknown, version: number) =>
      api(`/api/admin/drafts/${d.id}`, { method: "PATCH", headers: ANA, json: { version, body: b } });
    const kpis = body.kpis as Record<string, number>;
    const [first] = Object.keys(kpis);
    const bad = await patch({ ...body, kpis: { ...kpis, [first!]: 1_000_000 } }, d.version);
    expect([bad.status, bad.body.error?.code]).toEqual([422, "invalid_draft"]);
    expect(bad.body.error.fields[`kpis.${first}`]).toMatch(/is outside the range/);
    const commentary = { en: "Scored under the first policy; coaching days added.", "zh-cn": "按第一版政策评分；增加了辅导日。" };
    const good = await patch({ ...body, commentary }, d.version);
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect([good.body.draft.body.commentary, good.body.draft.version]).toEqual([commentary, d.version + 1]);
    // the version HR opened is stale now: 409, as for every draft
    expect((await patch(body, d.version)).status).toBe(409);
  });
});
