// Which test files `npm run test:future` runs a year ahead: those whose outcome
// can depend on the real date. Every clock the suite reads is pinned
// (docs/clock.md), and datefudge moves the clock by whole days, so a pinned
// clock (the pinned day at the real time of day) reads the same instant a year
// ahead. What a year ahead can change is what reads the machine's clock
// unpinned: a test or a module it imports that calls the clock itself
// (found below by reading the file and every local module it imports), and the
// servers, whose writes store the day SQLite's `date('now')` gives, moved by
// the pin's distance from the machine's date (src/server/commit-day.ts).
//
// So: a unit file runs a year ahead when it, or a module it imports, reads a
// clock. An integration or browser file always does (they run the Worker),
// unless it is listed in DATE_FREE with the reason; a listed file must read no
// clock and start no server of its own (checked by test/unit/date-dependent.test.ts).
// A new test file is therefore run a year ahead unless it is shown not to need it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";

export const SUITES = ["unit", "integration", "e2e"] as const;
export type Suite = (typeof SUITES)[number];

/**
 * Integration and browser files that read no clock and write nothing through a
 * server, so a moved clock cannot change what they see: run once, in `npm test`.
 */
export const DATE_FREE: Record<string, string> = {
  "test/integration/schema-scan.test.ts": "reads the migrated schema only",
  "test/integration/rate-limit.test.ts": "calls the limiter in the isolate with instants it gives; its windows are durations",
  "test/e2e/pages.test.ts": "reads pages built on the pinned day from the shared server; writes nothing",
  "test/e2e/policy.test.ts": "reads the policy pages (built on the pinned day); the calculator runs in the page; writes nothing",
  "test/e2e/programme.test.ts": "reads the programme's static pages, built on the pinned day; writes nothing",
  "test/e2e/budgets.test.ts": "weighs the built files; no server, no clock",
  "test/e2e/build-guard.test.ts": "builds throwaway sites (the programme's pinned to a day) and reads what they print",
};

/**
 * What reads a clock: the machine's, or a pin derived from it (the pinned day at
 * the machine's time of day). `src/lib/clock.ts` defines them and is not counted;
 * nor is a browser context's `context.clock.setSystemTime(instant)`
 * (test/e2e/browser.ts), which fixes the browser's clock without reading the machine's.
 */
export const CLOCK_READ =
  /\bsystemClock\b|\bDate\.now\(\)|\bnew Date\(\)|\bvi\.setSystemTime\b|\bvi\.useFakeTimers\b|\bbuildClock\(|\breadClock\(|\bdayOffset\(|\bdayModifier\(/;
/** Where the clocks are defined, and this file and its test, which name them: not reads. */
const NOT_READS = ["src/lib/clock.ts", "test/support/date-dependent.ts", "test/unit/date-dependent.test.ts"];
/** What starts or writes a server of its own. */
export const OWN_SERVER = /\bstartServer\(|\binject\("persistTo"\)|\bSELF\b/;

/** The project's subpath imports (package.json "imports", e.g. "#lib/*" → "./src/lib/*"), as prefixes. */
function subpaths(root: string): [string, string][] {
  const imports = (JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as { imports?: Record<string, string> }).imports ?? {};
  return Object.entries(imports).map(([from, to]) => [from.replace(/\*$/, ""), `${resolve(root, to.replace(/\*$/, ""))}/`]);
}

/** The local modules a file imports: relative specifiers and the project's subpath imports (packages are not the project's clock reads). */
function localImports(file: string, source: string, aliases: [string, string][]): string[] {
  const found: string[] = [];
  const specifiers = source.matchAll(
    /\bfrom\s*["']([.#][^"']+)["']|\bimport\s*\(\s*["']([.#][^"']+)["']\s*\)|\bimport\s+["']([.#][^"']+)["']/g,
  );
  for (const m of specifiers) {
    const specifier = (m[1] ?? m[2] ?? m[3])!;
    const alias = aliases.find(([prefix]) => specifier.startsWith(prefix));
    const base = alias ? alias[1] + specifier.slice(alias[0].length) : specifier.startsWith(".") ? resolve(dirname(file), specifier) : null;
    if (!base) continue;
    const hit = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((p) => existsSync(p) && statSync(p).isFile());
    if (hit) found.push(hit);
  }
  return found;
}

/** Lines of code, without comment lines (a comment that names the clock reads nothing). */
function code(source: string): string[] {
  return source.split("\n").filter((line) => !/^\s*(\/\/|\/?\*)/.test(line));
}

/** The modules, `file` first then what it imports, whose code reads a clock (paths relative to `root`). */
export function clockReaders(root: string, file: string): string[] {
  const seen = new Set<string>();
  const readers: string[] = [];
  const aliases = subpaths(root);
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const source = readFileSync(path, "utf8");
    const name = relative(root, path);
    if (!NOT_READS.includes(name) && code(source).some((line) => CLOCK_READ.test(line))) readers.push(name);
    for (const next of localImports(path, source, aliases)) visit(next);
  };
  visit(resolve(root, file));
  return readers;
}

export function testFiles(root: string, suite: Suite): string[] {
  return readdirSync(resolve(root, "test", suite))
    .filter((f) => f.endsWith(".test.ts"))
    .sort()
    .map((f) => `test/${suite}/${f}`);
}

/** Each suite's files to run a year ahead, with why. */
export function dateDependent(root: string): Record<Suite, { file: string; why: string }[]> {
  const result = { unit: [], integration: [], e2e: [] } as Record<Suite, { file: string; why: string }[]>;
  for (const suite of SUITES) {
    for (const file of testFiles(root, suite)) {
      const readers = clockReaders(root, file);
      if (readers.length > 0) result[suite].push({ file, why: `reads a clock: ${readers.join(", ")}` });
      else if (suite !== "unit" && !(file in DATE_FREE)) result[suite].push({ file, why: "runs the Worker or a server" });
    }
  }
  return result;
}
