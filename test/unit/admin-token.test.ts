import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureLocalAdminToken } from "../../scripts/admin-token.ts";

const tmp = () => join(mkdtempSync(join(tmpdir(), "candor-devvars-")), ".dev.vars");

describe("npm start's local HR token", () => {
  it("creates a random 43-character token in a private .dev.vars when there is none, and keeps it afterwards", () => {
    const path = tmp();
    const first = ensureLocalAdminToken(path);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(path, "utf8")).toContain(`ADMIN_TOKEN="${first.token}"`);
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(ensureLocalAdminToken(path)).toEqual({ token: first.token, created: false });
    expect(ensureLocalAdminToken(tmp()).token).not.toBe(first.token);
  });

  it("keeps the other variables of an existing .dev.vars and an ADMIN_TOKEN already set", () => {
    const path = tmp();
    writeFileSync(path, "TURNSTILE_SECRET_KEY=abc");
    const made = ensureLocalAdminToken(path);
    expect(readFileSync(path, "utf8")).toMatch(/^TURNSTILE_SECRET_KEY=abc\n#.*\nADMIN_TOKEN="[^"]+"\n$/);
    const own = tmp();
    writeFileSync(own, `ADMIN_TOKEN = "${"k".repeat(40)}"\n`);
    expect(ensureLocalAdminToken(own)).toEqual({ token: "k".repeat(40), created: false });
    expect(made.created).toBe(true);
  });
});
