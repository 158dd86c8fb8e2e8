// `npm run build`: the static site into dist/, then the CSP header that matches it.
import "./env.ts";
import { execFileSync } from "node:child_process";
import { writeHeaders } from "./csp.ts";

execFileSync("astro", ["build"], { stdio: "inherit" });
const policy = await writeHeaders("dist");
console.log(`CSP written to dist/_headers (${policy.length} chars)`);
