// Invitation codes for invitation-only surveys: shown to HR once, when
// generated; only a hash is stored (table survey_tokens). Written and read
// like every code people copy by hand (src/lib/codes.ts), so a code typed in
// a Chinese input method's full-width mode is the same code.
import { groupSymbols, parseCode, randomSymbols, type RandomBytes } from "../codes.ts";
import { sha256Hex } from "../hex.ts";

/** 12 symbols × 5 bits = 60 bits: not guessable within any rate limit. */
export const INVITATION_SYMBOLS = 12;

/** A fresh code, grouped for reading aloud or typing: "7KQ2-M9XD-4RTB". */
export function generateInvitationCode(random?: RandomBytes): string {
  return groupSymbols(randomSymbols(INVITATION_SYMBOLS, random));
}

/** The canonical grouped form of a typed code, or null when it cannot be one. */
export function parseInvitationCode(input: string): string | null {
  return parseCode(input, INVITATION_SYMBOLS);
}

/**
 * What survey_tokens stores for a code: SHA-256 of "<survey id>:<symbols
 * without dashes>", so a code opens only its own survey. Input that cannot be
 * a code is hashed too, as a value no code has, so it simply matches nothing.
 */
export function invitationCodeHash(surveyId: string, input: string): Promise<string> {
  const canonical = parseInvitationCode(input);
  return sha256Hex(`${surveyId}:${canonical === null ? "!".repeat(INVITATION_SYMBOLS) : canonical.replace(/-/g, "")}`);
}
