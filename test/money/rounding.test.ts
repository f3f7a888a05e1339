import { describe, expect, it } from "vitest";
import {
  Decimal,
  ROUNDING_MODES,
  type RoundingMode,
  roundReduction,
  roundTo,
  roundToInteger,
} from "../../src/money/index.js";

function round(value: string, decimals: number, mode: RoundingMode): string {
  return roundTo(new Decimal(value), decimals, mode).toFixed(decimals);
}

describe("ROUNDING_MODES", () => {
  it("lists the seven modes", () => {
    expect(ROUNDING_MODES).toEqual(["half_even", "half_up", "half_down", "up", "down", "ceiling", "floor"]);
  });
});

describe("roundTo", () => {
  // Each row: value, then the result to 2 decimals in every mode, worked out by hand.
  // Ties (third decimal exactly 5): half_even picks the even cent, half_up goes away from zero,
  // half_down toward zero. Directed modes: up = away from zero, down = toward zero,
  // ceiling = toward +∞, floor = toward −∞.
  const cases: ReadonlyArray<{
    value: string;
    why: string;
    expected: Readonly<Record<RoundingMode, string>>;
  }> = [
    {
      value: "0.125",
      why: "tie between 0.12 and 0.13; 2 is even",
      expected: {
        half_even: "0.12",
        half_up: "0.13",
        half_down: "0.12",
        up: "0.13",
        down: "0.12",
        ceiling: "0.13",
        floor: "0.12",
      },
    },
    {
      value: "0.135",
      why: "tie between 0.13 and 0.14; 4 is even",
      expected: {
        half_even: "0.14",
        half_up: "0.14",
        half_down: "0.13",
        up: "0.14",
        down: "0.13",
        ceiling: "0.14",
        floor: "0.13",
      },
    },
    {
      value: "-0.125",
      why: "tie between -0.12 and -0.13; away from zero is -0.13, toward +∞ is -0.12",
      expected: {
        half_even: "-0.12",
        half_up: "-0.13",
        half_down: "-0.12",
        up: "-0.13",
        down: "-0.12",
        ceiling: "-0.12",
        floor: "-0.13",
      },
    },
    {
      value: "-0.135",
      why: "tie between -0.13 and -0.14; 4 is even",
      expected: {
        half_even: "-0.14",
        half_up: "-0.14",
        half_down: "-0.13",
        up: "-0.14",
        down: "-0.13",
        ceiling: "-0.13",
        floor: "-0.14",
      },
    },
    {
      value: "2.675",
      why: "an exact decimal tie (as a float it would be 2.67499…); 8 is even",
      expected: {
        half_even: "2.68",
        half_up: "2.68",
        half_down: "2.67",
        up: "2.68",
        down: "2.67",
        ceiling: "2.68",
        floor: "2.67",
      },
    },
    {
      value: "0.1251",
      why: "not a tie: 0.0051 past 0.12 is more than half a cent, so the nearest is 0.13",
      expected: {
        half_even: "0.13",
        half_up: "0.13",
        half_down: "0.13",
        up: "0.13",
        down: "0.12",
        ceiling: "0.13",
        floor: "0.12",
      },
    },
    {
      value: "-0.1249",
      why: "not a tie: 0.0049 past -0.12 is less than half a cent, so the nearest is -0.12",
      expected: {
        half_even: "-0.12",
        half_up: "-0.12",
        half_down: "-0.12",
        up: "-0.13",
        down: "-0.12",
        ceiling: "-0.12",
        floor: "-0.13",
      },
    },
    {
      value: "7.30",
      why: "already whole cents: every mode leaves it alone",
      expected: {
        half_even: "7.30",
        half_up: "7.30",
        half_down: "7.30",
        up: "7.30",
        down: "7.30",
        ceiling: "7.30",
        floor: "7.30",
      },
    },
  ];

  for (const { value, why, expected } of cases) {
    for (const mode of ROUNDING_MODES) {
      it(`rounds ${value} to ${expected[mode]} with ${mode} (${why})`, () => {
        expect(round(value, 2, mode)).toBe(expected[mode]);
      });
    }
  }

  it("rounds to whole yen when the currency has no minor unit", () => {
    // 2.5 is a tie between 2 and 3: half_even → 2 (even), half_up → 3.
    expect(round("2.5", 0, "half_even")).toBe("2");
    expect(round("2.5", 0, "half_up")).toBe("3");
    // 3.5 is a tie between 3 and 4: half_even → 4 (even).
    expect(round("3.5", 0, "half_even")).toBe("4");
  });

  it("rounds to three decimals for BHD", () => {
    // 1.0005 is a tie between 1.000 and 1.001: half_even → 1.000 (0 even), half_up → 1.001.
    expect(round("1.0005", 3, "half_even")).toBe("1.000");
    expect(round("1.0005", 3, "half_up")).toBe("1.001");
    // 1.0015 is a tie between 1.001 and 1.002: half_even → 1.002 (2 even).
    expect(round("1.0015", 3, "half_even")).toBe("1.002");
  });

  it("rounds a sub-minor unit price times a large quantity once, at the end", () => {
    // 0.0000025 × 1,234,567 requests = 3.0864175; to cents: 3.0864175 is past 3.085, so 3.09.
    expect(roundTo(new Decimal("0.0000025").times("1234567"), 2, "half_even").toFixed(2)).toBe("3.09");
  });

  it("rounds a negative amount smaller than half a cent to zero", () => {
    // -0.004 is 0.4 of a cent below zero: the nearest cent is 0.
    expect(roundTo(new Decimal("-0.004"), 2, "half_even").isZero()).toBe(true);
  });

  it("does not change its argument", () => {
    const value = new Decimal("0.125");
    roundTo(value, 2, "half_up");
    expect(value.toFixed()).toBe("0.125");
  });
});

describe("roundToInteger", () => {
  it.each([
    // 2.5 → 2 (even), 3.5 → 4 (even), -2.5 → -2 (even)
    ["2.5", "half_even", "2"],
    ["3.5", "half_even", "4"],
    ["-2.5", "half_even", "-2"],
    // half_up: ties away from zero
    ["2.5", "half_up", "3"],
    ["-2.5", "half_up", "-3"],
    // 2.01 up → 3, down → 2; -2.01 ceiling → -2, floor → -3
    ["2.01", "up", "3"],
    ["2.99", "down", "2"],
    ["-2.01", "ceiling", "-2"],
    ["-2.01", "floor", "-3"],
  ] as const)("rounds %s with %s to %s", (value, mode, expected) => {
    expect(roundToInteger(new Decimal(value), mode).toFixed()).toBe(expected);
  });
});

describe("roundReduction", () => {
  // A size taken off is rounded as its negative figure: ceiling (toward +∞) keeps less of 1.7025,
  // floor more; the symmetric modes round the size as roundTo would.
  it.each([
    ["1.7025", "ceiling", "1.70"],
    ["1.7025", "floor", "1.71"],
    ["1.7025", "up", "1.71"],
    ["1.7025", "down", "1.70"],
    ["1.705", "half_even", "1.70"],
    ["1.705", "half_up", "1.71"],
    ["1.70", "ceiling", "1.70"],
  ] as const)("takes %s with %s as %s", (size, mode, expected) => {
    expect(roundReduction(new Decimal(size), 2, mode).toFixed(2)).toBe(expected);
  });
});
