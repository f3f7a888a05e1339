import { Decimal, ZERO } from "./decimal.js";

// Fraction digits kept in the fast accumulator; values with more go to the exact Decimal remainder.
const FRACTION_DIGITS = 9;
const FRACTION_SCALE = 1e9;
// Exactness budget: the accumulators stay integers below 2^53 ≈ 9.007 × 10^15. Each normalisation
// leaves them below 10^15; until the next one at most 4,096 values are added, each with a whole part
// below 10^11 and a scaled fraction below 10^9, so they grow by less than 4.1 × 10^14.
const MAX_WHOLE = 1e15;
const MAX_WHOLE_DIGITS = 11;
const NORMALISE_EVERY = 4096;

/**
 * An exact running sum of decimal values, fast enough to add millions of event values per second.
 *
 * Most usage values are short decimals ("12.345", 7, "0.000125"). Those are split into a whole part
 * and nine fraction digits and added as integers in two float64 accumulators — integers below 2^53
 * add exactly — with a carry into an exact Decimal every few thousand additions. Anything else (more
 * than nine decimals, exponents, huge values) is added to the Decimal part directly. The result is
 * always the exact sum; only the speed depends on the input's shape.
 *
 * Mutable on purpose (an accumulator inside one aggregation); `merge` and `value` never change their
 * arguments' results.
 */
export class ExactSum {
  private whole = 0;
  private fraction = 0;
  private pending = 0;
  private remainder: Decimal = ZERO;

  /** Adds a decimal literal (string) or a finite number; returns false, adding nothing, if it is not one. */
  add(value: string | number): boolean {
    const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
    if (!this.addShort(text)) {
      if (!isDecimalText(text)) return false;
      this.remainder = this.remainder.plus(text);
    }
    this.pending += 1;
    if (this.pending >= NORMALISE_EVERY) this.normalise();
    return true;
  }

  /** Adds an exact Decimal. */
  addDecimal(value: Decimal): void {
    this.remainder = this.remainder.plus(value);
  }

  /** Adds another sum's total into this one. */
  merge(other: ExactSum): void {
    this.remainder = this.remainder.plus(other.value());
  }

  /** The exact total so far. */
  value(): Decimal {
    return this.remainder.plus(this.whole).plus(new Decimal(this.fraction).div(FRACTION_SCALE));
  }

  private normalise(): void {
    this.pending = 0;
    if (Math.abs(this.whole) > MAX_WHOLE || Math.abs(this.fraction) > MAX_WHOLE) {
      this.remainder = this.value();
      this.whole = 0;
      this.fraction = 0;
    }
  }

  // Parses "-123.4567" by hand into integer parts; false when the text is not a short plain decimal.
  private addShort(text: string): boolean {
    const length = text.length;
    if (length === 0 || length > 26) return false;
    let index = 0;
    let sign = 1;
    const first = text.charCodeAt(0);
    if (first === 45 /* - */ || first === 43 /* + */) {
      sign = first === 45 ? -1 : 1;
      index = 1;
    }
    let whole = 0;
    let wholeDigits = 0;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code < 48 || code > 57) break;
      whole = whole * 10 + (code - 48);
      wholeDigits += 1;
      index += 1;
    }
    let fraction = 0;
    let fractionDigits = 0;
    if (index < length && text.charCodeAt(index) === 46 /* . */) {
      index += 1;
      while (index < length) {
        const code = text.charCodeAt(index);
        if (code < 48 || code > 57) return false;
        if (fractionDigits === FRACTION_DIGITS) return false;
        fraction = fraction * 10 + (code - 48);
        fractionDigits += 1;
        index += 1;
      }
    }
    if (index !== length || wholeDigits + fractionDigits === 0 || wholeDigits > MAX_WHOLE_DIGITS)
      return false;
    this.whole += sign * whole;
    this.fraction += sign * fraction * POWERS[FRACTION_DIGITS - fractionDigits]!;
    return true;
  }
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** True when `text` is a decimal literal ratecard accepts ("12.5", "-3", "1e-7"). */
export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}
