import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ratePrice } from "../../src/pricing/index.js";
import { dynamicArb, frozenQuantityArb } from "../_arbitraries/prices.js";

describe("dynamic (laws)", () => {
  it("equals the summed amounts times the multiplier (1 when absent)", () => {
    fc.assert(
      fc.property(dynamicArb, frozenQuantityArb, (terms, quantity) => {
        if (terms.model !== "dynamic") return;
        expect(ratePrice(terms, quantity).amount.equals(quantity.times(terms.multiplier ?? 1))).toBe(true);
      }),
    );
  });
});
