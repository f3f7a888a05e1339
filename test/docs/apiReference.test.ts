import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// `npm run docs` builds the API reference with every TypeDoc warning an error (typedoc.config.mjs): a
// public signature naming a type src/index.ts does not export, a broken {@link}, a bad tag. This runs
// the same check without writing HTML (`--emit none`): about 15 s, most of it TypeScript's own. The
// timeout is a hang's, not a speed limit: on a busy 2-core host it took 108 s (5 December 2026).
const ROOT = join(import.meta.dirname, "..", "..");

describe("the API reference (TypeDoc)", () => {
  it("builds from src/index.ts with no warning", () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules", "typedoc", "bin", "typedoc"), "--emit", "none"],
      { cwd: ROOT, encoding: "utf8" },
    );
    const output = `${result.stdout}${result.stderr}`;
    expect(output).not.toMatch(/\[warning\]|\[error\]/);
    expect(result.status).toBe(0);
  }, 240_000);
});
