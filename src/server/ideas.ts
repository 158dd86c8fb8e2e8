// The suggestion box's server logic, between the thin routes in
// functions/api/ideas/ and the SQL in db/ideas.ts: limits, receipts, and the
// rules about who may see and say what.
import { addDays, dayOf } from "#lib/clock.ts";
import { sha256Hex } from "#lib/hex.ts";
import { trackedView } from "#lib/ideas/views.ts";
import { parseTerms, type RetentionVars } from "#lib/retention.ts";
import { hrHasAnswered, visibleText, type TBoardQuery, type TIdeaInput, type TrackedIdea, type Verdict } from "#lib/ideas/model.ts";
import { generateReceipt, hashReceipt, hashReceiptInput } from "#lib/receipt.ts";
import type { AppEnv } from "./config.ts";
import { readConfig } from "./config.ts";
import { dayOffset } from "./commit-day.ts";
import { publishedK } from "./db/published-k.ts";
import {
  addAuthorMessage,
  addSupport,
  boardStats,
  countHrMessages,
  findIdeaByReceiptHash,
  findSubmission,
  insertIdea,
  listBoard,
  readIdea,
  readIdeaParts,
  removeSupport,
  setVerdict,
  type Idea,
  type SupportOutcome,
} from "./db/ideas.ts";
import { HttpError } from "./http.ts";
import { seal, unseal } from "./seal.ts";
import { admit, enforceLimit, refuse } from "./rate-limit.ts";
import { verifyTurnstile } from "./turnstile.ts";

type IdeasEnv = Pick<AppEnv, "DB" | "RATE_LIMITS" | "CANDOR_ENV" | "CANDOR_TODAY" | "ACK_PROMISE_DAYS" | "MIN_GROUP_SIZE"> &
  RetentionVars & {
    TURNSTILE_SECRET_KEY?: string;
  };

const SEAL_PURPOSE = "candor idea receipt";

/** Days a retry can still get its receipt back: records of ideas received earlier than this are deleted on the next submission. */
export const SUBMISSION_RETENTION_DAYS = 2;

/** Expects the id already lowercased (submitIdea does it once), so hash, seal and unseal all see the same string. */
function submissionHash(submissionId: string): Promise<string> {
  return sha256Hex(`idea-submission:${submissionId}`);
}

/**
 * What a submission id is bound to: the idea as sent. The receipt of a
 * submission is sealed under (submission id, this digest), so a replay with
 * another body — someone else's id, or a reused one — cannot open it.
 */
function bodyDigest(idea: Omit<TIdeaInput, "turnstileToken" | "submissionId">): Promise<string> {
  return sha256Hex(JSON.stringify([idea.category, idea.title, idea.body, idea.publishConsent]));
}

const REUSED_ID = () =>
  new HttpError(
    409,
    "submission_conflict",
    "This submission id was already used for another idea. Send your idea again as a new submission.",
  );

/**
 * The receipt an earlier submission with this id and this body was given (and
 * its idea's day); null when there was none; 409 when the body differs.
 */
async function replayedReceipt(env: IdeasEnv, opener: string, hash: string): Promise<{ receipt: string; receivedOn: string } | null> {
  const earlier = await findSubmission(env, hash);
  if (earlier === null) return null;
  const receipt = await unseal(earlier.sealedReceipt, opener, SEAL_PURPOSE);
  if (receipt === null) throw REUSED_ID();
  return { receipt, receivedOn: earlier.receivedOn };
}

/**
 * Stores a new idea and returns its receipt: the only time the code exists
 * outside the author's hands. With a submissionId (a random v4 UUID, so it
 * cannot be guessed), a retry of the same idea (the network failed after the
 * server stored it) gets the same receipt back and `replayed: true`, and
 * nothing is stored twice, even when the retries race each other; the same
 * id with another body is a 409, and stores nothing. `acknowledgeBy` is the
 * day HR promises a first answer by (ACK_PROMISE_DAYS after the idea was
 * received), for the author to read on the receipt page.
 *
 * Limits: a replay, a reused id or a failed Turnstile check is counted in
 * `idea_rejected`; only a stored idea counts in `idea_submit`.
 *
 * D1 calls: an accepted idea costs one read when it carries a submission id
 * (is it a resend? — asked before Turnstile, whose token a resend has already
 * used) and then the batch that stores it; without a submission id, the
 * batch alone. The limits are counted in the isolate's memory, never in D1.
 * test/integration/round-trips.test.ts holds these.
 */
export async function submitIdea(
  env: IdeasEnv,
  request: Request,
  input: TIdeaInput,
  now: Date,
): Promise<{ receipt: string; replayed: boolean; acknowledgeBy: string; acknowledgeWithinDays: number }> {
  const { turnstileToken, ...rest } = input;
  const ackDays = readConfig(env).ackPromiseDays;
  const answer = (receipt: string, receivedOn: string, replayed: boolean) => ({
    receipt,
    replayed,
    acknowledgeBy: addDays(receivedOn, ackDays),
    acknowledgeWithinDays: ackDays,
  });
  // The locale is not stored: the language someone writes in can single them out.
  const { submissionId: rawSubmissionId, locale: _locale, ...idea } = rest;
  // UUIDs are case-insensitive: one spelling from here on.
  const submissionId = rawSubmissionId?.toLowerCase();
  const subHash = submissionId ? await submissionHash(submissionId) : undefined;
  const opener = submissionId ? `${submissionId}:${await bodyDigest(idea)}` : undefined;
  if (opener && subHash) {
    const earlier = await replayedReceipt(env, opener, subHash).catch((err: unknown) =>
      err instanceof HttpError ? refuse(env, request, "idea_rejected", now, err) : Promise.reject(err),
    );
    if (earlier) {
      await enforceLimit(env, request, "idea_rejected", now);
      return answer(earlier.receipt, earlier.receivedOn, true);
    }
  }
  await verifyTurnstile(env, turnstileToken).catch((err: unknown) =>
    err instanceof HttpError ? refuse(env, request, "idea_rejected", now, err) : Promise.reject(err),
  );
  // Counted before the batch and given back unless the idea is stored; a resend was answered above, never refused here.
  const admission = await admit(env, request, "idea_submit", now);
  if (!admission.admitted) throw admission.refusal();
  let stored = false;
  try {
    // A collision of 80 random bits will not happen; the retry keeps it harmless if it ever did.
    for (let attempt = 0; attempt < 3; attempt++) {
      const receipt = generateReceipt();
      const outcome = await insertIdea(env, {
        id: crypto.randomUUID(),
        receiptHash: await hashReceipt(receipt),
        input: idea,
        dayOffset: dayOffset(now),
        forgetSubmissionsBefore: addDays(dayOf(now), -SUBMISSION_RETENTION_DAYS),
        submission: opener && subHash ? { hash: subHash, sealedReceipt: await seal(receipt, opener, SEAL_PURPOSE) } : undefined,
      });
      // The stored day is read at commit; one that crosses midnight promises a day early, never late.
      if (outcome === "stored") {
        stored = true;
        return answer(receipt, dayOf(now), false);
      }
      if (outcome === "submission_taken") {
        // a concurrent retry of the same submission won the race
        const earlier = await replayedReceipt(env, opener!, subHash!);
        if (earlier) return answer(earlier.receipt, earlier.receivedOn, true);
      }
    }
    throw new Error("could not store an idea with a fresh receipt code");
  } finally {
    if (!stored) admission.giveBack();
  }
}

const WRONG_RECEIPT = () => new HttpError(404, "not_found", "No idea matches this receipt code. Check it and try again.");
const NO_PUBLISHED_IDEA = () => new HttpError(404, "not_found", "No published idea with this id.");

/**
 * Finds the idea a receipt belongs to. The secret is never compared in code:
 * its SHA-256 is looked up through the unique index, and malformed input is
 * hashed too, so a typo and a wrong code cost the same. A right receipt is
 * counted in `bucket` (its own limit) and never refused by the failure
 * limit: 80 random bits make guessing hopeless, and the failure limit exists
 * to slow scanning, not to lock out colleagues behind the same address.
 * Wrong codes are counted per client (in the isolate's memory, never the
 * address) and, past the failure limit, answered 429.
 */
export async function ideaForReceipt(
  env: IdeasEnv,
  request: Request,
  receipt: string,
  now: Date,
  bucket: "idea_track" | "idea_reply" = "idea_track",
): Promise<Idea> {
  const { valid, hash } = await hashReceiptInput(receipt);
  const idea = await findIdeaByReceiptHash(env, hash);
  if (idea && valid) {
    await enforceLimit(env, request, bucket, now);
    return idea;
  }
  return refuse(env, request, "idea_track_failure", now, WRONG_RECEIPT());
}

/** The published "me too" count's inputs: today, and the k the board steps with until it records one. */
function supportSteps(env: IdeasEnv, now: Date) {
  return { today: dayOf(now), minGroupSize: readConfig(env).minGroupSize };
}

/** The idea as its author sees it (src/lib/ideas/views.ts). */
async function tracked(env: IdeasEnv, idea: Idea, now: Date): Promise<TrackedIdea> {
  return trackedView(idea, await readIdeaParts(env, idea.id, supportSteps(env, now)), parseTerms(env).terms.ideaTextDays);
}

export async function trackIdea(env: IdeasEnv, request: Request, receipt: string, now: Date): Promise<TrackedIdea> {
  const idea = await ideaForReceipt(env, request, receipt, now);
  return tracked(env, idea, now);
}

export async function replyToIdea(env: IdeasEnv, request: Request, receipt: string, body: string, now: Date): Promise<TrackedIdea> {
  const idea = await ideaForReceipt(env, request, receipt, now, "idea_reply");
  const added = await addAuthorMessage(env, idea.id, body, dayOf(now));
  if (!added) {
    throw new HttpError(
      409,
      "conversation_full",
      "This conversation has reached its maximum number of replies. Please send a new idea instead.",
    );
  }
  return tracked(env, idea, now);
}

/** The author's last word: only once HR has answered or closed the idea. */
export async function giveVerdict(
  env: IdeasEnv,
  request: Request,
  input: { receipt: string; verdict: Verdict; comment?: string },
  now: Date,
): Promise<TrackedIdea> {
  const idea = await ideaForReceipt(env, request, input.receipt, now, "idea_reply");
  if (!hrHasAnswered(idea.status, await countHrMessages(env, idea.id))) {
    throw new HttpError(409, "not_answered_yet", "HR has not answered this idea yet; you can give your verdict once they have.");
  }
  const comment = input.comment !== undefined && visibleText(input.comment) !== "" ? input.comment : null;
  await setVerdict(env, idea.id, input.verdict, comment, dayOf(now));
  return tracked(env, (await readIdea(env, idea.id)) ?? idea, now);
}

export async function board(env: IdeasEnv, query: TBoardQuery, now: Date) {
  const config = readConfig(env);
  const today = dayOf(now);
  // The board's counts, "me too" included, step with the k they were first published with (migrations/0009_create_published_k.sql).
  const ks = await publishedK(env, [{ scope: "board", k: config.minGroupSize }]);
  const stepK = ks.get("board") ?? config.minGroupSize;
  const [{ ideas, truncated }, figures] = await Promise.all([
    listBoard(env, query, { today, stepK }),
    boardStats(env, { today, ackPromiseDays: config.ackPromiseDays, minGroupSize: Math.max(config.minGroupSize, stepK), stepK }),
  ]);
  return { ideas, truncated, stats: figures };
}

/**
 * "Me too": once per browser token (only its hash kept, per idea), only while
 * the idea is open, and capped per client (src/server/rate-limit.ts): all
 * "me too" requests in `idea_support`, and supports actually added to one
 * idea in `idea_support_per_idea` (a handful a day), so fresh browser tokens
 * from one address cannot inflate an idea. The count answered is the
 * published one, which a support given today does not move.
 */
export async function supportIdea(
  env: IdeasEnv,
  request: Request,
  ideaId: string,
  token: string,
  now: Date,
): Promise<{ supportCount: number }> {
  await enforceLimit(env, request, "idea_support", now);
  const perIdea = await admit(env, request, "idea_support_per_idea", now, ideaId);
  if (!perIdea.admitted) throw perIdea.refusal();
  let added: { outcome: SupportOutcome; count: number } | undefined;
  try {
    added = await addSupport(env, ideaId, await supportHash(ideaId, token), { ...supportSteps(env, now), dayOffset: dayOffset(now) });
  } finally {
    // only a support actually added counts against the idea's cap
    if (added?.outcome !== "added") perIdea.giveBack();
  }
  const { outcome, count } = added;
  if (outcome === "not_found") throw NO_PUBLISHED_IDEA();
  if (outcome === "already") throw new HttpError(409, "already_supported", "You have already supported this idea from this browser.");
  if (outcome === "closed") {
    throw new HttpError(409, "support_closed", "This idea is done, declined or a duplicate of another: it takes no new support.");
  }
  return { supportCount: count };
}

/** Takes back a "me too" given with the same browser token; counted against the same limit as giving one. */
export async function withdrawSupport(
  env: IdeasEnv,
  request: Request,
  ideaId: string,
  token: string,
  now: Date,
): Promise<{ supportCount: number }> {
  await enforceLimit(env, request, "idea_support", now);
  const { outcome, count } = await removeSupport(env, ideaId, await supportHash(ideaId, token), supportSteps(env, now));
  if (outcome === "not_found") throw NO_PUBLISHED_IDEA();
  if (outcome === "not_supported") throw new HttpError(409, "not_supported", "This browser has not supported this idea.");
  return { supportCount: count };
}

/** Hashed with the idea id so one browser's supports cannot be linked across ideas from the table. */
function supportHash(ideaId: string, token: string): Promise<string> {
  return sha256Hex(`${ideaId}:${token}`);
}
