// HR's publications: a draft in D1 (shared, versioned like ideas), approved
// by a second HR person, then committed to the repository through the git
// host (github.ts) — the Pages build that follows publishes it. Every step
// is one audited batch; a stale version is 409 edit_conflict.
import type { Draft, TDraftCreate, TDraftPatch } from "#lib/publishing/model.ts";
import {
  honourDraftProblems,
  honourFile,
  honourPath,
  namesPerson,
  nextPolicyVersion,
  policyDraftProblems,
  POLICY_DIR,
  policyPath,
  resultsDraftProblems,
  resultsPath,
  type Problems,
  type ResultsRules,
} from "#lib/publishing/content-checks.ts";
import { problem, problemFields } from "#lib/problems.ts";
import { policyFingerprint } from "#lib/policy/fingerprint.ts";
import { ZPolicyVersion, type TPolicyVersion } from "#lib/policy/schema.ts";
import { republishProblems, republishRefusal, type PublishedFigures } from "#lib/results/republish.ts";
import { formatJsonFile, markSuperseded } from "#lib/publishing/json-file.ts";
import { forumDraftProblems, forumPath } from "#lib/publishing/forum-checks.ts";
import { formatForumFile, readForumFile } from "#lib/programme/forum-file.ts";
import { dayOf } from "#lib/clock.ts";
import { toHex } from "#lib/hex.ts";
import { blobShaOf } from "#lib/publishing/blob-sha.ts";
import { BUILT_CONTENT } from "#lib/publishing/built.generated.ts";
import { isRefusal, nextRun } from "#lib/surveys/next-run.ts";
import { findSurvey, SURVEYS } from "#lib/surveys/registry.ts";
import { surveyProblems } from "#lib/surveys/check.ts";
import type { Admin } from "../auth.ts";
import { readConfig, type AppEnv } from "../config.ts";
import { auditedBatch, type AuditRecord, type BatchItem } from "../db/audit.ts";
import {
  approveStatement,
  consentStatement,
  insertDraftStatement,
  listDrafts,
  publishedStatement,
  readDraft,
  returnedStatement,
  updateBodyStatement,
  type StoredDraft,
} from "../db/drafts.ts";
import { HttpError } from "../http.ts";
import { readPublishConfig, type PublishConfig } from "./config.ts";
import { commitFile, fileSha, lastCommitOf, PublishConflict, readRepoFile } from "./github.ts";
import { requireRole } from "./roles.ts";
import { editedSurveyBody, surveyFromTemplate, surveyPath } from "./survey-drafts.ts";

type Env = Pick<AppEnv, "DB" | "HR_ROLES" | "MIN_GROUP_SIZE" | "PUBLISH_REPO" | "PUBLISH_BRANCH" | "PUBLISH_TOKEN" | "PUBLISH_API_URL">;

const hexId = () => toHex(crypto.getRandomValues(new Uint8Array(8)));
const notFound = () => new HttpError(404, "not_found", "There is no draft with this id.");

/**
 * "building" becomes "live" once the running site was built with exactly the
 * file HR committed: the Functions bundle carries the blob id of every
 * content file the build read (scripts/built-content.ts).
 */
async function shown(d: StoredDraft): Promise<Draft> {
  const { baseSha: _baseSha, ...draft } = d;
  if (d.state !== "building") return draft;
  const built = BUILT_CONTENT[d.path];
  return built !== undefined && built === (await blobShaOf(publishedText(d))) ? { ...draft, state: "live" } : draft;
}

/** The text a draft is committed as: a forum's Markdown file, or the JSON file of any other kind. */
const publishedText = (d: StoredDraft): string => (d.kind === "forum" ? formatForumFile(d.body) : formatJsonFile(publishedContent(d)));

/**
 * What a forum may refer to, as the running site has it: its surveys, and the
 * policy versions the build read (each published: a draft version is never committed).
 */
const forumRefs = (today: string) => ({
  surveys: new Set(SURVEYS.map((s) => s.id)),
  policy: new Set(
    Object.keys(BUILT_CONTENT).flatMap((path) => {
      const m = /^src\/content\/policy\/(\d{4}-\d{2})\.json$/.exec(path);
      return m ? [m[1]!] : [];
    }),
  ),
  today,
});

/** What prompted a policy version, as the running site has it: its forums (the files the build read) and its surveys. */
const promptRefs = () => ({
  forums: Object.keys(BUILT_CONTENT).flatMap((path) => {
    const m = /^src\/content\/forums\/(.+)\.md$/.exec(path);
    return m ? [m[1]!] : [];
  }),
  surveys: SURVEYS.map((s) => s.id),
});

/** The file a draft is committed as: an honour carries the consent HR recorded. */
const publishedContent = (d: StoredDraft): Record<string, unknown> => (d.kind === "honour" ? honourFile(d.body, true) : d.body);

async function conflict(env: Env, id: string): Promise<HttpError> {
  const current = await readDraft(env, id);
  return new HttpError(409, "edit_conflict", "Someone else changed this draft after you opened it. Review it and try again.", {
    details: current ? { current: await shown(current) } : {},
  });
}

/** The build's own checks on a survey file (src/lib/surveys/check.ts, which the console's editor runs as HR types). */
export function checkSurveyFile(body: unknown): void {
  const problems = surveyProblems(body);
  if (problems.length > 0) {
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const p of problems) fields[p.path] ??= p.message;
    throw refusedFields("survey", fields);
  }
}

/** A draft the build would refuse: the problems, by field, in the checks' English words (the console says them in HR's language). */
const refused = (what: string, problems: Problems) => refusedFields(what, problemFields(problems));

/** The same from English words by field: a survey's checks have codes of their own (src/lib/surveys/check.ts). */
const refusedFields = (what: string, fields: Record<string, string>) =>
  new HttpError(
    422,
    "invalid_draft",
    `The ${what} would not pass the build's checks: ${Object.entries(fields)
      .slice(0, 3)
      .map(([field, message]) => `${field}: ${message}`)
      .join("; ")}`,
    { fields },
  );

const versionOfPath = (path: string) => path.slice(path.lastIndexOf("/") + 1, -".json".length);

/**
 * The build's checks on what a draft would commit, whatever its kind. A
 * cycle's results are checked as the console checks them: against the site's
 * k, the request's day and the policy versions (resultsRules).
 */
export async function checkDraftBody(
  env: Env,
  d: Pick<StoredDraft, "kind" | "path" | "supersedes">,
  body: Record<string, unknown>,
  now: Date,
): Promise<void> {
  if (d.kind === "results") {
    const problems = resultsDraftProblems(body, versionOfPath(d.path), await resultsRules(env, now));
    if (problems) throw refused("cycle's results", problems);
    return;
  }
  if (d.kind === "survey") {
    checkSurveyFile(body);
    return;
  }
  if (d.kind === "forum") {
    const problems = forumDraftProblems(body, d.path, forumRefs(dayOf(now)));
    if (problems) throw refused("forum", problems);
    return;
  }
  if (d.kind === "policy") {
    const problems = policyDraftProblems(body, d.supersedes ? { version: versionOfPath(d.supersedes) } : null, promptRefs());
    if (problems) throw refused("policy version", problems);
    if (body.version !== versionOfPath(d.path))
      throw refused("policy version", {
        version: problem("draft_version", `this draft is version ${versionOfPath(d.path)}; start a new draft for another month`, {
          version: versionOfPath(d.path),
        }),
      });
    return;
  }
  const problems = honourDraftProblems(body);
  if (problems) throw refused("honour", problems);
  if (!versionOfPath(d.path).startsWith(`${String(body.date)}-`))
    throw refused("honour", {
      date: problem("draft_day", `this draft is the honour of ${versionOfPath(d.path).slice(0, 10)}; start a new draft for another day`, {
        day: versionOfPath(d.path).slice(0, 10),
      }),
    });
}

/**
 * What a cycle's results are checked against on the server: the site's k,
 * the request's day, and every policy version the site was built with
 * (BUILT_CONTENT lists them), as the repository has it now — the record the
 * results cite, whose fingerprints they must match.
 */
async function resultsRules(env: Env, now: Date): Promise<ResultsRules> {
  const cfg = publishingConfig(env);
  const paths = Object.keys(BUILT_CONTENT).filter((p) => p.startsWith(`${POLICY_DIR}/`) && /\/\d{4}-\d{2}\.json$/.test(p));
  const policies: TPolicyVersion[] = [];
  for (const path of paths) {
    const file = await readRepoFile(cfg, path);
    const parsed = file ? ZPolicyVersion.safeParse(JSON.parse(file.text)) : null;
    if (parsed?.success) policies.push(parsed.data);
  }
  const fingerprints = new Map(await Promise.all(policies.map(async (v) => [v.version, await policyFingerprint(v)] as const)));
  return { policies, fingerprints, k: readConfig(env).minGroupSize, today: dayOf(now) };
}

const audit = (
  admin: Admin,
  now: Date,
  action: AuditRecord["action"],
  id: string,
  detail: Record<string, unknown>,
): { audit: AuditRecord } => ({
  audit: { at: now.toISOString(), actor: admin.actor, action, targetType: "draft", targetId: id, detail },
});

export async function draftList(env: Env): Promise<Draft[]> {
  return Promise.all((await listDrafts(env)).map(shown));
}

export async function draftById(env: Env, id: string): Promise<Draft> {
  const d = await readDraft(env, id);
  if (!d) throw notFound();
  return shown(d);
}

/** POST /api/admin/drafts: a survey's next run or from a template, a new policy version, an honour, a cycle's results or a forum. */
export async function createDraft(env: Env, admin: Admin, input: TDraftCreate, now: Date): Promise<Draft> {
  if (input.from !== undefined) return startNextRun(env, admin, { from: input.from }, now);
  if (input.template !== undefined)
    return startFromTemplate(env, admin, { template: input.template, id: input.id!, title: input.title }, now);
  if (input.policy !== undefined) return startPolicyVersion(env, admin, input.policy, now);
  if (input.results !== undefined) return startResults(env, admin, input.results, input.body!, now);
  if (input.forum !== undefined) return startForum(env, admin, input.forum, input.body, now);
  return startHonour(env, admin, input.honour!, input.body!, now);
}

function publishingConfig(env: Env) {
  const cfg = readPublishConfig(env);
  if (!cfg)
    throw new HttpError(503, "publishing_not_configured", "Publishing is not configured on this server (PUBLISH_REPO and the rest).");
  return cfg;
}

/**
 * A new policy version, drafted from the version in force as the repository
 * has it (the record of what is published): the same criteria, weights,
 * tiers, rewards and cycles, for the month of the next six-monthly review.
 */
async function startPolicyVersion(env: Env, admin: Admin, from: string, now: Date): Promise<Draft> {
  requireRole(admin, env.HR_ROLES, "draft");
  const cfg = publishingConfig(env);
  const supersedes = policyPath(from);
  const file = await readRepoFile(cfg, supersedes);
  const inForce = file ? (JSON.parse(file.text) as Record<string, unknown>) : null;
  if (!inForce) throw new HttpError(404, "not_found", "There is no policy version with this id.");
  if (inForce.status !== "current")
    throw new HttpError(409, "not_in_force", `Version ${from} is not the version in force: draft from the current one.`);
  const version = nextPolicyVersion(from);
  const path = policyPath(version);
  if (await fileSha(cfg, path)) throw new HttpError(409, "already_published", `Version ${version} is already in the repository.`);
  const { prose: _prose, ...rest } = inForce;
  const body = { ...rest, version, effective: `${version}-01`, status: "current", promptedBy: [] };
  const id = hexId();
  await auditedBatch(env, () => [
    insertDraftStatement(env, { id, kind: "policy", path, body, baseSha: null, author: admin.actor, at: now.toISOString(), supersedes }),
    audit(admin, now, "draft.create", id, { path, from: supersedes }),
  ]);
  return draftById(env, id);
}

/** An honour as HR wrote it; a named person's consent is recorded separately (recordConsent). */
async function startHonour(env: Env, admin: Admin, slug: string, body: Record<string, unknown>, now: Date): Promise<Draft> {
  requireRole(admin, env.HR_ROLES, "draft");
  const problems = honourDraftProblems(body);
  if (problems) throw refused("honour", problems);
  const path = honourPath(String(body.date), slug);
  const cfg = readPublishConfig(env);
  if (cfg && (await fileSha(cfg, path))) throw new HttpError(409, "already_published", `${path} is already in the repository.`);
  const { consent: _consent, ...recipient } = body.recipient as Record<string, unknown>;
  const id = hexId();
  await auditedBatch(env, () => [
    insertDraftStatement(env, {
      id,
      kind: "honour",
      path,
      body: { ...body, recipient },
      baseSha: null,
      author: admin.actor,
      at: now.toISOString(),
    }),
    audit(admin, now, "draft.create", id, { path }),
  ]);
  return draftById(env, id);
}

/**
 * A cycle's results as the console computed them in HR's browser: the
 * aggregates of the KPI export (never its rows, which stay on HR's machine)
 * and what HR wrote. The body is the file as it will be committed, checked
 * with the build's schema and k rules. A cycle the repository already has
 * is published again only under the small-change rule (src/lib/results/republish.ts).
 */
async function startResults(env: Env, admin: Admin, cycle: string, body: Record<string, unknown>, now: Date): Promise<Draft> {
  requireRole(admin, env.HR_ROLES, "draft");
  const path = resultsPath(cycle);
  const d = { kind: "results" as const, path, supersedes: null };
  await checkDraftBody(env, d, body, now);
  const file = await checkRepublish(env, path, body);
  const id = hexId();
  await auditedBatch(env, () => [
    insertDraftStatement(env, { id, kind: "results", path, body, baseSha: file?.sha ?? null, author: admin.actor, at: now.toISOString() }),
    audit(admin, now, "draft.create", id, { path }),
  ]);
  return draftById(env, id);
}

/**
 * A staff forum: announced (`body`, a new file), or drafted from the forum
 * file the repository has, to record it once held (minutes, findings,
 * decisions, actions) or to update its actions' status and outcome — which is
 * how a "you said, we did" entry is published.
 */
async function startForum(env: Env, admin: Admin, forum: string, body: Record<string, unknown> | undefined, now: Date): Promise<Draft> {
  requireRole(admin, env.HR_ROLES, "draft");
  const path = forumPath(forum);
  const cfg = body === undefined ? publishingConfig(env) : readPublishConfig(env);
  const file = cfg ? await readRepoFile(cfg, path) : null;
  if (body !== undefined && file) throw new HttpError(409, "already_published", `${path} is already in the repository.`);
  const content = body ?? (file ? readForumFile(file.text) : null);
  if (!content) throw new HttpError(404, "not_found", "There is no forum with this id.");
  await checkDraftBody(env, { kind: "forum", path, supersedes: null }, content, now);
  const id = hexId();
  await auditedBatch(env, () => [
    insertDraftStatement(env, {
      id,
      kind: "forum",
      path,
      body: content,
      baseSha: file?.sha ?? null,
      author: admin.actor,
      at: now.toISOString(),
    }),
    audit(admin, now, "draft.create", id, { path }),
  ]);
  return draftById(env, id);
}

/** The cycle's file in the repository, if any, once `body` passes the small-change rule against it (422 small_change). */
async function checkRepublish(env: Env, path: string, body: Record<string, unknown>): Promise<{ sha: string; text: string } | null> {
  const cfg = readPublishConfig(env);
  const file = cfg ? await readRepoFile(cfg, path) : null;
  if (!file) return null;
  const published = JSON.parse(file.text) as PublishedFigures;
  if (typeof published.headcount !== "number") return file;
  const after = body as unknown as PublishedFigures;
  const tierIds = [published.tiers, after.tiers].flatMap((t) => (t && t !== "withheld" ? Object.keys(t) : []));
  const k = readConfig(env).minGroupSize;
  const problems = republishProblems(published, after, k, [...new Set(tierIds)]);
  if (problems.length > 0)
    throw new HttpError(422, "small_change", republishRefusal(versionOfPath(path), k, problems).join(" "), {
      fields: { body: problems[0]!.message },
    });
  return file;
}

/** A new survey from a shipped one: a new id (free in the repository and in every open draft), a title, dates from today. */
async function startFromTemplate(
  env: Env,
  admin: Admin,
  input: { template: string; id: string; title?: { default: string; "zh-cn": string } },
  now: Date,
): Promise<Draft> {
  requireRole(admin, env.HR_ROLES, "draft");
  const { path, body } = await surveyFromTemplate(env, readPublishConfig(env), input, dayOf(now));
  checkSurveyFile(body);
  const id = hexId();
  await auditedBatch(env, () => [
    insertDraftStatement(env, { id, kind: "survey", path, body, baseSha: null, author: admin.actor, at: now.toISOString() }),
    audit(admin, now, "draft.create", id, { path, template: input.template }),
  ]);
  return draftById(env, id);
}

/** A draft of the next run of `from`'s series, from `from` as published. */
export async function startNextRun(env: Env, admin: Admin, input: { from: string }, now: Date): Promise<Draft> {
  requireRole(admin, env.HR_ROLES, "draft");
  const survey = findSurvey(input.from);
  if (!survey) throw new HttpError(404, "not_found", "There is no survey with this id.");
  const { questions: _questions, ...file } = survey;
  const next = nextRun(file);
  if (isRefusal(next)) {
    const why = {
      not_in_series: "This survey is not part of a series, so it has no next run.",
      no_period: "This survey's id names no month or half-year to move on from.",
      invitation: "An invitation survey's next run needs its own key from `npm run survey:keys`; ask a developer.",
    }[next.refused as "not_in_series" | "no_period" | "invitation"];
    throw new HttpError(422, "no_next_run", why, { fields: { from: why } });
  }
  if (findSurvey(next.id)) throw new HttpError(409, "already_published", `${next.id} is already published.`);
  const path = surveyPath(next.id);
  const cfg = readPublishConfig(env);
  const baseSha = cfg ? await fileSha(cfg, path) : null;
  const id = hexId();
  await auditedBatch(env, () => [
    insertDraftStatement(env, { id, kind: "survey", path, body: next, baseSha, author: admin.actor, at: now.toISOString() }),
    audit(admin, now, "draft.create", id, { path, from: input.from }),
  ]);
  return draftById(env, id);
}

export async function updateDraft(env: Env, admin: Admin, id: string, patch: TDraftPatch, now: Date): Promise<Draft> {
  requireRole(admin, env.HR_ROLES, "draft");
  const d = await readDraft(env, id);
  if (!d) throw notFound();
  if (d.version !== patch.version) throw await conflict(env, id);
  if (d.state === "building" || d.state === "live")
    throw new HttpError(409, "already_published", "This draft is published; start a new one.");
  let body = { ...d.body };
  if (d.kind === "survey") {
    const fields = (["opens", "closes", "audience"] as const).filter((k) => patch[k] !== undefined);
    if (patch.body !== undefined && fields.length > 0)
      throw new HttpError(422, "invalid_draft", "Send the dates and audience inside the edited body.", {
        fields: Object.fromEntries(fields.map((k) => [k, "inside body when the body is sent"])),
      });
    if (patch.body !== undefined) body = editedSurveyBody(d, patch.body);
    for (const key of fields) body[key] = patch[key];
  } else {
    const fields = (["opens", "closes", "audience"] as const).filter((k) => patch[k] !== undefined);
    if (fields.length > 0)
      throw new HttpError(422, "invalid_draft", "Send the whole edited content as body.", {
        fields: Object.fromEntries(fields.map((k) => [k, "only for a survey's next run"])),
      });
    if (patch.body === undefined) throw new HttpError(422, "invalid_draft", "Nothing to change.", { fields: { body: "required" } });
    body = d.kind === "honour" ? stripConsent(patch.body) : patch.body;
  }
  await checkDraftBody(env, d, body, now);
  if (d.kind === "results") await checkRepublish(env, d.path, body);
  const changed = Object.keys(patch).filter((k) => k !== "version");
  await runOrConflict(env, id, patch.version, () => [
    updateBodyStatement(env, id, patch.version, body, now.toISOString()),
    { ...audit(admin, now, "draft.update", id, { fields: changed }), changed: 1 },
  ]);
  return draftById(env, id);
}

const stripConsent = (body: Record<string, unknown>) => {
  const recipient = body.recipient;
  if (!recipient || typeof recipient !== "object") return body;
  const { consent: _consent, ...rest } = recipient as Record<string, unknown>;
  return { ...body, recipient: rest };
};

/**
 * The honour's named person agreed to be named as the draft names them: the
 * HR person who confirmed it and the day go on the draft and in the audit
 * log. Editing the honour afterwards drops it (updateBodyStatement).
 */
export async function recordConsent(env: Env, admin: Admin, id: string, version: number, now: Date): Promise<Draft> {
  requireRole(admin, env.HR_ROLES, "draft");
  const d = await readDraft(env, id);
  if (!d) throw notFound();
  if (d.version !== version) throw await conflict(env, id);
  if (d.kind !== "honour" || !namesPerson(d.body))
    throw new HttpError(409, "no_consent_needed", "Only an honour that names a person needs their consent.");
  if (d.state !== "draft" && d.state !== "approved")
    throw new HttpError(409, "already_published", "This draft is published; start a new one.");
  const day = dayOf(now);
  await runOrConflict(env, id, version, () => [
    consentStatement(env, id, version, admin.actor, day, now.toISOString()),
    { ...audit(admin, now, "draft.consent", id, { path: d.path, day }), changed: 1 },
  ]);
  return draftById(env, id);
}

export async function approveDraft(env: Env, admin: Admin, id: string, version: number, now: Date): Promise<Draft> {
  requireRole(admin, env.HR_ROLES, "approve");
  const d = await readDraft(env, id);
  if (!d) throw notFound();
  if (d.author.toLowerCase() === admin.actor.toLowerCase())
    throw new HttpError(403, "four_eyes", "You drafted this publication: another HR person must approve it.");
  if (d.version !== version) throw await conflict(env, id);
  if (d.state !== "draft") throw new HttpError(409, "not_a_draft", `This draft is already ${d.state}.`);
  await checkDraftBody(env, d, d.body, now);
  await runOrConflict(env, id, version, () => [
    approveStatement(env, id, version, admin.actor, now.toISOString()),
    { ...audit(admin, now, "draft.approve", id, { path: d.path, author: d.author }), changed: 1 },
  ]);
  return draftById(env, id);
}

/**
 * Commits the approved draft's file; the git host's refusal of a moved file
 * sends the draft back (409). A policy version is committed first, then the
 * version it supersedes is marked "superseded" (the Contents API commits one
 * file at a time; the build between the two sees two current versions and
 * stops, so the site keeps the last good one until the second lands).
 */
export async function publishDraft(env: Env, admin: Admin, id: string, version: number, now: Date): Promise<Draft> {
  requireRole(admin, env.HR_ROLES, "draft");
  const d = await readDraft(env, id);
  if (!d) throw notFound();
  if (d.version !== version) throw await conflict(env, id);
  if (d.state !== "approved") throw new HttpError(409, "not_approved", "Only an approved draft can be published.");
  const cfg = publishingConfig(env);
  // the build's checks on what is committed; the file keeps the key order HR's draft has (the previous run's)
  await checkDraftBody(env, d, d.body, now);
  if (d.kind === "honour" && namesPerson(d.body) && !d.consent)
    throw new HttpError(
      409,
      "consent_missing",
      "This honour names a person who has not consented on record. Confirm their consent first, then publish.",
      { fields: { "recipient.consent": "record the person's consent to be named" } },
    );
  const by = `Drafted by ${d.author}, approved by ${d.approver}, published by ${admin.actor}.`;
  const consent = d.consent ? `\nConsent to be named confirmed by ${d.consent.by} on ${d.consent.day}.` : "";
  const authorEmail = admin.actor.includes("@") ? admin.actor : null;
  let incomplete = false;
  try {
    const fileText = publishedText(d);
    // a retry after the commit reached the host but the database did not record it
    const earlier = await committedAlready(cfg, d.path, fileText);
    let superseded: { sha: string; text: string } | null = null;
    if (d.kind === "policy" && !earlier) {
      const file = await readRepoFile(cfg, d.supersedes!);
      const old = file ? (JSON.parse(file.text) as Record<string, unknown>) : null;
      // another version was published meanwhile: this draft no longer follows the one in force
      if (!file || old?.status !== "current") throw new PublishConflict(null);
      superseded = { sha: file.sha, text: markSuperseded(file.text) };
    }
    const { commitSha } =
      earlier ??
      (await commitFile(cfg, {
        path: d.path,
        content: fileText,
        message: `Publish ${d.path} from the HR console\n\n${by}${consent}`,
        baseSha: d.baseSha,
        authorEmail,
      }));
    if (superseded) {
      try {
        await commitFile(cfg, {
          path: d.supersedes!,
          content: superseded.text,
          message: `Mark ${d.supersedes} superseded by ${d.path} from the HR console\n\n${by}`,
          baseSha: superseded.sha,
          authorEmail,
        });
      } catch (err) {
        if (!(err instanceof PublishConflict) && !(err instanceof HttpError)) throw err;
        incomplete = true;
      }
    }
    await runOrConflict(env, id, version, () => [
      publishedStatement(env, id, version, admin.actor, commitSha, now.toISOString()),
      {
        ...audit(admin, now, "draft.publish", id, {
          path: d.path,
          commit: commitSha,
          author: d.author,
          approver: d.approver,
          ...(d.supersedes ? { supersedes: d.supersedes, superseded: !incomplete } : {}),
          ...(d.consent ? { consentBy: d.consent.by, consentDay: d.consent.day } : {}),
        }),
        changed: 1,
      },
    ]);
  } catch (err) {
    if (!(err instanceof PublishConflict)) throw err;
    await runOrConflict(env, id, version, () => [
      returnedStatement(env, id, version, err.currentSha, now.toISOString()),
      { ...audit(admin, now, "draft.return", id, { path: d.path, reason: "the file changed in the repository" }), changed: 1 },
    ]);
    throw new HttpError(
      409,
      "publish_conflict",
      "Someone else changed this file in the repository after the draft was made. The draft is back to review: check it against the published file, then approve and publish again.",
      { details: { current: await draftById(env, id) } },
    );
  }
  if (incomplete)
    throw new HttpError(
      502,
      "publish_incomplete",
      `${d.path} is published, but ${d.supersedes} could not be marked superseded: the site keeps the previous version until a developer marks it.`,
    );
  return draftById(env, id);
}

/**
 * A publish retried after its commit reached the host but its D1 write did
 * not (the database failed in between): the file already holds exactly this
 * draft, so the commit that put it there is recorded instead of a refusal.
 * Any other content at the path is someone else's change (PublishConflict).
 */
async function committedAlready(cfg: PublishConfig, path: string, content: string): Promise<{ commitSha: string } | null> {
  const current = await fileSha(cfg, path);
  if (current === null || current !== (await blobShaOf(content))) return null;
  const commitSha = await lastCommitOf(cfg, path);
  return commitSha ? { commitSha } : null;
}

/**
 * The change and its audit row, as one batch. Its statement changes the row
 * only at `version` (the audit row is then refused too, and the batch built
 * again): each attempt reads the draft first, so a write that lost the race
 * is answered 409 rather than retried.
 */
async function runOrConflict(env: Env, id: string, version: number, build: () => BatchItem[]): Promise<void> {
  await auditedBatch(env, async () => {
    const current = await readDraft(env, id);
    if (!current || current.version !== version) throw await conflict(env, id);
    return build();
  });
}
