// `npm run backup` and `npm run restore` as an operator runs them, on local
// D1 databases of their own (migrated and seeded like npm start's): a backup
// restored into an empty database backs up to the same file; the restore
// refuses a database that is not empty, a cut-off file, a changed one and a
// missing manifest, each with what is wrong. The round trip through every
// public and HR view is test/integration/backup.test.ts.
import "../../scripts/env.ts";
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { migrate, seed } from "../../scripts/db.ts";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { pinnedClock } from "#lib/clock.ts";

const ROOT = `${TMP_DIR}/backup-cli`;
const SOURCE = `${ROOT}/source`;
const OUT = `${ROOT}/out`;

const run = (script: string, ...args: string[]) => spawnSync("node", [`scripts/${script}.ts`, ...args], { encoding: "utf8" });
const backup = (persistTo: string) => {
  const before = new Set(readdirSync(OUT, { withFileTypes: false }).map(String));
  execFileSync("node", ["scripts/backup.ts", "--persist-to", persistTo, "--out", OUT], { stdio: ["ignore", "pipe", "inherit"] });
  const made = readdirSync(OUT).find((f) => f.endsWith(".sql") && !before.has(f))!;
  return join(OUT, made);
};
const manifestOf = (file: string) => JSON.parse(readFileSync(file.replace(/\.sql$/, ".manifest.json"), "utf8")) as Record<string, unknown>;

describe("npm run backup / npm run restore", () => {
  let file: string;
  beforeAll(async () => {
    rmSync(ROOT, { recursive: true, force: true });
    execFileSync("mkdir", ["-p", OUT]);
    await migrate(SOURCE);
    await seed(SOURCE, pinnedClock(DEMO_TODAY));
    file = backup(SOURCE);
  }, 120_000);

  it("writes the SQL and a manifest: schema version, rows per table, the audit chain's head", () => {
    const manifest = manifestOf(file);
    expect(manifest.schemaVersion).toMatch(/^\d{4}_\w+\.sql$/);
    expect((manifest.tables as Record<string, number>).ideas).toBe(12);
    expect((manifest.auditChain as { count: number; whole: boolean }).whole).toBe(true);
    expect((manifest.auditChain as { count: number }).count).toBeGreaterThan(0);
  });

  it("restores into an empty database, which then backs up to the same file; refuses a database that is not empty", () => {
    const target = `${ROOT}/restored`;
    const restored = run("restore", file, "--persist-to", target);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/restored into the local D1/);
    const again = backup(target);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(file, "utf8"));
    expect(manifestOf(again).sha256).toBe(manifestOf(file).sha256);
    const twice = run("restore", file, "--persist-to", target);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/the database is not empty/);
  }, 120_000);

  it("refuses a cut-off file, a changed one and one without its manifest, restoring nothing", () => {
    const sql = readFileSync(file, "utf8");
    const broken = join(ROOT, "broken.sql");
    writeFileSync(broken.replace(/\.sql$/, ".manifest.json"), JSON.stringify(manifestOf(file)));
    const refused = (text: string) => {
      writeFileSync(broken, text);
      const target = `${ROOT}/never-${Math.random().toString(36).slice(2)}`;
      const result = run("restore", broken, "--persist-to", target);
      expect(result.status).toBe(1);
      return result.stderr;
    };
    expect(refused(sql.slice(0, sql.length - 500))).toMatch(/the file is truncated: \d+ bytes, the manifest says \d+[\s\S]*cut off/);
    expect(refused(sql.replace("'received'", "'declined'"))).toMatch(/SHA-256 is not the manifest's/);
    rmSync(broken.replace(/\.sql$/, ".manifest.json"));
    expect(refused(sql)).toMatch(/no manifest at/);
  }, 60_000);
});
