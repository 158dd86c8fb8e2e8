// The server's half of the unlinkable invitation tokens (the protocol is
// described in src/lib/invitation-token.ts): one VOPRF key per survey,
// derived (RFC 9497, DeriveKeyPair) from the deployment's secret seed, so a
// token from one survey is worthless in another and no key is ever stored.
import { EvaluationRequest, Oprf, VOPRFServer, deriveKeyPair } from "@cloudflare/voprf-ts";
import { fromHex, sha256Hex, toHex } from "../lib/hex.ts";
import { TOKEN_CRYPTO, TOKEN_SUITE } from "../lib/invitation-oprf.ts";
import { TOKEN_HEX, surveyKeyInfo, type SpendableToken } from "../lib/invitation-token.ts";
import { isLocalWorker } from "./clock.ts";
import type { AppEnv } from "./config.ts";
import { HttpError } from "./http.ts";

type KeyEnv = Pick<AppEnv, "INVITATION_KEY_SEED" | "CANDOR_ENV">;

interface SurveyKey {
  publicKey: string;
  server: VOPRFServer;
}

// Derivation costs ~0.1 ms; the cache is per isolate, keyed by seed and survey.
const keys = new Map<string, Promise<SurveyKey>>();

function seedBytes(env: KeyEnv): Uint8Array {
  const seed = fromHex(env.INVITATION_KEY_SEED ?? "");
  if (seed && seed.length >= 32) return seed;
  console.error(
    isLocalWorker(env)
      ? "INVITATION_KEY_SEED is missing from .dev.vars: npm start (or the test setup) writes one"
      : "INVITATION_KEY_SEED is missing or not 64 hex characters: invitation surveys are refused (see docs/deploy.md)",
  );
  throw new HttpError(
    503,
    "server_misconfigured",
    "Invitation codes cannot be used on this server yet: it is not fully configured. Nothing was stored.",
  );
}

async function surveyKey(env: KeyEnv, surveyId: string): Promise<SurveyKey> {
  const seed = seedBytes(env);
  const cacheKey = `${toHex(seed)}:${surveyId}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = deriveKeyPair(Oprf.Mode.VOPRF, TOKEN_SUITE, seed, surveyKeyInfo(surveyId), TOKEN_CRYPTO).then(({ privateKey, publicKey }) => ({
      publicKey: toHex(publicKey),
      server: new VOPRFServer(TOKEN_SUITE, privateKey, TOKEN_CRYPTO),
    }));
    keys.set(cacheKey, key);
  }
  return key;
}

/** The survey's public key (hex), published to everyone alike so a per-person key would show. */
export async function surveyPublicKey(env: KeyEnv, surveyId: string): Promise<string> {
  return (await surveyKey(env, surveyId)).publicKey;
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

/** The survey key applied to the blinded element, with its proof (hex). */
export async function evaluateBlinded(env: KeyEnv, surveyId: string, request: EvaluationRequest): Promise<string> {
  const { server } = await surveyKey(env, surveyId);
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
