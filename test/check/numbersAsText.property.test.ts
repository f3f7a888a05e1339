import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numbersAsText } from "../../src/check/numbersAsText.js";

// The same document with each number as a string: what a string or a key holds is left as it is, and
// each number's string reads as that number (JSON.parse of the token).
function numbersAsStrings(value: unknown): unknown {
  if (typeof value === "number") return expect.any(String);
  if (Array.isArray(value)) return value.map(numbersAsStrings);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, numbersAsStrings(item)]));
  return value;
}

function numbersIn(value: unknown): unknown[] {
  if (typeof value === "number" || typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

describe("numbersAsText", () => {
  it("writes each number of any JSON text as a string that reads as it, and changes nothing else", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const exact = JSON.parse(numbersAsText(text)) as unknown;
        expect(exact).toEqual(numbersAsStrings(JSON.parse(text)));
        // the leaves in order: a number's string is the number (-0 is written 0 by JSON.stringify)
        const [before, after] = [numbersIn(JSON.parse(text)), numbersIn(exact)];
        before.forEach((leaf, index) => {
          if (typeof leaf === "number") expect(Number(after[index])).toBe(leaf === 0 ? 0 : leaf);
          else expect(after[index]).toBe(leaf);
        });
      }),
    );
  });

  it("keeps the digits a double does not, and strings with digits, quotes and escapes as they are", () => {
    const text = '{"a\\"1": 87654321.000000001, "b": "7663.70 \\\\", "c": [-0.10, 1.5e3, 2E-2, 1e-999]}';
    expect(JSON.parse(numbersAsText(text))).toEqual({
      'a"1': "87654321.000000001",
      b: "7663.70 \\",
      // an exponent as its plain value, unless that runs past 24 places
      c: ["-0.10", "1500", "0.02", "1e-999"],
    });
  });
});
