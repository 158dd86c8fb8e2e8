// A survey's published key (docs/anonymity.md, "Invitation codes"): the VOPRF
// public key its invitation tokens are evaluated with. It is committed in the
// survey's content file, so a new key is a diff in git, built into the survey's
// page, listed at /results/keys/ and in the surveys feed. The form checks the
// server's evaluation against that built key only: a server that evaluated a
// code under any other key (one per person, to recognise the token later) is
// refused before the answers exist. The fingerprint is what people compare.
import { fromHex, toHex } from "../hex.ts";

/** A compressed ristretto255 point: 32 bytes, lower-case hex. */
export const INVITATION_KEY_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The seed `npm start` and the tests derive survey keys from, and so the seed
 * of the demo surveys' committed keys. Public on purpose (its bytes spell
 * "candor dev+test seed, not secret"): anyone can derive its private keys and
 * mint tokens, so a deployed Worker refuses it and `npm run deploy` refuses a
 * survey whose committed key was derived from it.
 */
export const DEV_INVITATION_KEY_SEED = "63616e646f72206465762b7465737420736565642c206e6f7420736563726574";

/** Hex digits of the fingerprint: 80 bits, out of reach of a search for a second key that looks the same. */
export const FINGERPRINT_DIGITS = 20;

/**
 * The first 80 bits of SHA-256 over the key's 32 bytes, in groups of four hex
 * digits ("3f2a 9c01 77b4 e2d0 11ab"): what
 * `printf %s KEY | xxd -r -p | sha256sum | cut -c1-20` prints, grouped.
 */
export async function keyFingerprint(publicKey: string): Promise<string> {
  const bytes = INVITATION_KEY_PATTERN.test(publicKey) ? fromHex(publicKey) : null;
  if (!bytes) throw new Error(`not a survey key: ${JSON.stringify(publicKey)}`);
  const digest = toHex(await crypto.subtle.digest("SHA-256", bytes)).slice(0, FINGERPRINT_DIGITS);
  return digest.match(/.{4}/g)!.join(" ");
}
