// HTTP helpers shared by every Pages Function: the one JSON error shape
// (docs/design.md, "Errors"), JSON responses, and the single body parser.
import type { z } from "zod";
import type { ErrorBody, ErrorFields } from "#lib/api-error.ts";

export const MAX_BODY_BYTES = 32 * 1024;

type ErrorOptions = { fields?: ErrorFields; headers?: Record<string, string>; details?: Record<string, unknown> };

/** A foreseeable failure with its own status; the middleware renders it. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields?: ErrorFields;
  readonly headers?: Record<string, string>;
  readonly details?: Record<string, unknown>;

  constructor(status: number, code: string, message: string, options: ErrorOptions = {}) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.fields = options.fields;
    this.headers = options.headers;
    this.details = options.details;
  }
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(data), { ...init, headers });
}

export function errorResponse(status: number, code: string, message: string, options: ErrorOptions = {}): Response {
  const body: ErrorBody = { error: { ...options.details, code, message } };
  if (options.fields && Object.keys(options.fields).length > 0) body.error.fields = options.fields;
  return json(body, { status, headers: options.headers });
}

export function httpErrorResponse(err: HttpError): Response {
  return errorResponse(err.status, err.code, err.message, { fields: err.fields, headers: err.headers, details: err.details });
}

export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const mediaType = value.split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/**
 * Reads the body with a hard byte cap. Content-Length can be absent (chunked)
 * or wrong, so the cap is enforced on the bytes actually read.
 */
export async function readBodyText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HttpError(400, "malformed_json", "The request body is not valid UTF-8.");
  }
}

export function tooLarge(maxBytes = MAX_BODY_BYTES): HttpError {
  return new HttpError(413, "body_too_large", `The request body is larger than ${maxBytes} bytes.`);
}

/** Turns zod issues into per-field messages keyed by dotted path ("answers.q1"). */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): ErrorFields {
  // Keyed by what the client sent: on a plain object, "__proto__" would set the
  // prototype and "constructor" would read Object's own, and neither field be named.
  const fields: ErrorFields = Object.create(null) as ErrorFields;
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key].join(".");
        fields[path] ??= "Unknown field.";
      }
      continue;
    }
    const path = issue.path.length > 0 ? issue.path.join(".") : "body";
    fields[path] ??= issue.message;
  }
  return fields;
}

/**
 * The one body parser: 415 when not JSON, 413 when too large, 400 when the
 * JSON is malformed, 422 with per-field details when it does not fit `schema`.
 */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_BODY_BYTES): Promise<z.infer<S>> {
  if (!isJsonContentType(request.headers.get("Content-Type"))) {
    throw new HttpError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  const text = await readBodyText(request, maxBytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new HttpError(400, "malformed_json", "The request body is not valid JSON.");
  }
  const broken = illFormedText(data);
  if (broken !== null) {
    throw new HttpError(422, "validation_failed", "Some fields are missing or invalid.", {
      fields: { [broken]: "Text with a lone surrogate is not valid Unicode; nothing was stored." },
    });
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new HttpError(422, "validation_failed", "Some fields are missing or invalid.", {
      fields: issuesToFields(result.error.issues),
    });
  }
  return result.data;
}

/** The one query parser: empty parameters are absent, unknown or invalid ones are 422 with per-field details. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const result = schema.safeParse(params);
  if (!result.success) {
    throw new HttpError(422, "validation_failed", "Some query parameters are invalid.", { fields: issuesToFields(result.error.issues) });
  }
  return result.data;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The dotted path of the first string (key or value) that is not well-formed
 * Unicode, or null. JSON may carry a lone surrogate ("\ud800"); D1 would
 * store it as U+FFFD, so what was acknowledged would not be what is kept.
 * Walked with a stack of its own, not by recursion: a body nested thousands
 * deep fits in 32 KB and would overflow the call stack (a 500).
 */
export function illFormedText(value: unknown, path: string[] = []): string | null {
  // each entry keeps its parent, not a copy of its path: a deep body stays linear
  interface Node {
    value: unknown;
    key: string | null;
    parent: Node | null;
  }
  const pathOf = (node: Node | null, last?: string): string => {
    const keys: string[] = last === undefined ? [] : [last];
    for (let n = node; n !== null && n.key !== null; n = n.parent) keys.push(n.key);
    return [...path, ...keys.reverse()].join(".") || "body";
  };
  const stack: Node[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node.value === "string") {
      if (LONE_SURROGATE.test(node.value)) return pathOf(node);
      continue;
    }
    if (node.value === null || typeof node.value !== "object") continue;
    const entries = Object.entries(node.value);
    for (const [key] of entries) if (LONE_SURROGATE.test(key)) return pathOf(node, key.replace(LONE_SURROGATE, "\uFFFD"));
    // in reverse, so members are looked at in order
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], key: entries[i]![0], parent: node });
  }
  return null;
}
