import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { TermsOf } from "../../src/pricing/index.js";
import { graduatedPercentage, NO_CONTEXT } from "../../src/pricing/index.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string | number) => new Decimal(value);
// The model's own example: up to $10,000 at 2 %, beyond at 1.5 %.
const payments: TermsOf<"graduated_percentage"> = {
  model: "graduated_percentage",
  tiers: [{ upTo: d(10_000), percent: d(2) }, { percent: d("1.5") }],
};
// With a flat fee per tier: up to 10,000 at 2 % + $0.50, up to 50,000 at 1.5 % + $1, then 1 % + $2.
const withFees: TermsOf<"graduated_percentage"> = {
  model: "graduated_percentage",
  tiers: [
    { upTo: d(10_000), percent: d(2), flatFee: d("0.5") },
    { upTo: d(50_000), percent: d("1.5"), flatFee: d(1) },
    { percent: d(1), flatFee: d(2) },
  ],
};
const rate = (quantity: string | number, terms = withFees) =>
  graduatedPercentage.rate(terms, d(quantity), NO_CONTEXT);

describe("graduated percentage", () => {
  it("charges each tier's part of the amount at that tier's percent", () => {
    // $15,000: 10,000 × 0.02 = 200; 5,000 × 0.015 = 75; total 275
    const result = rate(15_000, payments);
    expect(result.amount.toFixed()).toBe("275");
    expect(result.priceKind).toBe("percentage");
    expect(result.unitPrice).toBeUndefined();
    expect(result.steps).toEqual([
      {
        kind: "tier",
        mode: "graduated_percentage",
        tier: 1,
        from: "0",
        upTo: "10000",
        quantity: "10000",
        unitPrice: "0.02",
        amount: "200",
      },
      {
        kind: "tier",
        mode: "graduated_percentage",
        tier: 2,
        from: "10000",
        upTo: null,
        quantity: "5000",
        unitPrice: "0.015",
        amount: "75",
      },
    ]);
  });

  it("charges nothing at zero, not even tier 1's flat fee", () => {
    // $0: 0 × 0.02 = 0, and no flat fee at zero
    const result = rate(0);
    expect(result.amount.toFixed()).toBe("0");
    expect(result.steps).toEqual([expect.objectContaining({ kind: "tier", tier: 1, quantity: "0" })]);
  });

  it("bills tier 1's flat fee at zero when flatFeeAtZeroUsage is true, as graduated does by default", () => {
    // $0: 0 × 0.02 = 0, + tier-1 fee 0.50 = 0.50
    const result = rate(0, { ...withFees, flatFeeAtZeroUsage: true });
    expect(result.amount.toFixed()).toBe("0.5");
    expect(result.steps).toContainEqual({ kind: "tier_flat_fee", tier: 1, zeroUsage: true, amount: "0.5" });
    // false says what the default already does: nothing at zero
    expect(rate(0, { ...withFees, flatFeeAtZeroUsage: false }).amount.toFixed()).toBe("0");
    // above zero the setting changes nothing: $0.01 → 0.0002 + 0.5 either way
    expect(rate("0.01", { ...withFees, flatFeeAtZeroUsage: true }).amount.toFixed()).toBe("0.5002");
  });

  it("adds the flat fee of a tier as soon as any amount reaches it", () => {
    // $0.01: 0.01 × 0.02 = 0.0002 + tier-1 fee 0.5 = 0.5002
    const result = rate("0.01");
    expect(result.amount.toFixed()).toBe("0.5002");
    expect(result.steps).toContainEqual({ kind: "tier_flat_fee", tier: 1, zeroUsage: false, amount: "0.5" });
  });

  it("stops in tier 1 when the amount ends exactly on its bound", () => {
    // $10,000: 200 + 0.5 = 200.5; tier 2 (and its fee) not reached
    const result = rate(10_000);
    expect(result.amount.toFixed()).toBe("200.5");
    expect(result.steps.map((step) => [step.kind, "tier" in step ? step.tier : undefined])).toEqual([
      ["tier", 1],
      ["tier_flat_fee", 1],
    ]);
  });

  it("reaches tier 2 and its flat fee one unit past the bound", () => {
    // $10,001: 200 + 0.5 + 1 × 0.015 + 1 = 201.515
    expect(rate(10_001).amount.toFixed()).toBe("201.515");
  });

  it("prices a fractional amount just past the bound exactly", () => {
    // $10,000.5: 200.5 + 0.5 × 0.015 = 0.0075 + fee 1 → 201.5075
    expect(rate("10000.5").amount.toFixed()).toBe("201.5075");
  });

  it("rates 10^15 exactly", () => {
    // tier 1: 200 + 0.5 = 200.5; tier 2: 40,000 × 0.015 = 600 + 1 = 601;
    // tier 3: (10^15 − 50,000) × 0.01 = 9,999,999,999,500 + 2 = 9,999,999,999,502;
    // total 9,999,999,999,502 + 200.5 + 601 = 10,000,000,000,303.5
    expect(rate("1000000000000000").amount.toFixed()).toBe("10000000000303.5");
  });

  it("refuses a negative amount", () => {
    expect(thrown(() => rate(-10))).toMatchObject({ code: "negative_quantity", path: "" });
  });
});
