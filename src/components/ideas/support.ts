// "Me too" from this browser: a random token kept in localStorage (the server
// stores only a hash of it, per idea) and the list of ideas this browser
// supports, so the board can show the button pressed and take a support back.
import { toHex } from "#lib/hex.ts";
import { callApi } from "../api-client.ts";

const TOKEN_KEY = "candor.ideas.supportToken";
const SUPPORTED_KEY = "candor.ideas.supported";

let memoryToken: string | null = null;

/** The browser's token; where storage is blocked it lasts as long as the page. */
export function supportToken(): string {
  const fresh = () => toHex(crypto.getRandomValues(new Uint8Array(24)));
  try {
    let token = localStorage.getItem(TOKEN_KEY);
    if (!token) {
      token = fresh();
      localStorage.setItem(TOKEN_KEY, token);
    }
    return token;
  } catch {
    return (memoryToken ??= fresh());
  }
}

export function readSupported(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(SUPPORTED_KEY) ?? "[]");
    return Array.isArray(list) ? list.filter((x) => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function saveSupported(list: string[]): void {
  try {
    localStorage.setItem(SUPPORTED_KEY, JSON.stringify(list));
  } catch {
    // storage blocked: the server still knows this page's token
  }
}

export type SupportResult = { ok: true; supported: boolean; count?: number } | { ok: false; reason: "closed" | "failed" };

/**
 * Gives (`on`) or takes back a support. "Already supported" and "not
 * supported" are answers too: they say what the server holds, and the board
 * follows it.
 */
export async function setSupport(ideaId: string, on: boolean): Promise<SupportResult> {
  const path = `/api/ideas/${encodeURIComponent(ideaId)}/support`;
  const res = await callApi<{ supportCount: number }>(path, { method: on ? "POST" : "DELETE", json: { token: supportToken() } });
  if (res.ok)
    return res.status === 201 || res.status === 200
      ? { ok: true, supported: on, count: res.body.supportCount }
      : { ok: false, reason: "failed" };
  const code = res.error.code;
  if (code === "already_supported") return { ok: true, supported: true };
  if (code === "not_supported") return { ok: true, supported: false };
  if (code === "support_closed") return { ok: false, reason: "closed" };
  return { ok: false, reason: "failed" };
}
