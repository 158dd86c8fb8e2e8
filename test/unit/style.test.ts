// The style guide's mechanical rules (docs/style-guide.md, src/lib/text/typography.ts)
// over every text a reader sees: the UI strings, the surveys and the policy
// content, in both languages.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ui } from "#i18n/index.ts";
import { withoutGlosses } from "#lib/text/bilingual.ts";
import { inCurrentTerms } from "#lib/policy/display.ts";
import { ZH_TERMS, beforeNumber, typographyProblems, type Language } from "#lib/text/typography.ts";

interface Text {
  where: string;
  language: Language;
  text: string;
}

const CONTENT = join(import.meta.dirname, "../../src/content");

/** Every localised string in a content JSON file: {"en"|"default": …, "zh-cn": …} objects, wherever they sit. */
function jsonTexts(file: string): Text[] {
  const out: Text[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (typeof v === "string" && (key === "en" || key === "default" || key === "zh-cn")) {
          // Published policy versions are a fixed record (their wording may carry the organisation's
          // Chinese terms in brackets, and Chinese written before the site's terms settled): pages show
          // English without those glosses (src/lib/text/bilingual.ts) and Chinese in current terms
          // (src/lib/policy/display.ts); that is the text checked.
          const record = file.startsWith("policy/");
          const shown = !record ? v : key === "en" ? withoutGlosses(v) : key === "zh-cn" ? inCurrentTerms(v) : v;
          out.push({ where: `${file} ${path}.${key}`, language: key === "zh-cn" ? "zh-cn" : "en", text: shown });
        } else walk(v, `${path}.${key}`);
      }
    }
  };
  walk(JSON.parse(readFileSync(join(CONTENT, file), "utf8")), "");
  return out;
}

/**
 * A content Markdown file: prose in the language its name says (2026-07.zh-cn.md),
 * or a file holding both — front matter with `en:` / `zh-cn:` values, and a body
 * in sections opened by <!-- en --> and <!-- zh-cn --> (the forum minutes).
 */
function markdownTexts(file: string): Text[] {
  const out: Text[] = [];
  let language: Language = file.endsWith(".zh-cn.md") ? "zh-cn" : "en";
  let frontMatter = false;
  readFileSync(join(CONTENT, file), "utf8")
    .split("\n")
    .forEach((raw, i) => {
      const where = `${file}:${i + 1}`;
      if (raw.trim() === "---") {
        frontMatter = !frontMatter;
        return;
      }
      if (frontMatter) {
        const m = /^\s*(en|zh-cn):\s*(.+)$/.exec(raw);
        if (m) out.push({ where, language: m[1] as Language, text: m[2]! });
        return; // other front-matter lines are structure, not prose
      }
      const marker = /^<!--\s*(en|zh-cn)\s*-->$/.exec(raw.trim());
      if (marker) {
        language = marker[1] as Language;
        return;
      }
      // prose only: code spans and link targets are not sentences
      const text = raw.replace(/`[^`]*`/g, "").replace(/\]\([^)]*\)/g, "]");
      if (text.trim()) out.push({ where, language, text });
    });
  return out;
}

function contentTexts(): Text[] {
  const out: Text[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(join(CONTENT, dir), { withFileTypes: true })) {
      const rel = join(dir, entry.name);
      if (entry.isDirectory()) visit(rel);
      else if (entry.name.endsWith(".json")) out.push(...jsonTexts(rel));
      else if (entry.name.endsWith(".md")) out.push(...markdownTexts(rel));
    }
  };
  for (const dir of readdirSync(CONTENT, { withFileTypes: true })) if (dir.isDirectory() && dir.name !== "loaders") visit(dir.name);
  return out;
}

// The printed invitation slip speaks both languages, each from its own strings
// (admin.slip.*, src/components/admin/Slips.tsx): no UI string mixes the two.
const uiTexts: Text[] = (["en", "zh-cn"] as const).flatMap((language) =>
  Object.entries(ui[language]).map(([key, text]): Text => ({ where: `UI string ${key}`, language, text })),
);

function problems(texts: Text[]): string[] {
  return texts.flatMap((t) => typographyProblems(t.text, t.language).map((p) => `${t.where}: ${p.message} — “${p.near}”`));
}

describe("style: punctuation a reader notices at once", () => {
  it("the rules catch what they are for", () => {
    expect(typographyProblems("权重: 20%", "zh-cn").map((p) => p.rule)).toEqual(["ascii-colon"]);
    expect(typographyProblems("满意度,解决率", "zh-cn").map((p) => p.rule)).toEqual(["ascii-comma"]);
    expect(typographyProblems("人力资源部 — 官方回复", "zh-cn").map((p) => p.rule)).toEqual(["single-dash"]);
    expect(typographyProblems("选择。。。", "zh-cn").map((p) => p.rule)).toEqual(["ellipsis"]);
    expect(typographyProblems("奖励(成本控制)", "zh-cn").map((p) => p.rule)).toEqual(["ascii-parens"]);
    for (const date of ["2026 年 7 月版", "2026 年第 3 季度", "2026年第3季度", "于 12 月 7 日前"]) {
      expect(
        typographyProblems(date, "zh-cn").map((p) => p.rule),
        date,
      ).toEqual(["date"]);
    }
    expect(typographyProblems("质检评分（分（满分 100））", "zh-cn").map((p) => p.rule)).toEqual(["nested-brackets"]);
    for (const [old] of ZH_TERMS)
      expect(
        typographyProblems(`请联系${old}`, "zh-cn").map((p) => p.rule),
        old,
      ).toEqual(["term"]);
    expect(typographyProblems("Reviewed against this budget (成本控制).", "en").map((p) => p.rule)).toEqual(["han-in-english"]);
    expect(typographyProblems("2026-12-04 ·5 questions", "en").map((p) => p.rule)).toEqual(["middle-dot-space"]);
  });

  it("leaves correct text alone", () => {
    for (const ok of [
      "权重：20%",
      "满意度、解决率和投诉率",
      "见 https://example.com",
      "最多 4000 个字符",
      "精益求精——持续改进",
      "客户满意度（CSAT）不低于 90%",
      "2026年12月7日",
      "2026年第三季度",
      "共 4 题，7 天内",
      "质检评分（满分 100 分）",
      "人力资源部将于12月7日前确认收到",
    ]) {
      expect(typographyProblems(ok, "zh-cn"), ok).toEqual([]);
    }
    for (const ok of ["Weight: 20%", "“Done” · 19 Nov", "Anonymous — no name is stored."]) {
      expect(typographyProblems(ok, "en"), ok).toEqual([]);
    }
  });

  it("every UI string follows them", () => {
    expect(problems(uiTexts)).toEqual([]);
  });

  it("every survey and policy text follows them", () => {
    const texts = contentTexts();
    expect(texts.length).toBeGreaterThan(200);
    expect(problems(texts)).toEqual([]);
  });
});

describe("style: a number after a Chinese phrase", () => {
  it("is spaced after a character, not after full-width punctuation, and English is untouched", () => {
    expect(beforeNumber("查看文字回答")).toBe("查看文字回答 ");
    expect(beforeNumber("导出答卷（CSV）")).toBe("导出答卷（CSV）");
    expect(beforeNumber("Read the comments")).toBe("Read the comments");
  });
});
