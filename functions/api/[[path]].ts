// Any /api path no route claims: a JSON 404, never the site's HTML page.
import { HttpError } from "#server/http.ts";

export const onRequest: PagesFunction = ({ request }) => {
  throw new HttpError(404, "not_found", `No API endpoint at ${new URL(request.url).pathname}.`);
};
