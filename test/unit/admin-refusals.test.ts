// What the server refuses while HR publishes, said in the console's language:
// every error code the publishing code can answer with has the console's own
// words in both languages, and a Chinese console shows none of the API's
// English message.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES, type Locale } from "#i18n/config.ts";
import { ui } from "#i18n/index.ts";
import { translator } from "#i18n/translate.ts";
import { describeError, OWN_WORDS, type T } from "../../src/components/admin/api.ts";

const DIR = "src/server/publishing";

/** The codes of every HttpError the publishing code throws (a call may run over several lines). */
function publishingCodes(): string[] {
  const codes = new Set<string>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(join(DIR, file), "utf8");
    for (const m of text.matchAll(/new HttpError\(\s*\d{3},\s*"([a-z_]+)"/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

const t = (locale: Locale) => translator({ locale, text: ui[locale] }) as unknown as T;

describe("the publishing refusals in HR's language", () => {
  it("has the console's own words for every code the publishing code answers with", () => {
    const codes = publishingCodes();
    expect(codes).toEqual(expect.arrayContaining(["edit_conflict", "four_eyes", "publish_conflict", "publish_incomplete", "role_refused"]));
    expect(codes.filter((c) => !OWN_WORDS[c])).toEqual([]);
    for (const code of codes) for (const l of LOCALES) expect(ui[l][OWN_WORDS[code]!], `${l} ${code}`).toMatch(/\S/);
  });

  it("shows none of the API's English in a Chinese console", () => {
    const english = "Someone else changed this file in the repository after the draft was made.";
    for (const code of publishingCodes()) {
      const said = describeError(t("zh-cn"), { code, message: english, status: 409 } as Parameters<typeof describeError>[1]);
      expect(said, code).not.toContain(english);
      expect(said.replace(/Candor/g, ""), code).not.toMatch(/[A-Za-z]{4,}/);
    }
  });
});
