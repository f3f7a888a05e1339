import type { SqlDialect } from "./dialect.js";

// Decimal text as ratecard reads it (src/money/parseDecimal.ts DECIMAL_TEXT), and the plain forms of a
// quantity: below 10^15 with at most 9 decimals (trailing zeros aside), no exponent.
export const DECIMAL_TEXT = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$";
const PLAIN_QUANTITY = "^[+-]?(0*[0-9]{1,15}([.][0-9]{0,9}0*)?|0*[.][0-9]{1,9}0*)$";
const EXPONENT = "^[^eE]*[eE].*$";
// Decimal text with an exponent, in parts: sign, integer digits, fraction digits, the exponent's sign
// and its digits without leading zeros (at least one).
const EXPONENT_PARTS = "^([+-]?)([0-9]*)[.]?([0-9]*)[eE]([+-]?)0*([0-9]+)$";

/** A property of the event row as the compiler names it: its kind and text columns. */
export interface PropertyColumns {
  readonly kind: string;
  readonly text: string;
}

/**
 * A property read as a quantity, as the in-memory engine reads a value property: readable (a number, or
 * decimal text, with or without an exponent, below 10^15 with at most 9 decimals) and its exact decimal
 * (meaningful only where readable).
 */
export function quantitySql(
  { kind, text }: PropertyColumns,
  dialect: SqlDialect,
): { readonly readable: string; readonly value: string } {
  // A JSON number is read through the shortest text of its double (as JavaScript reads it): it is a
  // quantity when below 10^15 and its text rounded to 9 decimals is the same double.
  const number = `(abs(${dialect.double(text)}) < 1e15 AND ${dialect.toDouble(dialect.decimal(text))} = ${dialect.double(text)})`;
  const exponent = exponentSql(text, dialect);
  // CASE, not OR: the engines read the rare text with an e only where the plain form does not match.
  const decimalText = `CASE WHEN ${dialect.matches(text, PLAIN_QUANTITY)} THEN TRUE WHEN ${dialect.matches(text, EXPONENT)} AND ${dialect.matches(text, DECIMAL_TEXT)} THEN ${exponent.readable} ELSE FALSE END`;
  const readable = `COALESCE(CASE WHEN ${kind} = 'n' THEN ${number} WHEN ${kind} = 's' THEN ${decimalText} ELSE FALSE END, FALSE)`;
  // The engines' casts read an exponent, but not every one ratecard reads (DuckDB read 0.000…1e399, a
  // 1 after 399 zeros, as 0; "0e99999999999999999999" is 0): text with an e is cast in its short form.
  const hasExponent = `(${text} LIKE '%e%' OR ${text} LIKE '%E%')`;
  const value = dialect.decimal(`CASE WHEN ${hasExponent} THEN ${exponent.short} ELSE ${text} END`);
  return { readable, value };
}

/**
 * Decimal text with an exponent (it matches DECIMAL_TEXT) as its significant digits S and the power of
 * ten k they are multiplied by: "-0.00150e+3" is −15 × 10^−1. It is a quantity when zero (any exponent)
 * or when k ≥ −9 (at most 9 decimals) and S has at most 15 − k digits (below 10^15). `short` is the
 * value written as S e k ("-15e-1"), which every engine's cast reads exactly, however many zeros the
 * text had ("0" for zero, and for an exponent of more than 9 digits, which is no quantity's).
 */
function exponentSql(
  text: string,
  dialect: SqlDialect,
): { readonly readable: string; readonly short: string } {
  const part = (n: number) => dialect.regexReplace(text, EXPONENT_PARTS, `\\${n}`);
  const length = (value: string) => dialect.asInteger(`length(${value})`);
  const leading = dialect.regexReplace(`${part(2)} || ${part(3)}`, "^0+", "");
  const significant = dialect.regexReplace(leading, "0+$", "");
  // At most 9 digits of the exponent read (a longer one is no quantity's), as a decimal first: NULL,
  // never an error, for a text that is not one (a computed meter's value is worked out on every row).
  const magnitude = dialect.asInteger(dialect.decimal(dialect.substring(part(5), "1", "9")));
  const sign = `(CASE WHEN ${part(4)} = '-' THEN -1 ELSE 1 END)`;
  // k = the exponent − the fraction's digits + the trailing zeros dropped
  const power = `(${length(leading)} - ${length(significant)} - ${length(part(3))} + ${sign} * ${magnitude})`;
  const zero = `${significant} = ''`;
  const tooLong = `${length(part(5))} > 9`;
  return {
    readable: `CASE WHEN ${zero} THEN TRUE WHEN ${tooLong} THEN FALSE ELSE ${power} BETWEEN -9 AND 15 - ${length(significant)} END`,
    short: `CASE WHEN ${zero} OR ${tooLong} THEN '0' ELSE ${part(1)} || ${significant} || 'e' || ${dialect.asText(power)} END`,
  };
}
