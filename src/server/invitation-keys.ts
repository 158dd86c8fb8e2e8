// The server's half of the unlinkable invitation tokens (the protocol is
// described in src/lib/invitation/token.ts): one VOPRF key per survey,
// derived (RFC 9497, DeriveKeyPair) from the deployment's secret seed, so a
// token from one survey is worthless in another and no private key is ever
// stored. The public half is committed in the survey's file
// (src/lib/invitation/key.ts): the server evaluates only when its own key is
// that one, and the browser checks the proof against it.
import { EvaluationRequest, VOPRFServer } from "@cloudflare/voprf-ts";
import { fromHex, sha256Hex, toHex } from "#lib/hex.ts";
import { DEV_INVITATION_KEY_SEED } from "#lib/invitation/key.ts";
import { TOKEN_CRYPTO, TOKEN_SUITE, deriveSurveyKeyPair } from "#lib/invitation/oprf.ts";
import { TOKEN_HEX, type SpendableToken } from "#lib/invitation/token.ts";
import { isLocalWorker } from "./clock.ts";
import type { AppEnv } from "./config.ts";
import { HttpError } from "./http.ts";

type KeyEnv = Pick<AppEnv, "INVITATION_KEY_SEED" | "CANDOR_ENV">;

/** What the server needs of a survey: its id and the key published with it. */
export interface KeyedSurvey {
  id: string;
  invitationKey?: string;
}

interface SurveyKey {
  publicKey: string;
  server: VOPRFServer;
}

// Derivation costs ~0.1 ms; the cache is per isolate, keyed by seed and survey.
const keys = new Map<string, Promise<SurveyKey>>();

const notConfigured = () =>
  new HttpError(
    503,
    "server_misconfigured",
    "Invitation codes cannot be used on this server yet: it is not fully configured. Nothing was stored.",
  );

function seedBytes(env: KeyEnv): Uint8Array {
  const seed = fromHex(env.INVITATION_KEY_SEED ?? "");
  if (!seed || seed.length < 32) {
    console.error(
      isLocalWorker(env)
        ? "INVITATION_KEY_SEED is missing from .dev.vars: npm start (or the test setup) writes one"
        : "INVITATION_KEY_SEED is missing or not 64 hex characters: invitation surveys are refused (see docs/deploy.md)",
    );
    throw notConfigured();
  }
  // The development seed is public: anyone could derive its keys and mint tokens.
  if (!isLocalWorker(env) && toHex(seed) === DEV_INVITATION_KEY_SEED) {
    console.error(
      "INVITATION_KEY_SEED is the public development seed: invitation surveys are refused. Set a random one and key the surveys with it (docs/deploy.md)",
    );
    throw notConfigured();
  }
  return seed;
}

async function surveyKey(env: KeyEnv, surveyId: string): Promise<SurveyKey> {
  const seed = seedBytes(env);
  const cacheKey = `${toHex(seed)}:${surveyId}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = deriveSurveyKeyPair(seed, surveyId).then(({ privateKey, publicKey }) => ({
      publicKey: toHex(publicKey),
      server: new VOPRFServer(TOKEN_SUITE, privateKey, TOKEN_CRYPTO),
    }));
    keys.set(cacheKey, key);
  }
  return key;
}

/** The public key (hex) this server derives for a survey id from its seed. */
export async function surveyPublicKey(env: KeyEnv, surveyId: string): Promise<string> {
  return (await surveyKey(env, surveyId)).publicKey;
}

/**
 * The survey's key, when this server's seed derives the one published with
 * the survey; otherwise 503, before any code is touched: the server never
 * evaluates under a key the browser was not given at build.
 */
async function publishedKey(env: KeyEnv, survey: KeyedSurvey): Promise<SurveyKey> {
  const key = await surveyKey(env, survey.id);
  if (key.publicKey === survey.invitationKey) return key;
  console.error(
    `INVITATION_KEY_SEED does not derive the key committed for survey ${survey.id} (${survey.invitationKey ?? "none"}; this server's: ${key.publicKey}): its codes are refused. Run INVITATION_KEY_SEED=… npm run survey:keys -- --check with the deployment's seed (docs/deploy.md)`,
  );
  throw new HttpError(
    503,
    "invitation_key_mismatch",
    "Invitation codes cannot be used on this server: its key for this survey is not the one published with the survey. Nothing was stored.",
  );
}

/** Resolves when this server can evaluate under the survey's published key; 503 otherwise. */
export async function checkPublishedKey(env: KeyEnv, survey: KeyedSurvey): Promise<void> {
  await publishedKey(env, survey);
}

/** The blinded element as sent, or a 422 naming the field. */
export function parseBlinded(hex: string): EvaluationRequest {
  const bytes = hex.length <= TOKEN_HEX.blindedMax ? fromHex(hex) : null;
  try {
    if (bytes) {
      const request = EvaluationRequest.deserialize(TOKEN_SUITE, bytes, TOKEN_CRYPTO);
      // exactly one token per code, and not the identity (whose evaluation would say nothing of the key)
      if (request.blinded.length === 1 && !request.blinded[0]!.isIdentity()) return request;
    }
  } catch {
    // not a point of the group
  }
  throw new HttpError(422, "validation_failed", "Some fields are missing or invalid.", {
    fields: { blinded: "Not a blinded token from this survey's form." },
  });
}

/** The survey's published key applied to the blinded element, with its proof (hex). */
export async function evaluateBlinded(env: KeyEnv, survey: KeyedSurvey, request: EvaluationRequest): Promise<string> {
  const { server } = await publishedKey(env, survey);
  return toHex((await server.blindEvaluate(request)).serialize());
}

/** Whether (input, output) is a token this survey's key evaluated. */
export async function verifyToken(env: KeyEnv, surveyId: string, token: SpendableToken): Promise<boolean> {
  const input = fromHex(token.input);
  const output = fromHex(token.output);
  if (!input || !output || token.input.length !== TOKEN_HEX.input || token.output.length !== TOKEN_HEX.output) return false;
  const { server } = await surveyKey(env, surveyId);
  try {
    return await server.verifyFinalize(input, output);
  } catch {
    return false;
  }
}

/** What survey_spent_tokens keeps of a spent token. */
export function spentTokenHash(surveyId: string, token: SpendableToken): Promise<string> {
  return sha256Hex(`${surveyId}:${token.input.toLowerCase()}`);
}
