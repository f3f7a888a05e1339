import type { MeterTerms, ValueExpression } from "../schema/index.js";
import { countsDistinctValues } from "../schema/index.js";
import type { SqlDialect } from "./dialect.js";

// Decimal text as ratecard reads it (src/money/parseDecimal.ts DECIMAL_TEXT), and the plain forms of a
// quantity: below 10^15 with at most 9 decimals (trailing zeros aside), no exponent.
export const DECIMAL_TEXT = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$";
const PLAIN_QUANTITY = "^[+-]?(0*[0-9]{1,15}([.][0-9]{0,9}0*)?|0*[.][0-9]{1,9}0*)$";
const EXPONENT = "^[^eE]*[eE].*$";
// Decimal text, in parts: sign, integer digits, fraction digits, then an optional exponent: its sign
// and its digits without leading zeros (at least one).
const DECIMAL_PARTS = "^([+-]?)([0-9]*)[.]?([0-9]*)([eE]([+-]?)0*([0-9]+))?$";

/** A property of the event row as the compiler names it: its kind and text columns. */
export interface PropertyColumns {
  readonly kind: string;
  readonly text: string;
  /**
   * For a property read as a quantity: the column of {@link stagedQuantity}, worked out once per row
   * (absent: worked out where it is used, a much larger query).
   */
  readonly quantity?: string;
  /**
   * For a property read as a quantity: the column saying whether it is one (quantitySql's `readable`,
   * worked out once per row by {@link quantityStages}, not once per meter that reads it).
   */
  readonly readable?: string;
  /** For a property compared with a number: its staged sign, place and digits (comparisonSql.ts). */
  readonly order?: { readonly sign: string; readonly place: string; readonly digits: string };
}

/**
 * A property read as a quantity, as the in-memory engine reads a value property: readable (a number, or
 * decimal text, with or without an exponent, below 10^15 with at most 9 decimals) and its exact decimal
 * (meaningful only where readable).
 */
export function quantitySql(
  { kind, text, quantity, readable: staged }: PropertyColumns,
  dialect: SqlDialect,
): { readonly readable: string; readonly value: string } {
  const value = dialect.decimal(quantity ?? stagedQuantity(text, dialect));
  if (staged !== undefined) return { readable: staged, value };
  // A JSON number is read through the shortest text of its double (as JavaScript reads it): it is a
  // quantity when below 10^15 and its text rounded to 9 decimals is the same double.
  const number = `(abs(${dialect.double(text)}) < 1e15 AND ${dialect.toDouble(dialect.decimal(text))} = ${dialect.double(text)})`;
  const exponent =
    quantity === undefined ? exponentSql(text, dialect).readable : shortReadable(quantity, dialect);
  // CASE, not OR: the engines read the rare text with an e only where the plain form does not match.
  const decimalText = `CASE WHEN ${dialect.matches(text, PLAIN_QUANTITY)} THEN TRUE WHEN ${dialect.matches(text, EXPONENT)} AND ${dialect.matches(text, DECIMAL_TEXT)} THEN ${exponent} ELSE FALSE END`;
  const readable = `COALESCE(CASE WHEN ${kind} = 'n' THEN ${number} WHEN ${kind} = 's' THEN ${decimalText} ELSE FALSE END, FALSE)`;
  return { readable, value };
}

/**
 * The CTEs that stage the properties read as quantities (their indices: columns k0, t0…), once per
 * row, over `from`: `evq` adds each one's cast text (q0…, {@link stagedQuantity}), then `evr` whether
 * it is a quantity (qr0…). Each meter then reads two columns, not the whole check: ClickHouse analyses
 * every use of a CTE afresh, and the test written into each meter made its analysis twice as long.
 */
export function quantityStages(indices: ReadonlyArray<number>, dialect: SqlDialect, from: string): string[] {
  const columns = (i: number) => ({ kind: `k${i}`, text: `t${i}`, quantity: `q${i}` });
  return [
    `evq AS (SELECT *, ${indices.map((i) => `${stagedQuantity(`t${i}`, dialect)} AS q${i}`).join(", ")} FROM ${from})`,
    `evr AS (SELECT *, ${indices.map((i) => `${quantitySql(columns(i), dialect).readable} AS qr${i}`).join(", ")} FROM evq)`,
  ];
}

/**
 * The text a property's quantity is cast from: the text itself, or for text with an e its short form
 * (exponentSql: "S e k", "0" for zero, NULL for an exponent of more than 9 digits). The engines' casts
 * read an exponent, but not every one ratecard reads: DuckDB read 0.000…1e399 (a 1 after 399 zeros) as
 * 0, and PostgreSQL fails on "0e99999999999999999999", which is 0.
 */
export function stagedQuantity(text: string, dialect: SqlDialect): string {
  return `CASE WHEN ${text} LIKE '%e%' OR ${text} LIKE '%E%' THEN ${exponentSql(text, dialect).short} ELSE ${text} END`;
}

// Whether the short form of text with an exponent (stagedQuantity) is a quantity: zero, or k ≥ −9 and S
// at most 15 − k digits; NULL (an exponent of more than 9 digits, not zero) is none.
function shortReadable(short: string, dialect: SqlDialect): string {
  const digits = dialect.asInteger(`length(${dialect.regexReplace(short, "^[+-]?([0-9]*)e.*$", "\\1")})`);
  const power = dialect.asInteger(dialect.decimal(dialect.regexReplace(short, "^.*e", "")));
  return `CASE WHEN ${short} = '0' THEN TRUE WHEN ${short} IS NULL THEN FALSE ELSE ${power} BETWEEN -9 AND 15 - ${digits} END`;
}

/** The properties the meters read as quantities: a value property that is summed (or the like) and those of a computed value. */
export function quantityProperties(meters: ReadonlyArray<MeterTerms>): ReadonlySet<string> {
  const names = new Set<string>();
  const visit = (expression: ValueExpression): void => {
    if ("property" in expression) names.add(expression.property);
    else if ("multiply" in expression) expression.multiply.forEach(visit);
    else if ("add" in expression) expression.add.forEach(visit);
  };
  for (const meter of meters) {
    if (meter.value !== undefined) visit(meter.value);
    else if (
      meter.valueProperty !== undefined &&
      meter.aggregation !== "count" &&
      !countsDistinctValues(meter) &&
      meter.window?.aggregation !== "count"
    )
      names.add(meter.valueProperty);
  }
  return names;
}

/**
 * Decimal text with an exponent (it matches DECIMAL_TEXT) as its significant digits S and the power of
 * ten k they are multiplied by (decimalParts): "-0.00150e+3" is −15 × 10^−1. It is a quantity when zero
 * (any exponent) or when k ≥ −9 (at most 9 decimals) and S has at most 15 − k digits (below 10^15).
 * `short` is the value written as S e k ("-15e-1"), which every engine's cast reads exactly, however
 * many zeros the text had ("0" for zero; NULL for an exponent of more than 9 digits, no quantity's).
 */
function exponentSql(
  text: string,
  dialect: SqlDialect,
): { readonly readable: string; readonly short: string } {
  const { sign, significant, digits, power, zero, tooLong } = decimalParts(text, dialect);
  return {
    readable: `CASE WHEN ${zero} THEN TRUE WHEN ${tooLong} THEN FALSE ELSE ${power} BETWEEN -9 AND 15 - ${digits} END`,
    short: `CASE WHEN ${zero} THEN '0' WHEN ${tooLong} THEN NULL ELSE ${sign} || ${significant} || 'e' || ${dialect.asText(power)} END`,
  };
}

/**
 * Decimal text (or a number's shortest text) as ±S × 10^k: its sign text, its significant digits S
 * (no leading or trailing zeros; empty for zero) and their count, the power k (the exponent − the
 * fraction's digits + the trailing zeros dropped), and whether the exponent has more than
 * `exponentDigits` digits (9: no quantity has more; then k is not worked out, `exponentSign` says which
 * way it goes).
 */
export function decimalParts(text: string, dialect: SqlDialect, exponentDigits = 9) {
  const part = (n: number) => dialect.regexReplace(text, DECIMAL_PARTS, `\\${n}`);
  const length = (value: string) => dialect.asInteger(`length(${value})`);
  // The digits, integer and fraction together, without leading zeros.
  const leading = dialect.regexReplace(dialect.regexReplace(text, DECIMAL_PARTS, "\\2\\3"), "^0+", "");
  const significant = dialect.regexReplace(leading, "0+$", "");
  // At most `exponentDigits` digits of the exponent read (a longer one is no quantity's), as a decimal first: NULL,
  // never an error, for a text that is not one (a computed meter's value is worked out on every row);
  // no exponent is 0.
  const magnitude = `COALESCE(${dialect.asInteger(dialect.decimal(dialect.substring(part(6), "1", String(exponentDigits))))}, 0)`;
  const exponentSign = `(CASE WHEN ${part(5)} = '-' THEN -1 ELSE 1 END)`;
  return {
    sign: part(1),
    significant,
    digits: length(significant),
    power: `(${length(leading)} - ${length(significant)} - ${length(part(3))} + ${exponentSign} * ${magnitude})`,
    exponentSign,
    zero: `${significant} = ''`,
    tooLong: `${length(part(6))} > ${exponentDigits}`,
  };
}
