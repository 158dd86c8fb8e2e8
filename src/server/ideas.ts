// The suggestion box's server logic, between the thin routes in
// functions/api/ideas/ and the SQL in db/ideas.ts: limits, receipts, and the
// rules about who may see and say what.
import { addDays, dayOf } from "../lib/clock.ts";
import { sha256Hex } from "../lib/hex.ts";
import { hrHasAnswered, visibleText, type TBoardQuery, type TIdeaInput, type TrackedIdea, type Verdict } from "../lib/ideas/model.ts";
import { generateReceipt, hashReceipt, hashReceiptInput } from "../lib/receipt.ts";
import { readClock } from "./clock.ts";
import { readConfig, type AppEnv } from "./config.ts";
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
  readTrackedIdea,
  setVerdict,
  type Idea,
} from "./db/ideas.ts";
import { HttpError } from "./http.ts";
import { seal, unseal } from "./seal.ts";
import { countHit, enforceLimit, peekHits, readLimits, tooManyRequests } from "./rate-limit.ts";
import { verifyTurnstile } from "./turnstile.ts";

type IdeasEnv = Pick<AppEnv, "DB" | "RATE_LIMITS" | "ACK_PROMISE_DAYS" | "MIN_GROUP_SIZE" | "CANDOR_ENV" | "CANDOR_TODAY"> & {
  TURNSTILE_SECRET_KEY?: string;
};

const SEAL_PURPOSE = "candor idea receipt";

/** Days a retry can still get its receipt back: records of ideas received earlier than this are deleted on the next submission. */
export const SUBMISSION_RETENTION_DAYS = 2;

/** Expects the id already lowercased (submitIdea does it once), so hash, seal and unseal all see the same string. */
function submissionHash(submissionId: string): Promise<string> {
  return sha256Hex(`idea-submission:${submissionId}`);
}

/** The receipt an earlier submission with this id was given, or null when there was none. */
async function replayedReceipt(env: IdeasEnv, submissionId: string, hash: string): Promise<string | null> {
  const sealed = await findSubmission(env, hash);
  if (sealed === null) return null;
  const receipt = await unseal(sealed, submissionId, SEAL_PURPOSE);
  // Only reachable when the stored row was sealed under a different spelling
  // of the id (or damaged): a definite answer the client can act on, not a 500.
  if (receipt === null) {
    throw new HttpError(
      409,
      "submission_conflict",
      "This submission id was already used and its receipt cannot be returned. Please send the idea again as a new submission.",
    );
  }
  return receipt;
}

/**
 * Stores a new idea and returns its receipt: the only time the code exists
 * outside the author's hands. With a submissionId, a retry
 * (the network failed after the server stored it) gets the same receipt back
 * and `replayed: true`, and nothing is stored twice, even when the retries
 * race each other.
 */
export async function submitIdea(
  env: IdeasEnv,
  request: Request,
  input: TIdeaInput,
  now: Date = readClock(env).now(),
): Promise<{ receipt: string; replayed: boolean }> {
  const { turnstileToken, ...rest } = input;
  const { submissionId: rawSubmissionId, ...idea } = rest;
  // UUIDs are case-insensitive and z.uuid accepts either case: one spelling from here on.
  const submissionId = rawSubmissionId?.toLowerCase();
  // Replays count too: each costs a key derivation, and unlimited ones would be a free way to load the server.
  await enforceLimit(env, request, "idea_submit", now);
  const subHash = submissionId ? await submissionHash(submissionId) : undefined;
  if (submissionId && subHash) {
    const earlier = await replayedReceipt(env, submissionId, subHash);
    if (earlier) return { receipt: earlier, replayed: true };
  }
  await verifyTurnstile(env, turnstileToken);
  // A collision of 80 random bits will not happen; the retry keeps it harmless if it ever did.
  for (let attempt = 0; attempt < 3; attempt++) {
    const receipt = generateReceipt();
    const outcome = await insertIdea(env, {
      id: crypto.randomUUID(),
      receiptHash: await hashReceipt(receipt),
      input: idea,
      day: dayOf(now),
      forgetSubmissionsBefore: addDays(dayOf(now), -SUBMISSION_RETENTION_DAYS),
      submission: submissionId && subHash ? { hash: subHash, sealedReceipt: await seal(receipt, submissionId, SEAL_PURPOSE) } : undefined,
    });
    if (outcome === "stored") return { receipt, replayed: false };
    if (outcome === "submission_taken") {
      // a concurrent retry of the same submission won the race
      const earlier = await replayedReceipt(env, submissionId!, subHash!);
      if (earlier) return { receipt: earlier, replayed: true };
    }
  }
  throw new Error("could not store an idea with a fresh receipt code");
}

const WRONG_RECEIPT = () => new HttpError(404, "not_found", "No idea matches this receipt code. Check it and try again.");

/**
 * Finds the idea a receipt belongs to. The secret is never compared in code:
 * its SHA-256 is looked up through the unique index, and malformed input is
 * hashed too, so a typo and a wrong code cost the same. Wrong codes are
 * counted per client (salted hash, never the address) and end in 429.
 */
export async function ideaForReceipt(env: IdeasEnv, request: Request, receipt: string, now: Date = readClock(env).now()): Promise<Idea> {
  await enforceLimit(env, request, "idea_track", now);
  const failureLimit = readLimits(env.RATE_LIMITS).idea_track_failure;
  const failures = await peekHits(env, request, "idea_track_failure", failureLimit, now);
  if (failures.hits >= failureLimit.limit) throw tooManyRequests(failures.retryAfter);
  const { valid, hash } = await hashReceiptInput(receipt);
  const idea = await findIdeaByReceiptHash(env, hash);
  if (idea && valid) return idea;
  await countHit(env, request, "idea_track_failure", failureLimit, now);
  throw WRONG_RECEIPT();
}

export async function trackIdea(env: IdeasEnv, request: Request, receipt: string, now: Date = readClock(env).now()): Promise<TrackedIdea> {
  const idea = await ideaForReceipt(env, request, receipt, now);
  return readTrackedIdea(env, idea);
}

export async function replyToIdea(
  env: IdeasEnv,
  request: Request,
  receipt: string,
  body: string,
  now: Date = readClock(env).now(),
): Promise<TrackedIdea> {
  await enforceLimit(env, request, "idea_reply", now);
  const idea = await ideaForReceipt(env, request, receipt, now);
  const added = await addAuthorMessage(env, idea.id, body, dayOf(now));
  if (!added) {
    throw new HttpError(
      409,
      "conversation_full",
      "This conversation has reached its maximum number of replies. Please send a new idea instead.",
    );
  }
  return readTrackedIdea(env, idea);
}

/** The author's last word: only once HR has answered or closed the idea. */
export async function giveVerdict(
  env: IdeasEnv,
  request: Request,
  input: { receipt: string; verdict: Verdict; comment?: string },
  now: Date = readClock(env).now(),
): Promise<TrackedIdea> {
  await enforceLimit(env, request, "idea_reply", now);
  const idea = await ideaForReceipt(env, request, input.receipt, now);
  if (!hrHasAnswered(idea.status, await countHrMessages(env, idea.id))) {
    throw new HttpError(409, "not_answered_yet", "HR has not answered this idea yet; you can give your verdict once they have.");
  }
  const comment = input.comment !== undefined && visibleText(input.comment) !== "" ? input.comment : null;
  await setVerdict(env, idea.id, input.verdict, comment, dayOf(now));
  return readTrackedIdea(env, (await readIdea(env, idea.id)) ?? idea);
}

export async function board(env: IdeasEnv, query: TBoardQuery, now: Date = readClock(env).now()) {
  const config = readConfig(env);
  const [{ ideas, truncated }, stats] = await Promise.all([
    listBoard(env, query),
    boardStats(env, { today: dayOf(now), ackPromiseDays: config.ackPromiseDays, minGroupSize: config.minGroupSize }),
  ]);
  return { ideas, truncated, stats };
}

/** "Me too": once per browser token (only its hash kept, per idea), capped per client by the salted-hash counter. */
export async function supportIdea(
  env: IdeasEnv,
  request: Request,
  ideaId: string,
  token: string,
  now: Date = readClock(env).now(),
): Promise<{ supportCount: number }> {
  await enforceLimit(env, request, "idea_support", now);
  // Hash with the idea id so one browser's supports cannot be linked across ideas from the table.
  const { outcome, count } = await addSupport(env, ideaId, await sha256Hex(`${ideaId}:${token}`));
  if (outcome === "not_found") throw new HttpError(404, "not_found", "No published idea with this id.");
  if (outcome === "already") throw new HttpError(409, "already_supported", "You have already supported this idea from this browser.");
  return { supportCount: count };
}
