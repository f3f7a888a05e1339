import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ZERO } from "../../src/money/index.js";
import type { PriceTerms } from "../../src/pricing/index.js";
import { ratePrice } from "../../src/pricing/index.js";
import { decimalArb, priceArb, quantityArb, tiersArb, unitPriceArb } from "../_arbitraries/prices.js";
import { assertPriceModelLaws } from "../_laws/priceModelLaws.js";

describe("laws of every price model", () => {
  it("is deterministic, non-negative, and its steps re-add to the amount exactly", () => {
    assertPriceModelLaws(priceArb);
  });
});

describe("graduated", () => {
  it("never costs less for more usage when prices are non-negative", () => {
    fc.assert(
      fc.property(tiersArb({ flatFees: true }), quantityArb, quantityArb, (tiers, a, b) => {
        const [low, high] = a.lessThan(b) ? [a, b] : [b, a];
        const terms: PriceTerms = { model: "graduated", tiers };
        expect(ratePrice(terms, low).amount.lessThanOrEqualTo(ratePrice(terms, high).amount)).toBe(true);
      }),
    );
  });

  it("with a single tier equals unit pricing", () => {
    fc.assert(
      fc.property(unitPriceArb, quantityArb, (unitPrice, quantity) => {
        const graduated = ratePrice({ model: "graduated", tiers: [{ unitPrice }] }, quantity).amount;
        const unit = ratePrice({ model: "unit", unitPrice }, quantity).amount;
        expect(graduated.equals(unit)).toBe(true);
      }),
    );
  });

  it("equals the sum over tiers of (units inside the tier × its price)", () => {
    fc.assert(
      fc.property(tiersArb(), quantityArb, (tiers, quantity) => {
        // Independent restatement: units in tier i = clamp(q, lower_i, upper_i) − lower_i.
        let expected = ZERO;
        let lower = ZERO;
        for (const tier of tiers) {
          const upper = tier.upTo ?? Decimal.max(quantity, lower);
          const top = Decimal.min(Decimal.max(quantity, lower), upper);
          expected = expected.plus(top.minus(lower).times(tier.unitPrice));
          lower = upper;
        }
        expect(ratePrice({ model: "graduated", tiers }, quantity).amount.equals(expected)).toBe(true);
      }),
    );
  });
});

describe("volume", () => {
  it("equals quantity × the reached tier's rate + that tier's flat fee", () => {
    fc.assert(
      fc.property(
        tiersArb({ flatFees: true }),
        quantityArb.filter((q) => !q.isZero()),
        (tiers, quantity) => {
          const reached = tiers.find(
            (tier) => tier.upTo === undefined || tier.upTo === null || quantity.lessThanOrEqualTo(tier.upTo),
          );
          expect(reached).toBeDefined();
          const expected = quantity.times(reached!.unitPrice).plus(reached!.flatFee ?? 0);
          expect(ratePrice({ model: "volume", tiers }, quantity).amount.equals(expected)).toBe(true);
        },
      ),
    );
  });
});

describe("package", () => {
  it("round_up costs ceil(quantity ÷ size) × price", () => {
    fc.assert(
      fc.property(
        decimalArb({ digits: 4, scale: 0, min: 1 }),
        decimalArb({ digits: 2, scale: 4 }),
        decimalArb({ digits: 9, scale: 0 }),
        (packageSize, packagePrice, quantity) => {
          // Integer restatement of the ceiling: (q + size − 1) div size.
          const packages = quantity.plus(packageSize).minus(1).divToInt(packageSize);
          const terms: PriceTerms = {
            model: "package",
            packageSize,
            packagePrice,
            partialPackage: "round_up",
          };
          expect(ratePrice(terms, quantity).amount.equals(packages.times(packagePrice))).toBe(true);
        },
      ),
    );
  });

  it("round_down never costs more than round_up, and by at most one package", () => {
    fc.assert(
      fc.property(
        decimalArb({ digits: 4, scale: 0, min: 1 }),
        decimalArb({ digits: 2, scale: 4 }),
        quantityArb,
        (packageSize, packagePrice, quantity) => {
          const up = ratePrice(
            { model: "package", packageSize, packagePrice, partialPackage: "round_up" },
            quantity,
          );
          const down = ratePrice(
            { model: "package", packageSize, packagePrice, partialPackage: "round_down" },
            quantity,
          );
          const difference = up.amount.minus(down.amount);
          expect(difference.isNegative()).toBe(false);
          expect(difference.lessThanOrEqualTo(packagePrice)).toBe(true);
        },
      ),
    );
  });
});
