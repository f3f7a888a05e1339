import { describe, expect, it } from "vitest";
import {
  addQuotients,
  Decimal,
  fractionAbove,
  fractionWhenUnending,
  lowestTerms,
  quotientValue,
  scaleQuotient,
  unendingQuotient,
} from "../../src/money/index.js";

const d = (text: string) => new Decimal(text);

describe("fractionWhenUnending keeps a quotient as a fraction only when it does not end", () => {
  it.each([
    ["1", "3"], // 0.333…
    ["2", "3"],
    ["806400000", "2419200000"], // a level held 9 d 8 h of February's 28 days: 1/3
    ["1", "300"], // a byte in a 5-minute window, per second
  ])("%s ÷ %s does not end: kept", (numerator, denominator) => {
    expect(fractionWhenUnending(d(numerator), d(denominator))).toEqual({
      numerator: d(numerator),
      denominator: d(denominator),
    });
  });

  it.each([
    ["1", "4"], // 0.25: a denominator of 2s and 5s always ends
    ["6", "3"], // 2: the numerator cancels the 3
    ["725760000000", "2419200000"], // 300 GB-month exactly
    ["0", "7"],
    ["1.5", "3"], // 0.5
  ])("%s ÷ %s ends: no fraction", (numerator, denominator) => {
    expect(fractionWhenUnending(d(numerator), d(denominator))).toBeUndefined();
  });
});

describe("the fraction's arithmetic divides nothing", () => {
  it("takes a decimal off: 5/3 − 1 = (5 − 1 × 3)/3 = 2/3", () => {
    const twoThirds = fractionAbove({ numerator: d("5"), denominator: d("3") }, d("1"));
    expect(twoThirds).toEqual({ numerator: d("2"), denominator: d("3") });
  });

  it("scales: 2/3 × 0.03 ÷ 2 = 0.06/6 = 0.01, divided once", () => {
    const scaled = scaleQuotient({ numerator: d("2"), denominator: d("3") }, d("0.03"), d("2"));
    expect(scaled).toEqual({ numerator: d("0.06"), denominator: d("6") });
    expect(quotientValue(scaled).toFixed()).toBe("0.01");
  });
});

describe("lowestTerms writes a fraction as whole numbers with no common divisor", () => {
  it.each([
    ["474300000000", "2674800000", 131750n, 743n], // 131,750 GB-hours ÷ 743 hours (÷ 3,600,000)
    ["0.1", "3", 1n, 30n], // scaled by 10 first
    ["-2", "6", -1n, 3n],
    ["7", "21", 1n, 3n],
  ])("%s ÷ %s = %s ÷ %s", (numerator, denominator, top, bottom) => {
    expect(lowestTerms({ numerator: d(numerator), denominator: d(denominator) })).toEqual({
      numerator: top,
      denominator: bottom,
    });
  });
});

describe("addQuotients keeps a common denominator short", () => {
  it("adds 1/3 and 1/6 over 6 (their least common multiple), not 18: 2/6 + 1/6 = 3/6 = 0.5", () => {
    const sum = addQuotients(
      { numerator: d("1"), denominator: d("3") },
      { numerator: d("1"), denominator: d("6") },
    );
    expect(sum).toEqual({ numerator: d("3"), denominator: d("6") });
    expect(quotientValue(sum).toFixed()).toBe("0.5");
  });

  it("adds over the product when a denominator is not whole: 1/1.5 + 1/3 = (3 + 1.5)/4.5 = 1", () => {
    const sum = addQuotients(
      { numerator: d("1"), denominator: d("1.5") },
      { numerator: d("1"), denominator: d("3") },
    );
    expect(sum).toEqual({ numerator: d("4.5"), denominator: d("4.5") });
  });
});

describe("unendingQuotient", () => {
  it("keeps a quotient already made only when it does not end", () => {
    // 1/3 − 1/4 = 1/12 (what a 0.25 allowance leaves of 1/3): does not end; 3/12 = 0.25 ends.
    const left = fractionAbove({ numerator: d("1"), denominator: d("3") }, d("0.25"));
    expect(quotientValue(unendingQuotient(left)!).times(12).toDecimalPlaces(40).toFixed()).toBe("1");
    expect(unendingQuotient({ numerator: d("3"), denominator: d("12") })).toBeUndefined();
  });
});
