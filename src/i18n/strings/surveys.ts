// UI strings for the surveys pages. Flat dotted keys; English is the reference.
export const surveys = {
  en: {},
  "zh-cn": {},
} as const satisfies { en: Record<string, string>; "zh-cn": Record<string, string> };
