// /results/access/: the static page with the list of HR's reads filled in on
// the server (src/server/read-log.ts); no JavaScript reaches the reader.
import type { AppEnv } from "#server/config.ts";
import { serveReadLogPage } from "#server/read-log.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ env, next }) => serveReadLogPage(env, await next(), "en");
