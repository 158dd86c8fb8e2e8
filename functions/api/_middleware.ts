// Every /api call passes here: origin, size and media-type checks first, then
// the route; any thrown error becomes the JSON error shape.
import { readConfig, type AppEnv } from "#server/config.ts";
import { API_HEADERS, checkBody, checkOrigin } from "#server/guard.ts";
import { HttpError, errorResponse, httpErrorResponse } from "#server/http.ts";
import { STORAGE_RETRY_AFTER_SECONDS, isStorageUnavailable } from "#server/storage-errors.ts";

export const onRequest: PagesFunction<AppEnv> = async ({ request, env, next }) => {
  let response: Response;
  try {
    checkOrigin(request, readConfig(env).allowedOrigins);
    checkBody(request);
    // Pages matches no route for a path with an empty segment ("/api//surveys"),
    // not even the catch-all, and would fall through to the static site's
    // HTML 404 page. Every /api answer is JSON.
    if (new URL(request.url).pathname.includes("//")) {
      throw new HttpError(404, "not_found", `No API endpoint at ${new URL(request.url).pathname}.`);
    }
    response = await next();
    // Anything else no function claims, should a route ever be missing: JSON all the same.
    if ((response.headers.get("Content-Type") ?? "").startsWith("text/html")) {
      throw new HttpError(404, "not_found", `No API endpoint at ${new URL(request.url).pathname}.`);
    }
  } catch (err) {
    if (err instanceof HttpError) {
      response = httpErrorResponse(err);
    } else if (isStorageUnavailable(err)) {
      // D1 failed for a moment: the batch stored nothing, and a retry with the same submission id stores once
      console.warn("database unavailable", err);
      response = errorResponse(
        503,
        "storage_unavailable",
        "The database did not answer. Nothing was saved; please try again in a moment.",
        {
          headers: { "Retry-After": String(STORAGE_RETRY_AFTER_SECONDS) },
        },
      );
    } else {
      // A 500 is a bug: log the detail for the operator, tell the client nothing more.
      console.error("unhandled API error", err);
      response = errorResponse(500, "internal_error", "Something went wrong on our side. Nothing was saved twice; please try again.");
    }
  }
  // Responses from fetch() or the asset server are immutable: copy before decorating.
  response = new Response(response.body, response);
  for (const [name, value] of Object.entries(API_HEADERS)) response.headers.set(name, value);
  return response;
};
