// The bad-input battery's table of endpoints (test/integration/battery.test.ts):
// one entry per route file under functions/ and per method it exports, each
// with a request the endpoint accepts. The battery derives every bad request
// from that valid one — each field given the wrong type, hostile text, an
// unknown field, a wrong content type, an oversized body, a wrong method, a
// cross-site origin, a doubled slash — so adding an endpoint is one entry
// here (docs/testing.md, "The bad-input battery"). A route file or a method
// without an entry fails the suite.
import { env } from "cloudflare:test";
import { addDays } from "#lib/clock.ts";
import { blindToken } from "#lib/invitation/client.ts";
import { MAX_CODES_PER_REQUEST } from "#lib/surveys/model.ts";
import { findSurvey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { effectiveMinGroupSize } from "#lib/surveys/schema.ts";
import { validateAnswers } from "#lib/surveys/validate.ts";
import { readConfig } from "#server/config.ts";
import { storeResponse } from "#server/db/responses.ts";
import { api, type ApiResult } from "../helpers.ts";

/** A new id for each survey drafted from a template: an id is refused once a draft uses it. */
let templated = 0;

export const ADMIN_HEADERS = { Authorization: "Bearer test-admin-token-0123456789abcdef-0123" };

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One request: a path with real ids, and a JSON body or a query. */
export interface Call {
  path: string;
  body?: Record<string, unknown>;
  query?: Record<string, string>;
}

export interface MethodEntry {
  /** A request the endpoint accepts, built afresh each time (a new submission id, the idea's current version). */
  valid(fx: Fixtures): Call | Promise<Call>;
  /** The status the valid request is answered with. */
  accepts: 200 | 201;
  /** GET: the query is checked strictly (an unknown parameter is 422); otherwise parameters are ignored. */
  strictQuery?: boolean;
  /**
   * Text fields the endpoint accepts but does not keep as sent (a token that
   * is only checked, a code that is only hashed): accepted hostile text in
   * them is not looked for in the database.
   */
  notStored?: string[];
  /** Fields where null means "no answer" (an optional survey question), so null is no wrong type there. */
  nullIsEmpty?: string;
  /** A read HR makes that is itself audited: an accepted GET adds one audit_log row, and changes nothing else. */
  audited?: boolean;
  /**
   * `{}` is a valid body with a meaning of its own (DELETE tokens: every
   * unused code withdrawn, as documented): where the battery sends or
   * generates `{}`, it expects it accepted, writing only the tables the
   * valid request writes; `afterwards` tells the fixtures what it undid.
   */
  emptyObject?: { afterwards(fx: Fixtures): void };
}

export interface RouteEntry {
  /** Under /api/admin: every request carries HR's credentials, and the battery checks 401 without them. */
  admin?: boolean;
  /** An HR endpoint that answers, not refuses, a caller without credentials (GET /api/admin/me: {signedIn: false}). */
  signedOut?: { method: Method; answer: unknown };
  /** The catch-all: every path under it is a JSON 404. */
  catchAll?: boolean;
  /**
   * Not a JSON endpoint, and tested by the suite named here (under test/),
   * which the battery checks exists and requests this path: a page filled in
   * on the server over the built site's HTML (context.next() serves the static
   * page, and this harness has no built site), or a plain form's redirect.
   * Nothing is sent to it here.
   */
  elsewhere?: { test: string; why: string };
  methods: Partial<Record<Method, MethodEntry>>;
}

/** What the valid requests need, made through the API itself before the battery runs. */
export interface Fixtures {
  /** An idea HR has published and answered, with its author's receipt. */
  idea: { id: string; receipt: string };
  /** The idea's current edit version (it changes with every accepted change or answer). */
  version(): Promise<number>;
  /** The idea's current status. */
  status(): Promise<string>;
  /** A fresh client address per request, so per-client limits never answer for the battery. */
  client(): Record<string, string>;
  /** An unused invitation code of the invitation survey, and a freshly blinded token for it (what the form sends). */
  invitation(): Promise<{ code: string; blinded: string }>;
  /** A fresh support token that has given the fixture idea a "me too" (what DELETE takes back). */
  supported(): Promise<string>;
  /** Every unused code was withdrawn (DELETE tokens with `{}`): the next invitation() mints a new batch. */
  codesWithdrawn(): void;
  /**
   * Whether the fixtures wrote to the database since last asked (a new batch
   * of codes, a support to take back): the battery then takes a new dump before it sends, so the
   * fixture's rows are not counted as the request's.
   */
  wroteSinceAsked(): boolean;
  /** A fresh content draft of someone else's (so the battery's HR may approve it), in the state asked for, at version 0. */
  draft(state: "draft" | "approved", kind?: "survey" | "honour"): Promise<string>;
}

const PULSE = "pulse-2026-11";
const CAREER = "supervisor-career-2026";
/** Closed, with published results (the pulse's are shown only after it closes); HR reads its comments and exports it. */
const H1 = "reward-survey-2026-h1";
let submissions = 0;
const submissionId = () => `battery-${crypto.randomUUID().slice(0, 8)}-${(++submissions).toString().padStart(8, "0")}`;
const supportToken = () => `battery-support-token-${(++submissions).toString().padStart(8, "0")}`;

/**
 * Keyed by the route file under functions/ (as Pages routes it). Keep the
 * valid requests plain: the battery varies every field of them.
 */
export const ROUTES: Record<string, RouteEntry> = {
  "api/[[path]].ts": { catchAll: true, methods: {} },
  "api/health.ts": { methods: { GET: { accepts: 200, valid: () => ({ path: "/api/health" }) } } },
  "api/surveys/index.ts": { methods: { GET: { accepts: 200, valid: () => ({ path: "/api/surveys" }) } } },
  "api/surveys/[id]/index.ts": { methods: { GET: { accepts: 200, valid: () => ({ path: `/api/surveys/${PULSE}` }) } } },
  "api/surveys/[id]/stats.ts": { methods: { GET: { accepts: 200, valid: () => ({ path: `/api/surveys/${PULSE}/stats` }) } } },
  "api/surveys/[id]/results.ts": { methods: { GET: { accepts: 200, valid: () => ({ path: `/api/surveys/${H1}/results` }) } } },
  "api/surveys/[id]/responses.ts": {
    methods: {
      POST: {
        accepts: 201,
        nullIsEmpty: "answers.",
        valid: () => ({
          path: `/api/surveys/${PULSE}/responses`,
          body: {
            submissionId: submissionId(),
            answers: { satisfaction: 4, workload: "normal", recognised: true, oneThing: "Shorter queues at lunchtime, please." },
            locale: "en",
          },
        }),
      },
    },
  },
  "api/ideas/index.ts": {
    methods: {
      GET: {
        accepts: 200,
        strictQuery: true,
        valid: () => ({ path: "/api/ideas", query: { status: "received", category: "reward_policy", sort: "recent" } }),
      },
      POST: {
        accepts: 201,
        // checked with Turnstile when it is configured, never stored
        notStored: ["turnstileToken"],
        valid: () => ({
          path: "/api/ideas",
          body: {
            category: "reward_policy",
            title: "Publish the tier thresholds early",
            body: "Publishing the thresholds before each quarter would let supervisors plan their coaching.",
            publishConsent: true,
            locale: "en",
            turnstileToken: "not-checked-here",
            submissionId: crypto.randomUUID(),
          },
        }),
      },
    },
  },
  "api/ideas/[id]/support.ts": {
    methods: {
      POST: {
        accepts: 201,
        notStored: ["token"],
        valid: (fx) => ({ path: `/api/ideas/${fx.idea.id}/support`, body: { token: supportToken() } }),
      },
      // a "me too" taken back, with the token that gave it (given afresh by the fixtures each time)
      DELETE: {
        accepts: 200,
        notStored: ["token"],
        valid: async (fx) => ({ path: `/api/ideas/${fx.idea.id}/support`, body: { token: await fx.supported() } }),
      },
    },
  },
  "api/ideas/track/index.ts": {
    methods: {
      POST: { accepts: 200, notStored: ["receipt"], valid: (fx) => ({ path: "/api/ideas/track", body: { receipt: fx.idea.receipt } }) },
    },
  },
  "api/ideas/track/messages.ts": {
    methods: {
      POST: {
        accepts: 201,
        notStored: ["receipt"],
        valid: (fx) => ({ path: "/api/ideas/track/messages", body: { receipt: fx.idea.receipt, body: "Thank you, that answers it." } }),
      },
    },
  },
  "api/ideas/track/verdict.ts": {
    methods: {
      POST: {
        accepts: 200,
        notStored: ["receipt"],
        valid: (fx) => ({
          path: "/api/ideas/track/verdict",
          body: { receipt: fx.idea.receipt, verdict: "resolved", comment: "Clear answer." },
        }),
      },
    },
  },
  "api/admin/me.ts": {
    admin: true,
    signedOut: { method: "GET", answer: { signedIn: false } },
    methods: { GET: { accepts: 200, valid: () => ({ path: "/api/admin/me" }) } },
  },
  "api/admin/audit.ts": {
    admin: true,
    methods: {
      GET: {
        accepts: 200,
        strictQuery: true,
        valid: () => ({ path: "/api/admin/audit", query: { action: "idea.answer", from: "2026-11-01" } }),
      },
    },
  },
  "api/admin/ideas/index.ts": {
    admin: true,
    methods: {
      GET: {
        accepts: 200,
        strictQuery: true,
        valid: () => ({ path: "/api/admin/ideas", query: { status: "received", category: "reward_policy", q: "thresholds", limit: "20" } }),
      },
    },
  },
  "api/admin/ideas/[id]/index.ts": {
    admin: true,
    methods: { GET: { accepts: 200, valid: (fx) => ({ path: `/api/admin/ideas/${fx.idea.id}` }) } },
  },
  "api/admin/ideas/[id]/status.ts": {
    admin: true,
    methods: {
      POST: {
        accepts: 200,
        // back and forth between two open statuses, so the idea can still be supported
        valid: async (fx) => ({
          path: `/api/admin/ideas/${fx.idea.id}/status`,
          body: {
            version: await fx.version(),
            status: (await fx.status()) === "under_review" ? "planned" : "under_review",
            note: "Looked at.",
          },
        }),
      },
    },
  },
  "api/admin/ideas/[id]/duplicate.ts": {
    admin: true,
    methods: {
      PUT: {
        accepts: 200,
        // linking the fixture would close it: ending a link it does not have is accepted and changes nothing
        valid: async (fx) => ({
          path: `/api/admin/ideas/${fx.idea.id}/duplicate`,
          body: { version: await fx.version(), duplicateOf: null },
        }),
      },
    },
  },
  "api/admin/ideas/[id]/publication.ts": {
    admin: true,
    methods: {
      PUT: {
        accepts: 200,
        valid: async (fx) => ({
          path: `/api/admin/ideas/${fx.idea.id}/publication`,
          body: {
            version: await fx.version(),
            publish: {
              title: "Tier thresholds published in advance",
              body: "Publish each quarter's tier thresholds before it starts.",
              confirm: true,
            },
          },
        }),
      },
    },
  },
  "api/admin/ideas/[id]/reward.ts": {
    admin: true,
    methods: {
      PUT: {
        accepts: 200,
        valid: async (fx) => ({
          path: `/api/admin/ideas/${fx.idea.id}/reward`,
          body: { version: await fx.version(), rewarded: { note: "Innovation award for the quarter." } },
        }),
      },
    },
  },
  "api/admin/ideas/[id]/messages.ts": {
    admin: true,
    methods: {
      POST: {
        accepts: 201,
        valid: (fx) => ({
          path: `/api/admin/ideas/${fx.idea.id}/messages`,
          body: { visibility: "private", body: "We are looking into it." },
        }),
      },
    },
  },
  "api/admin/drafts/index.ts": {
    admin: true,
    methods: {
      GET: { accepts: 200, valid: () => ({ path: "/api/admin/drafts" }) },
      // a new survey from a template: the richest of the bodies (the next run, { from }, is the integration tests')
      POST: {
        accepts: 201,
        valid: () => ({
          path: "/api/admin/drafts",
          body: { template: PULSE, id: `battery-${++templated}`, title: { default: "Canteen survey", "zh-cn": "食堂调查" } },
        }),
      },
    },
  },
  "api/admin/drafts/[id]/index.ts": {
    admin: true,
    methods: {
      GET: { accepts: 200, valid: async (fx) => ({ path: `/api/admin/drafts/${await fx.draft("draft")}` }) },
      PATCH: {
        accepts: 200,
        valid: async (fx) => ({
          path: `/api/admin/drafts/${await fx.draft("draft")}`,
          body: { version: 0, opens: "2026-11-21", audience: 121 },
        }),
      },
    },
  },
  "api/admin/drafts/[id]/approve.ts": {
    admin: true,
    methods: {
      POST: { accepts: 200, valid: async (fx) => ({ path: `/api/admin/drafts/${await fx.draft("draft")}/approve`, body: { version: 0 } }) },
    },
  },
  "api/admin/drafts/[id]/consent.ts": {
    admin: true,
    methods: {
      POST: {
        accepts: 200,
        valid: async (fx) => ({ path: `/api/admin/drafts/${await fx.draft("draft", "honour")}/consent`, body: { version: 0 } }),
      },
    },
  },
  // each commits a new file to the git host stand-in (test/integration/global-setup.ts)
  "api/admin/drafts/[id]/publish.ts": {
    admin: true,
    methods: {
      POST: {
        accepts: 200,
        valid: async (fx) => ({ path: `/api/admin/drafts/${await fx.draft("approved")}/publish`, body: { version: 0 } }),
      },
    },
  },
  "api/surveys/[id]/redeem.ts": {
    methods: {
      POST: {
        accepts: 200,
        // the code is only hashed; the blinded token is only evaluated
        notStored: ["code", "blinded"],
        valid: async (fx) => ({ path: `/api/surveys/${CAREER}/redeem`, body: await fx.invitation() }),
      },
    },
  },
  "api/admin/surveys/[id]/tokens.ts": {
    admin: true,
    methods: {
      POST: { accepts: 201, valid: () => ({ path: `/api/admin/surveys/${CAREER}/tokens`, body: { count: 2 } }) },
      // one code withdrawn (a lost slip); the code is only hashed. `{}` (or no body) withdraws every code not yet withdrawn.
      DELETE: {
        accepts: 200,
        notStored: ["code"],
        emptyObject: { afterwards: (fx) => fx.codesWithdrawn() },
        valid: async (fx) => ({ path: `/api/admin/surveys/${CAREER}/tokens`, body: { code: (await fx.invitation()).code } }),
      },
    },
  },
  "api/admin/surveys/[id]/tokens/replace.ts": {
    admin: true,
    methods: {
      // a code withdrawn and one minted in its place; the code typed is only hashed
      POST: {
        accepts: 201,
        notStored: ["code"],
        valid: async (fx) => ({ path: `/api/admin/surveys/${CAREER}/tokens/replace`, body: { code: (await fx.invitation()).code } }),
      },
    },
  },
  "api/admin/surveys/index.ts": {
    admin: true,
    methods: { GET: { accepts: 200, strictQuery: true, valid: () => ({ path: "/api/admin/surveys" }) } },
  },
  "api/admin/surveys/[id]/index.ts": {
    admin: true,
    methods: {
      GET: { accepts: 200, strictQuery: true, valid: () => ({ path: `/api/admin/surveys/${CAREER}` }) },
      // the audience raised by one more person each time (it can only be raised)
      PATCH: {
        accepts: 200,
        valid: async () => {
          const now = await api<{ survey: { audience: number } }>(`/api/admin/surveys/${PULSE}`, { headers: ADMIN_HEADERS });
          return {
            path: `/api/admin/surveys/${PULSE}`,
            body: { audience: (now.body as { survey: { audience: number } }).survey.audience + 1 },
          };
        },
      },
    },
  },
  "api/admin/surveys/[id]/results.ts": {
    admin: true,
    methods: { GET: { accepts: 200, strictQuery: true, valid: () => ({ path: `/api/admin/surveys/${H1}/results` }) } },
  },
  "api/admin/surveys/[id]/comments.ts": {
    admin: true,
    methods: { GET: { accepts: 200, strictQuery: true, audited: true, valid: () => ({ path: `/api/admin/surveys/${H1}/comments` }) } },
  },
  "api/admin/surveys/[id]/responses.csv.ts": {
    admin: true,
    methods: {
      GET: {
        accepts: 200,
        strictQuery: true,
        audited: true,
        valid: () => ({ path: `/api/admin/surveys/${H1}/responses.csv`, query: { lang: "zh-cn" } }),
      },
    },
  },
  "api/read-log.ts": {
    methods: { GET: { accepts: 200, strictQuery: true, valid: () => ({ path: "/api/read-log", query: { at: "1" } }) } },
  },
  // the page listing HR's reads; its data is GET /api/read-log above
  "results/access/index.ts": {
    elsewhere: { test: "e2e/survey-tools.test.ts", why: "a page filled in over the built site's HTML, which this harness lacks" },
    methods: { GET: { accepts: 200, valid: () => ({ path: "/results/access/" }) } },
  },
  "zh-cn/results/access/index.ts": {
    elsewhere: { test: "e2e/survey-tools.test.ts", why: "a page filled in over the built site's HTML, which this harness lacks" },
    methods: { GET: { accepts: 200, valid: () => ({ path: "/zh-cn/results/access/" }) } },
  },
  "policy/compare/go.ts": {
    elsewhere: {
      test: "integration/policy-picker.test.ts",
      why: "the policy version picker's plain form: a 303 to a page of the site for any query (hostile ones too), a text 405",
    },
    methods: { GET: { accepts: 200, valid: () => ({ path: "/policy/compare/go" }) } },
  },
};

/** Creates what the valid requests need: an idea published and answered by HR, through the API. */
export async function makeFixtures(client: () => Record<string, string>): Promise<Fixtures> {
  const expectOk = (res: ApiResult, what: string) => {
    if (res.status >= 300) throw new Error(`fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const sent = expectOk(
    await api<{ receipt: string }>("/api/ideas", {
      method: "POST",
      headers: client(),
      json: {
        category: "reward_policy",
        title: "A battery fixture idea",
        body: "An idea the battery tracks, supports, answers and publishes.",
        publishConsent: true,
      },
    }),
    "idea",
  );
  const receipt = (sent.body as { receipt: string }).receipt;
  const tracked = expectOk(await api("/api/ideas/track", { method: "POST", headers: client(), json: { receipt } }), "track");
  const id = (tracked.body as { idea: { id: string } }).idea.id;
  // HR sees an idea from the day after it arrived (docs/hr-console.md): the fixture arrived two days ago
  const received = addDays(env.CANDOR_TODAY, -2);
  await env.DB.batch([
    env.DB.prepare("UPDATE ideas SET received_on = ?2 WHERE id = ?1").bind(id, received),
    env.DB.prepare("UPDATE idea_status_history SET on_day = ?2 WHERE idea_id = ?1").bind(id, received),
  ]);
  const current = async () => {
    const res = expectOk(await api(`/api/admin/ideas/${id}`, { headers: ADMIN_HEADERS }), "idea");
    return (res.body as { idea: { version: number; status: string } }).idea;
  };
  const version = async () => (await current()).version;
  const status = async () => (await current()).status;
  expectOk(
    await api(`/api/admin/ideas/${id}/publication`, {
      method: "PUT",
      headers: ADMIN_HEADERS,
      json: { version: await version(), publish: { title: "A published fixture idea", body: "Published so that it can be supported." } },
    }),
    "publish",
  );
  expectOk(
    await api(`/api/admin/ideas/${id}/messages`, {
      method: "POST",
      headers: ADMIN_HEADERS,
      json: { visibility: "public", body: "Answered." },
    }),
    "answer",
  );
  // HR's comments and exports answer 409 too_few_responses until k people have answered; the closed survey
  // takes no answers through the API, so they are written as the demo seed writes its own (scripts/seed)
  await answerClosedSurvey(H1);
  // The first publication of a scope records the k it was cut with (published_k), once; it happens here so
  // that a valid read the battery sends changes nothing.
  for (const path of ["/api/surveys", "/api/ideas", `/api/surveys/${PULSE}/stats`, `/api/surveys/${H1}/results`])
    expectOk(await api(path, { headers: client() }), `first read of ${path}`);
  for (const what of ["comments", "responses.csv"])
    expectOk(await api(`/api/admin/surveys/${H1}/${what}`, { headers: ADMIN_HEADERS }), `HR's ${what} of ${H1}`);
  // invitation codes minted a batch at a time (up front, then when used up or withdrawn); a batch minted while
  // the battery runs is reported by wroteSinceAsked, so that its rows are not taken for the request's. The
  // codes still usable never exceed the audience: the battery's invitation survey is raised to a big one first.
  expectOk(
    await api(`/api/admin/surveys/${CAREER}`, { method: "PATCH", headers: { ...ADMIN_HEADERS, ...client() }, json: { audience: 500_000 } }),
    "audience",
  );
  let codes: string[] = [];
  let wrote = false;
  const mint = async () => {
    const minted = expectOk(
      await api<{ codes: string[] }>(`/api/admin/surveys/${CAREER}/tokens`, {
        method: "POST",
        headers: { ...ADMIN_HEADERS, ...client() },
        json: { count: MAX_CODES_PER_REQUEST },
      }),
      "codes",
    );
    codes = [...(minted.body as { codes: string[] }).codes];
    wrote = true;
  };
  await mint();
  wrote = false;
  const key = expectOk(await api<{ invitationKey: string }>(`/api/surveys/${CAREER}`), "survey");
  const invitationKey = (key.body as { invitationKey: string }).invitationKey;
  const invitation = async () => {
    if (codes.length === 0) await mint();
    return { code: codes.pop()!, blinded: (await blindToken(invitationKey)).blinded };
  };
  const supported = async () => {
    const token = supportToken();
    expectOk(await api(`/api/ideas/${id}/support`, { method: "POST", headers: client(), json: { token } }), "support to take back");
    wrote = true;
    return token;
  };
  const codesWithdrawn = () => {
    codes = [];
  };
  const wroteSinceAsked = () => {
    const answer = wrote;
    wrote = false;
    return answer;
  };
  const draft = async (state: "draft" | "approved", kind: "survey" | "honour" = "survey") => {
    const { questions: _questions, ...pulse } = findSurvey(PULSE)!;
    const n = (++submissions).toString().padStart(8, "0");
    const [path, body] =
      kind === "survey"
        ? [`src/content/surveys/pulse-battery-${n}.json`, { ...pulse, id: `pulse-battery-${n}` }]
        : [`src/content/honours/2026-11-30-battery-${n}.json`, HONOUR_FIXTURE];
    await env.DB.prepare(
      `INSERT INTO content_drafts (id, kind, path, body, state, author, approver, created_at, updated_at)
       VALUES (?1, ?7, ?2, ?3, ?4, 'fixture-author@candor.test', ?5, ?6, ?6)`,
    )
      .bind(
        [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, "0")).join(""),
        path,
        JSON.stringify(body),
        state,
        state === "approved" ? "fixture-approver@candor.test" : null,
        `${env.CANDOR_TODAY}T09:00:00.000Z`,
        kind,
      )
      .run();
    wrote = true;
    return (await env.DB.prepare("SELECT id FROM content_drafts WHERE path = ?1").bind(path).first<{ id: string }>())!.id;
  };
  return { idea: { id, receipt }, version, status, client, invitation, supported, codesWithdrawn, wroteSinceAsked, draft };
}

/** An honour naming a person, as HR drafts it (the consent not yet recorded). */
const HONOUR_FIXTURE = {
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

/** k responses to a closed survey, each with a comment, on its first day: enough for HR's comments and export. */
async function answerClosedSurvey(id: string) {
  const survey = findSurvey(id)!;
  const k = effectiveMinGroupSize(survey, readConfig(env).minGroupSize);
  for (let i = 0; i < k; i++) {
    const answers = sampleAnswers(survey.definition, survey.questions, seededRandom(i + 1), {
      comments: [`A battery fixture comment, ${i + 1} of ${k}.`],
      commentRate: 1,
    });
    const checked = validateAnswers(survey.definition, answers, "en", survey.questions);
    if (!checked.ok) throw new Error(`fixture answers for ${id}: ${JSON.stringify(checked.fields)}`);
    const outcome = await storeResponse(env, {
      surveyId: survey.id,
      surveyVersion: survey.version,
      day: survey.opens,
      rows: checked.rows,
      submissionId: `battery-fixture-${i + 1}`,
    });
    if (outcome !== "stored") throw new Error(`fixture response ${i + 1} to ${id}: ${outcome}`);
  }
}
