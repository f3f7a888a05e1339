import type { FilterTerms, MeterTerms } from "../schema/index.js";
import { comparisonSql } from "./comparisonSql.js";
import type { SqlDialect } from "./dialect.js";
import { type PropertyColumns, quantitySql } from "./quantitySql.js";
import { derivedValueSql } from "./valueSql.js";

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
    (filter) => `COALESCE(${filterSql(filter, dialect, property)}, FALSE)`,
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
    // Within DERIVED_QUANTITY: below 10^15, at most 18 decimals (deriveValue.ts), else invalid.
    const decimals = value.scale > 18 ? ` AND ${derived} = round(${derived}, 18)` : "";
    // A type with fewer than 15 integer digits holds nothing as large as 10^15 (nor the literal).
    const size = value.scale + 15 <= dialect.exact.digits ? ` AND abs(${derived}) < 1000000000000000` : "";
    return {
      match,
      readable: `COALESCE(${value.present} AND ${derived} IS NOT NULL${size}${decimals}, FALSE)`,
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
  if (meter.aggregation === "unique_count")
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
    default:
      return comparisonSql(property(filter.property), filter.op, filter.value, dialect);
  }
}
