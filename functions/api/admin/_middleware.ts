// Every /api/admin path, known or not, needs HR credentials first: a caller
// without them learns nothing, not even which endpoints exist — except the
// console's first question, GET /api/admin/me ("who is signed in here?"),
// which is answered {signedIn: false} rather than refused: asking it is not a
// failed sign-in, and the console must ask it before anyone has signed in.
import { requireAdmin } from "#server/auth.ts";
import type { AppEnv } from "#server/config.ts";
import { HttpError } from "#server/http.ts";

const isWhoAmI = (request: Request) => request.method === "GET" && new URL(request.url).pathname === "/api/admin/me";

export const onRequest: PagesFunction<AppEnv> = async ({ request, env, data, next }) => {
  try {
    data.admin = await requireAdmin(request, env);
  } catch (err) {
    // not configured (403) stays an error: the console says so
    if (!(err instanceof HttpError && err.status === 401 && isWhoAmI(request))) throw err;
  }
  return next();
};
