// The browser's half of the unlinkable invitation tokens
// (src/lib/invitation/token.ts), with no I/O, so the form and the tests use
// the very same steps. Only the form imports it (lazily, on invitation
// surveys): open surveys never download the arithmetic.
import { Evaluation, FinalizeData, VOPRFClient } from "@cloudflare/voprf-ts";
import { fromHex, toHex } from "../hex.ts";
import { TOKEN_CRYPTO, TOKEN_SUITE } from "./oprf.ts";
import { TOKEN_INPUT_BYTES, type SpendableToken } from "./token.ts";

/** A redemption on its way: kept for the session so a lost answer can be asked for again with the same blinded token. */
export interface BlindedToken {
  /** Sent to the server with the code. */
  blinded: string;
  /** Never sent: the token input, its blind and the request, to unblind the answer. */
  finalizeData: string;
}

/** A fresh random token input, blinded for `publicKey`'s survey. */
export async function blindToken(publicKey: string): Promise<BlindedToken> {
  const client = new VOPRFClient(TOKEN_SUITE, keyBytes(publicKey), TOKEN_CRYPTO);
  const input = crypto.getRandomValues(new Uint8Array(TOKEN_INPUT_BYTES));
  const [finalizeData, request] = await client.blind([input]);
  return { blinded: toHex(request.serialize()), finalizeData: toHex(finalizeData.serialize()) };
}

/**
 * Unblinds the server's evaluation into the token sent with the answers.
 * Throws when the proof does not hold: the server did not use the survey's
 * published key (which could single this code out), or the answer was damaged.
 */
export async function finishToken(publicKey: string, pending: BlindedToken, evaluation: string): Promise<SpendableToken> {
  const client = new VOPRFClient(TOKEN_SUITE, keyBytes(publicKey), TOKEN_CRYPTO);
  const finalizeData = FinalizeData.deserialize(TOKEN_SUITE, bytes(pending.finalizeData), TOKEN_CRYPTO);
  const [output] = await client.finalize(finalizeData, Evaluation.deserialize(TOKEN_SUITE, bytes(evaluation), TOKEN_CRYPTO));
  return { input: toHex(finalizeData.inputs[0]!), output: toHex(output!) };
}

function bytes(hex: string): Uint8Array {
  const out = fromHex(hex);
  if (!out) throw new Error("not hex");
  return out;
}

function keyBytes(publicKey: string): Uint8Array {
  return bytes(publicKey);
}
