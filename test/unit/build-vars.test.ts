import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildConfig, parseVars } from "#build/vars.ts";

describe("build-time vars", () => {
  it("reads [vars] and nothing outside it", () => {
    const toml = `name = "x"\n[vars]\nMIN_GROUP_SIZE = "7"\nALLOWED_ORIGINS = "https://a.example, https://b.example"\nESCAPED = "a\\"b"\n\n[[d1_databases]]\nbinding = "DB"\n`;
    expect(parseVars(toml)).toEqual({ MIN_GROUP_SIZE: "7", ALLOWED_ORIGINS: "https://a.example, https://b.example", ESCAPED: 'a"b' });
  });

  it("gives the pages the k the API enforces, from the real wrangler.toml", () => {
    const declared = /^MIN_GROUP_SIZE\s*=\s*"(\d+)"/m.exec(readFileSync("wrangler.toml", "utf8"));
    expect(declared).not.toBeNull();
    expect(buildConfig().minGroupSize).toBe(Math.max(3, Number(declared![1])));
  });
});
