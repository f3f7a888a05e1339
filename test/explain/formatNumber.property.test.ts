import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatReadable, groupThousands } from "../../src/explain/formatNumber.js";
import { Decimal } from "../../src/money/index.js";

// groupThousands hands the whole part, as text, to Intl.NumberFormat("en-US"). The law: Intl reads a
// decimal string exactly, so for any whole part up to 30 digits (far beyond a float's 15–17) the
// result is the digits themselves with a comma before every group of three counted from the right.

/** The oracle, written without Intl or a regex: commas inserted from the right, three digits apart. */
function commasFromTheRight(digits: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i += 1) {
    const fromRight = digits.length - i;
    out += digits[i];
    if (fromRight > 1 && (fromRight - 1) % 3 === 0) out += ",";
  }
  return out;
}

const digit = fc.constantFrom(..."0123456789");
const wholePart = fc
  .tuple(fc.constantFrom(..."123456789"), fc.array(digit, { maxLength: 29 }))
  .map(([first, rest]) => `${first}${rest.join("")}`);
const fraction = fc.option(
  fc.array(digit, { minLength: 1, maxLength: 30 }).map((digits) => digits.join("")),
  { nil: undefined },
);

describe("groupThousands (Intl.NumberFormat on decimal strings)", () => {
  it("groups any whole part of up to 30 digits exactly, keeps the fraction and the sign", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.oneof(fc.constant("0"), wholePart), fraction, (negative, whole, part) => {
        const plain = `${negative ? "-" : ""}${whole}${part === undefined ? "" : `.${part}`}`;
        const expected = `${negative ? "-" : ""}${commasFromTheRight(whole)}${part === undefined ? "" : `.${part}`}`;
        expect(groupThousands(plain)).toBe(expected);
      }),
    );
  });

  it("keeps all 30 digits of a number no float can hold", () => {
    // 2^53 = 9,007,199,254,740,992: a float would round the digits after it; Intl on the text does not.
    expect(groupThousands("123456789012345678901234567890.000000000000000000000000000001")).toBe(
      "123,456,789,012,345,678,901,234,567,890.000000000000000000000000000001",
    );
    expect(groupThousands("9007199254740993")).toBe("9,007,199,254,740,993");
  });

  it("writes the examples of its documentation", () => {
    expect(groupThousands("61400")).toBe("61,400");
    expect(groupThousands("1234567.891")).toBe("1,234,567.891");
    expect(groupThousands("999")).toBe("999");
    expect(groupThousands("-1000.5")).toBe("-1,000.5");
  });
});

describe("formatReadable", () => {
  // The law: a nonzero amount never reads as zeros. What it shows is the exact value, or its first
  // digits cut and marked "…", and either way at least one shown digit is not 0.
  it("shows a nonzero amount with a nonzero digit, and only digits of the exact value", () => {
    const amount = fc
      .tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 30 }))
      .map(([digits, scale]) => new Decimal(digits).div(new Decimal(10).pow(scale)).toFixed());
    fc.assert(
      fc.property(amount, (plain) => {
        const shown = formatReadable(plain, 2, 10);
        const digits = shown.replace(/,/g, "").replace(/…$/, "");
        expect(/[1-9]/.test(digits)).toBe(true);
        if (shown.endsWith("…")) expect(plain.startsWith(digits)).toBe(true);
        else expect(new Decimal(digits).equals(plain)).toBe(true);
      }),
    );
  });
});
