import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// Vitest globalSetup: the CLI tests, the docs' examples and the package test run the build in dist/,
// so `npx vitest run` builds it once, before any test file, when it is missing or older than what it
// is built from. `npm test` builds first, so there this finds dist/ fresh and does nothing.
const ROOT = join(import.meta.dirname, "..", "..");
const OUTPUTS = [
  "index.js",
  "index.cjs",
  "index.d.ts",
  "cli.js",
  "batchWorker.js",
  "invoice.schema.json",
  "contract.schema.json",
  "expected-figures.schema.json",
];
const INPUTS = ["src", "package.json", "tsup.config.ts"];

/** The newest modification time (ms) among the files at `path`, a file or a folder searched in full. */
function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), 0);
}

/** Why dist/ must be built again, or undefined when it is up to date. */
function staleReason(root: string = ROOT): string | undefined {
  const outputs = OUTPUTS.map((name) => join(root, "dist", name));
  const missing = OUTPUTS.find((name) => !existsSync(join(root, "dist", name)));
  if (missing !== undefined) return `dist/${missing} is missing`;
  const oldestOutput = Math.min(...outputs.map((path) => statSync(path).mtimeMs));
  const newestInput = Math.max(...INPUTS.map((name) => newestChange(join(root, name))));
  return newestInput > oldestOutput ? "src/ changed after dist/ was built" : undefined;
}

export default function setup(): void {
  const reason = staleReason();
  if (reason === undefined) return;
  process.stderr.write(`Building dist/ once before the tests (${reason})…\n`);
  const tsup = join(ROOT, "node_modules", ".bin", "tsup");
  const result = spawnSync(tsup, ["--silent"], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`The build the CLI tests need failed (tsup exited ${result.status}):\n${result.stderr}`);
  }
}
