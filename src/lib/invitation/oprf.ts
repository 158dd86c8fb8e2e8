// The VOPRF suite of the invitation tokens (src/lib/invitation/token.ts),
// shared by the server and the browser: ristretto255-SHA512 (RFC 9497), with
// @noble/curves as voprf-ts's arithmetic — its default (sjcl) costs about
// 45 times more CPU per evaluation (docs/anonymity.md, "Why a VOPRF").
import { Oprf, deriveKeyPair } from "@cloudflare/voprf-ts";
import { CryptoNoble } from "@cloudflare/voprf-ts/crypto-noble";
import { surveyKeyInfo } from "./token.ts";

export const TOKEN_SUITE = Oprf.Suite.RISTRETTO255_SHA512;
export const TOKEN_CRYPTO = CryptoNoble;

/**
 * One survey's key pair (RFC 9497 DeriveKeyPair) from a deployment's seed:
 * the server derives it to evaluate, `npm run survey:keys` to write the
 * public half into the survey's file.
 */
export function deriveSurveyKeyPair(seed: Uint8Array, surveyId: string): Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }> {
  return deriveKeyPair(Oprf.Mode.VOPRF, TOKEN_SUITE, seed, surveyKeyInfo(surveyId), TOKEN_CRYPTO);
}
