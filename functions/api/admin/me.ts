// GET /api/admin/me → {signedIn: true, actor} or {signedIn: false}: who the
// console is signed in as (the Access e-mail, or "admin-token"). The console
// asks this first; without credentials, or with a token or Access sign-in the
// server refuses, the answer is {signedIn: false} (the middleware lets only
// this question through) and the console shows the token form; a 403 means
// "HR access is not configured here".
import type { Admin } from "#server/auth.ts";
import { json } from "#server/http.ts";
import { allow } from "#server/route.ts";

export const onRequestGet: PagesFunction = ({ data }) => {
  const admin = data.admin as Admin | undefined;
  return json(admin ? { signedIn: true, actor: admin.actor } : { signedIn: false });
};

export const onRequest = allow("GET");
