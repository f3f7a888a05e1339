import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The README's library example is run as written (importing the built package instead of "ratecard"),
// and the answer its comment promises is checked against what it prints.
const ROOT = join(import.meta.dirname, "..", "..");

function firstTypeScriptBlock(markdown: string): string {
  const match = /```ts\n([\s\S]*?)```/.exec(markdown);
  if (!match?.[1]) throw new Error("README.md has no ```ts block");
  return match[1];
}

describe("README library example", () => {
  it("prints the total its comment promises", () => {
    const code = firstTypeScriptBlock(readFileSync(join(ROOT, "README.md"), "utf8"));
    const promised = /console\.log\(invoice\.total\); \/\/ "([^"]+)"/.exec(code)?.[1];
    expect(promised).toBeDefined();
    const script = join(mkdtempSync(join(tmpdir(), "ratecard-readme-")), "example.mjs");
    writeFileSync(
      script,
      code.replace(/from "ratecard"/, `from ${JSON.stringify(join(ROOT, "dist", "index.js"))}`),
    );
    const result = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")[0]).toBe(promised);
    expect(result.stdout).toContain("Bandwidth (North America): 12,000 GB from 2 events.");
  });
});
