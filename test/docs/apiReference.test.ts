import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// `npm run docs` builds the API reference with every TypeDoc warning an error (typedoc.config.mjs): a
// public signature naming a type src/index.ts does not export, a broken {@link}, a bad tag. This runs
// the same check without writing HTML (`--emit none`). TypeDoc leaves type errors to `tsc --noEmit`
// (`skipErrorChecking` in typedoc.config.mjs), so a src/ file that does not compile fails the typecheck
// step of `npm test`, not this test: 13 CPU seconds instead of 30 (7 December 2026). The timeout is a
// hang's, not a speed limit: before that change, on a busy 2-core host it took 108 s (5 December 2026).
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
