import type { AppEnv } from "#server/config.ts";
import { json } from "#server/http.ts";
import { allow } from "#server/route.ts";

// A monitor needs "the database is down" as an answer, not a 500.
export const onRequestGet: PagesFunction<AppEnv> = async ({ env }) => {
  try {
    const row = await env.DB.prepare("SELECT 1 AS ok").first<{ ok: number }>();
    if (row?.ok === 1) return json({ ok: true, database: "ok" });
  } catch (err) {
    console.error("health: database check failed", err);
  }
  return json({ ok: false, database: "unavailable" }, { status: 503 });
};

export const onRequest = allow("GET");
