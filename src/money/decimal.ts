// The named export, not the default: decimal.js's types are CommonJS, so under `moduleResolution: node16`
// an ESM consumer sees the default import as the module namespace and our .d.ts stopped compiling
// (TS2709, "Cannot use namespace … as a type"). The named `Decimal` is the class in every resolution mode.
import { Decimal as DecimalJs } from "decimal.js";

/**
 * ratecard's private Decimal class. A clone, so we never touch decimal.js's global configuration
 * (the host application may use decimal.js with other settings).
 *
 * - precision 50 significant digits: a quantity of 10^15 units times a unit price with 20 decimals
 *   still multiplies exactly; only divisions (proration ratios) can round, and those multiply first.
 * - toExpNeg/toExpPos wide, so `toString()` never switches to exponent notation for money.
 * - rounding defaults to half-even, but every rounding call in ratecard names its mode anyway.
 */
export const Decimal = DecimalJs.clone({
  precision: 50,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
  maxE: 9e15,
  minE: -9e15,
});

/** An exact decimal number (an instance of ratecard's private decimal.js clone). */
export type Decimal = DecimalJs;

/** A value ratecard accepts where it needs a decimal: a decimal string, or a finite JS number. */
export type DecimalInput = string | number;

export const ZERO: Decimal = new Decimal(0);
export const ONE: Decimal = new Decimal(1);

/**
 * The canonical text of an exact decimal: plain notation, no exponent, no trailing zeros beyond
 * the value's own digits, and never "-0". Used for every quantity and price in output JSON.
 */
export function toPlainString(value: Decimal): string {
  return value.isZero() ? "0" : value.toFixed();
}

/**
 * `a.comparedTo(b)`, −1, 0 or 1, read from the two decimals' digits without the copy of `b` that
 * decimal.js's comparedTo makes first (`new Decimal(b)`): a graduated walk compares the quantity with
 * each tier's bound on every line, and that copy was 2 % of rating from aggregates (issue 14). The same
 * steps as decimal.js's own comparison; a value that is not finite, or not of ratecard's class (whose
 * copy would apply its exponent limits), goes to comparedTo.
 * @example compareDecimals(new Decimal("0.5"), new Decimal("10000")) // -1
 */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const ad = a.d as number[] | null;
  const bd = b.d as number[] | null;
  if (!ad || !bd || a.constructor !== Decimal || b.constructor !== Decimal) return a.comparedTo(b);
  // A zero's digits are [0].
  if (!ad[0] || !bd[0]) return ad[0] ? a.s : bd[0] ? -b.s : 0;
  if (a.s !== b.s) return a.s;
  // Same sign: a larger magnitude is the larger value when positive, the smaller when negative.
  const larger = a.s < 0 ? -1 : 1;
  if (a.e !== b.e) return a.e > b.e ? larger : -larger;
  const common = Math.min(ad.length, bd.length);
  for (let i = 0; i < common; i += 1) {
    if (ad[i] !== bd[i]) return (ad[i] as number) > (bd[i] as number) ? larger : -larger;
  }
  return ad.length === bd.length ? 0 : ad.length > bd.length ? larger : -larger;
}

/** The canonical text of an amount with exactly `decimals` decimals (e.g. "800.00"); never "-0.00". */
export function toFixedString(value: Decimal, decimals: number): string {
  const text =
    value.decimalPlaces() <= decimals ? padded(value.toFixed(), decimals) : value.toFixed(decimals);
  return text.charCodeAt(0) === 45 /* - */ && /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

// A value with no more than `decimals` decimals, written with exactly that many: its own digits and
// zeros after them. The same text as `toFixed(decimals)`, without the copy and rounding pass decimal.js
// makes for it (every amount of an invoice is written this way: issue 14).
function padded(text: string, decimals: number): string {
  if (decimals <= 0) return text;
  const point = text.indexOf(".");
  const have = point === -1 ? 0 : text.length - point - 1;
  return `${text}${point === -1 ? "." : ""}${"0".repeat(decimals - have)}`;
}

// Wide enough to add or subtract any two of ratecard's decimals (each at most 50 significant digits,
// exponents within a few hundred of each other) without rounding.
const Wide = DecimalJs.clone({
  precision: 1000,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});

/**
 * `a − b` with no rounding, for adjustment steps that must re-add exactly: `before + adjustment`
 * equals the adjusted value to the last digit, even when one side carries 50 digits of a proration.
 */
export function exactDifference(a: Decimal, b: Decimal): Decimal {
  if (fitsSum(a, b)) return a.minus(b);
  return new Decimal(new Wide(a.toFixed()).minus(new Wide(b.toFixed())).toFixed());
}

/** `a + b` with no rounding (see {@link exactDifference}): exact running sums of any decimals. */
export function addExactly(a: Decimal, b: Decimal | string | number): Decimal {
  // Zero plus a value is that value: a Decimal is immutable, so it is returned rather than copied (a
  // running sum starts at zero: restoring a meter's sum and merging it made two copies per meter and
  // invoice, issue 14). Not for a zero b: 0 + (−0) is +0, which b would not be.
  if (typeof b === "object" && a.isZero() && !b.isZero()) return b;
  if (typeof b === "object" && fitsSum(a, b)) return a.plus(b);
  return new Decimal(new Wide(a.toFixed()).plus(new Wide(typeof b === "object" ? b.toFixed() : b)).toFixed());
}

// The working precision, in significant digits (see `Decimal` above).
const PRECISION = 50;

// True when a + b (or a − b) needs at most PRECISION digits, so the ordinary operation is exact: from
// the larger value's first digit (one more for a carry) down to the smaller last digit of the two.
function fitsSum(a: Decimal, b: Decimal): boolean {
  // With a zero, the sum is the other value, which may itself carry more than PRECISION digits (an
  // exact sum made earlier): the ordinary operation would round it, so it fits only when it is short.
  if (a.isZero()) return b.precision() <= PRECISION;
  if (b.isZero()) return a.precision() <= PRECISION;
  const top = Math.max(a.e, b.e) + 1;
  const bottom = Math.min(a.e - a.precision() + 1, b.e - b.precision() + 1);
  return top - bottom + 1 <= PRECISION;
}

/**
 * `a × b` with no rounding: the numerator of a ratio (amount × elapsed) or a factor applied to a sum, so
 * that the one division or rounding that follows starts from the exact value (docs/decisions/numeric-bounds.md).
 */
export function exactProduct(a: Decimal, b: Decimal): Decimal {
  // A product has at most as many digits as its factors together: then the ordinary one is exact.
  if (a.precision() + b.precision() <= PRECISION) return a.times(b);
  return new Decimal(new Wide(a.toFixed()).times(new Wide(b.toFixed())).toFixed());
}
