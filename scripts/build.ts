// `npm run build [outDir]`: the static site (default dist/), then the CSP
// header that matches it, and the short addresses of invitation slips
// (_redirects). Tests and benches build into their own folder so
// parallel runs never overwrite each other's output.
import "./env.ts";
import { execFileSync } from "node:child_process";
import { writeHeaders } from "./csp.ts";
import { writeFormModules } from "./form-modules.ts";
import { writeBuiltContent } from "./built-content.ts";
import { writeSurveyList } from "./survey-list.ts";

const outDir = process.argv[2] ?? "dist";
// Before Astro and before Pages bundles functions/: both import this list.
console.log(`survey list: ${writeSurveyList()} files; built content: ${await writeBuiltContent()} files`);
// imported only now: the short addresses read the survey registry, which imports the list just written
const { writeRedirects } = await import("./redirects.ts");
// Always the production bundle: run from a test runner, NODE_ENV=test would
// otherwise reach Vite and ship React's development build (2–3× the bytes).
execFileSync("astro", ["build", "--outDir", outDir], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
const forms = await writeFormModules(outDir);
console.log(`form modules named on ${forms} pages`);
const policy = await writeHeaders(outDir);
console.log(`CSP written to ${outDir}/_headers (${policy.length} chars)`);
const redirects = await writeRedirects(outDir);
console.log(`Short addresses written to ${outDir}/_redirects (${redirects.length} lines)`);
