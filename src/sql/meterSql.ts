import { InputError, sqlMessages } from "../errors/index.js";
import type { FilterTerms, MeterTerms } from "../schema/index.js";
import type { SqlDialect } from "./dialect.js";

// Decimal text as ratecard reads it (src/money/parseDecimal.ts DECIMAL_TEXT), and the plain forms of a
// quantity: below 10^15 with at most 9 decimals (trailing zeros aside), no exponent.
const DECIMAL_TEXT = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$";
const PLAIN_QUANTITY = "^[+-]?(0*[0-9]{1,15}([.][0-9]{0,9}0*)?|0*[.][0-9]{1,9}0*)$";
const EXPONENT = "^[^eE]*[eE].*$";

/** A property of the event row as the compiler names it: its kind and text columns. */
export interface PropertyColumns {
  readonly kind: string;
  readonly text: string;
}

/** One meter as SQL over a row of the deduplicated events. */
export interface MeterSql {
  /** The event is of the meter's type and meets its filters. */
  readonly match: string;
  /** The meter can read the event's value (always true for a count). */
  readonly readable: string;
  /**
   * The value as an exact decimal (sum, avg, min, max, latest), else undefined: meaningful only where
   * `readable` holds, so the query computes it after `readable`, once.
   */
  readonly value: string | undefined;
  /** The value is decimal text with an exponent, which the compiler does not read exactly. */
  readonly exponent: string;
}

/**
 * Refuses, with a sentence, what the compiler does not compile: windows, entities, value expressions,
 * weighted sums, percentiles and persistent meters. Nothing is approximated.
 */
export function requireCompilable(meter: MeterTerms): void {
  const refuse = (what: string) => {
    throw InputError.from(sqlMessages.sqlUnsupported(`${what} (meter "${meter.id}")`), "meters");
  };
  if (meter.aggregation === "weighted_sum") refuse("a weighted_sum meter");
  if (meter.aggregation === "percentile") refuse("a percentile meter");
  if (meter.window !== undefined) refuse("a meter with a window");
  if (meter.entity !== undefined) refuse("a meter with an entity");
  if (meter.persistent === true) refuse("a persistent meter");
  if (meter.value !== undefined) refuse("a meter value computed from properties");
}

/** The meter's match, readability and value over the event row. */
export function meterSql(
  meter: MeterTerms,
  dialect: SqlDialect,
  property: (name: string) => PropertyColumns,
): MeterSql {
  const filters = (meter.filters ?? []).map(
    (filter) => `COALESCE(${filterSql(filter, dialect, property)}, FALSE)`,
  );
  const match = [`type = ${dialect.literal(meter.eventType)}`, ...filters].join(" AND ");
  if (meter.aggregation === "count" || meter.valueProperty === undefined)
    return { match, readable: "TRUE", value: undefined, exponent: "FALSE" };
  const { kind, text } = property(meter.valueProperty);
  if (meter.aggregation === "unique_count")
    return {
      match,
      readable: `COALESCE(${kind} IN ('s', 'n', 'b'), FALSE)`,
      value: undefined,
      exponent: "FALSE",
    };
  // A JSON number is read through the shortest text of its double (as JavaScript reads it): it is a
  // quantity when below 10^15 and its text rounded to 9 decimals is the same double.
  const number = `(abs(${dialect.double(text)}) < 1e15 AND ${dialect.toDouble(dialect.decimal(text))} = ${dialect.double(text)})`;
  const readable = `COALESCE(CASE WHEN ${kind} = 'n' THEN ${number} WHEN ${kind} = 's' THEN ${dialect.matches(text, PLAIN_QUANTITY)} ELSE FALSE END, FALSE)`;
  // CASE, not AND: the engines then run the decimal regex only on the rare text with an e.
  const exponent = `COALESCE(CASE WHEN ${kind} = 's' AND ${dialect.matches(text, EXPONENT)} THEN ${dialect.matches(text, DECIMAL_TEXT)} ELSE FALSE END, FALSE)`;
  return { match, readable, value: dialect.decimal(text), exponent };
}

// One filter, strict as src/meters/matchesFilters.ts: the text "1" is not the number 1; numeric
// comparisons read a number or decimal text and are false for anything else.
function filterSql(
  filter: FilterTerms,
  dialect: SqlDialect,
  property: (name: string) => PropertyColumns,
): string {
  const { kind, text } = property(filter.property);
  const equals = (value: string | number | boolean) =>
    typeof value === "string"
      ? `(${kind} = 's' AND ${text} = ${dialect.literal(value)})`
      : typeof value === "boolean"
        ? `(${kind} = 'b' AND ${text} = '${value}')`
        : `(${kind} = 'n' AND ${dialect.double(text)} = ${dialect.double(dialect.literal(String(value)))})`;
  const anyOf = (values: ReadonlyArray<string | number | boolean>) =>
    `(${values.map((value) => `COALESCE(${equals(value)}, FALSE)`).join(" OR ")})`;
  switch (filter.op) {
    case "equals":
      return equals(filter.value);
    case "not_equals":
      return `NOT COALESCE(${equals(filter.value)}, FALSE)`;
    case "in":
      return anyOf(filter.values);
    case "not_in":
      return `NOT ${anyOf(filter.values)}`;
    case "exists":
      return `(${kind} IN ('s', 'n', 'b'))`;
    default: {
      const operator = { gt: ">", gte: ">=", lt: "<", lte: "<=" }[filter.op];
      const decimal = `CASE WHEN ${kind} = 'n' OR (${kind} = 's' AND ${dialect.matches(text, DECIMAL_TEXT)}) THEN ${dialect.decimal(text, true)} END`;
      return `(${decimal} ${operator} ${dialect.decimal(dialect.literal(filter.value.toFixed()), true)})`;
    }
  }
}
