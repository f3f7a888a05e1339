import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { type PriceTerms, priceSchema, ratePrice } from "../../src/pricing/index.js";
import { quantityArb, tiersArb } from "../_arbitraries/prices.js";

// `per` on a tier price, as price lists print tiers: "$0.30 per million requests for the first 10
// million, then $0.25 per million".
const rate = (json: unknown, quantity: string) => ratePrice(priceSchema.parse(json), new Decimal(quantity));
const tiers = [
  { upTo: "10000000", unitPrice: "0.30", per: "1000000" },
  { unitPrice: "0.25", per: "1000000" },
];

describe("per on tier prices", () => {
  it("prices each graduated tier per N units", () => {
    // 15,000,000 requests: 10,000,000 × 0.30 ÷ 10^6 = 3.00; 5,000,000 × 0.25 ÷ 10^6 = 1.25; 4.25
    const result = rate({ model: "graduated", tiers }, "15000000");
    expect(result.amount.toFixed()).toBe("4.25");
    expect(result.steps[1]).toMatchObject({ kind: "tier", quantity: "5000000", unitPrice: "0.00000025" });
  });

  it("prices a volume tier per N units", () => {
    // all 15,000,000 at 0.25 ÷ 10^6 = 3.75
    expect(rate({ model: "volume", tiers }, "15000000").amount.toFixed()).toBe("3.75");
  });

  it("refuses a per that is not a power of ten, at the tier", () => {
    const result = priceSchema.safeParse({ model: "graduated", tiers: [{ unitPrice: "1", per: "1024" }] });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join("."))).toEqual([
      "tiers.0.per",
    ]);
  });

  it("costs the same as the tiers with each price divided by per (a property)", () => {
    fc.assert(
      fc.property(
        tiersArb(),
        quantityArb,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom("graduated", "volume"),
        (plain, quantity, k, model) => {
          const per = new Decimal(10).pow(k);
          const quoted = plain.map((tier) => ({ ...tier, unitPrice: tier.unitPrice.times(per), per }));
          const a = ratePrice({ model, tiers: plain } as PriceTerms, quantity).amount;
          const b = ratePrice({ model, tiers: quoted } as PriceTerms, quantity).amount;
          expect(b.equals(a)).toBe(true);
        },
      ),
    );
  });
});
