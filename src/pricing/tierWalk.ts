import { compareDecimals, Decimal, ZERO } from "../money/index.js";

/** Anything with an inclusive upper bound; the last tier has none. */
export interface Bounded {
  readonly upTo?: Decimal | null | undefined;
}

/** One reached tier of a graduated walk. */
export interface ReachedTier<T extends Bounded> {
  readonly index: number;
  readonly tier: T;
  /** The previous tier's upTo (0 for the first tier). */
  readonly from: Decimal;
  /** The units of the quantity inside `(from, upTo]`. */
  readonly inTier: Decimal;
}

/**
 * The tiers a quantity reaches under graduated pricing, each with its share of the quantity: tier i
 * holds the units in `(previous upTo, upTo]`. Zero usage reaches tier 1 with 0 units, so the
 * breakdown always says which tier applied.
 */
export function graduatedTiers<T extends Bounded>(
  tiers: ReadonlyArray<T>,
  quantity: Decimal,
): ReachedTier<T>[] {
  const reached: ReachedTier<T>[] = [];
  let from: Decimal = ZERO;
  for (const [index, tier] of tiers.entries()) {
    const upTo = tier.upTo ?? undefined;
    const within = upTo === undefined || compareDecimals(quantity, upTo) <= 0;
    const bounded = upTo === undefined ? quantity : smaller(quantity, upTo, within);
    const inTier = from.isZero() ? minusZero(bounded) : bounded.minus(from);
    // Signs rather than greaterThan(0), which makes a Decimal of its argument (issue 14).
    if ((inTier.isPositive() && !inTier.isZero()) || (index === 0 && quantity.isZero()))
      reached.push({ index, tier, from, inTier });
    if (within) break;
    from = upTo;
  }
  return reached;
}

// Decimal.min(quantity, upTo), given whether quantity ≤ upTo: the smaller one itself when it has no
// more significant digits than the working precision (Decimal.min copies both, compares them again and
// rounds its result to that precision, which changes nothing then: issue 14), else Decimal.min.
function smaller(quantity: Decimal, upTo: Decimal, quantityIsSmaller: boolean): Decimal {
  const value = quantityIsSmaller ? quantity : upTo;
  return value.precision() <= Decimal.precision ? value : Decimal.min(quantity, upTo);
}

// value − 0 as decimal.js's minus gives it: the value itself when it is not zero and has no more
// significant digits than the working precision (minus copies it and rounds the copy to that precision,
// which changes nothing then: issue 14, the first tier of every line). A zero goes through minus, which
// keeps its sign (−0 − 0 is −0 in decimal.js, as in IEEE 754), so either way gives the same zero.
function minusZero(value: Decimal): Decimal {
  return !value.isZero() && value.precision() <= Decimal.precision ? value : value.minus(ZERO);
}

/**
 * The single tier a total quantity falls in under volume pricing: the first whose `upTo` it does
 * not exceed (a total exactly on a bound stays in the lower tier).
 */
export function volumeTier<T extends Bounded>(tiers: ReadonlyArray<T>, quantity: Decimal): ReachedTier<T> {
  const index = tiers.findIndex((tier) => tier.upTo == null || compareDecimals(quantity, tier.upTo) <= 0);
  const tier = tiers[index] as T;
  const from = index === 0 ? ZERO : (tiers[index - 1]?.upTo ?? ZERO);
  return { index, tier, from, inTier: quantity };
}
