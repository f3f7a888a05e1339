import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { TermsOf } from "../../src/pricing/index.js";
import { NO_CONTEXT, threshold } from "../../src/pricing/index.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string | number) => new Decimal(value);
// The model's own example: up to 10 seats $49, up to 50 seats $199, beyond $499.
const seats: TermsOf<"threshold"> = {
  model: "threshold",
  bands: [{ upTo: d(10), amount: d(49) }, { upTo: d(50), amount: d(199) }, { amount: d(499) }],
};
const rate = (quantity: string | number) => threshold.rate(seats, d(quantity), NO_CONTEXT);

describe("threshold price", () => {
  it("costs the amount of the band the quantity falls in, not a per-unit sum", () => {
    // 30 seats: 10 < 30 ≤ 50 → band 2 → 199 (not 30 × anything)
    const result = rate(30);
    expect(result.amount.toFixed()).toBe("199");
    expect(result.priceKind).toBe("threshold");
    expect(result.unitPrice).toBeUndefined();
    expect(result.steps).toEqual([
      { kind: "threshold", band: 2, from: "10", upTo: "50", quantity: "30", amount: "199" },
    ]);
  });

  it("puts zero in the first band (the first whose upTo it does not exceed)", () => {
    // 0 ≤ 10 → band 1 → 49
    expect(rate(0).amount.toFixed()).toBe("49");
  });

  it("bills nothing at zero usage when flatFeeAtZeroUsage is false, still naming band 1", () => {
    // 0 seats, flatFeeAtZeroUsage false: band 1, amount 0
    const result = threshold.rate({ ...seats, flatFeeAtZeroUsage: false }, d(0), NO_CONTEXT);
    expect(result.amount.toFixed()).toBe("0");
    expect(result.steps).toEqual([
      { kind: "threshold", band: 1, from: "0", upTo: "10", quantity: "0", amount: "0" },
    ]);
    // 0.5 seats is not zero usage: band 1 → 49
    expect(
      threshold.rate({ ...seats, flatFeeAtZeroUsage: false }, d("0.5"), NO_CONTEXT).amount.toFixed(),
    ).toBe("49");
  });

  it("keeps a quantity exactly on upTo in that band (inclusive bound)", () => {
    // 10 ≤ 10 → band 1 → 49; 50 ≤ 50 → band 2 → 199
    expect(rate(10).amount.toFixed()).toBe("49");
    expect(rate(50).amount.toFixed()).toBe("199");
  });

  it("moves one unit past the bound to the next band", () => {
    // 11 > 10 → band 2 → 199; 51 > 50 → band 3 → 499
    expect(rate(11).amount.toFixed()).toBe("199");
    expect(rate(51).steps[0]).toMatchObject({ band: 3, from: "50", upTo: null, amount: "499" });
  });

  it("puts a fractional quantity just past a bound in the next band", () => {
    // 10.5 > 10 → band 2 → 199; 9.5 ≤ 10 → band 1 → 49
    expect(rate("10.5").amount.toFixed()).toBe("199");
    expect(rate("9.5").amount.toFixed()).toBe("49");
  });

  it("prices 10^15 at the last band's amount", () => {
    // 10^15 > 50 → band 3 → 499
    expect(rate("1000000000000000").amount.toFixed()).toBe("499");
  });

  it("refuses a negative quantity", () => {
    expect(thrown(() => rate(-1))).toMatchObject({ code: "negative_quantity", path: "" });
  });
});
