// `npm run deploy`'s migrations step (scripts/deploy-migrations.ts) goes
// through the guarded runner, not `wrangler d1 migrations apply --remote`:
// the same function, run here on local D1 databases of its own (the remote
// one differs only in how the binding is reached), applies what is missing,
// and refuses a migration that loses rows — the database left as it was, the
// migration not recorded, the error naming the table.
import "../../scripts/env.ts";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../scripts/db.ts";
import { deployMigrations, remoteConfig } from "../../scripts/deploy-migrations.ts";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { pinnedClock } from "#lib/clock.ts";

const ROOT = `${TMP_DIR}/deploy-migrations`;
const DB_DIR = `${ROOT}/db`;
const LOSSY = `${ROOT}/lossy-migrations`;

/** Rows per table and the migrations recorded, read from the local D1. */
async function state(): Promise<{ rows: Record<string, number>; applied: string[] }> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: join(DB_DIR, "v3") } });
  try {
    const db = proxy.env.DB;
    const tables = (
      await db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
        )
        .all<{ name: string }>()
    ).results.map((r) => r.name);
    const rows: Record<string, number> = {};
    for (const t of tables) rows[t] = (await db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).first<{ n: number }>())!.n;
    const applied = (await db.prepare("SELECT name FROM d1_migrations ORDER BY id").all<{ name: string }>()).results.map((r) => r.name);
    return { rows, applied };
  } finally {
    await proxy.dispose();
  }
}

describe("npm run deploy: migrations through the row-count guard", () => {
  beforeAll(() => {
    rmSync(ROOT, { recursive: true, force: true });
    mkdirSync(ROOT, { recursive: true });
  });

  it("deploy.ts migrates through deployMigrations, never wrangler's unguarded apply", () => {
    const deploy = readFileSync("scripts/deploy.ts", "utf8");
    expect(deploy).toContain("deployMigrations({ remote: true })");
    expect(deploy).not.toMatch(/"migrations",\s*"apply"/);
    // the remote binding: the D1 binding of wrangler.toml, marked remote
    const config = remoteConfig(readFileSync("wrangler.toml", "utf8"));
    expect(config).toMatch(/\[\[d1_databases\]\]\s*\nbinding = "DB"\s*\nremote = true\n/);
    expect(() => remoteConfig('name = "candor"\n')).toThrow(/no \[\[d1_databases\]\] binding "DB"/);
  });

  it("applies every migration a database has not had, then nothing more", async () => {
    const applied = await deployMigrations({ remote: false, persistTo: DB_DIR });
    // every migration of the folder, in order, the newest last
    expect(applied).toEqual(
      readdirSync("migrations")
        .filter((f) => f.endsWith(".sql"))
        .sort(),
    );
    expect(await deployMigrations({ remote: false, persistTo: DB_DIR })).toEqual([]);
  }, 120_000);

  it("refuses a migration that rebuilds a table and loses rows: nothing of it applied, nothing recorded, the table named", async () => {
    await seed(DB_DIR, pinnedClock(DEMO_TODAY));
    const before = await state();
    expect(before.rows.idea_messages, "demo messages").toBeGreaterThan(0);
    cpSync("migrations", LOSSY, { recursive: true });
    // a rebuild whose copy forgets the messages
    writeFileSync(
      join(LOSSY, "0099_rebuild_idea_messages.sql"),
      `CREATE TABLE idea_messages_new AS SELECT * FROM idea_messages WHERE 0;
DROP TABLE idea_messages;
ALTER TABLE idea_messages_new RENAME TO idea_messages;
`,
    );
    await expect(deployMigrations({ remote: false, persistTo: DB_DIR }, LOSSY)).rejects.toThrow(
      /migration 0099_rebuild_idea_messages\.sql not applied: .*rows of idea_messages went missing/,
    );
    expect(await state()).toEqual(before);
  }, 120_000);
});
