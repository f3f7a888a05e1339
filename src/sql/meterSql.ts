import { toPlainString } from "../money/index.js";
import type { FilterTerms, MeterTerms } from "../schema/index.js";
import { countsDistinctValues } from "../schema/index.js";
import { comparisonSql, isNumericFilter, OPERATORS } from "./comparisonSql.js";
import type { SqlDialect } from "./dialect.js";
import { type PropertyColumns, quantitySql } from "./quantitySql.js";
import { type DerivedSql, derivedValueSql } from "./valueSql.js";

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
  /** A value computed from properties, all there, that the engine's widest decimal cannot hold. */
  readonly wide?: string;
  /** A value computed from properties: its exact SQL, read first into the column `derived` names. */
  readonly derived?: string;
  /** A value computed from properties: it has 18 decimals (DERIVED_QUANTITY), not 9. */
  readonly wideScale?: boolean;
}

/**
 * The meter's match, readability and value over the event row; a value computed from properties is
 * read from the column `derived` (which holds the MeterSql's `derived` SQL).
 */
export function meterSql(
  meter: MeterTerms,
  dialect: SqlDialect,
  property: (name: string) => PropertyColumns,
  derived: string,
): MeterSql {
  const filters = (meter.filters ?? []).map(
    (filter) => `COALESCE(${filterSql(filter, dialect, property, meter.id)}, FALSE)`,
  );
  const match = [`type = ${dialect.literal(meter.eventType)}`, ...filters].join(" AND ");
  const read = readValue(meter, dialect, property, derived, match);
  // An in/out percentile must know each event's direction, as text (eventPass.ts).
  const direction = meter.percentile?.direction?.property;
  if (direction !== undefined)
    return { ...read, readable: `(${read.readable} AND COALESCE(${property(direction).kind} = 's', FALSE))` };
  // A persistent unique count's operation, when the event has one, is "add" or "remove" (eventPass.ts).
  // Absent or null is an add; PostgreSQL's kind of an absent property is 'x', its text NULL.
  const operation = meter.persistent === true ? meter.operationProperty : undefined;
  if (operation === undefined) return read;
  const { kind, text } = property(operation);
  const absent = `${kind} IS NULL OR ${kind} = 'z' OR (${kind} = 'x' AND ${text} IS NULL)`;
  return {
    ...read,
    readable: `(${read.readable} AND COALESCE(${absent} OR (${kind} = 's' AND ${text} IN ('add', 'remove')), FALSE))`,
  };
}

function readValue(
  meter: MeterTerms,
  dialect: SqlDialect,
  property: (name: string) => PropertyColumns,
  derived: string,
  match: string,
): MeterSql {
  if (meter.value !== undefined) {
    const value = derivedValueSql(meter.value, dialect, property, meter.id);
    return {
      match,
      readable: derivedReadable(value, derived, dialect),
      value: dialect.exact.cast(derived, 18),
      wide: `(${value.present} AND ${derived} IS NULL)`,
      derived: value.raw,
      wideScale: true,
    };
  }
  // Counting events (in windows too) reads no value.
  if (
    meter.aggregation === "count" ||
    meter.window?.aggregation === "count" ||
    meter.valueProperty === undefined
  )
    return { match, readable: "TRUE", value: undefined };
  const columns = property(meter.valueProperty);
  const { kind } = columns;
  if (countsDistinctValues(meter))
    return {
      match,
      readable: `COALESCE(${kind} IN ('s', 'n', 'b'), FALSE)`,
      value: undefined,
    };
  return { match, ...quantitySql(columns, dialect) };
}

// One filter, strict as src/meters/matchesFilters.ts: the text "1" is not the number 1; numeric
// comparisons read a number or decimal text and are false for anything else.
function filterSql(
  filter: FilterTerms,
  dialect: SqlDialect,
  property: (name: string) => PropertyColumns,
  meterId: string,
): string {
  if (isNumericFilter(filter)) {
    if (filter.expression === undefined)
      return comparisonSql(property(filter.property ?? ""), filter.op, filter.value, dialect);
    // A computed value compares as the meter's own value reads: computable and within the derived
    // bounds, else no match (matchesFilters.ts). Within them the 18-decimal type holds it exactly.
    const value = derivedValueSql(filter.expression, dialect, property, meterId);
    const bound = dialect.decimal(dialect.literal(toPlainString(filter.value)), true);
    // Compared only once readable (CASE, not AND, which an engine may evaluate first): a value beyond
    // them would not fit the bound's 18 decimals ("1e20" cached tokens).
    return `CASE WHEN ${derivedReadable(value, `(${value.raw})`, dialect)} THEN (${value.raw}) ${OPERATORS[filter.op]} ${bound} ELSE FALSE END`;
  }
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
  }
}

// A computed value (`value`, its SQL read as `column`) is readable: every operand there, and within
// DERIVED_QUANTITY, below 10^15 with at most 18 decimals (deriveValue.ts); else the event has none.
function derivedReadable(value: DerivedSql, column: string, dialect: SqlDialect): string {
  const decimals = value.scale > 18 ? ` AND ${column} = round(${column}, 18)` : "";
  // A type with fewer than 15 integer digits holds nothing as large as 10^15 (nor the literal).
  const size = value.scale + 15 <= dialect.exact.digits ? ` AND abs(${column}) < 1000000000000000` : "";
  return `COALESCE(${value.present} AND ${column} IS NOT NULL${size}${decimals}, FALSE)`;
}
