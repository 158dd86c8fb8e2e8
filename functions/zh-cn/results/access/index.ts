// /zh-cn/results/access/: the Chinese page, filled in like the English one.
import type { AppEnv } from "#server/config.ts";
import { serveReadLogPage } from "#server/read-log.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ env, next }) => serveReadLogPage(env, await next(), "zh-cn");
