import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { TermsOf } from "../../src/pricing/index.js";
import { NO_CONTEXT, ratePrice, tieredPackage } from "../../src/pricing/index.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string | number) => new Decimal(value);
// The model's own example: up to 1,000 units in blocks of 100 at $5, beyond in blocks of 500 at $20.
const tiers: TermsOf<"tiered_package">["tiers"] = [
  { upTo: d(1000), packageSize: d(100), packagePrice: d(5) },
  { packageSize: d(500), packagePrice: d(20) },
];
const graduated: TermsOf<"tiered_package"> = { model: "tiered_package", mode: "graduated", tiers };
const volume: TermsOf<"tiered_package"> = { model: "tiered_package", mode: "volume", tiers };
const rate = (terms: TermsOf<"tiered_package">, quantity: string | number) =>
  tieredPackage.rate(terms, d(quantity), NO_CONTEXT);

describe("tiered package, graduated (Kill Bill ALL_TIERS)", () => {
  it("bills each tier's units in that tier's whole blocks", () => {
    // 1,250 units: tier 1 holds 1,000 → 1,000 ÷ 100 = 10 blocks × 5 = 50;
    // tier 2 holds 250 → 250 ÷ 500 = 0.5 → 1 block × 20 = 20; total 70
    const result = rate(graduated, 1250);
    expect(result.amount.toFixed()).toBe("70");
    expect(result.priceKind).toBe("tiered");
    expect(result.unitPrice).toBeUndefined();
    expect(result.steps).toEqual([
      {
        kind: "tier_package",
        mode: "graduated",
        tier: 1,
        from: "0",
        upTo: "1000",
        quantity: "1000",
        packageSize: "100",
        packages: "10",
        packagePrice: "5",
        amount: "50",
      },
      {
        kind: "tier_package",
        mode: "graduated",
        tier: 2,
        from: "1000",
        upTo: null,
        quantity: "250",
        packageSize: "500",
        packages: "1",
        packagePrice: "20",
        amount: "20",
      },
    ]);
  });

  it("bills nothing for zero usage, with a zero-block tier-1 step", () => {
    // 0 units: 0 ÷ 100 = 0 blocks × 5 = 0
    const result = rate(graduated, 0);
    expect(result.amount.toFixed()).toBe("0");
    expect(result.steps).toEqual([expect.objectContaining({ tier: 1, quantity: "0", packages: "0" })]);
  });

  it("bills a fractional quantity as one whole block", () => {
    // 0.5 units: 0.5 ÷ 100 = 0.005 → 1 block × 5 = 5
    expect(rate(graduated, "0.5").amount.toFixed()).toBe("5");
    // 100.5 units: 100.5 ÷ 100 = 1.005 → 2 blocks × 5 = 10
    expect(rate(graduated, "100.5").amount.toFixed()).toBe("10");
  });

  it("stops in tier 1 when usage ends exactly on its bound", () => {
    // 1,000 units: 10 blocks × 5 = 50; tier 2 is not reached, so no tier-2 block
    const result = rate(graduated, 1000);
    expect(result.amount.toFixed()).toBe("50");
    expect(result.steps).toHaveLength(1);
  });

  it("starts a whole tier-2 block one unit past the bound", () => {
    // 1,001 units: 50 + (1 ÷ 500 = 0.002 → 1 block × 20 = 20) = 70
    expect(rate(graduated, 1001).amount.toFixed()).toBe("70");
  });

  it("rates 10^15 units exactly", () => {
    // tier 1: 50; tier 2: (10^15 − 1,000) ÷ 500 = 999,999,999,999,000 ÷ 500 = 1,999,999,999,998 blocks
    // × 20 = 39,999,999,999,960; total 39,999,999,999,960 + 50 = 40,000,000,000,010
    expect(rate(graduated, "1000000000000000").amount.toFixed()).toBe("40000000000010");
  });

  it("refuses a negative quantity", () => {
    expect(thrown(() => rate(graduated, -1))).toMatchObject({ code: "negative_quantity", path: "" });
  });
});

describe("tiered package, volume (Kill Bill TOP_TIER)", () => {
  it("bills all units in the blocks of the tier the total reaches", () => {
    // 1,250 units reach tier 2: 1,250 ÷ 500 = 2.5 → 3 blocks × 20 = 60
    const result = rate(volume, 1250);
    expect(result.amount.toFixed()).toBe("60");
    expect(result.steps).toEqual([
      {
        kind: "tier_package",
        mode: "volume",
        tier: 2,
        from: "1000",
        upTo: null,
        quantity: "1250",
        packageSize: "500",
        packages: "3",
        packagePrice: "20",
        amount: "60",
      },
    ]);
  });

  it("bills nothing for zero usage, at tier 1", () => {
    // 0 units: tier 1, 0 blocks × 5 = 0
    const result = rate(volume, 0);
    expect(result.amount.toFixed()).toBe("0");
    expect(result.steps).toEqual([expect.objectContaining({ tier: 1, packages: "0" })]);
  });

  it("bills a fractional quantity as one whole block of the reached tier", () => {
    // 0.5 units: tier 1, 0.5 ÷ 100 → 1 block × 5 = 5
    expect(rate(volume, "0.5").amount.toFixed()).toBe("5");
    // 1,000.5 units: tier 2, 1,000.5 ÷ 500 = 2.001 → 3 blocks × 20 = 60
    expect(rate(volume, "1000.5").amount.toFixed()).toBe("60");
  });

  it("keeps a total exactly on the bound in tier 1's blocks", () => {
    // 1,000 units: tier 1, 1,000 ÷ 100 = 10 blocks × 5 = 50
    expect(rate(volume, 1000).amount.toFixed()).toBe("50");
  });

  it("moves every unit to tier 2's blocks one unit past the bound", () => {
    // 1,001 units: tier 2, 1,001 ÷ 500 = 2.002 → 3 blocks × 20 = 60
    const result = rate(volume, 1001);
    expect(result.amount.toFixed()).toBe("60");
    expect(result.steps[0]).toMatchObject({ tier: 2, quantity: "1001", packages: "3" });
  });

  it("rates 10^15 units exactly", () => {
    // tier 2: 10^15 ÷ 500 = 2 × 10^12 blocks × 20 = 4 × 10^13
    expect(rate(volume, "1000000000000000").amount.toFixed()).toBe("40000000000000");
  });

  it("is reachable through ratePrice like any model", () => {
    // 250 units: tier 1, 250 ÷ 100 = 2.5 → 3 blocks × 5 = 15
    expect(ratePrice(volume, d(250)).amount.toFixed()).toBe("15");
  });

  it("refuses a negative quantity", () => {
    expect(thrown(() => rate(volume, "-0.5"))).toMatchObject({ code: "negative_quantity", path: "" });
  });
});
