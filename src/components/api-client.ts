// The islands' one way to call /api: JSON in, JSON out, and every failure
// read as the shared error shape (src/lib/api-error.ts). Callers choose the
// credentials (the survey form sends none) and extra headers (the console's
// bearer token); nothing but the path ever goes in the URL.
import type { ApiError, ErrorBody } from "#lib/api-error.ts";

export type { ApiError, ErrorBody };

export interface ApiCall {
  method?: string;
  /** Sent as the JSON body; absent means no body. */
  json?: unknown;
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
}

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; error: ApiError };

/** The error a caller sees when no answer came at all. */
export const NETWORK_ERROR: ApiError = { code: "network", message: "network" };

/** The request as fetch sends it; null when the network failed (no answer at all). */
export async function apiFetch(path: string, call: ApiCall = {}): Promise<Response | null> {
  const headers: Record<string, string> = { Accept: "application/json", ...call.headers };
  if (call.json !== undefined) headers["Content-Type"] = "application/json";
  try {
    return await fetch(path, {
      method: call.method ?? (call.json === undefined ? "GET" : "POST"),
      headers,
      body: call.json === undefined ? undefined : JSON.stringify(call.json),
      credentials: call.credentials ?? "same-origin",
      cache: "no-store",
    });
  } catch {
    return null;
  }
}

/** The parsed JSON body, or null when there is none (a proxy's HTML page, an empty 204). */
export async function responseJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/** The error a failed answer carries; something in between that sent no envelope reads as `bad_response`. */
export function errorOf(status: number, body: unknown): ApiError {
  const error = (body as Partial<ErrorBody> | null)?.error;
  return error && typeof error.code === "string" ? error : { code: "bad_response", message: `HTTP ${status}` };
}

export async function callApi<T>(path: string, call: ApiCall = {}): Promise<ApiResult<T>> {
  const response = await apiFetch(path, call);
  if (!response) return { ok: false, status: 0, error: NETWORK_ERROR };
  const body = await responseJson(response);
  if (response.ok) return { ok: true, status: response.status, body: body as T };
  return { ok: false, status: response.status, error: errorOf(response.status, body) };
}

/** The message and the per-field messages of an error, as one line. */
export function errorText(error: Pick<ApiError, "message" | "fields"> | undefined): string {
  const fields = error?.fields ? Object.values(error.fields).join(" ") : "";
  return [error?.message, fields].filter(Boolean).join(" ");
}
