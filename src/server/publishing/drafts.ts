// HR's publications: a draft in D1 (shared, versioned like ideas), approved
// by a second HR person, then committed to the repository through the git
// host (github.ts) — the Pages build that follows publishes it. Every step
// is one audited batch; a stale version is 409 edit_conflict.
import type { Draft, TDraftCreate, TDraftPatch } from "../../lib/publishing/model.ts";
import { formatJsonFile } from "../../lib/publishing/json-file.ts";
import { isRefusal, nextRun } from "../../lib/surveys/next-run.ts";
import { checkSegments, findSurvey } from "../../lib/surveys/registry.ts";
import { describeQuestions } from "../../lib/surveys/questions.ts";
import { ZSurveyFile, type TSurveyFile } from "../../lib/surveys/schema.ts";
import type { Admin } from "../auth.ts";
import type { AppEnv } from "../config.ts";
import { auditedBatch, type AuditRecord, type BatchItem } from "../db/audit.ts";
import {
  approveStatement,
  insertDraftStatement,
  listDrafts,
  publishedStatement,
  readDraft,
  returnedStatement,
  updateBodyStatement,
  type StoredDraft,
} from "../db/drafts.ts";
import { HttpError, issuesToFields } from "../http.ts";
import { readPublishConfig, type PublishConfig } from "./config.ts";
import { blobShaOf, commitFile, fileSha, lastCommitOf, PublishConflict } from "./github.ts";
import { requireRole } from "./roles.ts";

type Env = Pick<AppEnv, "DB" | "HR_ROLES" | "PUBLISH_REPO" | "PUBLISH_BRANCH" | "PUBLISH_TOKEN" | "PUBLISH_API_URL">;

const SURVEY_DIR = "src/content/surveys";
const hexId = () => [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, "0")).join("");
const notFound = () => new HttpError(404, "not_found", "There is no draft with this id.");

/**
 * "building" becomes "live" once the running site carries the file: the
 * Functions bundle holds exactly the surveys the pages were built with.
 */
function shown(d: StoredDraft): Draft {
  const { baseSha: _baseSha, ...draft } = d;
  if (d.state !== "building" || d.kind !== "survey") return draft;
  const live = findSurvey(String(d.body.id));
  return live && live.version === d.body.version && live.opens === d.body.opens ? { ...draft, state: "live" } : draft;
}

async function conflict(env: Env, id: string): Promise<HttpError> {
  const current = await readDraft(env, id);
  return new HttpError(409, "edit_conflict", "Someone else changed this draft after you opened it. Review it and try again.", {
    details: current ? { current: shown(current) } : {},
  });
}

/** The build's own checks on a survey file: the schema, the questions Candor can validate, the segment rules. */
export function checkSurveyFile(body: unknown): TSurveyFile {
  const parsed = ZSurveyFile.safeParse(body);
  if (!parsed.success)
    throw new HttpError(422, "invalid_draft", "The survey would not pass the build's checks.", {
      fields: issuesToFields(parsed.error.issues),
    });
  try {
    checkSegments(parsed.data, describeQuestions(parsed.data.definition));
  } catch (err) {
    throw new HttpError(422, "invalid_draft", `The survey would not pass the build's checks: ${(err as Error).message}`);
  }
  return parsed.data;
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
  return (await listDrafts(env)).map(shown);
}

export async function draftById(env: Env, id: string): Promise<Draft> {
  const d = await readDraft(env, id);
  if (!d) throw notFound();
  return shown(d);
}

/** A draft of the next run of `from`'s series, from `from` as published. */
export async function startNextRun(env: Env, admin: Admin, input: TDraftCreate, now: Date): Promise<Draft> {
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
  const path = `${SURVEY_DIR}/${next.id}.json`;
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
  const body = { ...d.body };
  for (const key of ["opens", "closes", "audience"] as const) if (patch[key] !== undefined) body[key] = patch[key];
  checkSurveyFile(body);
  const changed = Object.keys(patch).filter((k) => k !== "version");
  await runOrConflict(env, id, patch.version, () => [
    updateBodyStatement(env, id, patch.version, body, now.toISOString()),
    { ...audit(admin, now, "draft.update", id, { fields: changed }), changed: 1 },
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
  checkSurveyFile(d.body);
  await runOrConflict(env, id, version, () => [
    approveStatement(env, id, version, admin.actor, now.toISOString()),
    { ...audit(admin, now, "draft.approve", id, { path: d.path, author: d.author }), changed: 1 },
  ]);
  return draftById(env, id);
}

/** Commits the approved draft's file; the git host's refusal of a moved file sends the draft back (409). */
export async function publishDraft(env: Env, admin: Admin, id: string, version: number, now: Date): Promise<Draft> {
  requireRole(admin, env.HR_ROLES, "draft");
  const d = await readDraft(env, id);
  if (!d) throw notFound();
  if (d.version !== version) throw await conflict(env, id);
  if (d.state !== "approved") throw new HttpError(409, "not_approved", "Only an approved draft can be published.");
  const cfg = readPublishConfig(env);
  if (!cfg)
    throw new HttpError(503, "publishing_not_configured", "Publishing is not configured on this server (PUBLISH_REPO and the rest).");
  // the build's checks on what is committed; the file keeps the key order HR's draft has (the previous run's)
  checkSurveyFile(d.body);
  const message = `Publish ${d.path} from the HR console\n\nDrafted by ${d.author}, approved by ${d.approver}, published by ${admin.actor}.`;
  const content = formatJsonFile(d.body);
  try {
    const { commitSha } = await committedAlready(cfg, d.path, content).then(
      (earlier) =>
        earlier ??
        commitFile(cfg, {
          path: d.path,
          content,
          message,
          baseSha: d.baseSha,
          authorEmail: admin.actor.includes("@") ? admin.actor : null,
        }),
    );
    await runOrConflict(env, id, version, () => [
      publishedStatement(env, id, version, admin.actor, commitSha, now.toISOString()),
      {
        ...audit(admin, now, "draft.publish", id, { path: d.path, commit: commitSha, author: d.author, approver: d.approver }),
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
