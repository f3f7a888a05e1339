import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// `ratecard check suite/*` is how a shell passes every entry of a folder: one argument each, helper
// folders, notes and files included. It must report what `ratecard check suite/` reports, not refuse the
// first entry that is no fixture.
const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
let suite = "";
// The arguments a shell writes for suite/*: every entry but the hidden ones, in name order.
const everyEntry = () =>
  readdirSync(suite)
    .filter((name) => !name.startsWith("."))
    .sort()
    .map((name) => join(suite, name));

beforeAll(() => {
  assertCliBuilt();
  suite = mkdtempSync(join(tmpdir(), "ratecard-check-args-"));
  cpSync(join(FIXTURES, "cdn-basic"), join(suite, "cdn-basic"), { recursive: true });
  cpSync(join(FIXTURES, "currency-jpy"), join(suite, "currency-jpy"), { recursive: true });
  mkdirSync(join(suite, "_generators"));
  mkdirSync(join(suite, "notes"));
  writeFileSync(join(suite, "README.md"), "# our fixtures\n");
});

describe("ratecard check with the entries of a folder as arguments (suite/*)", () => {
  it("checks the fixtures and lists the rest as skipped, as checking the folder does (exit 0)", () => {
    const whole = runCli("check", suite);
    const entries = runCli("check", ...everyEntry());
    expect([entries.code, entries.stderr]).toEqual([0, ""]);
    // The two fixtures pass, and each line the folder's report has is in the entries' report.
    for (const line of whole.stdout.split("\n").filter((text) => /^(PASS|SKIP) /.test(text)))
      expect(entries.stdout).toContain(`${line}\n`);
    expect(entries.stdout).toContain(
      `SKIP  ${join(suite, "README.md")} — not a fixture: a file, not a folder\n`,
    );
    // cdn-basic, currency-jpy; _generators, notes and README.md skipped
    expect(entries.stdout).toContain(
      "2 fixtures: 2 passed, 0 failed, 0 could not be rated; 1 file and 2 folders skipped (not fixtures)",
    );
  });

  it("still refuses a path that does not exist among them: a shell's pattern writes none, so it is a typo", () => {
    const result = runCli("check", join(suite, "cdn-basic"), join(suite, "cdn-basc"));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `ratecard: ${join(suite, "cdn-basc")} is not a folder; check takes fixture folders, or a folder of them\n`,
    );
  });

  it("refuses a list in which no argument holds a fixture, with the first folder's reason (exit 2)", () => {
    const result = runCli(
      "check",
      join(suite, "README.md"),
      join(suite, "_generators"),
      join(suite, "notes"),
    );
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toBe(
      `ratecard: ${join(suite, "_generators")} holds no fixture: a fixture folder has a contract.json (docs/uat.md)\n`,
    );
  });

  it("refuses one folder that holds no fixture, as before", () => {
    const result = runCli("check", join(suite, "notes"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("holds no fixture");
  });
});
