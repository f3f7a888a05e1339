import { describe, expect, it } from "vitest";
import { parseShortDecimal, ShortDecimal } from "../../src/money/index.js";

// parseShortDecimal is the fast path of every usage sum: it must read exactly the short plain decimals
// (at most 11 whole digits and 9 decimals, no exponent) and say false for everything else, which then
// takes the exact slow path. A value it misreads would be summed wrong; one it refuses wrongly would only
// be slower, which is why these cases ask it directly rather than through a sum.
function read(value: string | number): { whole: number; fraction: number } | false {
  const out = new ShortDecimal();
  if (!parseShortDecimal(value, out)) return false;
  // + 0 turns a negative zero into 0: "-.5" has no whole part, and -0 and 0 add alike.
  return { whole: out.whole + 0, fraction: out.fraction + 0 };
}

describe("parseShortDecimal", () => {
  it.each([
    // [text, whole part, the nine decimals as an integer (0.5 is 500,000,000)]
    ["0", 0, 0],
    ["7", 7, 0],
    ["1090", 1090, 0], // the digits 0 and 9 at both ends of the digit range
    ["+5", 5, 0],
    ["-5", -5, 0],
    ["5.", 5, 0],
    [".5", 0, 500_000_000],
    ["-.5", 0, -500_000_000],
    ["1.5", 1, 500_000_000], // as many whole digits as decimals
    ["1.09", 1, 90_000_000], // 0.09 = 90,000,000 / 10^9
    ["-123.4567", -123, -456_700_000],
    ["12345678901.123456789", 12_345_678_901, 123_456_789], // the longest it takes: 11 + 9 digits
    ["-99999999999.999999999", -99_999_999_999, -999_999_999],
  ])("reads %s as whole %d and fraction %d (in 10^-9)", (text, whole, fraction) => {
    expect(read(text)).toEqual({ whole, fraction });
  });

  it("reads a JS number through its shortest text: 12.5 is 12 and 500,000,000", () => {
    expect(read(12.5)).toEqual({ whole: 12, fraction: 500_000_000 });
    expect(read(-3)).toEqual({ whole: -3, fraction: 0 });
  });

  it.each([
    ["", "empty"],
    ["-", "a sign alone"],
    [".", "a point alone"],
    ["-.", "a sign and a point"],
    ["123456789012", "12 whole digits (more than 11)"],
    ["0.1234567891", "10 decimals (more than 9)"],
    ["1e5", "an exponent"],
    ["1.2.3", "two points"],
    ["1a", "a letter after the digits"],
    ["1.a", "a letter among the decimals"],
    ["1.5/", "a character just below '0' among the decimals"],
    ["1.5:", "a character just above '9' among the decimals"],
    [" 1", "a space"],
    ["000000000000000000000000001", "27 characters"],
  ])("says false for %j (%s), leaving it to the exact path", (text) => {
    expect(read(text)).toBe(false);
  });

  it("says false for numbers that are not finite", () => {
    expect(read(Number.NaN)).toBe(false);
    expect(read(Number.POSITIVE_INFINITY)).toBe(false);
  });
});
