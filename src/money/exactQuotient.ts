import { addExactly, Decimal, exactDifference, exactProduct, ONE, ZERO } from "./decimal.js";
import { dividesExactly } from "./dividesExactly.js";

/**
 * A value kept as numerator ÷ denominator, both exact, so that a sum of quotients is divided once, at
 * the end. A quotient such as 1,743.2961 × 25 ÷ 150 need not end: worked out to 50 digits and added up
 * term by term, −26.9333 × 25 ÷ 150 + 1,770.2294 × 25 ÷ 150 makes 290.54934999…9, where the sum is
 * 1,743.2961 ÷ 6 = 290.54935 exactly, a tie, and rounding then goes the wrong way (half-even to 4
 * decimals: 290.5493, not 290.5494). Divided once, a value that ends (a tie, a minor unit) comes out
 * exact, for its digits fit the 50 of the division.
 */
export interface ExactQuotient {
  readonly numerator: Decimal;
  readonly denominator: Decimal;
}

export const ZERO_QUOTIENT: ExactQuotient = { numerator: ZERO, denominator: ONE };

/** numerator ÷ denominator, unreduced: nothing is divided yet. */
export function quotient(numerator: Decimal, denominator: Decimal): ExactQuotient {
  return { numerator, denominator };
}

/**
 * a + b, exactly: over their common denominator when they share one (the usual case: every line of a
 * rate divides by the same 100 + percents), over the least common multiple of two whole denominators
 * (1/3 + 1/6 over 6, not 18: entities averaged over 3, 6, 9… events keep a short denominator), else over
 * the product of the two.
 */
export function addQuotients(a: ExactQuotient, b: ExactQuotient): ExactQuotient {
  if (a.numerator.isZero()) return b;
  if (b.numerator.isZero()) return a;
  if (a.denominator.eq(b.denominator))
    return { numerator: addExactly(a.numerator, b.numerator), denominator: a.denominator };
  const [forA, forB] = scalesToCommon(a.denominator, b.denominator);
  return {
    numerator: addExactly(exactProduct(a.numerator, forA), exactProduct(b.numerator, forB)),
    denominator: exactProduct(a.denominator, forA),
  };
}

/**
 * a − b, exactly, as {@link addQuotients} adds (a less nothing is a itself: no −0 from negating a zero).
 * @example subtractQuotients(quotient(ONE, new Decimal(1)), quotient(ONE, new Decimal(3))) // 2 ÷ 3
 */
export function subtractQuotients(a: ExactQuotient, b: ExactQuotient): ExactQuotient {
  if (b.numerator.isZero()) return a;
  return addQuotients(a, { numerator: b.numerator.negated(), denominator: b.denominator });
}

// What each denominator is multiplied by to reach a common one: lcm ÷ each for two whole numbers (by
// their greatest common divisor, on BigInt), else the other denominator (their product).
function scalesToCommon(a: Decimal, b: Decimal): readonly [Decimal, Decimal] {
  if (!a.isInteger() || !b.isInteger()) return [b, a];
  const x = BigInt(a.toFixed());
  const y = BigInt(b.toFixed());
  const divisor = greatestCommonDivisor(x, y);
  return [new Decimal((y / divisor).toString()), new Decimal((x / divisor).toString())];
}

/**
 * The value, divided once to the working precision (50 significant digits). Enough to round right: a
 * tie or a minor unit has a few dozen digits at most, which the division gives exactly; a value that
 * does not end would have to come within 10^-50 of its magnitude of one to be taken for it, which
 * denominators of fewer than 25 digits (100 + percents, seconds of a period) cannot do.
 */
export function quotientValue(value: ExactQuotient): Decimal {
  return value.denominator.eq(1) ? value.numerator : value.numerator.div(value.denominator);
}

/**
 * numerator ÷ denominator kept as a fraction when the quotient does not end (1 ÷ 3; a level held a third
 * of a month's 2,419,200 seconds); undefined when it ends, for then the quotient worked out to 50 digits
 * is exact already: a denominator of only 2s and 5s (0.25), or one the numerator cancels (3 ÷ 3).
 * @example fractionWhenUnending(new Decimal(1), new Decimal(3)) // { numerator: 1, denominator: 3 }
 * @example fractionWhenUnending(new Decimal(1), new Decimal(4)) // undefined (0.25 ends)
 * @example fractionWhenUnending(new Decimal(6), new Decimal(3)) // undefined (2 ends)
 */
export function fractionWhenUnending(numerator: Decimal, denominator: Decimal): ExactQuotient | undefined {
  if (dividesExactly(denominator)) return undefined;
  // A quotient that ends within the 50 digits times the denominator gives the numerator back.
  return exactProduct(numerator.div(denominator), denominator).eq(numerator)
    ? undefined
    : { numerator, denominator };
}

/**
 * A quotient already made, kept when it does not end: {@link fractionWhenUnending} of its numerator and
 * denominator (a sum of fractions, what an allowance leaves of one), undefined when it ends.
 * @example unendingQuotient({ numerator: new Decimal(1), denominator: new Decimal(300) }) // 1 ÷ 300
 */
export function unendingQuotient(value: ExactQuotient): ExactQuotient | undefined {
  return fractionWhenUnending(value.numerator, value.denominator);
}

/** value × factor ÷ divisor, exactly: the numerator is multiplied and the denominator grows; nothing is divided. */
export function scaleQuotient(value: ExactQuotient, factor: Decimal, divisor: Decimal): ExactQuotient {
  return {
    numerator: exactProduct(value.numerator, factor),
    denominator: divisor.eq(1) ? value.denominator : exactProduct(value.denominator, divisor),
  };
}

/** The part of a fraction n ÷ d above `from` (a tier's start, an allowance): (n − from × d) ÷ d, nothing divided. */
export function fractionAbove(fraction: ExactQuotient, from: Decimal): ExactQuotient {
  if (from.isZero()) return fraction;
  return {
    numerator: exactDifference(fraction.numerator, exactProduct(from, fraction.denominator)),
    denominator: fraction.denominator,
  };
}

/**
 * The fraction in lowest terms, as whole numbers: both scaled to integers, then divided by their
 * greatest common divisor (for a person to redo: a level × milliseconds ÷ a month's milliseconds,
 * 474,300,000,000 ÷ 2,674,800,000, is 131,750 GB-hours ÷ 743 hours).
 * @example lowestTerms({ numerator: new Decimal("0.1"), denominator: new Decimal("3") }) // 1 ÷ 30
 */
export function lowestTerms(value: ExactQuotient): {
  readonly numerator: bigint;
  readonly denominator: bigint;
} {
  const places = Math.max(value.numerator.decimalPlaces(), value.denominator.decimalPlaces());
  const whole = (decimal: Decimal) => BigInt(decimal.toFixed(places).replace(".", ""));
  const numerator = whole(value.numerator);
  const denominator = whole(value.denominator);
  const divisor = greatestCommonDivisor(numerator < 0n ? -numerator : numerator, denominator);
  return divisor === 0n
    ? { numerator, denominator }
    : { numerator: numerator / divisor, denominator: denominator / divisor };
}

function greatestCommonDivisor(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
