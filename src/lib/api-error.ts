// The one JSON error shape every endpoint answers with (docs/design.md,
// "Errors"): written by src/server/http.ts, read by the browser's API client
// (src/components/api-client.ts). Types only, so both sides can import it.

/** Per-field messages keyed by dotted path ("answers.q1"). */
export type ErrorFields = Record<string, string>;

export interface ApiError {
  code: string;
  message: string;
  fields?: ErrorFields;
  /** Extra machine-readable data some errors carry (the identifying spans, the current state on a conflict). */
  [extra: string]: unknown;
}

/** A response body that is an error: `{"error":{"code","message","fields"?}}`. */
export interface ErrorBody {
  error: ApiError;
}
