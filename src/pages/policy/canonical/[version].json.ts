// /policy/canonical/<version>.json: the canonical form of a published version,
// byte for byte what its fingerprint hashes, so anyone can check the
// fingerprint with sha256sum. One file for both languages (it holds both).
import type { APIContext } from "astro";
import { publishedPolicyRecords } from "#components/programme/collection.ts";
import { canonicalPolicy } from "#lib/policy/fingerprint.ts";

export async function getStaticPaths() {
  return (await publishedPolicyRecords()).filter((v) => v.status !== "draft").map((v) => ({ params: { version: v.version } }));
}

export async function GET(context: APIContext) {
  const version = (await publishedPolicyRecords()).find((v) => v.version === context.params.version)!;
  return new Response(canonicalPolicy(version), { headers: { "Content-Type": "application/json; charset=utf-8" } });
}
