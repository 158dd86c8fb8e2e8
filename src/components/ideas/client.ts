// Browser-side helpers shared by the suggestion-box islands.
import type { KeysOf } from "../../i18n/index.ts";
import type { Strings } from "../../i18n/translate.ts";

/** What the ideas pages hand their islands: pickStrings(locale, "ideas."). */
export type IdeaStrings = Strings<KeysOf<"ideas.">>;

export interface ApiAnswer<T> {
  status: number;
  body: T & { error?: { code: string; message: string; fields?: Record<string, string> } };
}

/** JSON in, JSON out; never puts anything in the URL but the path. */
export async function postJson<T>(path: string, data: unknown, method: "POST" | "DELETE" = "POST"): Promise<ApiAnswer<T>> {
  const response = await fetch(path, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(data),
    credentials: "same-origin",
  });
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = { error: { code: "bad_response", message: `HTTP ${response.status}` } };
  }
  return { status: response.status, body: body as ApiAnswer<T>["body"] };
}

export function errorMessage(body: { error?: { message: string; fields?: Record<string, string> } }): string {
  const fields = body.error?.fields ? Object.values(body.error.fields).join(" ") : "";
  return [body.error?.message, fields].filter(Boolean).join(" ");
}
