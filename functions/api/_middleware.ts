// Every /api call passes here: origin, size and media-type checks first, then
// the route; any thrown error becomes the JSON error shape.
import { readConfig, type AppEnv } from "../../src/server/config.ts";
import { API_HEADERS, checkBody, checkOrigin } from "../../src/server/guard.ts";
import { HttpError, errorResponse, httpErrorResponse } from "../../src/server/http.ts";

export const onRequest: PagesFunction<AppEnv> = async ({ request, env, next }) => {
  let response: Response;
  try {
    checkOrigin(request, readConfig(env).allowedOrigins);
    checkBody(request);
    response = await next();
  } catch (err) {
    if (err instanceof HttpError) {
      response = httpErrorResponse(err);
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
