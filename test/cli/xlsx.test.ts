import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CDN_BASIC_FEBRUARY } from "../_support/cdnBasicFebruary.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

const ARGS = ["invoice", ...CDN_BASIC_FEBRUARY, "--format", "xlsx"];

describe("ratecard invoice --format xlsx", () => {
  it("writes the same workbook (a zip) to --output twice, byte for byte", () => {
    assertCliBuilt();
    const dir = mkdtempSync(join(tmpdir(), "ratecard-xlsx-"));
    const [a, b] = [join(dir, "a.xlsx"), join(dir, "b.xlsx")];
    expect(runCli(...ARGS, "--output", a).code).toBe(0);
    expect(runCli(...ARGS, "--output", b).code).toBe(0);
    const bytes = readFileSync(a);
    // "PK\x03\x04": a zip's local file header, which an .xlsx is.
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
    expect(bytes.equals(readFileSync(b))).toBe(true);
  });

  it("refuses a file it cannot write with exit 2 and a sentence, no stack", () => {
    const result = runCli(...ARGS, "--output", "/nonexistent-folder/invoice.xlsx");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "--output /nonexistent-folder/invoice.xlsx: its folder does not exist; nothing was written",
    );
    expect(result.stderr).not.toContain("    at ");
  });
});
