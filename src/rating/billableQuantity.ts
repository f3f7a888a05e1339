import type { TransformTerms } from "../contracts/index.js";
import {
  Decimal,
  type ExactQuotient,
  fractionAbove,
  ONE,
  quotientValue,
  roundTo,
  roundToInteger,
  scaleQuotient,
  toPlainString,
  ZERO,
  ZERO_QUOTIENT,
} from "../money/index.js";

const TEN = new Decimal(10);

import type { BillableQuantityStep } from "../schema/index.js";

/**
 * Turns the measured quantity into the billable one, in the documented order: subtract the charge's
 * `included` (in the meter's units), divide, subtract the transform's included allowance (in the divided
 * unit), round. An allowance takes off what there is, up to its size: it never takes a quantity below
 * zero, and a quantity already below zero (corrections larger than the usage) it leaves as it is, for
 * the price to refuse or multiply as it would without one (docs/pricing.md#included-units-in-the-meters-unit).
 * Returns the step that shows it, if anything changed.
 * 2,500,000,000 bytes ÷ 10^9 = 2.5 GB; minus 1 GB included = 1.5; rounded up = 2 GB.
 * 12,000,000 requests minus the first 10,000,000 included = 2,000,000 requests.
 */
export function billableQuantity(
  measured: Decimal,
  transform: TransformTerms | undefined,
  includedMeasured?: Decimal,
  fraction?: ExactQuotient,
): {
  readonly quantity: Decimal;
  readonly step?: BillableQuantityStep;
  /** The billable quantity as a fraction, when `fraction` was given and the transform did not round it. */
  readonly fraction?: ExactQuotient;
} {
  if (transform === undefined && includedMeasured === undefined)
    return fraction === undefined ? { quantity: measured } : { quantity: measured, fraction };
  const afterMeasuredAllowance =
    includedMeasured === undefined ? measured : afterAllowanceOf(measured, includedMeasured);
  const divided =
    transform?.divideBy === undefined
      ? afterMeasuredAllowance
      : afterMeasuredAllowance.div(transform.divideBy);
  const afterAllowance =
    transform?.included === undefined ? divided : afterAllowanceOf(divided, transform.included);
  const rounding = quantityRounding(transform?.round);
  const exact =
    fraction === undefined || rounding !== undefined
      ? undefined
      : billableFraction(fraction, transform, includedMeasured);
  const quantity =
    exact !== undefined
      ? quotientValue(exact)
      : rounding === undefined
        ? afterAllowance
        : roundQuantity(afterAllowance, rounding);
  const round = rounding?.mode ?? "none";
  return {
    ...(exact === undefined ? {} : { fraction: exact }),
    quantity,
    step: {
      kind: "billable_quantity",
      measured: toPlainString(measured),
      ...(includedMeasured === undefined ? {} : { includedMeasured: toPlainString(includedMeasured) }),
      divideBy: transform?.divideBy === undefined ? null : toPlainString(transform.divideBy),
      included: transform?.included === undefined ? null : toPlainString(transform.included),
      round,
      ...(typeof transform?.round === "object" && rounding !== undefined
        ? { roundIncrement: toPlainString(rounding.increment) }
        : {}),
      billable: toPlainString(quantity),
    },
  };
}

// How each mode rounds a billable quantity (a negative one, which no allowance changes, rounds away from
// zero for "up", as before).
const ROUNDING_MODE = { up: "ceiling", down: "floor", half_up: "half_up", half_even: "half_even" } as const;

// Whole units and decimals round the quantity itself; any other increment rounds the number of
// increments (exact: a whole number of them times the increment).
function roundQuantity(
  value: Decimal,
  { mode, increment }: { readonly mode: keyof typeof ROUNDING_MODE; readonly increment: Decimal },
): Decimal {
  if (increment.equals(ONE)) return roundToInteger(value, ROUNDING_MODE[mode]);
  const decimals = decimalsOfPowerOfTen(increment);
  if (decimals !== undefined) return roundTo(value, decimals, ROUNDING_MODE[mode]);
  return roundToInteger(value.div(increment), ROUNDING_MODE[mode]).times(increment);
}

// 0.01 → 2; anything but 10^-n → undefined.
function decimalsOfPowerOfTen(increment: Decimal): number | undefined {
  const text = toPlainString(increment);
  return /^0\.0*1$/.test(text) ? text.length - 2 : undefined;
}

/**
 * A transform's `round` as a mode and the multiple it rounds to: "up"/"down" are whole units; an
 * object rounds to `decimals` places (an increment of 10^-decimals) or to its `increment`.
 */
function quantityRounding(
  round: TransformTerms["round"],
): { readonly mode: keyof typeof ROUNDING_MODE; readonly increment: Decimal } | undefined {
  if (round === undefined || round === "none") return undefined;
  if (typeof round === "string") return { mode: round, increment: ONE };
  const increment =
    round.increment ?? (round.decimals === undefined ? ONE : ONE.div(TEN.pow(round.decimals)));
  return { mode: round.mode, increment };
}

// The same steps on a fraction n ÷ d, nothing divided: (n − included × d) ÷ (d × divideBy) − the
// transform's included, zero when an allowance takes it all (decided on the fraction, not its digits);
// a fraction below zero has nothing for an allowance to take, and is only divided.
function billableFraction(
  fraction: ExactQuotient,
  transform: TransformTerms | undefined,
  includedMeasured: Decimal | undefined,
): ExactQuotient {
  const divide = (value: ExactQuotient) =>
    transform?.divideBy === undefined ? value : scaleQuotient(value, ONE, transform.divideBy);
  if (fraction.numerator.isNegative()) return divide(fraction);
  const afterMeasured = includedMeasured === undefined ? fraction : fractionAbove(fraction, includedMeasured);
  if (!isPositive(afterMeasured)) return ZERO_QUOTIENT;
  const divided = divide(afterMeasured);
  const afterAllowance =
    transform?.included === undefined ? divided : fractionAbove(divided, transform.included);
  return isPositive(afterAllowance) ? afterAllowance : ZERO_QUOTIENT;
}

// Denominators are positive (counts, seconds, divisors), so the numerator's sign is the value's.
function isPositive(value: ExactQuotient): boolean {
  return value.numerator.isPositive() && !value.numerator.isZero();
}

// 12 − 5 = 7; 3 − 5 → 0 (the allowance takes the 3 there are); −7 stays −7 (there is nothing to take).
function afterAllowanceOf(value: Decimal, included: Decimal): Decimal {
  if (value.isNegative()) return value;
  return value.lessThan(included) ? ZERO : value.minus(included);
}
