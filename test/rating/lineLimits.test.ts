import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { applyLineLimits } from "../../src/rating/index.js";
import type { ProrationRatio } from "../../src/time/index.js";

const d = (value: string | number) => new Decimal(value);
const limits = { minimum: d(20), maximum: d(100) };
// 17 of 31 days (a term starting January 15).
const seventeenOfThirtyOne: ProrationRatio = { basis: "day", elapsed: d(17), total: d(31) };

describe("applyLineLimits", () => {
  it("raises an amount below the minimum to it, with a line_limit step for the difference", () => {
    // 12.5 < 20 → 20, adjustment 20 − 12.5 = 7.5
    const result = applyLineLimits(d("12.5"), limits, undefined);
    expect(result.amount.toFixed()).toBe("20");
    expect(result.steps).toEqual([
      { kind: "line_limit", limit: "minimum", value: "20", before: "12.5", amount: "7.5" },
    ]);
  });

  it("lowers an amount above the maximum to it, with a negative adjustment", () => {
    // 130 > 100 → 100, adjustment 100 − 130 = −30
    const result = applyLineLimits(d(130), limits, undefined);
    expect(result.amount.toFixed()).toBe("100");
    expect(result.steps).toEqual([
      { kind: "line_limit", limit: "maximum", value: "100", before: "130", amount: "-30" },
    ]);
  });

  it("leaves an amount inside the limits, or exactly on one, unchanged and adds no step", () => {
    for (const amount of ["20", "55.55", "100"]) {
      const result = applyLineLimits(d(amount), limits, undefined);
      expect(result.amount.toFixed()).toBe(amount);
      expect(result.steps).toEqual([]);
    }
  });

  it("raises zero to the minimum", () => {
    // 0 < 20 → 20
    expect(applyLineLimits(d(0), limits, undefined).amount.toFixed()).toBe("20");
  });

  it("prorates the minimum on a partial period", () => {
    // minimum 31 × 17 ÷ 31 = 17; 10 < 17 → 17, adjustment 7
    const result = applyLineLimits(d(10), { minimum: d(31) }, seventeenOfThirtyOne);
    expect(result.amount.toFixed()).toBe("17");
    expect(result.steps).toEqual([
      { kind: "line_limit", limit: "minimum", value: "17", before: "10", amount: "7" },
    ]);
  });

  it("prorates the maximum on a partial period", () => {
    // maximum 62 × 17 ÷ 31 = 34; 50 > 34 → 34; 30 ≤ 34 unchanged
    expect(applyLineLimits(d(50), { maximum: d(62) }, seventeenOfThirtyOne).amount.toFixed()).toBe("34");
    expect(applyLineLimits(d(30), { maximum: d(62) }, seventeenOfThirtyOne).steps).toEqual([]);
  });

  it("applies a minimum to a credit's negative amount", () => {
    // −40 < −25 → −25, adjustment −25 − (−40) = 15
    const result = applyLineLimits(d(-40), { minimum: d(-25), credit: true }, undefined);
    expect(result.amount.toFixed()).toBe("-25");
    expect(result.steps[0]).toMatchObject({ amount: "15" });
  });

  it("bills a negative amount as zero on a charge that is not a credit, with a zero_floor step", () => {
    // −5 on a non-credit charge → 0, adjustment 0 − (−5) = 5
    const result = applyLineLimits(d(-5), {}, undefined);
    expect(result.amount.toFixed()).toBe("0");
    expect(result.steps).toEqual([
      { kind: "line_limit", limit: "zero_floor", value: "0", before: "-5", amount: "5" },
    ]);
  });

  it("keeps a credit's negative amount", () => {
    // −5 on a credit charge stays −5, no step
    const result = applyLineLimits(d(-5), { credit: true }, undefined);
    expect(result.amount.toFixed()).toBe("-5");
    expect(result.steps).toEqual([]);
  });

  it("caps a 10^15 amount", () => {
    // 10^15 > 100 → 100, adjustment 100 − 10^15 = −999,999,999,999,900
    const result = applyLineLimits(d("1000000000000000"), limits, undefined);
    expect(result.amount.toFixed()).toBe("100");
    expect(result.steps[0]).toMatchObject({ amount: "-999999999999900" });
  });
});

describe("applyLineLimits: the adjustment re-adds to the limit", () => {
  it("gives an adjustment that re-adds exactly to a prorated maximum far below the amount", () => {
    // maximum 0.01 × 17 ÷ 31 = 0.0054838709677419354838… (a repeating decimal, kept to the library's
    // precision); the adjustment is value − before, so before + adjustment must give value back exactly,
    // as the step schema promises ("steps add up exactly to the line's unrounded amount").
    // Found by the re-add law in groupedMatrix.property.test.ts (prorated maximum 0.01, amount 9,999.94).
    const result = applyLineLimits(d("9999.94"), { maximum: d("0.01") }, seventeenOfThirtyOne);
    const step = result.steps[0]!;
    if (step.kind !== "line_limit") throw new Error("expected a line_limit step");
    expect(d(step.value).equals(result.amount)).toBe(true);
    expect(d(step.before).plus(step.amount).equals(d(step.value))).toBe(true);
  });
});
