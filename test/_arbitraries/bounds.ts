import { NOT_MONEY } from "../../src/contracts/index.js";
import { Decimal } from "../../src/money/index.js";

/**
 * The numeric bounds of docs/decisions/numeric-bounds.md, restated here from the document (not imported
 * from src/money), so that the generators keep what they write within the bounds and a property can
 * check the library's refusals against a second reading of the rule.
 */

/** A kind of decimal field: its size stays below 10^`below`, with at most `decimals` decimals. */
interface FieldBound {
  readonly name: string;
  readonly below: number;
  readonly decimals: number;
}

const MONEY: FieldBound = { name: "money amount", below: 15, decimals: 12 };
const UNIT_PRICE: FieldBound = { name: "unit price", below: 9, decimals: 15 };
const MULTIPLIER: FieldBound = { name: "multiplier", below: 3, decimals: 6 };

/** True when `value` lies within `bound`. */
function isWithin(value: Decimal, bound: FieldBound): boolean {
  return value.abs().lessThan(new Decimal(10).pow(bound.below)) && value.decimalPlaces() <= bound.decimals;
}

/**
 * The kind of a price's money field, the fields an override multiplier scales (numeric-bounds.md,
 * "Prices an override makes"): a price per unit or per package is a unit price, a dynamic price's
 * markup a multiplier, every other one (a fee, a tier's flat fee, a minimum, a band) a money amount.
 */
function boundOfPriceField(key: string): FieldBound {
  if (key === "unitPrice" || key === "packagePrice") return UNIT_PRICE;
  if (key === "multiplier") return MULTIPLIER;
  return MONEY;
}

/** A money field of a price written as JSON: its key and its value. */
interface MoneyField {
  readonly key: string;
  readonly value: Decimal;
}

/**
 * Every money field of a price written as JSON (decimal text outside the NOT_MONEY fields: bounds,
 * sizes, rates, limits and matrix matches), nested prices included: the fields a multiplier scales.
 */
function moneyFieldsOf(price: unknown): MoneyField[] {
  const found: MoneyField[] = [];
  const walk = (node: unknown, key: string): void => {
    if (typeof node === "string") {
      if (key !== "model" && /^[+-]?[\d.]/.test(node) && !NOT_MONEY.has(key))
        found.push({ key, value: new Decimal(node) });
    } else if (Array.isArray(node)) {
      for (const child of node) walk(child, key);
    } else if (node !== null && typeof node === "object" && !NOT_MONEY.has(key)) {
      for (const [name, child] of Object.entries(node)) walk(child, name);
    }
  };
  walk(price, "");
  return found;
}

/** True when every money field of every price in `prices`, times `factor`, stays within its bound. */
export function scalesWithin(prices: ReadonlyArray<unknown>, factor: Decimal): boolean {
  return prices.every((price) =>
    moneyFieldsOf(price).every(({ key, value }) => isWithin(value.times(factor), boundOfPriceField(key))),
  );
}

/**
 * The powers of ten `p` for which every money field of `price` times 10^p stays within its bound: a
 * field v of bound (below, decimals) needs decimals(v) − p ≤ decimals and |v| × 10^p < 10^below. The
 * price itself is within its bounds, so the range holds 0.
 */
export function scalablePowers(price: unknown): { readonly min: number; readonly max: number } {
  let min = Number.NEGATIVE_INFINITY;
  let max = Number.POSITIVE_INFINITY;
  for (const { key, value } of moneyFieldsOf(price)) {
    if (value.isZero()) continue;
    const bound = boundOfPriceField(key);
    min = Math.max(min, value.decimalPlaces() - bound.decimals);
    // |v| < 10^(e + 1), where e is the exponent of v's leading digit
    max = Math.min(max, bound.below - value.e - 1);
  }
  return { min, max };
}
