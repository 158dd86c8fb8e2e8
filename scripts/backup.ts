// `npm run backup`: the whole database as SQL plus a manifest (schema version,
// rows per table, the audit chain's head, the file's SHA-256), written to
// backups/ (ignored by git: a backup holds what employees wrote). See
// docs/operations.md.
//
//   npm run backup                          the local D1 (.wrangler/state, or --persist-to DIR)
//   npm run backup -- --remote              the deployed D1, through `wrangler d1 export --remote`
//   npm run backup -- --out DIR             somewhere else than backups/
import "./env.ts";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { systemClock } from "#lib/clock.ts";
import { d1SqlDb, dumpDatabase, type Manifest } from "#server/backup/dump.ts";
import { manifestPath, nodeSqlDb } from "./backup-db.ts";

const { values } = parseArgs({
  options: { remote: { type: "boolean", default: false }, out: { type: "string", default: "backups" }, "persist-to": { type: "string" } },
});

async function dumpLocal(persistTo?: string) {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: persistTo ? { path: join(persistTo, "v3") } : true });
  try {
    return await dumpDatabase(d1SqlDb(proxy.env.DB));
  } finally {
    await proxy.dispose();
  }
}

/** wrangler's export of the deployed D1, loaded into SQLite here and written out in the backup's form. */
async function dumpRemote() {
  const dir = mkdtempSync(join(tmpdir(), "candor-export-"));
  try {
    const file = join(dir, "export.sql");
    execFileSync("wrangler", ["d1", "export", "DB", "--remote", "--output", file], { stdio: ["ignore", "inherit", "inherit"] });
    const db = nodeSqlDb();
    db.exec(readFileSync(file, "utf8"));
    return await dumpDatabase(db);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { sql, manifest } = values.remote ? await dumpRemote() : await dumpLocal(values["persist-to"]);
const takenAt = systemClock.now().toISOString();
const file = join(values.out, `candor-${takenAt.replace(/[:.]/g, "").replace(/\d{3}Z$/, "Z")}.sql`);
mkdirSync(values.out, { recursive: true });
writeFileSync(file, sql);
const full: Manifest = { ...manifest, takenAt };
writeFileSync(manifestPath(file), `${JSON.stringify(full, null, 2)}\n`);
const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
console.log(`${file}: ${rows} rows in ${Object.keys(manifest.tables).length} tables, schema ${manifest.schemaVersion}`);
console.log(
  `audit chain: ${manifest.auditChain.count} rows, head ${manifest.auditChain.head}${manifest.auditChain.whole ? "" : " (NOT WHOLE: see docs/operations.md)"}`,
);
console.log(`manifest: ${manifestPath(file)} (sha256 ${manifest.sha256})`);
