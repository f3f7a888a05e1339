import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZERO } from "../../src/money/index.js";
import type { RatingContext } from "../../src/pricing/index.js";
import { NO_CONTEXT, ratePrice } from "../../src/pricing/index.js";
import {
  CAPACITY_METERS,
  capacityArb,
  decimalArb,
  deepFreeze,
  frozenMap,
  ratedInputArb,
} from "../_arbitraries/prices.js";

describe("capacity (laws)", () => {
  it("charges the first tier whose every limit holds, or refuses with capacity_exceeded", () => {
    fc.assert(
      fc.property(capacityArb, ratedInputArb, (terms, { quantity, context }) => {
        if (terms.model !== "capacity") return;
        const measured = (meter: string) => context.meterQuantities.get(meter) ?? ZERO;
        const fits = terms.tiers.find((tier) =>
          (tier.limits ?? []).every((limit) => measured(limit.meter).lessThanOrEqualTo(limit.max)),
        );
        if (fits === undefined) {
          expect(() => ratePrice(terms, quantity, context)).toThrowError(
            expect.objectContaining({ code: "capacity_exceeded" }),
          );
        } else {
          // No usage of the charge's own meter bills nothing when flatFeeAtZeroUsage is false.
          const skipped = quantity.isZero() && terms.flatFeeAtZeroUsage === false;
          expect(ratePrice(terms, quantity, context).amount.equals(skipped ? ZERO : fits.amount)).toBe(true);
        }
      }),
    );
  });

  it("with no usage at all charges the first tier, or nothing when flatFeeAtZeroUsage is false", () => {
    fc.assert(
      fc.property(capacityArb, (terms) => {
        if (terms.model !== "capacity") return;
        const expected = terms.flatFeeAtZeroUsage === false ? ZERO : terms.tiers[0]!.amount;
        expect(ratePrice(terms, ZERO, NO_CONTEXT).amount.equals(expected)).toBe(true);
      }),
    );
  });

  it("only reads the meters its limits name", () => {
    fc.assert(
      fc.property(
        capacityArb,
        ratedInputArb,
        decimalArb({ digits: 9, scale: 0 }),
        (terms, { context }, extra) => {
          if (terms.model !== "capacity") return;
          const named = new Set(
            terms.tiers.flatMap((tier) => (tier.limits ?? []).map((limit) => limit.meter)),
          );
          const unnamed = CAPACITY_METERS.filter((meter) => !named.has(meter));
          const widened = deepFreeze({
            ...context,
            meterQuantities: frozenMap([
              ...context.meterQuantities,
              ...unnamed.map((m) => [m, extra] as const),
            ]),
          });
          const attempt = (ctx: RatingContext) => {
            try {
              return ratePrice(terms, ZERO, ctx).amount.toFixed();
            } catch (error) {
              return (error as { code: string }).code;
            }
          };
          expect(attempt(widened)).toBe(attempt(context));
        },
      ),
    );
  });
});
