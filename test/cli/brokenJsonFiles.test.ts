import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// A specialist hand-edits an invoice or a contract and the file ends up empty or cut short: the message
// must say where to look, not a character offset to count by hand.
let dir = "";
beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), "ratecard-broken-json-"));
});
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe("a JSON file that is empty or cut short", () => {
  it("says an empty file is empty", () => {
    const file = write("empty.json", "");
    const result = runCli("explain", file);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`ratecard: explain ${file} is empty: it holds no JSON.\n`);
    const blank = write("blank.json", "  \n\n");
    expect(runCli("validate", blank).stderr).toBe(
      `ratecard: validate ${blank} is empty: it holds no JSON.\n`,
    );
  });

  it("gives the line and column where a truncated invoice stops", () => {
    // the cdn-basic invoice cut after its first 300 characters, inside line 11 (`    "c`, 6 characters
    // so far): the string never ends, so the parser stops at the end, line 11, column 7
    const text = readFileSync("fixtures/cdn-basic/expected.json", "utf8").slice(0, 300);
    const lines = text.split("\n");
    const file = write("cut.json", text);
    const result = runCli("explain", file);
    expect(result.code).toBe(2);
    expect([lines.length, lines.at(-1)]).toEqual([11, '    "c']);
    expect(result.stderr).toContain("at position 300 (line 11, column 7)");
  });
});
