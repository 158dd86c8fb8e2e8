// `npm run build [outDir]`: the static site (default dist/), then the CSP
// header that matches it. Tests and benches build into their own folder so
// parallel runs never overwrite each other's output.
import "./env.ts";
import { execFileSync } from "node:child_process";
import { writeHeaders } from "./csp.ts";
import { writeFormModules } from "./form-modules.ts";

const outDir = process.argv[2] ?? "dist";
// Always the production bundle: run from a test runner, NODE_ENV=test would
// otherwise reach Vite and ship React's development build (2–3× the bytes).
execFileSync("astro", ["build", "--outDir", outDir], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
const forms = await writeFormModules(outDir);
console.log(`form modules named on ${forms} pages`);
const policy = await writeHeaders(outDir);
console.log(`CSP written to ${outDir}/_headers (${policy.length} chars)`);
