// The fingerprint of a policy version: SHA-256 of its canonical form. Results
// record the fingerprint of the version that governed them, and the build
// refuses a version whose content no longer matches what its results cite, so
// "these tiers were awarded under these rules" can be checked by anyone:
// download the canonical form from the version's page, hash it, compare.
//
// The canonical form is the version as published, without `status` (which
// moves from "current" to "superseded" when a newer version lands, changing
// no rule) and without the optional prose: JSON with object keys sorted by
// code unit at every level and no insignificant whitespace, as in RFC 8785
// (JSON Canonicalization Scheme), encoded as UTF-8. Numbers and strings are
// written by JSON.stringify, which is what RFC 8785 specifies.
import { sha256Hex } from "../hex.ts";
import type { TPolicyVersion } from "./schema.ts";

/** Fields that are not part of a version's rules. */
const NOT_RULES = new Set(["status", "prose"]);

export function canonicalPolicy(version: TPolicyVersion): string {
  const rules = Object.fromEntries(Object.entries(version).filter(([key]) => !NOT_RULES.has(key)));
  return canonicalJson(rules);
}

/** RFC 8785: sorted keys, no whitespace; undefined members are left out as JSON.stringify leaves them out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("canonical JSON has no NaN or Infinity");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** Lower-case hex SHA-256 of the canonical form: what `sha256sum` prints for the downloaded file. */
export function policyFingerprint(version: TPolicyVersion): Promise<string> {
  return sha256Hex(canonicalPolicy(version));
}

export const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;
