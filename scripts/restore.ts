// `npm run restore -- FILE.sql`: loads a backup (npm run backup) into an
// EMPTY database and proves it is the one backed up: the file is the one
// its manifest (FILE.manifest.json) describes, whole; it loads under every
// constraint; rows per table, foreign keys, the schema the migrations build
// and the audit chain's head all check out. It is first restored into SQLite
// in memory, so a bad backup is refused before the real database is touched.
// See docs/operations.md.
//
//   npm run restore -- FILE.sql                       into the local D1 (empty: a fresh --persist-to DIR,
//                                                     or after deleting .wrangler/state/v3/d1)
//   npm run restore -- FILE.sql --remote              into the deployed D1 (a new, empty database)
//   npm run restore -- FILE.sql --check               only check the backup, restore nothing
import "./env.ts";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { d1SqlDb } from "#server/backup/dump.ts";
import { BackupRefused, checkFile, parseManifest, restoreDatabase, verifyDatabase } from "#server/backup/restore.ts";
import { manifestPath, migrationsSchema, nodeSqlDb } from "./backup-db.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { remote: { type: "boolean", default: false }, check: { type: "boolean", default: false }, "persist-to": { type: "string" } },
});
if (positionals.length !== 1) {
  console.error("usage: npm run restore -- FILE.sql [--remote | --persist-to DIR | --check]");
  process.exit(2);
}
const file = positionals[0]!;

async function main(): Promise<string> {
  let manifestText: string;
  try {
    manifestText = readFileSync(manifestPath(file), "utf8");
  } catch {
    throw new BackupRefused([`no manifest at ${manifestPath(file)}: a backup is its SQL file and its manifest`]);
  }
  const manifest = parseManifest(manifestText);
  const sql = readFileSync(file, "utf8");
  await checkFile(sql, manifest);
  const schema = await migrationsSchema(manifest.schemaVersion);

  // first into memory: everything is checked before the real database is touched
  const scratch = nodeSqlDb();
  const checked = await restoreDatabase(scratch, sql, manifest, schema);
  scratch.close();
  const rows = Object.values(checked.tables).reduce((a, b) => a + b, 0);
  const summary = `${rows} rows in ${Object.keys(checked.tables).length} tables, schema ${manifest.schemaVersion}, audit chain whole to row ${manifest.auditChain.count}`;
  if (values.check) return `${file}: sound (${summary}); nothing restored`;

  if (values.remote) {
    const tables = JSON.parse(
      execFileSync(
        "wrangler",
        [
          "d1",
          "execute",
          "DB",
          "--remote",
          "--json",
          "--command",
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
        ],
        { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
      ),
    ) as { results: { name: string }[] }[];
    const names = tables.flatMap((t) => t.results.map((r) => r.name));
    if (names.length > 0) throw new BackupRefused([`the remote database is not empty: it has the tables ${names.join(", ")}`]);
    execFileSync("wrangler", ["d1", "execute", "DB", "--remote", "--yes", "--file", file], { stdio: ["ignore", "inherit", "inherit"] });
    // read back through wrangler's export and checked like the file
    const back = nodeSqlDb();
    const exported = join(process.env.TMPDIR ?? "/tmp", `candor-restored-${process.pid}.sql`);
    execFileSync("wrangler", ["d1", "export", "DB", "--remote", "--output", exported], { stdio: ["ignore", "inherit", "inherit"] });
    back.exec(readFileSync(exported, "utf8"));
    const verification = await verifyDatabase(back, manifest, schema);
    if (verification.problems.length > 0) throw new BackupRefused(verification.problems);
    return `restored into the remote D1: ${summary}`;
  }

  const persistTo = values["persist-to"];
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: persistTo ? { path: join(persistTo, "v3") } : true });
  try {
    await restoreDatabase(d1SqlDb(proxy.env.DB), sql, manifest, schema);
  } finally {
    await proxy.dispose();
  }
  return `restored into the local D1${persistTo ? ` at ${persistTo}` : ""}: ${summary}`;
}

try {
  console.log(await main());
} catch (err) {
  if (err instanceof BackupRefused) {
    console.error(`${file}: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
