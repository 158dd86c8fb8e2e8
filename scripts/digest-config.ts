// The scheduled Worker (workers/digest/) counts what HR waits for and runs the
// retention deletes, over the Pages project's database. It must count with the
// same k and promise, and delete on the same terms, as the site that publishes
// them (/results/access/ states the terms): its wrangler.toml repeats those
// values, and `npm run deploy` refuses a Worker whose copy has drifted.
import { parseVars } from "#build/vars.ts";
import { TERM_VARIABLES } from "#lib/retention.ts";

/** The [vars] the Worker must share with the Pages project. */
export const SHARED_VARS = ["MIN_GROUP_SIZE", "ACK_PROMISE_DAYS", ...Object.values(TERM_VARIABLES)] as const;

/** The D1 binding's fields that make it the same database. */
const DATABASE_FIELDS = ["binding", "database_name", "database_id"] as const;

const field = (toml: string, name: string) => new RegExp(`^\\s*${name}\\s*=\\s*"([^"]*)"`, "m").exec(toml)?.[1];

/** What differs between the Pages project's wrangler.toml and the Worker's, one line each; empty when they agree. */
export function digestConfigProblems(pagesToml: string, workerToml: string): string[] {
  const problems: string[] = [];
  for (const name of DATABASE_FIELDS) {
    const [pages, worker] = [field(pagesToml, name), field(workerToml, name)];
    if (pages === undefined || pages !== worker)
      problems.push(
        `${name}: the Pages project has ${JSON.stringify(pages ?? null)}, the scheduled Worker ${JSON.stringify(worker ?? null)}`,
      );
  }
  const [pages, worker] = [parseVars(pagesToml), parseVars(workerToml)];
  // an absent or empty retention term is its default: the same value either way
  for (const name of SHARED_VARS)
    if ((pages[name] ?? "") !== (worker[name] ?? ""))
      problems.push(
        `${name}: the Pages project has ${JSON.stringify(pages[name] ?? "")}, the scheduled Worker ${JSON.stringify(worker[name] ?? "")}`,
      );
  for (const name of ["CANDOR_ENV", "CANDOR_TODAY"])
    if (name in worker) problems.push(`${name}: set in the scheduled Worker's [vars]; it is for local runs only`);
  return problems;
}
