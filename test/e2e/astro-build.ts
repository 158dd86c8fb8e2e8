// A real `astro build` of a throwaway site, for the build-guard tests: exit
// code and everything it printed.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export async function astroBuild(root: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("npx", ["astro", "build", "--root", root], { env: { ...process.env, ...env } });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}
