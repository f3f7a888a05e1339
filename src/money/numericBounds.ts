import DecimalJs from "decimal.js";
import { Decimal, toPlainString } from "./decimal.js";

/**
 * The size and the number of decimals a kind of decimal input may have. Within these bounds every
 * product and sum ratecard forms stays exact at its working precision of 50 significant digits
 * (docs/decisions/numeric-bounds.md works the budget out: the largest quantity × the largest unit
 * price has at most 24 + 24 = 48 digits, and so on).
 */
export interface NumericBound {
  /** What the field holds, in a specialist's words ("a money amount"). */
  readonly kind: string;
  /** The largest size allowed: `abs(value)` must be below it, or at most it when `limitIncluded`. */
  readonly limit: Decimal;
  readonly limitIncluded: boolean;
  /** n when the limit is 10^n, excluded (a `below` bound), so a size is checked on its exponent. */
  readonly limitPower?: number;
  /** How the limit reads in a message ("less than 10^15", "at most 100"). */
  readonly limitText: string;
  /** The most digits after the decimal point. */
  readonly maxDecimals: number;
}

function below(kind: string, power: number, maxDecimals: number): NumericBound {
  return {
    kind,
    limit: new Decimal(10).pow(power),
    limitIncluded: false,
    limitPower: power,
    limitText: `less than 10^${power} in size`,
    maxDecimals,
  };
}

function atMost(kind: string, limit: number, maxDecimals: number): NumericBound {
  return {
    kind,
    limit: new Decimal(limit),
    limitIncluded: true,
    limitText: `at most ${String(limit).replace(/\B(?=(\d{3})+$)/g, ",")}`,
    maxDecimals,
  };
}

/** Fees, minimums, maximums, commitments, discount and credit amounts: below 10^15, 12 decimals. */
export const MONEY_AMOUNT = below("a money amount", 15, 12);
/** Prices per unit or per package (also a credit unit's value and cost): below 10^9, 15 decimals. */
export const UNIT_PRICE = below("a unit price", 9, 15);
/** Quantities (usage values, seats, tier bounds, allowances, limits): below 10^15, 9 decimals. */
export const QUANTITY = below("a quantity", 15, 9);
/**
 * A meter value derived from an event's properties (memory × duration × 1/1,024,000): below 10^15, 18
 * decimals, so a product of quantities and exact factors keeps its digits and sums of it stay exact.
 */
export const DERIVED_QUANTITY = below("a derived quantity", 15, 18);
/** Percentages (tax, discounts, percentage prices, percentile ranks): 0 to 100, 6 decimals. */
export const PERCENT = atMost("a percentage", 100, 6);
/** Basis points (hundredths of a percent): 0 to 10,000, 4 decimals (the same values as PERCENT). */
export const BASIS_POINTS = atMost("a number of basis points", 10_000, 4);
/** Multipliers and factors (override multipliers, overage factors, markups): below 1,000, 6 decimals. */
export const RATIO = below("a multiplier", 3, 6);
/** Package sizes and divisors: more than 0, below 10^15, 9 decimals (so at least 0.000000001). */
export const SIZE = below("a size or divisor", 15, 9);

/**
 * Why `value` lies outside `bound`, or undefined when it lies inside: "is 1e+48; a money amount must
 * be less than 10^15 in size, with at most 12 decimals". Signs are the caller's rule, not the bound's.
 */
export function boundProblem(value: Decimal, bound: NumericBound): string | undefined {
  const breach = boundBreach(value, bound);
  return breach === undefined ? undefined : `is ${shown(value)} (${breach}); ${boundRule(bound)}`;
}

/** How `value` breaks `bound` ("too large", "16 decimals"), or undefined when it does not. */
export function boundBreach(value: Decimal, bound: NumericBound): string | undefined {
  const size = value.abs();
  const tooLarge = bound.limitIncluded
    ? size.greaterThan(bound.limit)
    : size.greaterThanOrEqualTo(bound.limit);
  if (tooLarge) return "too large";
  const decimals = value.decimalPlaces();
  return decimals > bound.maxDecimals ? `${decimals} decimals` : undefined;
}

/** The bound as a rule: "a money amount must be less than 10^15 in size, with at most 12 decimals". */
export function boundRule(bound: NumericBound): string {
  return `${bound.kind} must be ${bound.limitText}, with at most ${bound.maxDecimals} decimals`;
}

/**
 * True when `abs(value)` is below `bound`'s limit (or at most it, when included): the size half of the
 * bound, asked for every rated line (issue 14). A limit of 10^n, excluded (every `below` bound), is
 * checked on the exponent of the value's first digit, without the two Decimals abs() and the comparison
 * make; any other limit is compared.
 */
export function isSizeWithinLimit(value: Decimal, bound: NumericBound): boolean {
  if (bound.limitPower !== undefined) return value.isZero() || value.e < bound.limitPower;
  const size = value.abs();
  return bound.limitIncluded ? size.lessThanOrEqualTo(bound.limit) : size.lessThan(bound.limit);
}

/** True when `value` lies inside `bound` (see {@link boundProblem}). */
export function isWithinBound(value: Decimal, bound: NumericBound): boolean {
  return boundBreach(value, bound) === undefined;
}

// A value as a specialist can read it: plain when short ("0.0000025"), otherwise in exponent form
// ("1e+48", "1e-60"), cut to six significant digits and marked when it has more.
function shown(value: Decimal): string {
  // The exponent first: "1e2000000" must not be written out as two million digits to be measured.
  if (Math.abs(value.e) < 24 && value.precision() <= 24) return toPlainString(value);
  const digits = value.precision();
  if (digits <= 6) return value.toExponential();
  return `${value.toSignificantDigits(6, DecimalJs.ROUND_DOWN).toExponential(5)}… (${digits} significant digits)`;
}
