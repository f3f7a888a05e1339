import { Decimal } from "../money/index.js";
import type { MoneyStyle } from "./explainLine.js";
import { formatExact, groupThousands, signed } from "./formatNumber.js";

/**
 * A number as an explanation shows it: `display` rounded for reading, `exact` the invoice's own text,
 * digit for digit. A GB-month quantity with 50 decimals displays "≈ 1,234.568"; its exact value is one
 * field (JSON) or one hover or click (HTML) away.
 */
export interface Figure {
  readonly display: string;
  readonly exact: string;
}

/** Decimals a quantity keeps for reading: a thousandth of a GB or a request is below any dispute. */
export const QUANTITY_DECIMALS = 3;

/** Decimals beyond the minor unit an amount keeps for reading (a sub-cent step such as $65.745 stays exact). */
export const EXTRA_MONEY_DECIMALS = 4;

/**
 * `plain` grouped, exact when it has at most `decimals` decimals, else rounded half-even to `decimals`
 * and marked "≈ ", so a reader never takes a rounded number for the exact one.
 */
export function readable(plain: string, decimals: number, minDecimals = 0): string {
  const value = new Decimal(plain);
  if (value.decimalPlaces() <= decimals) return formatExact(plain, minDecimals);
  return `≈ ${groupThousands(value.toFixed(decimals, Decimal.ROUND_HALF_EVEN))}`;
}

/** A quantity for reading: "61,400", "≈ 1,234.568". */
export function readableQuantity(plain: string): string {
  return readable(plain, QUANTITY_DECIMALS);
}

export function quantityFigure(plain: string): Figure {
  return { display: readableQuantity(plain), exact: plain };
}

/**
 * An amount for reading with its currency: "$3,656.00", "-$8.25", "≈ $241.935484". `minDecimals` (the
 * style's decimals unless given) is what it is padded to: a billed amount of lines finer than the
 * currency pads to the currency's own ("$0.15", not "$0.150") and keeps any further digit ("$0.144").
 */
export function readableMoney(plain: string, style: MoneyStyle, minDecimals = style.minorUnits): string {
  const text = signed(plain, (magnitude) => {
    const shown = readable(magnitude, style.minorUnits + EXTRA_MONEY_DECIMALS, minDecimals);
    return shown.startsWith("≈ ") ? `≈ ${style.prefix}${shown.slice(2)}` : `${style.prefix}${shown}`;
  });
  // "-≈ $1.23" reads badly: the mark goes first.
  return text.startsWith("-≈ ") ? `≈ -${text.slice(3)}` : text;
}

export function moneyFigure(plain: string, style: MoneyStyle, minDecimals = style.minorUnits): Figure {
  return { display: readableMoney(plain, style, minDecimals), exact: plain };
}
