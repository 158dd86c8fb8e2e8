// Unlinkable invitation tokens (docs/anonymity.md, "Invitation codes"): a
// verifiable oblivious PRF (RFC 9497, VOPRF mode, ristretto255-SHA512 with
// @noble/curves as voprf-ts's arithmetic; CPU figures in docs/deploy.md).
//
//   1. When the form opens, the browser picks a random token input x, blinds
//      it (B = r·H(x)) and sends the invitation code with B. The server marks
//      the code used and returns k·B with a proof that it used the survey's
//      published key. It never sees x.
//   2. The browser unblinds: y = Finalize(x, k·H(x)), after checking the proof.
//   3. With the answers, minutes or days later, it sends (x, y). The server
//      recomputes y from x, and stores only SHA-256(survey : x) as spent.
//
// Nothing stored at step 1 (the code's hash, B's hash) can be matched with
// anything stored at step 3: B is uniformly random whatever x is. The proof
// ties every evaluation to one public key per survey, served to everyone
// alike, so a server that used a different key per code (and could then tell
// codes apart at step 3) would be caught by the browser.
//
// This module holds the wire format (hex) and shapes both sides share, with
// no dependency (request schemas import it); the suite is in
// ./oprf.ts. The server's half is src/server/invitation-keys.ts,
// the browser's src/components/surveys/redeem.ts.

/** Bytes of a token input: random, chosen by the browser. */
export const TOKEN_INPUT_BYTES = 32;

/** Domain separation for the per-survey key derived from the deployment's seed. */
export function surveyKeyInfo(surveyId: string): Uint8Array {
  return new TextEncoder().encode(`candor invitation key v1: ${surveyId}`);
}

/** What the browser sends at submission, hex-encoded. */
export interface SpendableToken {
  input: string;
  output: string;
}

/** Hex lengths on the wire: input 32 bytes, output 64 bytes (SHA-512), blinded element and evaluation bounded. */
export const TOKEN_HEX = {
  input: TOKEN_INPUT_BYTES * 2,
  output: 64 * 2,
  blindedMax: 256,
} as const;
