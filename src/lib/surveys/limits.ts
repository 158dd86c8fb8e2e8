// Limits of the survey tools that the console island needs too: zod-free, so
// the island does not bundle the request schemas (./model.ts uses them).

/** The most invitation codes one request creates. */
export const MAX_CODES_PER_REQUEST = 500;

/** The largest audience a survey may be raised to: a headcount, not a number to overflow anything with. */
export const MAX_AUDIENCE = 1_000_000;
