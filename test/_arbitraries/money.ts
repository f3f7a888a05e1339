import fc from "fast-check";
import { type Currency, Decimal, ROUNDING_MODES, type RoundingMode } from "../../src/money/index.js";

/**
 * Shared fast-check generators for money. Decimals are built from an integer of units and a scale
 * (units × 10^-scale), written out as text, so no generated value ever passes through a float.
 * Arrays are frozen: the code under test must never mutate its inputs.
 */

/** The text of `units × 10^-scale`, e.g. (1250n, 2) → "12.50"; keeps trailing zeros. */
export function decimalText(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  const body = scale === 0 ? whole : `${whole}.${fraction}`;
  return negative ? `-${body}` : body;
}

/**
 * The canonical text of `units × 10^-scale`, as `Decimal#toFixed()` writes it: no trailing zeros in
 * the fraction, no trailing ".", "0" for zero (never "-0"). Built by string surgery, not by Decimal.
 */
export function canonicalDecimalText(units: bigint, scale: number): string {
  if (units === 0n) return "0";
  const text = decimalText(units, scale);
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

export interface DecimalArbOptions {
  /** Largest number of decimals (default 8). */
  readonly maxScale?: number;
  /** Bound on the absolute value of the unscaled integer (default 10^15). */
  readonly maxUnits?: bigint;
  /** Allow negative values (default true). */
  readonly signed?: boolean;
}

/** A (units, scale) pair, the raw material of every decimal generator here. */
function unitsAndScaleArb(options: DecimalArbOptions = {}): fc.Arbitrary<readonly [bigint, number]> {
  const maxUnits = options.maxUnits ?? 10n ** 15n;
  const signed = options.signed ?? true;
  return fc.tuple(
    fc.bigInt({ min: signed ? -maxUnits : 0n, max: maxUnits }),
    fc.integer({ min: 0, max: options.maxScale ?? 8 }),
  );
}

/** An exact decimal with at most `maxScale` decimals. */
export function decimalArb(options: DecimalArbOptions = {}): fc.Arbitrary<Decimal> {
  return unitsAndScaleArb(options).map(([units, scale]) => new Decimal(decimalText(units, scale)));
}

/** Canonical decimal text (see {@link canonicalDecimalText}), e.g. "0.0000025", "61400", "-12.5". */
export function canonicalDecimalTextArb(options: DecimalArbOptions = {}): fc.Arbitrary<string> {
  return unitsAndScaleArb(options).map(([units, scale]) => canonicalDecimalText(units, scale));
}

/** A decimal that is an exact tie at `decimals` places: (2k+1) × 5 × 10^-(decimals+1), e.g. 0.125 for 2. */
export function tieArb(decimals: number, maxK: bigint = 10n ** 9n): fc.Arbitrary<Decimal> {
  return fc
    .bigInt({ min: -maxK, max: maxK })
    .map((k) => new Decimal(decimalText((2n * k + 1n) * 5n, decimals + 1)));
}

/** A decimal as its unscaled integer and scale: `units × 10^-scale`. */
export interface ScaledUnits {
  readonly units: bigint;
  readonly scale: number;
}

/**
 * A value at an exact tie at `decimals` places, or one unit of its last place below or above it, as
 * units and scale: for 2 places 0.125, -0.135, 0.12500 (the same tie written longer), 0.1249, 0.1251,
 * 0.12499999 … Half the draws are exact ties, the rest tell "at half" from "past half".
 */
export function nearTieArb(decimals: number, maxK: bigint = 10n ** 9n): fc.Arbitrary<ScaledUnits> {
  return fc
    .record({
      k: fc.bigInt({ min: -maxK, max: maxK }),
      extraPlaces: fc.integer({ min: 1, max: 4 }),
      offset: fc.constantFrom(0n, 0n, -1n, 1n),
    })
    .map(({ k, extraPlaces, offset }) => ({
      units: (2n * k + 1n) * 5n * 10n ** BigInt(extraPlaces - 1) + offset,
      scale: decimals + extraPlaces,
    }));
}

/** ISO currencies with 0, 2, 3 and 4 minor units, plus custom units with 4 and 6. */
const currencyArb: fc.Arbitrary<Currency> = fc.constantFrom<Currency>(
  Object.freeze({ code: "USD", minorUnits: 2 }),
  Object.freeze({ code: "JPY", minorUnits: 0 }),
  Object.freeze({ code: "BHD", minorUnits: 3 }),
  Object.freeze({ code: "CLF", minorUnits: 4 }),
  Object.freeze({ code: "CREDIT", minorUnits: 4 }),
  Object.freeze({ code: "MICROCREDIT", minorUnits: 6 }),
);

/** A whole number of minor units of `currency` (e.g. "-1234.56" USD), possibly negative or zero. */
function minorUnitAmountArb(currency: Currency, maxUnits: bigint = 10n ** 12n): fc.Arbitrary<Decimal> {
  return fc
    .bigInt({ min: -maxUnits, max: maxUnits })
    .map((units) => new Decimal(decimalText(units, currency.minorUnits)));
}

/** A currency together with an amount in its minor units. */
export const currencyAndAmountArb: fc.Arbitrary<{ readonly currency: Currency; readonly amount: Decimal }> =
  currencyArb.chain((currency) => minorUnitAmountArb(currency).map((amount) => ({ currency, amount })));

/** One allocation weight: zero (often), a whole number, or a decimal with up to 6 places. */
const weightArb: fc.Arbitrary<Decimal> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(new Decimal(0)) },
  { weight: 2, arbitrary: decimalArb({ maxScale: 0, maxUnits: 1000n, signed: false }) },
  { weight: 2, arbitrary: decimalArb({ maxScale: 6, maxUnits: 10n ** 9n, signed: false }) },
);

/** 1–8 non-negative weights, at least one of them positive; frozen. */
export const weightsArb: fc.Arbitrary<ReadonlyArray<Decimal>> = fc
  .array(weightArb, { minLength: 1, maxLength: 8 })
  .filter((weights) => weights.some((w) => !w.isZero()))
  .map((weights) => Object.freeze(weights));

/** Any of the seven rounding modes. */
export const roundingModeArb: fc.Arbitrary<RoundingMode> = fc.constantFrom(...ROUNDING_MODES);
