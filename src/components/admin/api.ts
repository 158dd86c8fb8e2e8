// The console's one way to call /api/admin. Behind Cloudflare Access the
// browser's Access cookie makes the edge add the signed header, so no token is
// needed; locally the HR token is sent as a bearer token. The token lives in
// sessionStorage only: this tab, until sign-out or the tab closes.
import type { KeysOf } from "../../i18n/index.ts";
import type { Strings, Translator } from "../../i18n/translate.ts";

const TOKEN_KEY = "candor.admin.token";

export const tokenStore = {
  get(): string | null {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set(token: string) {
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // blocked storage: the token lives only in memory for this page
    }
    memoryToken = token;
  },
  clear() {
    memoryToken = null;
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // nothing kept
    }
  },
};
let memoryToken: string | null = null;

export interface ApiError {
  code: string;
  message: string;
  fields?: Record<string, string>;
  [extra: string]: unknown;
}

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; error: ApiError };

export async function adminApi<T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = tokenStore.get() ?? memoryToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (init.json !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "network" } };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok) return { ok: true, status: response.status, body: body as T };
  const error = (body as { error?: ApiError } | null)?.error ?? { code: "bad_response", message: `HTTP ${response.status}` };
  return { ok: false, status: response.status, error };
}

/** What a console page hands its island: pickStrings(locale, ...ADMIN_STRING_PREFIXES). */
export type AdminKey = KeysOf<"admin." | "ideas.status." | "ideas.category.">;
export type AdminStrings = Strings<AdminKey>;
export type T = Translator<AdminKey>;

export function describeError(t: T, error: ApiError): string {
  if (error.code === "network") return t("admin.network");
  const fields = error.fields ? Object.values(error.fields).join(" ") : "";
  return t("admin.error", { message: [error.message, fields].filter(Boolean).join(" ") });
}
