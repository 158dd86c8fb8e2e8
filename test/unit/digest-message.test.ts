// The digest's message (src/lib/digest/model.ts): counts and survey titles,
// in both languages, and nothing else.
import { describe, expect, it } from "vitest";
import { useTranslations } from "#i18n/index.ts";
import { digestMessage, type Digest } from "#lib/digest/model.ts";

const digest: Digest = {
  today: "2026-12-08",
  since: "2026-12-07",
  ideas: { received: 3, replies: 2, waiting: 5, overdue: 1 },
  closing: [{ title: "November pulse", closes: "2026-12-10" }],
  unusedCodes: [{ title: "Supervisors' career survey", unused: 4 }],
  consoleUrl: "https://candor.example.org/admin/",
};

describe("the digest's message", () => {
  it("states each count, the surveys closing and the codes unused, with the console's address", () => {
    const m = digestMessage(digest, useTranslations("en"));
    expect(m.subject).toBe("Candor: what waits for HR on 2026-12-08");
    for (const part of [m.text, m.markdown]) {
      expect(part).toContain("New on 2026-12-07");
      expect(part).toMatch(/New ideas: \**3/);
      expect(part).toMatch(/New replies from authors: \**2/);
      expect(part).toMatch(/Ideas waiting for an answer: \**5/);
      expect(part).toMatch(/Ideas past the acknowledgement promise: \**1/);
      expect(part).toContain("November pulse: last day 2026-12-10");
      expect(part).toContain("Supervisors' career survey: 4");
      expect(part).toContain("https://candor.example.org/admin/");
    }
  });

  it("names the days counted when a channel missed some", () => {
    const m = digestMessage({ ...digest, since: "2026-12-05" }, useTranslations("en"));
    expect(m.text).toContain("New from 2026-12-05 to 2026-12-07");
  });

  it("reads in Chinese, with 'none' for empty lists and no link when none is set", () => {
    const m = digestMessage({ ...digest, closing: [], unusedCodes: [], consoleUrl: null }, useTranslations("zh-cn"));
    expect(m.subject).toBe("Candor：2026-12-08 待人力资源处理的事项");
    expect(m.text).toContain("新建议: 3");
    expect(m.text).toContain("- 无");
    expect(m.text).not.toContain("http");
  });
});
