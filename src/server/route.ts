// Pages Functions fall through to the next route when no export matches the
// method; each route file ends with `onRequest = allow(...)` so a wrong method
// is answered 405 with Allow instead of the catch-all's 404.
import { HttpError } from "./http.ts";

export function allow(...methods: string[]): PagesFunction {
  const list = methods.join(", ");
  return () => {
    throw new HttpError(405, "method_not_allowed", `This endpoint accepts ${list}.`, {
      headers: { Allow: list },
    });
  };
}
