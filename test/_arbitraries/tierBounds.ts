import fc from "fast-check";
import { Decimal } from "../../src/money/index.js";
import { deepFreeze, quantityArb } from "./prices.js";

/** Anything with tier bounds: the `upTo` of each tier (the last one has none). */
type Bounded = ReadonlyArray<{ readonly upTo?: Decimal | null | undefined }>;

// How far from a bound a generated quantity lands: on it, or one unit or one thousandth either side.
const OFFSETS = ["0", "-1", "1", "-0.001", "0.001"] as const;

/**
 * A quantity exactly on one of the tiers' bounds, or just below or just above it (by 1 or by 0.001,
 * never below zero): the quantities where an off-by-one in `upTo` (inclusive, docs/decisions/tier-bounds.md)
 * would show. Zero when the tiers have no bound.
 */
export function quantityAtBoundsArb(tiers: Bounded): fc.Arbitrary<Decimal> {
  const bounds = tiers.flatMap((tier) => (tier.upTo == null ? [] : [tier.upTo]));
  if (bounds.length === 0) return fc.constant(deepFreeze(new Decimal(0)));
  return fc
    .tuple(fc.constantFrom(...bounds), fc.constantFrom(...OFFSETS))
    .map(([bound, offset]) => deepFreeze(Decimal.max(0, bound.plus(offset))));
}

/**
 * Terms from `termsArb` with a quantity to rate them at: half the time on or next to one of their
 * tier bounds (`boundsOf` reads them), half the time anywhere.
 */
export function withQuantityNearBoundsArb<T>(
  termsArb: fc.Arbitrary<T>,
  boundsOf: (terms: T) => Bounded,
): fc.Arbitrary<{ readonly terms: T; readonly quantity: Decimal }> {
  return termsArb.chain((terms) =>
    fc
      .oneof(
        quantityAtBoundsArb(boundsOf(terms)),
        quantityArb.map((quantity) => deepFreeze(quantity)),
      )
      .map((quantity) => ({ terms, quantity })),
  );
}
