// GET /policy/compare/go?from=…&to=…&lang=…: the version picker on
// /policy/compare/ is a plain form (policy pages ship no JavaScript); this
// sends the reader on to the static comparison page with a 303.
import { isLocale } from "#i18n/config.ts";
import { localizePath } from "#i18n/routing.ts";
import { comparePickerTarget } from "#lib/policy/versions.ts";

export const onRequestGet: PagesFunction = ({ request }) => {
  const params = new URL(request.url).searchParams;
  const lang = params.get("lang");
  const path = localizePath(isLocale(lang) ? lang : "en", comparePickerTarget(params.get("from"), params.get("to")));
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
};

export const onRequest: PagesFunction = () =>
  new Response("This address takes the version picker's GET form only.\n", {
    status: 405,
    headers: { Allow: "GET", "Content-Type": "text/plain; charset=utf-8" },
  });
