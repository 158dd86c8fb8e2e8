// /zh-cn/results/access/: the Chinese page, filled in like the English one.
import type { AppEnv } from "../../../../src/server/config.ts";
import { serveReadLogPage } from "../../../../src/server/read-log.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ env, next }) => serveReadLogPage(env, await next(), "zh-cn");
