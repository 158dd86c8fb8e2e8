// Receipt codes: the only link between an anonymous idea and its author. The
// author keeps the code; the server keeps only its SHA-256, so a database
// dump cannot be used to read anyone's follow-up. 80 random bits make guessing
// hopeless (and guesses are rate-limited on top).
//
// Crockford base32: digits and capitals without I, L, O, U, so a code read
// aloud or copied by hand survives (O is read as 0, I and L as 1).
import { sha256Hex } from "./hex.ts";

export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 16 symbols × 5 bits = 80 bits of entropy. */
export const RECEIPT_SYMBOLS = 16;
export const RECEIPT_BITS = RECEIPT_SYMBOLS * 5;
const GROUP = 4;

/** Encodes bytes as Crockford base32, most significant bit first. */
export function encodeCrockford(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

function group(symbols: string): string {
  return symbols.match(new RegExp(`.{1,${GROUP}}`, "g"))!.join("-");
}

/** A fresh receipt, e.g. "K7Q2-9XMD-4TRB-0HZE", from the platform CSPRNG. */
export function generateReceipt(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(RECEIPT_BITS / 8));
  return group(encodeCrockford(bytes));
}

const CONFUSABLES: Record<string, string> = { O: "0", I: "1", L: "1" };

/**
 * The canonical grouped form of what a person typed, or null when it cannot
 * be a receipt. Tolerates spaces, lowercase, full-width characters, missing or
 * extra dashes and the confusable letters Crockford maps (O→0, I/L→1).
 */
export function parseReceipt(input: string): string | null {
  if (typeof input !== "string" || input.length > 64) return null;
  // NFKC folds full-width letters, digits and dashes (a Chinese IME's default) to ASCII.
  const compact = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐‑–—_.]/g, "")
    .replace(/[OIL]/g, (c) => CONFUSABLES[c]!);
  if (compact.length !== RECEIPT_SYMBOLS) return null;
  for (const c of compact) if (!CROCKFORD_ALPHABET.includes(c)) return null;
  return group(compact);
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
