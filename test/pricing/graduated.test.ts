import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { TermsOf } from "../../src/pricing/index.js";
import { graduated, NO_CONTEXT } from "../../src/pricing/index.js";

const d = (value: string | number) => new Decimal(value);
// CDN bandwidth: first 10,000 GB at $0.08, up to 50,000 at $0.06, beyond at $0.04.
const bandwidth: TermsOf<"graduated"> = {
  model: "graduated",
  tiers: [
    { upTo: d(10_000), unitPrice: d("0.08") },
    { upTo: d(50_000), unitPrice: d("0.06") },
    { unitPrice: d("0.04") },
  ],
};
const rate = (quantity: string | number, terms = bandwidth) => graduated.rate(terms, d(quantity), NO_CONTEXT);

describe("graduated price", () => {
  it("charges the first 10,000 GB at the first tier price and the rest tier by tier", () => {
    // 10,000 × 0.08 = 800; 40,000 × 0.06 = 2,400; 11,400 × 0.04 = 456; total 3,656
    const result = rate(61_400);
    expect(result.amount.toFixed()).toBe("3656");
    expect(result.steps).toEqual([
      {
        kind: "tier",
        mode: "graduated",
        tier: 1,
        from: "0",
        upTo: "10000",
        quantity: "10000",
        unitPrice: "0.08",
        amount: "800",
      },
      {
        kind: "tier",
        mode: "graduated",
        tier: 2,
        from: "10000",
        upTo: "50000",
        quantity: "40000",
        unitPrice: "0.06",
        amount: "2400",
      },
      {
        kind: "tier",
        mode: "graduated",
        tier: 3,
        from: "50000",
        upTo: null,
        quantity: "11400",
        unitPrice: "0.04",
        amount: "456",
      },
    ]);
  });

  it("keeps the boundary unit in the lower tier (upTo is inclusive)", () => {
    // 10,000 GB: all in tier 1 → 10,000 × 0.08 = 800, and no tier-2 step
    const result = rate(10_000);
    expect(result.amount.toFixed()).toBe("800");
    expect(result.steps).toHaveLength(1);
  });

  it("puts one unit past the boundary in the next tier", () => {
    // 10,001 GB: 10,000 × 0.08 + 1 × 0.06 = 800.06
    expect(rate(10_001).amount.toFixed()).toBe("800.06");
  });

  it("prices a fractional quantity just past a boundary exactly", () => {
    // 10,000.5 GB: 800 + 0.5 × 0.06 = 800.03
    expect(rate("10000.5").amount.toFixed()).toBe("800.03");
  });

  it("charges nothing for zero usage and says so with a zero tier-1 step", () => {
    const result = rate(0);
    expect(result.amount.toFixed()).toBe("0");
    expect(result.steps).toEqual([
      {
        kind: "tier",
        mode: "graduated",
        tier: 1,
        from: "0",
        upTo: "10000",
        quantity: "0",
        unitPrice: "0.08",
        amount: "0",
      },
    ]);
  });

  it("rates 10^15 GB exactly", () => {
    // 800 + 2,400 + (10^15 − 50,000) × 0.04 = 3,200 + 39,999,999,998,000 = 40,000,000,001,200
    expect(rate("1000000000000000").amount.toFixed()).toBe("40000000001200");
  });

  describe("with tier flat fees", () => {
    const withFees: TermsOf<"graduated"> = {
      model: "graduated",
      tiers: [
        { upTo: d(100), unitPrice: d("1"), flatFee: d("10") },
        { unitPrice: d("0.5"), flatFee: d("20") },
      ],
    };

    it("adds the flat fee of every tier reached", () => {
      // 150 units: 100 × 1 + 10 (tier 1 fee) + 50 × 0.5 + 20 (tier 2 fee) = 155
      expect(rate(150, withFees).amount.toFixed()).toBe("155");
    });

    it("bills the first tier's flat fee at zero usage by default (as Stripe and Lago)", () => {
      // 0 units: 0 + tier 1 flat fee 10 = 10
      const result = rate(0, withFees);
      expect(result.amount.toFixed()).toBe("10");
      expect(result.steps).toContainEqual({ kind: "tier_flat_fee", tier: 1, zeroUsage: true, amount: "10" });
    });

    it("skips the flat fee at zero usage when flatFeeAtZeroUsage is false", () => {
      expect(rate(0, { ...withFees, flatFeeAtZeroUsage: false }).amount.toFixed()).toBe("0");
    });

    it("does not bill the next tier's fee when usage stops exactly on the boundary", () => {
      // 100 units: 100 × 1 + 10 = 110 (tier 2 not reached: it starts after unit 100)
      expect(rate(100, withFees).amount.toFixed()).toBe("110");
    });
  });

  it("refuses a negative quantity", () => {
    expect(() => rate(-1)).toThrowError(expect.objectContaining({ code: "negative_quantity" }));
  });
});
