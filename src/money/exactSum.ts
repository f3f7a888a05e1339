import { addExactly, Decimal, ZERO } from "./decimal.js";
import { DECIMAL_TEXT } from "./parseDecimal.js";

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
 * A short plain decimal split into integers: `whole` and `fraction` (nine decimals, scaled by 10^9),
 * both carrying the sign. Filled by {@link parseShortDecimal}; reused to avoid an object per value.
 */
export class ShortDecimal {
  whole = 0;
  fraction = 0;
}

/**
 * Reads "-123.4567" (at most 11 whole digits and 9 decimals, no exponent) into `out`; false, leaving
 * `out` unspecified, for anything else — which may still be a valid decimal for the slow path.
 */
export function parseShortDecimal(value: string | number, out: ShortDecimal): boolean {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
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
      if (code < 48 || code > 57 || fractionDigits === FRACTION_DIGITS) return false;
      fraction = fraction * 10 + (code - 48);
      fractionDigits += 1;
      index += 1;
    }
  }
  if (index !== length || wholeDigits + fractionDigits === 0 || wholeDigits > MAX_WHOLE_DIGITS) return false;
  out.whole = sign * whole;
  out.fraction = sign * fraction * POWERS[FRACTION_DIGITS - fractionDigits]!;
  return true;
}

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
  // The whole and fraction accumulators ([WHOLE], [FRACTION]) in a typed array: as number fields, each
  // addition stored a new boxed number (V8 keeps a double field boxed), four allocations a counted event
  // with a group; 1,000,000 events now make 1.4 young collections fewer (issue 14).
  private readonly parts = new Float64Array(2);
  private pending = 0;
  private remainder: Decimal = ZERO;
  // Made at the first value added as text or number (most sums add short values read elsewhere, or
  // none: a sum read back from usage aggregates; issue 14).
  private scratch: ShortDecimal | undefined;

  /** Adds a decimal literal (string) or a finite number; returns false, adding nothing, if it is not one. */
  add(value: string | number): boolean {
    return this.addSigned(value, false);
  }

  /** Adds a value already read by {@link parseShortDecimal}. */
  addShort(value: ShortDecimal): void {
    this.parts[WHOLE]! += value.whole;
    this.parts[FRACTION]! += value.fraction;
    this.pending += 1;
    if (this.pending >= NORMALISE_EVERY) this.normalise();
  }

  /**
   * Takes back a value {@link add} added (deduplication counts an event before it knows the event is a
   * copy, then takes it back): the exact total without it. A subtraction is an addition of the negated
   * value, so the accumulators keep the budget above; false, subtracting nothing, if it is not a decimal.
   */
  subtract(value: string | number): boolean {
    return this.addSigned(value, true);
  }

  /** Takes back a value {@link addShort} added. */
  subtractShort(value: ShortDecimal): void {
    this.parts[WHOLE]! -= value.whole;
    this.parts[FRACTION]! -= value.fraction;
    this.pending += 1;
    if (this.pending >= NORMALISE_EVERY) this.normalise();
  }

  /**
   * Adds sums of short values made elsewhere (src/meters/sumLanes.ts): `whole` and `fraction` (scaled by
   * 10^9) are integers below 1.41 × 10^15 in size, so added to accumulators below 10^15 they stay
   * exact; normalised at once, the accumulators are back below 10^15 for the additions to come.
   */
  addParts(whole: number, fraction: number): void {
    this.parts[WHOLE]! += whole;
    this.parts[FRACTION]! += fraction;
    this.normalise();
  }

  /** Adds an exact Decimal. */
  addDecimal(value: Decimal): void {
    this.remainder = addExactly(this.remainder, value);
  }

  /** Adds another sum's total into this one. */
  merge(other: ExactSum): void {
    this.remainder = addExactly(this.remainder, other.value());
  }

  /** The exact total so far. */
  value(): Decimal {
    // A sum read back from text (usage aggregates) or merged holds only the exact part: no arithmetic.
    const whole = this.parts[WHOLE]!;
    const fraction = this.parts[FRACTION]!;
    if (whole === 0 && fraction === 0) return this.remainder;
    // Both integer parts are exact; the fraction part divides by a power of ten, which is exact too.
    return addExactly(addExactly(this.remainder, whole), new Decimal(fraction).div(FRACTION_SCALE));
  }

  // `value`, or its negation, added: a short value to the accumulators, any other to the Decimal.
  private addSigned(value: string | number, negated: boolean): boolean {
    this.scratch ??= new ShortDecimal();
    const scratch = this.scratch;
    if (parseShortDecimal(value, scratch)) {
      if (negated) this.subtractShort(scratch);
      else this.addShort(scratch);
      return true;
    }
    const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
    if (!isDecimalText(text)) return false;
    this.remainder = addExactly(this.remainder, negated ? negatedText(text) : text);
    return true;
  }

  private normalise(): void {
    this.pending = 0;
    if (Math.abs(this.parts[WHOLE]!) > MAX_WHOLE || Math.abs(this.parts[FRACTION]!) > MAX_WHOLE) {
      this.remainder = this.value();
      this.parts.fill(0);
    }
  }
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const WHOLE = 0;
const FRACTION = 1;

// "-x" for "x" and "+x", "x" for "-x": the text of the negated value, every digit kept (a Decimal made
// of a long text would round it to 50 digits; addExactly reads a text at full width).
function negatedText(text: string): string {
  const first = text.charCodeAt(0);
  if (first === 45 /* - */) return text.slice(1);
  return first === 43 /* + */ ? `-${text.slice(1)}` : `-${text}`;
}

/** True when `text` is a decimal literal ratecard accepts ("12.5", "-3", "1e-7"). */
export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}
