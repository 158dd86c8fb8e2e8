// The scheduled Worker's wrangler.toml (workers/digest/): the same database
// and the same counting settings as the Pages project, one fixed daily hour,
// and no clock pin.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseVars } from "#build/vars.ts";

const pages = readFileSync("wrangler.toml", "utf8");
const worker = readFileSync("workers/digest/wrangler.toml", "utf8");
const field = (toml: string, name: string) => new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, "m").exec(toml)?.[1];

describe("the scheduled Worker's configuration", () => {
  it("binds the Pages project's D1 database (same name and id) as DB", () => {
    for (const name of ["binding", "database_name", "database_id"]) {
      expect(field(worker, name), name).toBeDefined();
      expect(field(worker, name), name).toBe(field(pages, name));
    }
  });

  it("counts with the Pages project's k and acknowledgement promise, and is never pinned", () => {
    const [p, w] = [parseVars(pages), parseVars(worker)];
    expect(w.MIN_GROUP_SIZE).toBe(p.MIN_GROUP_SIZE);
    expect(w.ACK_PROMISE_DAYS).toBe(p.ACK_PROMISE_DAYS);
    expect(w).not.toHaveProperty("CANDOR_ENV");
    expect(w).not.toHaveProperty("CANDOR_TODAY");
  });

  it("runs once a day at one fixed hour and minute, whatever happened", () => {
    const crons = /^crons\s*=\s*\[(.*)\]/m.exec(worker)?.[1]?.match(/"[^"]*"/g) ?? [];
    expect(crons).toHaveLength(1);
    expect(crons[0]).toMatch(/^"([0-5]?\d) ([01]?\d|2[0-3]) \* \* \*"$/);
  });
});
