import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PriceTerms } from "../../src/pricing/index.js";
import { ratePrice } from "../../src/pricing/index.js";
import { decimalArb, quantityArb } from "../_arbitraries/prices.js";

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
