// `node scripts/parallel.ts lint check`: the steps of the named npm scripts
// (each `node scripts/run.ts <tool> …`, joined by `&&`), run side by side, as
// many at once as the machine has cores. The static checks read files and
// write nothing, so their order does not matter; run one after the other they
// leave a core idle. A script may begin with steps that write what the checks
// read (`node scripts/<name>.ts`, e.g. the generated survey list): those run
// first, one after the other. Each step's output is printed whole when it ends; the
// exit code is 1 if any step failed (all of them run to the end, so every
// failure is reported at once).
import "./env.ts";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

const RUN = "node scripts/run.ts ";

const names = process.argv.slice(2);
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
const PREPARE = /^node scripts\/[\w-]+\.ts$/;
const prepare: string[][] = [];
const steps = names.flatMap((name) => {
  const script = scripts[name];
  const parts = script?.split(" && ") ?? [];
  const first = parts.findIndex((p) => !PREPARE.test(p));
  const checks = first === -1 ? [] : parts.slice(first);
  if (checks.length === 0 || !checks.every((p) => p.startsWith(RUN))) {
    console.error(
      `scripts/parallel.ts: "${name}" must be steps of the form "${RUN}<tool> …" joined by " && ", after any "node scripts/<name>.ts" that prepare them`,
    );
    process.exit(2);
  }
  for (const p of parts.slice(0, first)) if (!prepare.some((q) => q.join(" ") === p)) prepare.push(p.split(" "));
  return checks.map((p) => p.slice(RUN.length).split(" "));
});

function run([command, ...args]: string[]): Promise<boolean> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command!, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      console.log(`${code === 0 ? "✓" : "✗"} ${[command, ...args].join(" ")} (${seconds} s)`);
      if (output.trim()) console.log(output.trimEnd());
      resolve(code === 0);
    });
  });
}

for (const step of prepare) {
  if (!(await run(step))) process.exit(1);
}
const queue = [...steps];
const results: boolean[] = [];
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
    for (let step = queue.shift(); step; step = queue.shift()) results.push(await run(step));
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
