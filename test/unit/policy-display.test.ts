// A published policy version shown in the site's current Chinese terms, while
// its record — what the fingerprint hashes — keeps every word as published.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { forDisplay, inCurrentTerms } from "#lib/policy/display.ts";
import { policyFingerprint } from "#lib/policy/fingerprint.ts";
import type { TPolicyVersion } from "#lib/policy/schema.ts";
import { ZH_TERMS, typographyProblems } from "#lib/text/typography.ts";

const record = JSON.parse(readFileSync(join(import.meta.dirname, "../../src/content/policy/2026-07.json"), "utf8")) as TPolicyVersion;

describe("policy text in current terms", () => {
  it("replaces every outdated term and writes dates one way", () => {
    expect(inCurrentTerms("客服服务主管奖励政策（2026 年 7 月版）")).toBe("客服主管奖励政策（2026年7月版）");
    expect(inCurrentTerms("最低等级更名为“需支持”")).toBe("最低等级更名为“待改进”");
    expect(inCurrentTerms("2026 年第 3 季度，12 月 7 日前")).toBe("2026年第三季度，12月7日前");
    for (const [old, now] of ZH_TERMS) expect(inCurrentTerms(`……${old}……`)).toBe(`……${now}……`);
  });

  it("leaves English alone, and only Chinese texts of a record change", () => {
    expect(inCurrentTerms("2026 年 7 月", "en")).toBe("2026 年 7 月");
    const shown = forDisplay(record);
    expect(shown.title.en).toBe(record.title.en);
    expect(shown.title["zh-cn"]).toBe("客服主管奖励政策（2026年7月版）");
    const chinese: string[] = [];
    const walk = (v: unknown, key?: string) => {
      if (typeof v === "string" && key === "zh-cn") chinese.push(v);
      else if (Array.isArray(v)) v.forEach((x) => walk(x));
      else if (v && typeof v === "object") Object.entries(v).forEach(([k, x]) => walk(x, k));
    };
    walk(shown);
    expect(chinese.join("\n")).not.toMatch(/需支持|客服服务主管|人力资源部门|\d{4} 年/);
    // the record itself is untouched
    expect(record.title["zh-cn"]).toBe("客服服务主管奖励政策（2026 年 7 月版）");
  });

  it("shows every Chinese text of every published version clean by the style's rules", () => {
    for (const file of ["2025-07.json", "2026-01.json", "2026-07.json"]) {
      const version = forDisplay(
        JSON.parse(readFileSync(join(import.meta.dirname, "../../src/content/policy", file), "utf8")) as TPolicyVersion,
      );
      const texts: string[] = [];
      const walk = (v: unknown, key?: string) => {
        if (typeof v === "string" && key === "zh-cn") texts.push(v);
        else if (Array.isArray(v)) v.forEach((x) => walk(x));
        else if (v && typeof v === "object") Object.entries(v).forEach(([k, x]) => walk(x, k));
      };
      walk(version);
      expect(texts.flatMap((t) => typographyProblems(t, "zh-cn").map((p) => `${file}: ${p.rule} ${p.near}`))).toEqual([]);
    }
  });

  it("never reaches the fingerprint: results cite the record", async () => {
    expect(await policyFingerprint(forDisplay(record))).not.toBe(await policyFingerprint(record));
  });
});
