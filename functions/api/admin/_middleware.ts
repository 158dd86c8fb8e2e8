// Every /api/admin path, known or not, needs HR credentials first: a caller
// without them learns nothing, not even which endpoints exist.
import { requireAdmin } from "../../../src/server/auth.ts";
import type { AppEnv } from "../../../src/server/config.ts";

export const onRequest: PagesFunction<AppEnv> = async ({ request, env, data, next }) => {
  data.admin = await requireAdmin(request, env);
  return next();
};
