// Receipt codes: the only link between an anonymous idea and its author. The
// author keeps the code; the server keeps only its SHA-256, so a database
// dump cannot be used to read anyone's follow-up. 80 random bits make guessing
// hopeless (and guesses are rate-limited on top). Written and read like every
// code people copy by hand (src/lib/codes.ts).
import { parseCode, randomSymbols, groupSymbols, type RandomBytes } from "./codes.ts";
import { sha256Hex } from "./hex.ts";

/** 16 symbols × 5 bits = 80 bits of entropy. */
export const RECEIPT_SYMBOLS = 16;
export const RECEIPT_BITS = RECEIPT_SYMBOLS * 5;

/** A fresh receipt, e.g. "K7Q2-9XMD-4TRB-0HZE", from the platform CSPRNG. */
export function generateReceipt(random?: RandomBytes): string {
  return groupSymbols(randomSymbols(RECEIPT_SYMBOLS, random));
}

/**
 * The canonical grouped form of what a person typed, or null when it cannot
 * be a receipt. Tolerates spaces, lowercase, full-width characters, missing or
 * extra dashes and the confusable letters Crockford maps (O→0, I/L→1).
 */
export function parseReceipt(input: string): string | null {
  return parseCode(input, RECEIPT_SYMBOLS);
}

/** Hex SHA-256 of the canonical code without dashes: what the database stores and looks up. */
export function hashReceipt(canonical: string): Promise<string> {
  return sha256Hex(canonical.replace(/-/g, ""));
}

/**
 * Hash for any input, valid or not, with the same work either way: a
 * malformed code is hashed too (as a value no receipt can have), so response
 * time does not tell a typo from a wrong code.
 */
export async function hashReceiptInput(input: string): Promise<{ valid: boolean; hash: string }> {
  const canonical = parseReceipt(input);
  const hash = await hashReceipt(canonical ?? "!".repeat(RECEIPT_SYMBOLS));
  return { valid: canonical !== null, hash };
}
