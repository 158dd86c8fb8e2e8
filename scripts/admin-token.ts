// The local HR token: `npm start` makes one in .dev.vars (gitignored, read by
// `wrangler pages dev`) the first time, so the console works locally without
// a configured secret, and nothing secret is ever written to a tracked file.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export const DEV_VARS = ".dev.vars";

/** The ADMIN_TOKEN in .dev.vars, created (256 random bits, base64url) when there is none. */
export function ensureLocalAdminToken(path = DEV_VARS): { token: string; created: boolean } {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const found = /^ADMIN_TOKEN\s*=\s*"?([^"\r\n]+)"?\s*$/m.exec(text)?.[1]?.trim();
  if (found) {
    if (found.length < 32)
      console.warn(`  ADMIN_TOKEN in ${path} is shorter than 32 characters: the server will refuse it. Delete the line to get a new one.`);
    return { token: found, created: false };
  }
  const token = randomBytes(32).toString("base64url");
  const line = `# HR console sign-in for local use (npm start made it; never commit this file)\nADMIN_TOKEN="${token}"\n`;
  writeFileSync(path, text && !text.endsWith("\n") ? `${text}\n${line}` : text + line, { mode: 0o600 });
  return { token, created: true };
}

/** The two local HR people of the four-eyes flow (one drafts, the other approves). */
export const LOCAL_HR = ["hr-one@localhost", "hr-two@localhost"] as const;

/** HR_TOKENS in .dev.vars, created with a random token for each of LOCAL_HR when there is none. */
export function ensureLocalHrTokens(path = DEV_VARS): { tokens: [string, string][]; created: boolean } {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const found = /^HR_TOKENS\s*=\s*"?([^"\r\n]+)"?\s*$/m.exec(text)?.[1]?.trim();
  if (found) return { tokens: found.split(",").map((e) => e.split("=") as [string, string]), created: false };
  const tokens = LOCAL_HR.map((name) => [name, randomBytes(32).toString("base64url")] as [string, string]);
  const line = `# Two named HR sign-ins, so a second person can approve a publication (npm start made them)\nHR_TOKENS="${tokens.map(([n, t]) => `${n}=${t}`).join(",")}"\n`;
  writeFileSync(path, text && !text.endsWith("\n") ? `${text}\n${line}` : text + line, { mode: 0o600 });
  return { tokens, created: true };
}
