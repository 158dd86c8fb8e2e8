// The invitation keys committed in src/content/surveys (src/lib/invitation/key.ts):
// derived from a seed, compared with the files, written into them. Used by
// `npm run survey:keys`, by `npm start` (does .dev.vars's seed fit the
// committed keys?) and by `npm run deploy` (never the development seed's keys,
// never keys the deployment's seed does not derive).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fromHex, toHex } from "#lib/hex.ts";
import { DEV_INVITATION_KEY_SEED } from "#lib/invitation/key.ts";
import { deriveSurveyKeyPair } from "#lib/invitation/oprf.ts";

export const SURVEYS_DIR = "src/content/surveys";

/** An invitation survey's file, its committed key and the key a seed derives for it. */
export interface KeyCheck {
  path: string;
  id: string;
  committed: string | undefined;
  derived: string;
}

/** The seed's bytes: at least 32, as hex (what `openssl rand -hex 32` prints). */
export function parseSeed(hex: string): Uint8Array {
  const bytes = fromHex(hex.trim());
  if (!bytes || bytes.length < 32) throw new Error("INVITATION_KEY_SEED must be at least 64 hex characters (openssl rand -hex 32)");
  return bytes;
}

/** Every invitation survey of `dir` with its committed key and the one `seedHex` derives, by file name. */
export async function checkKeys(seedHex: string, dir = SURVEYS_DIR): Promise<KeyCheck[]> {
  const seed = parseSeed(seedHex);
  const checks: KeyCheck[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const path = join(dir, name);
    const survey = JSON.parse(readFileSync(path, "utf8")) as { id?: unknown; access?: unknown; invitationKey?: unknown };
    if (survey.access !== "invitation" || typeof survey.id !== "string") continue;
    const { publicKey } = await deriveSurveyKeyPair(seed, survey.id);
    checks.push({
      path,
      id: survey.id,
      committed: typeof survey.invitationKey === "string" ? survey.invitationKey : undefined,
      derived: toHex(publicKey),
    });
  }
  return checks;
}

export const differing = (checks: KeyCheck[]) => checks.filter((c) => c.committed !== c.derived);

/**
 * The file's text with `invitationKey` set to `key`: the value replaced where
 * the field is, else a line added after `"access": "invitation"`, so the diff
 * is that one line and the file stays as Prettier writes it.
 */
export function withInvitationKey(text: string, key: string): string {
  const field = /^([ \t]*)"invitationKey"[ \t]*:[ \t]*"[^"\n]*"/m;
  const access = /^([ \t]*)("access"[ \t]*:[ \t]*"invitation")(,?)[ \t]*$/m;
  let out: string;
  if (field.test(text)) out = text.replace(field, (_, indent: string) => `${indent}"invitationKey": "${key}"`);
  else if (access.test(text))
    out = text.replace(access, (_, indent: string, line: string, comma: string) =>
      comma ? `${indent}${line},\n${indent}"invitationKey": "${key}",` : `${indent}${line},\n${indent}"invitationKey": "${key}"`,
    );
  else throw new Error('no "access": "invitation" line to put the key after');
  if ((JSON.parse(out) as { invitationKey?: unknown }).invitationKey !== key) throw new Error("the key could not be written");
  return out;
}

/** Writes the keys `seedHex` derives into the files whose key differs; returns every check, before writing. */
export async function writeKeys(seedHex: string, dir = SURVEYS_DIR): Promise<KeyCheck[]> {
  const checks = await checkKeys(seedHex, dir);
  for (const c of differing(checks)) writeFileSync(c.path, withInvitationKey(readFileSync(c.path, "utf8"), c.derived));
  return checks;
}

/**
 * Why the committed keys must not be deployed with `seedHex` (the deployment's
 * INVITATION_KEY_SEED, or undefined when the deploying shell lacks it): one
 * line per problem, none when they may.
 */
export async function deployKeyProblems(seedHex: string | undefined, dir = SURVEYS_DIR): Promise<string[]> {
  const dev = await checkKeys(DEV_INVITATION_KEY_SEED, dir);
  if (dev.length === 0) return [];
  const devKeyed = dev.filter((c) => c.committed === c.derived).map((c) => c.id);
  if (devKeyed.length > 0) {
    return [
      `${devKeyed.join(", ")} carr${devKeyed.length === 1 ? "ies" : "y"} the key of the public development seed, whose private keys anyone can derive. Run INVITATION_KEY_SEED=<the deployment's seed> npm run survey:keys, review and commit the change.`,
    ];
  }
  if (!seedHex) {
    return [
      "Set INVITATION_KEY_SEED in this shell to the value of the Pages secret: the deploy checks that it derives every invitation survey's committed key (the value goes nowhere else).",
    ];
  }
  let checks: KeyCheck[];
  try {
    checks = await checkKeys(seedHex, dir);
  } catch (err) {
    return [(err as Error).message];
  }
  return differing(checks).map(
    (c) =>
      `${c.path}: the committed key ${c.committed ?? "(none)"} is not the one INVITATION_KEY_SEED derives (${c.derived}); the Worker would refuse its codes. Run npm run survey:keys with the deployment's seed and commit the change.`,
  );
}
