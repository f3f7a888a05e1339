import type { SqlDialect } from "./dialect.js";

// Decimal text as ratecard reads it (src/money/parseDecimal.ts DECIMAL_TEXT), and the plain forms of a
// quantity: below 10^15 with at most 9 decimals (trailing zeros aside), no exponent.
export const DECIMAL_TEXT = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$";
const PLAIN_QUANTITY = "^[+-]?(0*[0-9]{1,15}([.][0-9]{0,9}0*)?|0*[.][0-9]{1,9}0*)$";
const EXPONENT = "^[^eE]*[eE].*$";

/** A property of the event row as the compiler names it: its kind and text columns. */
export interface PropertyColumns {
  readonly kind: string;
  readonly text: string;
}

/**
 * A property read as a quantity, as the in-memory engine reads a value property: readable (a number or
 * plain decimal text below 10^15 with at most 9 decimals), its exact decimal (meaningful only where
 * readable), and whether it is decimal text with an exponent (read by ratecard, not by the compiler).
 */
export function quantitySql(
  { kind, text }: PropertyColumns,
  dialect: SqlDialect,
): { readonly readable: string; readonly value: string; readonly exponent: string } {
  // A JSON number is read through the shortest text of its double (as JavaScript reads it): it is a
  // quantity when below 10^15 and its text rounded to 9 decimals is the same double.
  const number = `(abs(${dialect.double(text)}) < 1e15 AND ${dialect.toDouble(dialect.decimal(text))} = ${dialect.double(text)})`;
  const readable = `COALESCE(CASE WHEN ${kind} = 'n' THEN ${number} WHEN ${kind} = 's' THEN ${dialect.matches(text, PLAIN_QUANTITY)} ELSE FALSE END, FALSE)`;
  // CASE, not AND: the engines then run the decimal regex only on the rare text with an e.
  const exponent = `COALESCE(CASE WHEN ${kind} = 's' AND ${dialect.matches(text, EXPONENT)} THEN ${dialect.matches(text, DECIMAL_TEXT)} ELSE FALSE END, FALSE)`;
  return { readable, value: dialect.decimal(text), exponent };
}
