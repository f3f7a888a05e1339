import fc from "fast-check";
import { expect } from "vitest";
import { Decimal, ZERO } from "../../src/money/index.js";
import type { PriceTerms } from "../../src/pricing/index.js";
import { ratePrice } from "../../src/pricing/index.js";
import { quantityArb } from "../_arbitraries/prices.js";

/** Sums the amounts of a result's steps that carry money (flat, unit, package, tier, tier flat fee). */
export function sumOfSteps(
  steps: ReadonlyArray<{ readonly kind: string; readonly amount?: string }>,
): Decimal {
  return steps.reduce((sum, step) => (step.amount === undefined ? sum : sum.plus(step.amount)), ZERO);
}

/**
 * Laws every price model obeys, checked over generated terms and quantities: deterministic,
 * non-negative for non-negative prices, and the steps re-add exactly to the amount.
 */
export function assertPriceModelLaws(termsArb: fc.Arbitrary<PriceTerms>): void {
  fc.assert(
    fc.property(termsArb, quantityArb, (terms, quantity) => {
      const first = ratePrice(terms, quantity);
      const second = ratePrice(terms, new Decimal(quantity));
      expect(first.amount.equals(second.amount)).toBe(true);
      expect(JSON.stringify(first.steps)).toBe(JSON.stringify(second.steps));
      expect(first.amount.isNegative()).toBe(false);
      expect(sumOfSteps(first.steps).equals(first.amount)).toBe(true);
    }),
  );
}
