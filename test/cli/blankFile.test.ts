import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_BLANK_BYTES, isBlankBytes, isBlankFile, JSON_BLANK_BYTES } from "../../src/cli/blankFile.js";

let scratch = "";
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "ratecard-blank-file-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bytes = (text: string) => Buffer.from(text, "utf8");

describe("isBlankBytes", () => {
  it("reads a CSV file of line breaks, after a byte order mark at its start, as holding no row", () => {
    expect(isBlankBytes(bytes(""), CSV_BLANK_BYTES, true)).toBe(true);
    expect(isBlankBytes(bytes("\uFEFF"), CSV_BLANK_BYTES, true)).toBe(true);
    expect(isBlankBytes(bytes("\uFEFF\r\n\n"), CSV_BLANK_BYTES, true)).toBe(true);
  });

  it("finds a row in anything else: a header, spaces (a header of unnamed columns), a mark later on", () => {
    expect(isBlankBytes(bytes("\nid\n"), CSV_BLANK_BYTES, true)).toBe(false);
    expect(isBlankBytes(bytes("  \n"), CSV_BLANK_BYTES, true)).toBe(false);
    expect(isBlankBytes(bytes("\uFEFF"), CSV_BLANK_BYTES, false)).toBe(false);
  });

  it("reads JSON's four white space characters as blank, and no other", () => {
    expect(isBlankBytes(bytes(" \t\r\n"), JSON_BLANK_BYTES, true)).toBe(true);
    expect(isBlankBytes(bytes("[]"), JSON_BLANK_BYTES, true)).toBe(false);
    expect(isBlankBytes(bytes("\u00A0"), JSON_BLANK_BYTES, true)).toBe(false);
  });
});

describe("isBlankFile", () => {
  it("reads past the first 64 KiB chunk when it is blank, and stops at the first other byte", () => {
    const file = join(scratch, "late-row.csv");
    writeFileSync(file, `${"\n".repeat(70_000)}id,type,customer,timestamp\n`);
    expect(isBlankFile(file, CSV_BLANK_BYTES)).toBe(false);
    const blank = join(scratch, "blank.csv");
    writeFileSync(blank, "\r\n".repeat(40_000));
    expect(isBlankFile(blank, CSV_BLANK_BYTES)).toBe(true);
  });

  it("is false for a file that cannot be read, so that the reader says why", () => {
    expect(isBlankFile(join(scratch, "missing.csv"), CSV_BLANK_BYTES)).toBe(false);
    expect(isBlankFile(scratch, CSV_BLANK_BYTES)).toBe(false);
  });
});
