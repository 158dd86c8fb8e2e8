import type { AppEnv } from "../../src/server/config.ts";
import { json } from "../../src/server/http.ts";
import { allow } from "../../src/server/route.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ env }) => {
  const row = await env.DB.prepare("SELECT 1 AS ok").first<{ ok: number }>();
  return json({ ok: row?.ok === 1, database: row?.ok === 1 ? "ok" : "unavailable" });
};

export const onRequest = allow("GET");
