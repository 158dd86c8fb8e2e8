// UI strings for the ideas pages. Flat dotted keys; English is the reference.
export const ideas = {
  en: {},
  "zh-cn": {},
} as const satisfies { en: Record<string, string>; "zh-cn": Record<string, string> };
