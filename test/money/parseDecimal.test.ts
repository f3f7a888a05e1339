import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import {
  Decimal,
  MONEY_AMOUNT,
  safeParseBoundedDecimal,
  safeParseDecimal,
  toDecimal,
} from "../../src/money/index.js";
import { thrown } from "../_support/thrown.js";

describe("toDecimal", () => {
  it("reads a decimal string exactly, keeping sub-minor digits", () => {
    // "0.0000025" is 25 × 10^-7: every digit survives, nothing is rounded.
    expect(toDecimal("0.0000025").toFixed()).toBe("0.0000025");
    // "12.50" has the value 12.5; equality is by value, not by text.
    expect(toDecimal("12.50").equals(new Decimal("12.5"))).toBe(true);
  });

  it("reads a sign, a leading dot, a trailing dot and an exponent", () => {
    // -3 is -3.
    expect(toDecimal("-3").toFixed()).toBe("-3");
    // "+7" is 7.
    expect(toDecimal("+7").toFixed()).toBe("7");
    // ".5" is 0.5, "5." is 5.
    expect(toDecimal(".5").toFixed()).toBe("0.5");
    expect(toDecimal("5.").toFixed()).toBe("5");
    // 1.5e3 = 1.5 × 1000 = 1500; 25e-7 = 0.0000025.
    expect(toDecimal("1.5e3").toFixed()).toBe("1500");
    expect(toDecimal("25e-7").toFixed()).toBe("0.0000025");
  });

  it("reads the number 0.1 as exactly one tenth, through its shortest string form", () => {
    // String(0.1) is "0.1", so the value is 1/10, not the binary 0.1000000000000000055511151231257827.
    expect(toDecimal(0.1).toFixed()).toBe("0.1");
    // 0.1 + 0.2 on exact tenths is 0.3 (the float sum would be 0.30000000000000004).
    expect(toDecimal(0.1).plus(toDecimal(0.2)).toFixed()).toBe("0.3");
  });

  it("reads large and tiny finite numbers through their exponent form", () => {
    // String(1e21) is "1e+21": 1 followed by 21 zeros.
    expect(toDecimal(1e21).toFixed()).toBe(`1${"0".repeat(21)}`);
    // String(-2.5e-7) is "-2.5e-7" = -0.00000025.
    expect(toDecimal(-2.5e-7).toFixed()).toBe("-0.00000025");
    // -0 is String(-0) = "0": plain zero.
    expect(toDecimal(-0).isZero()).toBe(true);
  });

  it("reads a literal zero with a huge negative exponent as zero", () => {
    // 0 × 10^-999999999999999999 is 0: no digit is lost, so it is not out of range.
    expect(toDecimal("0e-999999999999999999").isZero()).toBe(true);
  });

  it.each([
    ["", "the empty string"],
    [" 1", "a leading space"],
    ["1 ", "a trailing space"],
    ["NaN", "NaN"],
    ["Infinity", "Infinity"],
    ["-Infinity", "-Infinity"],
    ["0x10", "hex"],
    ["1_000", "a digit separator"],
    ["1,000", "a thousands comma"],
    ["1,5", "a decimal comma"],
    ["12.50 USD", "a currency suffix"],
    ["$12.50", "a currency prefix"],
    ["1e", "a bare exponent"],
    ["--1", "a double sign"],
    [".", "a lone dot"],
  ])("rejects %j (%s) with invalid_decimal", (text) => {
    const error = thrown(() => toDecimal(text, "charges[0].price.unitPrice"));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_decimal", path: "charges[0].price.unitPrice" });
  });

  it("rejects an exponent too large to represent with decimal_out_of_range", () => {
    // 10^999999999999999999 is beyond decimal.js's maxE (9e15).
    const error = thrown(() => toDecimal("1e999999999999999999", "amount"));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "decimal_out_of_range", path: "amount" });
  });

  it("rejects a non-zero literal that would underflow to zero with decimal_out_of_range", () => {
    // 1 × 10^-999999999999999999 is below decimal.js's minE (-9e15); becoming 0 would lose the value.
    const error = thrown(() => toDecimal("1e-999999999999999999", "amount"));
    expect(error).toMatchObject({ code: "decimal_out_of_range", path: "amount" });
  });

  it.each([
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ])("rejects the number %s with invalid_decimal", (value) => {
    expect(thrown(() => toDecimal(value))).toMatchObject({ code: "invalid_decimal", path: "" });
  });
});

describe("safeParseDecimal", () => {
  it("returns the exact value on success", () => {
    const result = safeParseDecimal("61400.125");
    expect(result.success).toBe(true);
    // 61400.125 written back is 61400.125.
    if (result.success) expect(result.data.toFixed()).toBe("61400.125");
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["an object", { value: "1" }],
    ["a list", ["1"]],
    ["a boolean", true],
    ["a bigint", 10n],
  ])("refuses %s with invalid_decimal and never a number", (_label, value) => {
    expect(safeParseDecimal(value)).toMatchObject({ success: false, code: "invalid_decimal" });
  });

  it("tells out-of-range literals apart from malformed ones", () => {
    expect(safeParseDecimal("1e999999999999999999")).toMatchObject({
      success: false,
      code: "decimal_out_of_range",
    });
    expect(safeParseDecimal("1e-999999999999999999")).toMatchObject({
      success: false,
      code: "decimal_out_of_range",
    });
    expect(safeParseDecimal("one")).toMatchObject({ success: false, code: "invalid_decimal" });
  });
});

describe("the sentence of a refused decimal", () => {
  const reason = (input: unknown) => {
    const result = safeParseDecimal(input);
    return result.success ? "accepted" : result.reason;
  };

  it("names what was given and why it is not a decimal", () => {
    expect(reason(Number.NaN)).toBe("NaN is not a finite number");
    expect(reason("")).toBe("an empty string is not a number");
    expect(reason("12,50")).toBe('"12,50" is not a decimal number');
    expect(reason(null)).toBe('expected a decimal string such as "12.50", got null');
    expect(reason(["1"])).toBe('expected a decimal string such as "12.50", got a list');
    expect(reason({ value: "1" })).toBe('expected a decimal string such as "12.50", got an object');
    expect(reason(true)).toBe('expected a decimal string such as "12.50", got boolean true');
    expect(reason("1e999999999999999999")).toBe('"1e999999999999999999" is too large to represent');
    expect(reason("1e-999999999999999999")).toBe('"1e-999999999999999999" is too small to represent');
  });

  it("quotes text of up to 40 characters whole and cuts longer text to 37 and an ellipsis", () => {
    const forty = "x".repeat(40);
    expect(reason(forty)).toBe(`"${forty}" is not a decimal number`);
    expect(reason(`${forty}y`)).toBe(`"${"x".repeat(37)}..." is not a decimal number`);
  });

  it("states the bound a value breaks", () => {
    const result = safeParseBoundedDecimal("1e48", MONEY_AMOUNT);
    expect(result).toMatchObject({
      success: false,
      code: "decimal_out_of_range",
      reason:
        "the value is 1e+48 (too large); a money amount must be less than 10^15 in size, with at most 12 decimals",
    });
  });

  it("puts the path in front of the sentence when toDecimal is given one, and ends it with a full stop", () => {
    expect((thrown(() => toDecimal("abc")) as InputError).message).toBe('"abc" is not a decimal number.');
    expect((thrown(() => toDecimal("abc", "charges[0].price")) as InputError).message).toBe(
      'charges[0].price: "abc" is not a decimal number.',
    );
  });
});
