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

/**
 * A file from /api/admin (the CSV export): fetched with the same credentials
 * as adminApi, handed back as a Blob with the name the server gave it.
 */
export async function adminDownload(
  path: string,
): Promise<{ ok: true; blob: Blob; name: string } | { ok: false; status: number; error: ApiError }> {
  const headers: Record<string, string> = {};
  const token = tokenStore.get() ?? memoryToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { headers, credentials: "same-origin", cache: "no-store" });
  } catch {
    return { ok: false, status: 0, error: { code: "network", message: "network" } };
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: ApiError } | null;
    return { ok: false, status: response.status, error: body?.error ?? { code: "bad_response", message: `HTTP ${response.status}` } };
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "download.csv";
  return { ok: true, blob: await response.blob(), name };
}

/** Saves a Blob as a file the way a download link would. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** What a console page hands its island: pickStrings(locale, ...ADMIN_STRING_PREFIXES). */
export type AdminKey = KeysOf<"admin." | "ideas.status." | "ideas.category." | "identifying.kind.">;
export type AdminStrings = Strings<AdminKey>;
export type T = Translator<AdminKey>;

export function describeError(t: T, error: ApiError): string {
  if (error.code === "network") return t("admin.network");
  const fields = error.fields ? Object.values(error.fields).join(" ") : "";
  return t("admin.error", { message: [error.message, fields].filter(Boolean).join(" ") });
}
