import type { SqlDialect } from "./dialect.js";
import { epochInstantSql, instantSql, nativeInstantSql } from "./instantSql.js";

/**
 * Where a SQL engine finds the usage events: a table (or any FROM item: a view, `read_json(…)`, a
 * subquery) and the SQL expressions of its columns. docs/sql-engines.md, "The table mapping".
 */
export interface SqlUsageSource {
  /** The FROM item, written as SQL: `usage_events`, `analytics.events`, `read_parquet('usage.parquet')`. */
  readonly from: string;
  /** SQL expressions of the event fields; each defaults to the column of that name. */
  readonly columns?: {
    readonly id?: string;
    readonly type?: string;
    readonly customer?: string;
    readonly timestamp?: string;
  };
  /**
   * What the timestamp column holds: ISO 8601 text with its offset (`text`, the default), seconds since
   * 1970 (`epoch_s`, a fraction read exactly to the millisecond) or milliseconds (`epoch_ms`), as an
   * integer or decimal column or its text, or the engine's own timestamp type (`native`: PostgreSQL
   * timestamptz or timestamp, ClickHouse DateTime64 or DateTime, DuckDB TIMESTAMPTZ or TIMESTAMP; one
   * without a zone is read as UTC).
   */
  readonly timestamp?: "text" | "epoch_s" | "epoch_ms" | "native";
  /**
   * The properties: one column of JSON text (`{ "json": "properties" }`), or one text column per
   * property (`{ "columns": { "gb": "gb" } }`, as a CSV file has them: an empty cell is no property).
   */
  readonly properties: { readonly json: string } | { readonly columns: Readonly<Record<string, string>> };
}

/** A property as SQL: its kind (s, n, b, z or NULL when absent) and its text. */
export interface PropertySql {
  readonly kind: string;
  readonly text: string;
}

/** SQL expressions of the source's event fields, each named by the source or by its own name. */
export function fieldSql(source: SqlUsageSource, dialect: SqlDialect) {
  const column = (field: "id" | "type" | "customer" | "timestamp") =>
    source.columns?.[field] ?? quoteName(field, dialect);
  const timestamp = column("timestamp");
  return {
    id: dialect.asText(column("id")),
    type: dialect.asText(column("type")),
    customer: dialect.asText(column("customer")),
    timestamp:
      source.timestamp === "epoch_s" || source.timestamp === "epoch_ms"
        ? epochInstantSql(dialect.asText(timestamp), source.timestamp, dialect)
        : source.timestamp === "native"
          ? nativeInstantSql(timestamp, dialect)
          : instantSql(dialect.asText(timestamp), dialect),
  };
}

/** A column name quoted for the engine (backticks for ClickHouse, double quotes elsewhere). */
export function quoteName(name: string, dialect: SqlDialect): string {
  return dialect.name === "clickhouse"
    ? `\`${name.replaceAll("`", "``")}\``
    : `"${name.replaceAll('"', '""')}"`;
}

/**
 * The source's rows with each property the query reads extracted once from the JSON column, when the
 * engine reads that faster (DuckDB): a FROM item and the property columns `jv0, jv1…` it adds.
 */
export function extractedSource(
  source: SqlUsageSource,
  dialect: SqlDialect,
  names: ReadonlyArray<string>,
): { readonly from: string; readonly properties: PropertySql[] } | undefined {
  const { properties } = source;
  const readers = dialect.jsonValue;
  if (!("json" in properties) || readers === undefined || names.length === 0) return undefined;
  const extracted = names.map((name, i) => `${readers.extract(properties.json, name)} AS jv${i}`);
  return {
    from: `(SELECT *, ${extracted.join(", ")} FROM ${source.from}) extracted`,
    properties: names.map((_, i) => {
      const kind = readers.kind(`jv${i}`);
      return {
        kind,
        text: `CASE WHEN ${kind} = 'n' THEN ${readers.number(`jv${i}`)} ELSE ${readers.text(`jv${i}`)} END`,
      };
    }),
  };
}

/** How the source gives one property, as SQL over its row. */
export function propertySql(source: SqlUsageSource, dialect: SqlDialect, name: string): PropertySql {
  const { properties } = source;
  if ("json" in properties) {
    const kind = dialect.jsonKind(properties.json, name);
    return {
      kind,
      text: `CASE WHEN ${kind} = 'n' THEN ${dialect.jsonNumber(properties.json, name)} ELSE ${dialect.jsonText(properties.json, name)} END`,
    };
  }
  const column = properties.columns[name];
  if (column === undefined) return { kind: dialect.asText("NULL"), text: dialect.asText("NULL") };
  return {
    kind: `CASE WHEN ${column} IS NULL OR ${column} = '' THEN NULL ELSE 's' END`,
    text: dialect.asText(column),
  };
}

/**
 * The raw columns deduplication compares (`select`, kept as pj or pc0…: their `names`) and the expressions over them two
 * copies of an event must agree on (`payload`), besides id, customer, type and instant.
 */
export function payloadSql(
  source: SqlUsageSource,
  dialect: SqlDialect,
): { readonly select: string[]; readonly names: string[]; readonly payload: string[] } {
  const { properties } = source;
  // No properties at all and an empty object are one payload, as ratecard reads events.
  if ("json" in properties)
    return {
      select: [`COALESCE(${properties.json}, '{}') AS pj`],
      names: ["pj"],
      payload: [dialect.jsonPayload("pj")],
    };
  // An empty cell is no property: '' and NULL are one payload.
  const columns = Object.values(properties.columns);
  return {
    select: columns.map((column, i) => `${column} AS pc${i}`),
    names: columns.map((_, i) => `pc${i}`),
    payload: columns.map((_, i) => `COALESCE(${dialect.asText(`pc${i}`)}, '')`),
  };
}

/**
 * For a source of property columns (CSV), each property as SQL over the raw column deduplication keeps
 * (`pc0`, `pc1`… of {@link payloadSql}): the same kind and text as {@link propertySql} reads from the
 * source's column. Undefined for a JSON column, whose properties are extracted only once, in the scan.
 */
export function payloadPropertySql(
  source: SqlUsageSource,
  dialect: SqlDialect,
): ((name: string) => PropertySql) | undefined {
  const { properties } = source;
  if (!("columns" in properties)) return undefined;
  const kept = Object.fromEntries(Object.keys(properties.columns).map((name, i) => [name, `pc${i}`]));
  return (name) => propertySql({ from: source.from, properties: { columns: kept } }, dialect, name);
}
