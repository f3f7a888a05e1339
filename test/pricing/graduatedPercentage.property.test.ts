import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { PriceTerms, TermsOf } from "../../src/pricing/index.js";
import { ratePrice } from "../../src/pricing/index.js";
import { frozenQuantityArb, graduatedPercentageArb, percentArb } from "../_arbitraries/prices.js";
import { quantityAtBoundsArb } from "../_arbitraries/tierBounds.js";

// Two amounts to compare, each on or next to a tier bound, or anywhere.
const nearBoundsPair = (terms: PriceTerms) => {
  const tiers = terms.model === "graduated_percentage" ? terms.tiers : [];
  const amount: fc.Arbitrary<Decimal> = fc.oneof(quantityAtBoundsArb(tiers), frozenQuantityArb);
  return fc.record({ terms: fc.constant(terms), a: amount, b: amount });
};

describe("graduated percentage (laws)", () => {
  it("bills tier 1's flat fee at a zero amount only with flatFeeAtZeroUsage: true; above zero the setting changes nothing", () => {
    fc.assert(
      fc.property(graduatedPercentageArb, frozenQuantityArb, (terms, quantity) => {
        if (terms.model !== "graduated_percentage") return;
        const fee = terms.tiers[0]!.flatFee;
        const atZero = ratePrice(terms, new Decimal(0)).amount;
        const expected = terms.flatFeeAtZeroUsage === true && fee !== undefined ? fee : new Decimal(0);
        expect(atZero.equals(expected)).toBe(true);
        if (quantity.isZero()) return;
        const on = ratePrice({ ...terms, flatFeeAtZeroUsage: true }, quantity).amount;
        const off = ratePrice({ ...terms, flatFeeAtZeroUsage: false }, quantity).amount;
        expect(on.equals(off)).toBe(true);
      }),
    );
  });

  it("with one tier and no fee equals percent ÷ 100 × the amount", () => {
    fc.assert(
      fc.property(percentArb, frozenQuantityArb, (percent, quantity) => {
        const terms: TermsOf<"graduated_percentage"> = {
          model: "graduated_percentage",
          tiers: [{ percent }],
        };
        expect(ratePrice(terms, quantity).amount.equals(quantity.times(percent).div(100))).toBe(true);
      }),
    );
  });

  it("never costs less for a larger amount", () => {
    fc.assert(
      fc.property(graduatedPercentageArb.chain(nearBoundsPair), ({ terms, a, b }) => {
        const [low, high] = a.lessThan(b) ? [a, b] : [b, a];
        expect(ratePrice(terms, low).amount.lessThanOrEqualTo(ratePrice(terms, high).amount)).toBe(true);
      }),
    );
  });
});
