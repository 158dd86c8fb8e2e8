import type { Seeder } from "../db.ts";

// Confirms the database answers before the demo seeders run.
const seed: Seeder = async (env) => {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM d1_migrations").first<{ n: number }>();
  return `${row?.n ?? 0} migrations applied`;
};
export default seed;
