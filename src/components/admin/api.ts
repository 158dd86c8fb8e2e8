// The console's one way to call /api/admin. Behind Cloudflare Access the
// browser's Access cookie makes the edge add the signed header, so no token is
// needed; locally the HR token is sent as a bearer token. The token lives in
// sessionStorage only: this tab, until sign-out or the tab closes.
import type { KeysOf } from "#i18n/index.ts";
import type { Strings, Translator } from "#i18n/translate.ts";
import { apiFetch, callApi, errorOf, errorText, NETWORK_ERROR, responseJson, type ApiError, type ApiResult } from "../api-client.ts";

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

export type { ApiError, ApiResult };

function authorization(): Record<string, string> {
  const token = tokenStore.get() ?? memoryToken;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function adminApi<T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<ApiResult<T>> {
  return callApi<T>(path, { ...init, headers: authorization() });
}

/**
 * A file from /api/admin (the CSV export): fetched with the same credentials
 * as adminApi, handed back as a Blob with the name the server gave it.
 */
export async function adminDownload(
  path: string,
): Promise<{ ok: true; blob: Blob; name: string } | { ok: false; status: number; error: ApiError }> {
  const response = await apiFetch(path, { headers: authorization() });
  if (!response) return { ok: false, status: 0, error: NETWORK_ERROR };
  if (!response.ok) return { ok: false, status: response.status, error: errorOf(response.status, await responseJson(response)) };
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
export type AdminKey = KeysOf<"admin." | "ideas.status." | "ideas.category." | "ideas.textDeleted" | "identifying.kind.">;
export type AdminStrings = Strings<AdminKey>;
export type T = Translator<AdminKey>;

/** Refusals HR meets in the normal course of work, said in the console's language (the API's message is English). */
export const OWN_WORDS: Partial<Record<string, AdminKey>> = {
  network: "admin.network",
  consent_missing: "admin.honour.consentMissing",
  // publishing: what the server refuses in the course of HR's work (test/unit/admin-refusals.test.ts keeps this list whole)
  edit_conflict: "admin.refusal.edit_conflict",
  publish_conflict: "admin.refusal.publish_conflict",
  publish_incomplete: "admin.refusal.publish_incomplete",
  four_eyes: "admin.refusal.four_eyes",
  not_a_draft: "admin.refusal.not_a_draft",
  not_approved: "admin.refusal.not_approved",
  already_published: "admin.refusal.already_published",
  not_in_force: "admin.refusal.not_in_force",
  id_taken: "admin.refusal.id_taken",
  no_consent_needed: "admin.refusal.no_consent_needed",
  small_change: "admin.refusal.small_change",
  publishing_not_configured: "admin.refusal.publishing_not_configured",
  publish_unavailable: "admin.refusal.publish_unavailable",
  publish_refused: "admin.refusal.publish_refused",
  role_refused: "admin.refusal.role_refused",
  not_found: "admin.refusal.not_found",
  invalid_draft: "admin.refusal.invalid_draft",
  no_next_run: "admin.refusal.no_next_run",
  no_template: "admin.refusal.no_template",
};

export function describeError(t: T, error: ApiError): string {
  const own = OWN_WORDS[error.code];
  return own ? t(own) : t("admin.error", { message: errorText(error) });
}
