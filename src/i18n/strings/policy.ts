// UI strings for the policy pages. Flat dotted keys; English is the reference.
export const policy = {
  en: {},
  "zh-cn": {},
} as const satisfies { en: Record<string, string>; "zh-cn": Record<string, string> };
