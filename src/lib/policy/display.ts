// A published policy version is a fixed record: its text is fingerprinted and
// cycle results cite the fingerprint, so its words cannot change. Its Chinese
// was written before the site's terms settled (客服服务主管, 需支持, 人力资源部门,
// "2026 年 7 月"), so pages show it in today's terms, while the record itself —
// the canonical download and its fingerprint — keeps every word as published.
// The Chinese policy page says so beside the fingerprint.
import type { Locale } from "#i18n/config.ts";
import { ZH_TERMS } from "../text/typography.ts";

type Replacement = string | ((match: string, ...groups: string[]) => string);

/** [as published, as shown]: the site's terms, then phrases of the records, applied in this order to Chinese text only. */
export const CURRENT_ZH_TERMS: readonly (readonly [string | RegExp, Replacement])[] = [
  ...ZH_TERMS,
  ["随机抽取不少于 20 次联系进行评审", "抽检不少于 20 通录音或会话"],
  ["帮助你重回正轨", "帮助你提升绩效"],
  ["受保护休整时间", "专门的休整时间"],
  // one date style: 2026年7月, 2026年第三季度, 12月7日
  [/(\d{4}) 年第 ([1-4]) 季度/g, (_match, year, quarter) => `${year}年第${"一二三四"[Number(quarter) - 1]}季度`],
  [/(\d{4}) 年/g, "$1年"],
  [/(\d{4})年 (\d{1,2}) 月/g, "$1年$2月"],
  [/(?<![\d.])(\d{1,2}) 月 (\d{1,2}) 日/g, "$1月$2日"],
];

/** Chinese text in the site's current terms; other languages as they are. */
export function inCurrentTerms(text: string, locale: Locale = "zh-cn"): string {
  if (locale !== "zh-cn") return text;
  let out = text;
  for (const [from, to] of CURRENT_ZH_TERMS) {
    out = typeof to === "string" ? out.replaceAll(from, to) : out.replaceAll(from, to);
  }
  return out;
}

/** A copy of a published record with every Chinese text ({"zh-cn": …}) in current terms, for pages to show. */
export function forDisplay<T>(record: T): T {
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === "string") return key === "zh-cn" ? inCurrentTerms(value) : value;
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return walk(record) as T;
}
