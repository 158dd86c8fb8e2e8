// Browser-side helpers shared by the suggestion-box islands.
import type { KeysOf } from "#i18n/index.ts";
import type { Strings } from "#i18n/translate.ts";
import { errorText, type ApiResult } from "../api-client.ts";

/** What the ideas pages hand their islands: pickStrings(locale, "ideas."). */
export type IdeaStrings = Strings<KeysOf<"ideas.">>;

/** What a call that did not give the expected answer says, for the "ideas.*.error" strings. */
export function failureText(res: ApiResult<unknown>): string {
  if (res.ok) return "";
  return res.status === 0 ? "network error" : errorText(res.error);
}
