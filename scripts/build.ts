// `npm run build [outDir]`: the static site (default dist/), then the CSP
// header that matches it. Tests and benches build into their own folder so
// parallel runs never overwrite each other's output.
import "./env.ts";
import { execFileSync } from "node:child_process";
import { writeHeaders } from "./csp.ts";

const outDir = process.argv[2] ?? "dist";
execFileSync("astro", ["build", "--outDir", outDir], { stdio: "inherit" });
const policy = await writeHeaders(outDir);
console.log(`CSP written to ${outDir}/_headers (${policy.length} chars)`);
