import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { TermsOf } from "../../src/pricing/index.js";
import { NO_CONTEXT, volume } from "../../src/pricing/index.js";

const d = (value: string | number) => new Decimal(value);
// Storage: up to 1,000 GB at $0.03 per GB, up to 5,000 at $0.02, beyond at $0.015 plus a $5 fee.
const storage: TermsOf<"volume"> = {
  model: "volume",
  tiers: [
    { upTo: d(1000), unitPrice: d("0.03") },
    { upTo: d(5000), unitPrice: d("0.02") },
    { unitPrice: d("0.015"), flatFee: d("5") },
  ],
};
const rate = (quantity: string | number, terms = storage) => volume.rate(terms, d(quantity), NO_CONTEXT);

describe("volume price", () => {
  it("prices every unit at the tier the total reaches", () => {
    // 1,500 GB reaches tier 2: 1,500 × 0.02 = 30
    const result = rate(1500);
    expect(result.amount.toFixed()).toBe("30");
    expect(result.steps).toEqual([
      {
        kind: "tier",
        mode: "volume",
        tier: 2,
        from: "1000",
        upTo: "5000",
        quantity: "1500",
        unitPrice: "0.02",
        amount: "30",
      },
    ]);
  });

  it("keeps a total exactly on a boundary in the lower tier", () => {
    // 1,000 GB: tier 1 → 1,000 × 0.03 = 30
    expect(rate(1000).amount.toFixed()).toBe("30");
  });

  it("moves one unit past the boundary to the next tier for all units", () => {
    // 1,001 GB: tier 2 → 1,001 × 0.02 = 20.02 (cheaper than 1,000 GB: the volume cliff)
    expect(rate(1001).amount.toFixed()).toBe("20.02");
  });

  it("adds the reached tier's flat fee", () => {
    // 6,000 GB: tier 3 → 6,000 × 0.015 + 5 = 95
    expect(rate(6000).amount.toFixed()).toBe("95");
  });

  it("prices zero usage at tier 1", () => {
    expect(rate(0).amount.toFixed()).toBe("0");
    expect(rate(0).steps[0]).toMatchObject({ tier: 1, quantity: "0" });
  });

  it("bills the tier-1 flat fee at zero usage unless told not to", () => {
    const withFee: TermsOf<"volume"> = { model: "volume", tiers: [{ unitPrice: d("1"), flatFee: d("7") }] };
    // 0 × 1 + 7 = 7; with the option off: 0
    expect(rate(0, withFee).amount.toFixed()).toBe("7");
    expect(rate(0, { ...withFee, flatFeeAtZeroUsage: false }).amount.toFixed()).toBe("0");
  });

  it("rates 10^15 GB exactly", () => {
    // 10^15 × 0.015 + 5 = 15,000,000,000,005
    expect(rate("1000000000000000").amount.toFixed()).toBe("15000000000005");
  });
});
