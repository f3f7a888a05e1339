import { describe, expect, it } from "vitest";
import { trailingCommaAt, trailingCommaDetail } from "../../src/cli/trailingComma.js";

describe("trailingCommaAt", () => {
  it("finds the first comma before } or ] outside strings, across white space", () => {
    // `{"a":1,}`: `{` 0, `"a"` 1–3, `:` 4, `1` 5, `,` 6.
    expect(trailingCommaAt('{"a":1,}')).toBe(6);
    // `[1 , \n ]`: the comma is at index 3, white space and a line break before the `]`.
    expect(trailingCommaAt("[1 , \n ]")).toBe(3);
    // Inside strings, an escaped quote included, a comma before } is text.
    expect(trailingCommaAt('{"a":",}","b":"\\",]"}')).toBeUndefined();
    // A comma followed by a value is no trailing comma.
    expect(trailingCommaAt('{"a":1,"b":[1,2]}')).toBeUndefined();
  });
});

describe("trailingCommaDetail", () => {
  it("says where the comma is: the column in a line, the line and column in a file", () => {
    expect(trailingCommaDetail('{"a":1,}', false)).toBe(
      "a comma before } or ] at column 7, which JSON does not allow: remove it",
    );
    // Line 2 is ` {"a":1},`: the comma after 1 space and 7 characters, column 9.
    expect(trailingCommaDetail('[\n {"a":1},\n]', true)).toBe(
      "a comma before } or ] at line 2, column 9, which JSON does not allow: remove it",
    );
  });

  it("leaves the place where JSON.parse stopped first to JSON.parse", () => {
    // `[{"a":1 "b":2},{"c":1,}]`: JSON.parse stops at position 8 (the second key, no comma before it);
    // the trailing comma at 21 comes after.
    const text = '[{"a":1 "b":2},{"c":1,}]';
    expect(trailingCommaAt(text)).toBe(21);
    expect(trailingCommaDetail(text, true, 8)).toBeUndefined();
    expect(trailingCommaDetail(text, true, 22)).toContain("column 22");
  });
});
