// Codes people copy by hand: receipts (src/lib/receipt.ts) and invitation
// codes (src/lib/invitation/codes.ts) are both written in Crockford base32 and read
// back by the one forgiving reader below, so what one accepts the other does.
//
// Crockford base32: digits and capitals without I, L, O, U, so a code read
// aloud or copied by hand survives (O is read as 0, I and L as 1).

export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Symbols per group in the printed form: "K7Q2-9XMD-4TRB". */
export const GROUP_SIZE = 4;

/** Longer input is refused before any work: no code is near this long, however it is spaced. */
export const MAX_TYPED_LENGTH = 64;

export type RandomBytes = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array;

const csprng: RandomBytes = (bytes) => crypto.getRandomValues(bytes);

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

/** `count` random symbols (5 bits each) from the platform CSPRNG, or from `random` in tests. */
export function randomSymbols(count: number, random: RandomBytes = csprng): string {
  const bytes = random(new Uint8Array(Math.ceil((count * 5) / 8)));
  return encodeCrockford(bytes).slice(0, count);
}

/** "K7Q29XMD4TRB" → "K7Q2-9XMD-4TRB". */
export function groupSymbols(compact: string): string {
  return compact.match(new RegExp(`.{1,${GROUP_SIZE}}`, "g"))?.join("-") ?? "";
}

const CONFUSABLES: Record<string, string> = { O: "0", I: "1", L: "1" };

/**
 * What a person typed, folded to bare symbols: NFKC turns the full-width
 * letters, digits and dashes of a Chinese input method's default mode into
 * ASCII; then case, white space and dashes (and minus signs, dots,
 * underscores) of any kind are dropped, and the letters Crockford maps are read as digits (O→0, I/L→1).
 * Does not check the result: see parseCode.
 */
export function compactCode(input: string): string {
  return input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\p{Pd}\u2212_.·]/gu, "")
    .replace(/[OIL]/g, (c) => CONFUSABLES[c]!);
}

/**
 * The canonical grouped form of a typed code of `symbols` symbols, or null
 * when the input cannot be one (wrong length, a symbol outside the alphabet,
 * not a string, or absurdly long).
 */
export function parseCode(input: unknown, symbols: number): string | null {
  if (typeof input !== "string" || input.length > MAX_TYPED_LENGTH) return null;
  const compact = compactCode(input);
  if (compact.length !== symbols) return null;
  for (const c of compact) if (!CROCKFORD_ALPHABET.includes(c)) return null;
  return groupSymbols(compact);
}
