// GET /api/admin/me → {actor}: who the console is signed in as (the Access
// e-mail, or "admin-token"). The console asks this first; a 401 means "show
// the token form", a 403 "HR access is not configured here".
import { currentAdmin } from "../../../src/server/auth.ts";
import { json } from "../../../src/server/http.ts";
import { allow } from "../../../src/server/route.ts";

export const onRequestGet: PagesFunction = ({ data }) => json({ actor: currentAdmin(data).actor });

export const onRequest = allow("GET");
