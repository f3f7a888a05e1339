import fc from "fast-check";
import { expect } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { PriceTerms } from "../../src/pricing/index.js";
import { type RatingContext, ratePrice } from "../../src/pricing/index.js";
import { deepFreeze, frozenMap, type RatedInput, ratedInputArb } from "../_arbitraries/prices.js";
import { sumOfSteps } from "./priceModelLaws.js";

/** An equal but distinct copy of a context (new Decimal instances, a new map), frozen like the original. */
function copyOf(context: RatingContext): RatingContext {
  return deepFreeze({
    eventValues: context.eventValues.map((value) => new Decimal(value)),
    meterQuantities: frozenMap([...context.meterQuantities].map(([meter, q]) => [meter, new Decimal(q)])),
    ...(context.group !== undefined ? { group: { ...context.group } } : {}),
  });
}

/**
 * The laws of {@link assertPriceModelLaws}, for models that read the rating context (per-event
 * percentages, capacity limits, dynamic amounts): rated with a generated context rather than
 * NO_CONTEXT. Deterministic (an equal copy of the input gives the same amount and steps),
 * non-negative for non-negative prices and event values, steps re-add exactly to the amount, and
 * the frozen terms and context are never mutated (a mutation throws).
 */
export function assertPriceModelLawsInContext(
  termsArb: fc.Arbitrary<PriceTerms>,
  inputArb: fc.Arbitrary<RatedInput> = ratedInputArb,
): void {
  fc.assert(
    fc.property(termsArb, inputArb, (terms, { quantity, context }) => {
      const attempt = () => ratePrice(terms, quantity, context);
      let first: ReturnType<typeof ratePrice>;
      try {
        first = attempt();
      } catch (error) {
        // The one refusal a context can cause: usage above every capacity tier.
        expect(terms.model).toBe("capacity");
        expect(error).toMatchObject({ code: "capacity_exceeded" });
        return;
      }
      const second = ratePrice(terms, new Decimal(quantity), copyOf(context));
      expect(first.amount.equals(second.amount)).toBe(true);
      expect(JSON.stringify(first.steps)).toBe(JSON.stringify(second.steps));
      expect(first.amount.isNegative()).toBe(false);
      expect(sumOfSteps(first.steps).equals(first.amount)).toBe(true);
    }),
  );
}
