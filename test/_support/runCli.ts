import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");

/**
 * Fails early, with the fix, when the CLI has not been built: vitest's globalSetup (test/_setup/buildDist.ts)
 * builds it, so this fires only when the tests run without that setup.
 */
export function assertCliBuilt(): void {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npm run build` before the CLI tests");
}

/** Runs the built CLI as a user would, from the repository's root. */
export function runCli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the built CLI with these environment variables added to the test's own. */
export function runCliWithEnv(
  env: Readonly<Record<string, string>>,
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
