// Limits of the survey tools that the console island needs too: zod-free, so
// the island does not bundle the request schemas (./model.ts uses them).

/** The most invitation codes one request creates. */
export const MAX_CODES_PER_REQUEST = 500;
