import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { TermsOf } from "../../src/pricing/index.js";
import { NO_CONTEXT, tieredWithMinimum } from "../../src/pricing/index.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string | number) => new Decimal(value);
// The model's own example: up to 1,000 at $0.10 (minimum $50), beyond at $0.08 (minimum $150).
const terms: TermsOf<"tiered_with_minimum"> = {
  model: "tiered_with_minimum",
  tiers: [
    { upTo: d(1000), unitPrice: d("0.1"), minimum: d(50) },
    { unitPrice: d("0.08"), minimum: d(150) },
  ],
};
const rate = (quantity: string | number, withTerms = terms) =>
  tieredWithMinimum.rate(withTerms, d(quantity), NO_CONTEXT);

describe("tiered with minimum", () => {
  it("tops the graduated amount up to the reached tier's minimum with a tier_minimum step", () => {
    // 1,200 units: 1,000 × 0.1 = 100 + 200 × 0.08 = 16 → 116 < 150 (tier 2's minimum) → 150, top-up 34
    const result = rate(1200);
    expect(result.amount.toFixed()).toBe("150");
    expect(result.priceKind).toBe("tiered");
    expect(result.unitPrice).toBeUndefined();
    expect(result.steps).toEqual([
      {
        kind: "tier",
        mode: "tiered_with_minimum",
        tier: 1,
        from: "0",
        upTo: "1000",
        quantity: "1000",
        unitPrice: "0.1",
        amount: "100",
      },
      {
        kind: "tier",
        mode: "tiered_with_minimum",
        tier: 2,
        from: "1000",
        upTo: null,
        quantity: "200",
        unitPrice: "0.08",
        amount: "16",
      },
      { kind: "tier_minimum", tier: 2, minimum: "150", before: "116", amount: "34" },
    ]);
  });

  it("charges the graduated amount when it is above the minimum", () => {
    // 2,000 units: 1,000 × 0.1 = 100 + 1,000 × 0.08 = 80 → 180 ≥ 150 → 180, no top-up
    const result = rate(2000);
    expect(result.amount.toFixed()).toBe("180");
    expect(result.steps.map((step) => step.kind)).toEqual(["tier", "tier"]);
  });

  it("does not top up an amount exactly equal to the minimum", () => {
    // 500 units: 500 × 0.1 = 50 = tier 1's minimum → 50, no tier_minimum step
    const result = rate(500);
    expect(result.amount.toFixed()).toBe("50");
    expect(result.steps).toHaveLength(1);
  });

  it("applies tier 1's minimum at zero usage (zero reaches tier 1)", () => {
    // 0 units: 0 × 0.1 = 0 < 50 → 50
    const result = rate(0);
    expect(result.amount.toFixed()).toBe("50");
    expect(result.steps).toContainEqual({
      kind: "tier_minimum",
      tier: 1,
      minimum: "50",
      before: "0",
      amount: "50",
    });
  });

  it("skips tier 1's minimum at zero usage when flatFeeAtZeroUsage is false", () => {
    // 0 units: 0, no top-up; 0.5 units is usage: 0.05 < 50 → 50
    const skip: TermsOf<"tiered_with_minimum"> = { ...terms, flatFeeAtZeroUsage: false };
    const result = rate(0, skip);
    expect(result.amount.toFixed()).toBe("0");
    expect(result.steps.map((step) => step.kind)).toEqual(["tier"]);
    expect(rate("0.5", skip).amount.toFixed()).toBe("50");
  });

  it("stays with tier 1's minimum when usage ends exactly on its bound", () => {
    // 1,000 units: 100 ≥ 50 → 100; tier 2 (and its $150 minimum) not reached
    expect(rate(1000).amount.toFixed()).toBe("100");
  });

  it("applies tier 2's minimum one unit past the bound", () => {
    // 1,001 units: 100 + 1 × 0.08 = 100.08 < 150 → 150
    expect(rate(1001).amount.toFixed()).toBe("150");
  });

  it("applies tier 2's minimum for a fractional quantity just past the bound", () => {
    // 1,000.5 units: 100 + 0.5 × 0.08 = 100.04 < 150 → 150 (top-up 49.96)
    const result = rate("1000.5");
    expect(result.amount.toFixed()).toBe("150");
    expect(result.steps.at(-1)).toEqual({
      kind: "tier_minimum",
      tier: 2,
      minimum: "150",
      before: "100.04",
      amount: "49.96",
    });
  });

  it("tops up a small fractional quantity to tier 1's minimum", () => {
    // 2.5 units: 2.5 × 0.1 = 0.25 < 50 → 50
    expect(rate("2.5").amount.toFixed()).toBe("50");
  });

  it("rates 10^15 units exactly", () => {
    // 100 + (10^15 − 1,000) × 0.08 = 100 + 79,999,999,999,920 = 80,000,000,000,020 ≥ 150
    expect(rate("1000000000000000").amount.toFixed()).toBe("80000000000020");
  });

  it("uses only the highest reached tier's minimum, not a lower tier's", () => {
    // Tier 1 up to 10 at $1 (minimum $50), tier 2 at $1 with no minimum.
    // 11 units reach tier 2, which has no minimum: 10 + 1 = 11, no top-up
    const lowerOnly: TermsOf<"tiered_with_minimum"> = {
      model: "tiered_with_minimum",
      tiers: [{ upTo: d(10), unitPrice: d(1), minimum: d(50) }, { unitPrice: d(1) }],
    };
    expect(rate(11, lowerOnly).amount.toFixed()).toBe("11");
    // 10 units stay in tier 1: 10 < 50 → 50
    expect(rate(10, lowerOnly).amount.toFixed()).toBe("50");
  });

  it("refuses a negative quantity", () => {
    expect(thrown(() => rate(-1))).toMatchObject({ code: "negative_quantity", path: "" });
  });
});
