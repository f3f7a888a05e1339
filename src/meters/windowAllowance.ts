import {
  addQuotients,
  Decimal,
  type ExactQuotient,
  fractionAbove,
  ONE,
  quotient,
  quotientValue,
  toPlainString,
  unendingQuotient,
  ZERO,
  ZERO_QUOTIENT,
} from "../money/index.js";
import { formatInstant } from "../time/index.js";

/** A window whose value went above the free allowance: when it started, its value, what is billed. */
export interface WindowAboveAllowance {
  readonly start: string;
  readonly value: string;
  readonly billable: string;
}

/** The windows' values after the allowance, and the record of it for the explanation. */
export interface WindowAllowanceResult {
  readonly values: (Decimal | undefined)[];
  readonly perWindow: string;
  /** Σ max(0, min(value, allowance)): the quantity the allowance covered over all windows. */
  readonly free: string;
  readonly above: WindowAboveAllowance[];
}

/**
 * A free allowance in every window (GitHub Actions: 10 GB of cache free in each hour, against that
 * hour's peak; Azure Cosmos DB's free tier: 1,000 RU/s in each hour): each window's value becomes
 * max(0, value − allowance), so the meter's sum is Σ max(0, window − allowance). Windows without
 * events stay out (`undefined`) or count 0, as the meter says, before this runs.
 *
 * A window value that is a fraction which need not end (a rate per second, an average: `fractions`,
 * keyed by the value) is taken down as a fraction, (n − allowance × d) ÷ d, and what is left is noted
 * in `fractions` in its turn, so the meter's sum and its price keep it exact (docs/meters.md,
 * "Quotients"): 1/3 GB less 0.25 free is 1/12 GB, not 0.0833…33.
 */
export function applyWindowAllowance(
  values: ReadonlyArray<Decimal | undefined>,
  allowance: Decimal,
  startOf: (index: number) => number,
  fractions: Map<Decimal, ExactQuotient>,
): WindowAllowanceResult {
  const above: WindowAboveAllowance[] = [];
  let free: ExactQuotient = ZERO_QUOTIENT;
  const after = values.map((value, index) => {
    if (value === undefined) return undefined;
    const fraction = fractions.get(value);
    const { billable, covered } =
      fraction === undefined
        ? lessAllowance(value, allowance)
        : fractionLessAllowance(fraction, allowance, fractions);
    free = addQuotients(free, covered);
    if (!billable.isZero()) {
      above.push({
        start: formatInstant(startOf(index)),
        value: toPlainString(value),
        billable: toPlainString(billable),
      });
    }
    return billable;
  });
  return {
    values: after,
    perWindow: toPlainString(allowance),
    free: toPlainString(quotientValue(free)),
    above,
  };
}

// A value that ends: max(0, value − allowance) billed, min(value, allowance) covered, and nothing
// covered by a window below zero (a derived value such as containers − 5 × hosts can be): the
// allowance is not used there, it does not go below nothing.
function lessAllowance(value: Decimal, allowance: Decimal): { billable: Decimal; covered: ExactQuotient } {
  return {
    billable: Decimal.max(ZERO, value.minus(allowance)),
    covered: quotient(Decimal.max(ZERO, Decimal.min(value, allowance)), ONE),
  };
}

// A fraction n ÷ d (d > 0): what is above the allowance stays a fraction, noted in `fractions` when it
// still need not end (1/3 − 1/4 = 1/12); all of it is covered when it is not above.
function fractionLessAllowance(
  fraction: ExactQuotient,
  allowance: Decimal,
  fractions: Map<Decimal, ExactQuotient>,
): { billable: Decimal; covered: ExactQuotient } {
  const left = fractionAbove(fraction, allowance);
  if (!left.numerator.isPositive() || left.numerator.isZero()) {
    return { billable: ZERO, covered: fraction.numerator.isNegative() ? ZERO_QUOTIENT : fraction };
  }
  const billable = quotientValue(left);
  const unending = unendingQuotient(left);
  if (unending !== undefined) fractions.set(billable, unending);
  return { billable, covered: quotient(allowance, ONE) };
}
