import { aggregatedPeriods, type PreparedRating } from "../invoice/index.js";
import { type AggregateUsageOptions, keepsDailyQuantities } from "../meters/index.js";
import type { ValueExpression } from "../schema/index.js";
import { countsDistinctValues } from "../schema/index.js";
import { type SqlDialect, type SqlDialectName, sqlDialect } from "./dialect.js";
import { stateKeySql, windowIndexSql } from "./keySql.js";
import { type MeterSql, meterSql } from "./meterSql.js";
import { propertyStages } from "./propertyStages.js";
import type { PropertyColumns } from "./quantitySql.js";
import { queryStampText } from "./queryStamp.js";
import { countedRows, rowBuilder } from "./resultRow.js";
import {
  extractedSource,
  fieldSql,
  payloadPropertySql,
  payloadSql,
  propertySql,
  type SqlUsageSource,
} from "./usageSource.js";
import { readCompileOptions, readDialectName, readUsageSource } from "./usageSourceSchema.js";

/**
 * The SQL that aggregates a prepared rating's usage in an engine: one query for the whole period and
 * one per piece amendments cut it into, in that order. Each returns rows that
 * {@link usageAggregatesFromSql} turns into the usage aggregates {@link rateFromAggregates} rates.
 */
export interface CompiledUsageSql {
  readonly dialect: SqlDialectName;
  readonly queries: ReadonlyArray<string>;
}

/**
 * How the queries treat the source's customers. By default they aggregate the prepared contract's
 * customer and count every other customer's event as `other_customer`. With `perCustomer`, they aggregate
 * every customer of the source at once, each row naming its customer in one more column, `c`, for
 * {@link sqlResultsByCustomer} to split: what a batch of contracts with the same meters and period needs
 * (one query instead of one per customer), each customer's events deduplicated among themselves, none
 * of them another customer's, and no id counted as reused by another customer (the source's customers
 * are each rated alone, as `ratecard batch` rates them).
 */
export interface CompileUsageSqlOptions {
  readonly perCustomer?: boolean;
  /**
   * Whether the query asks the engine to keep the classified events, and the deduplicated ones, once
   * (`WITH … AS MATERIALIZED`) rather than compute them again for each select that reads them. True by
   * default. ClickHouse needs it to read its source once (without it, a use of a CTE is expanded in
   * place: 92 reads of the source for a one-meter contract); it takes ClickHouse 26.3 or later, where
   * the keyword and its setting `enable_materialized_cte` (experimental) exist: pass `false` for an
   * earlier ClickHouse, which refuses both. DuckDB then chooses by itself; PostgreSQL keeps a CTE read
   * more than once by itself either way. The rows the query returns are the same.
   */
  readonly materialize?: boolean;
}

/**
 * Compiles a prepared rating's aggregation to SQL for an engine: deduplication by id (copies with
 * differing payloads left out as `conflicting_duplicate`), each event classified or excluded with the
 * in-memory engine's reasons, and every meter's state per grouping, decimals exact.
 * @throws InputError `sql_unsupported` for what the compiler does not compile (docs/sql-engines.md);
 *   `invalid_argument` for an unknown dialect; `invalid_field`, `missing_field` or `unknown_field` at
 *   `source.…` for a table mapping that is not one, and at `options.…` for options that are not
 * @example compileUsageSql(prepareRating(contract, "2026-02"), "duckdb", { from: "events", properties: { json: "properties" } })
 */
export function compileUsageSql(
  prepared: PreparedRating,
  dialectName: SqlDialectName,
  source: SqlUsageSource,
  compileOptions: CompileUsageSqlOptions = {},
): CompiledUsageSql {
  const name = readDialectName(dialectName);
  const mapping = readUsageSource(source);
  const dialect = sqlDialect(name);
  const { options } = prepared;
  const { perCustomer = false, materialize = true } = readCompileOptions(compileOptions);
  const hints = materialize ? dialect.cteHints : undefined;
  return {
    dialect: name,
    queries: aggregatedPeriods(prepared).map((period, index) => {
      const stamp = queryStampText(prepared, index);
      return compileOne({ ...options, period }, dialect, mapping, perCustomer, hints, stamp);
    }),
  };
}

function compileOne(
  options: AggregateUsageOptions,
  dialect: SqlDialect,
  source: SqlUsageSource,
  perCustomer: boolean,
  hints: SqlDialect["cteHints"],
  stamp: string,
): string {
  const names = propertiesUsed(options);
  const fields = fieldSql(source, dialect);
  const payload = payloadSql(source, dialect);
  const extracted = extractedSource(source, dialect, names);
  const properties = extracted?.properties ?? names.map((name) => propertySql(source, dialect, name));
  // Properties read as quantities or compared with numbers are staged once per row (propertyStages.ts).
  const stages = propertyStages(options.meters, names, dialect);
  const property = (name: string) => stages.columns(names.indexOf(name));
  const meters = options.meters.map((meter, i) => meterSql(meter, dialect, property, `d${i}`));
  const customer = dialect.literal(options.customer);
  const deduplicate = options.deduplicate !== false;
  const propertyColumns = names.flatMap((_, index) => [`k${index}`, `t${index}`]);
  // The staged quantities (q0…) too: the meters' values, read in classified, are cast from them.
  const rowColumns = ["id", "type", "customer", "ts", ...propertyColumns, ...stages.carried].join(", ");
  const types = [...new Set(options.meters.map((meter) => dialect.literal(meter.eventType)))];
  const { start, end } = options.period;
  const or = (terms: string[]) => (terms.length === 0 ? "FALSE" : terms.join(" OR "));
  const otherCustomer = perCustomer ? "" : `WHEN customer <> ${customer} THEN 'other_customer' `;
  const reason = `CASE ${otherCustomer}WHEN ${types.length === 0 ? "TRUE" : `type NOT IN (${types.join(", ")})`} THEN 'unknown_event_type' WHEN ts < ${start} OR ts >= ${end} THEN 'outside_period' WHEN NOT (${or(meters.map((_, i) => `m${i}`))}) THEN 'filtered_out' WHEN ${or(meters.map((_, i) => `(m${i} AND NOT r${i})`))} THEN 'invalid_value' END`;
  const ctes = [
    `ev AS (SELECT ${fields.id} AS id, ${fields.type} AS type, ${fields.customer} AS customer, ${fields.timestamp} AS ts${properties.map((p, i) => `, ${p.kind} AS k${i}, ${p.text} AS t${i}`).join("")}, ${payload.select.join(", ")} FROM ${extracted?.from ?? source.from})`,
  ];
  const meterColumns = meters
    .map(
      (meter, i) =>
        `, ${meter.match} AS m${i}, ${meter.readable} AS r${i}, ${meter.wide ?? "FALSE"} AS w${i}`,
    )
    .join("");
  // Each value is read once, after its readability, and only where it is readable.
  const valueColumns = meters
    .map(
      (meter, i) =>
        `, ${meter.value === undefined ? "NULL" : `CASE WHEN r${i} THEN ${meter.value} END`} AS v${i}`,
    )
    .join("");
  const dimensionNames = [
    ...new Set([...(options.requests?.values() ?? [])].flatMap((r) => r.groupings.flat())),
  ];
  // A source of columns (CSV) keeps each property's raw column for deduplication (pc0…): the group
  // columns are then read from those where the deduplicated events are (cls), not kept beside them
  // (one copy of each text fewer in the kept rows: docs/scale-measurements.md).
  const payloadProperty = deduplicate ? payloadPropertySql(source, dialect) : undefined;
  const groupSql = (name: string) => {
    const { kind, text } = payloadProperty?.(name) ?? property(name);
    return `CASE WHEN ${kind} IN ('s', 'n', 'b') THEN ${kind} ELSE 'z' END AS gk_${names.indexOf(name)}, CASE WHEN ${kind} IN ('s', 'n', 'b') THEN ${text} END AS gt_${names.indexOf(name)}`;
  };
  const groupNames = dimensionNames.flatMap((name) => [
    `gk_${names.indexOf(name)}`,
    `gt_${names.indexOf(name)}`,
  ]);
  const groupColumns =
    payloadProperty === undefined ? dimensionNames.map((name) => `, ${groupSql(name)}`).join("") : "";
  // Per-transaction prices read each counted event's raw value (meters/transactionValue.ts): the kind
  // and text of its value property, or the computed value as text; NULL for a meter without a value.
  const rawValues = options.meters.map((meter, i): PropertyColumns | undefined => {
    if (options.requests?.get(meter.id)?.collectValues !== true) return undefined;
    if (meter.value !== undefined) return { kind: "'s'", text: `v${i}` };
    return meter.valueProperty === undefined ? { kind: "NULL", text: "NULL" } : property(meter.valueProperty);
  });
  // What the selects below read of each classified event: fewer columns for the engine to keep.
  const uniqueColumns = options.meters.flatMap((meter, i) => [
    ...(countsDistinctValues(meter) && meter.valueProperty !== undefined
      ? rawColumns(property(meter.valueProperty))
      : []),
    ...(meter.operationProperty === undefined ? [] : rawColumns(property(meter.operationProperty))),
    ...(rawValues[i] !== undefined && meter.value === undefined && meter.valueProperty !== undefined
      ? rawColumns(property(meter.valueProperty))
      : []),
  ]);
  // Two-level meters: the key of each counted event's inner state (entity, window).
  const timeZone = options.timeZone ?? "UTC";
  const stateKeys = options.meters.map((meter) =>
    stateKeySql(meter, dialect, property, options.period, timeZone),
  );
  const keyColumns = stateKeys.map((key, i) => (key === undefined ? "" : `, ${key} AS sk${i}`)).join("");
  const clsColumns = [
    ...new Set([
      ...(perCustomer ? ["customer"] : []),
      "id",
      "ts",
      ...uniqueColumns,
      ...meters.flatMap((_, i) => [`m${i}`, `w${i}`]),
      ...(payloadProperty === undefined ? groupNames : []),
    ]),
  ];
  // What the selects read of each kept event: the classified columns, value, state key and reason.
  const keptColumns = [
    ...clsColumns,
    ...(payloadProperty === undefined ? [] : dimensionNames.map(groupSql)),
    ...meters.flatMap((_, i) => [`v${i}`, ...(stateKeys[i] === undefined ? [] : [`sk${i}`])]),
    "reason",
  ].join(", ");
  // Values computed from properties, each once, before the meters read them (readable, value, wide).
  const derived = meters.flatMap((meter, i) =>
    meter.derived === undefined ? [] : [`${meter.derived} AS d${i}`],
  );
  const derivedColumns = meters.map((meter, i) => (meter.derived === undefined ? "" : `, d${i}`)).join("");
  const base = stages.base;
  ctes.push(...stages.ctes);
  if (derived.length > 0) ctes.push(`valued AS (SELECT *, ${derived.join(", ")} FROM ${base})`);
  // Every event is classified in the one scan of the source, before deduplication: copies with the
  // same payload classify alike, so deduplicating the classified rows keeps what deduplicating the
  // events would. The engine keeps these rows once (the one materialized table) for the selects.
  const classified = deduplicate ? "classified" : "cls";
  const carried = [
    ...new Set(["id", "type", "customer", "ts", ...(deduplicate ? payload.names : []), ...clsColumns]),
    ...(deduplicate && dialect.idHash !== undefined ? [`${dialect.idHash("id")} AS h`] : []),
  ];
  ctes.push(
    `metered AS (SELECT ${rowColumns}${deduplicate ? payload.names.map((name) => `, ${name}`).join("") : ""}${derivedColumns}${meterColumns}${groupColumns} FROM ${derived.length > 0 ? "valued" : base})`,
    `${classified} AS ${hints?.classified ?? ""}(SELECT ${carried.join(", ")}${valueColumns}${keyColumns}, ${reason} AS reason FROM metered)`,
  );
  // Deduplication looks at the few ids sent more than once (a hash aggregate over the ids), not at
  // every event: their copies alone are compared, payload and all, and one copy of each kept.
  // Per customer, a copy is the same customer's event with the same id: ids pair with their customer.
  const idKey = perCustomer ? "(customer, id)" : "id";
  const idColumns = perCustomer ? "customer, id" : "id";
  if (deduplicate)
    ctes.push(
      ...duplicatedIds(dialect, customer, perCustomer),
      `dupev AS (SELECT * FROM classified WHERE ${perCustomer ? "" : `customer = ${customer} AND `}${idKey} IN (SELECT ${idColumns} FROM dup))`,
      `conflicts AS (SELECT ${idColumns}, COUNT(*) AS conflicting FROM dupev GROUP BY ${idColumns} HAVING ${dialect.countDistinct(["type", "ts", ...payload.payload])} > 1)`,
      `cls AS ${hints?.deduplicated ?? ""}(SELECT ${keptColumns} FROM classified WHERE ${perCustomer ? "" : `customer <> ${customer} OR `}${idKey} NOT IN (SELECT ${idColumns} FROM dup) UNION ALL SELECT ${keptColumns} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY ${idColumns} ORDER BY ts) AS copy FROM dupev WHERE ${idKey} NOT IN (SELECT ${idColumns} FROM conflicts)) c WHERE copy = 1)`,
      ...(perCustomer
        ? []
        : [
            `reused AS (SELECT DISTINCT id FROM classified WHERE customer = ${customer} AND id IN (SELECT id FROM classified WHERE customer <> ${customer}))`,
          ]),
    );
  ctes.push(
    `excl AS (${[
      ...(deduplicate
        ? [
            `SELECT 'duplicate_id' AS reason, ${idColumns}, ${dialect.asInteger("copies - 1")} AS events FROM dup WHERE ${idKey} NOT IN (SELECT ${idColumns} FROM conflicts)`,
            `SELECT 'conflicting_duplicate' AS reason, ${idColumns}, ${dialect.asInteger("conflicting")} AS events FROM conflicts`,
          ]
        : []),
      `SELECT reason, ${idColumns}, ${dialect.asInteger("1")} AS events FROM cls WHERE reason IS NOT NULL`,
    ].join(" UNION ALL ")})`,
  );
  // Per customer, every row names its customer (c) and every count, sample and state is the customer's.
  const row = rowBuilder(dialect, perCustomer);
  const c = perCustomer ? "customer" : undefined;
  const byCustomer = perCustomer ? " GROUP BY customer" : "";
  const customerFirst = (keys: ReadonlyArray<string>) => (perCustomer ? ["customer", ...keys] : [...keys]);
  const selects = [
    // The read row says what the query was compiled for (queryStamp.ts), for its rows to be checked.
    `SELECT ${row({ kind: "read", n: "COUNT(*)", a: dialect.literal(stamp), c })} FROM ${classified}${byCustomer}`,
    `SELECT ${row({ kind: "malformed", n: "COUNT(*)", b: "MIN(id)", t: "SUM(CASE WHEN ts IS NULL THEN 1 ELSE 0 END)", c })} FROM ${classified} WHERE id IS NULL OR id = '' OR type IS NULL OR type = '' OR customer IS NULL OR customer = '' OR ts IS NULL${byCustomer}`,
    // No WHERE here: a consumer that reads every row keeps DuckDB from pushing the others' filters
    // into cls, which would compute the classification once per filter.
    `SELECT ${row({ kind: "counted", n: "COALESCE(SUM(CASE WHEN reason IS NULL THEN 1 ELSE 0 END), 0)", c })} FROM cls${byCustomer}`,
    ...(derived.length > 0
      ? [
          `SELECT ${row({ kind: "wide", n: "COUNT(*)", b: "MIN(id)", c })} FROM cls WHERE reason = 'invalid_value' AND (${or(meters.map((_, i) => `(m${i} AND w${i})`))})${byCustomer}`,
        ]
      : []),
    `SELECT ${row({ kind: "excluded", a: "reason", n: "SUM(events)", c })} FROM excl GROUP BY ${customerFirst(["reason"]).join(", ")}`,
    `SELECT ${row({ kind: "sample", a: "reason", b: "id", c })} FROM (SELECT ${customerFirst(["reason", "id"]).join(", ")}, ROW_NUMBER() OVER (PARTITION BY ${customerFirst(["reason"]).join(", ")} ORDER BY ${dialect.binary("id")}) AS r FROM (SELECT DISTINCT ${customerFirst(["reason", "id"]).join(", ")} FROM excl) d) s WHERE r <= 5`,
    ...(deduplicate && !perCustomer
      ? [
          `SELECT ${row({ kind: "reused", n: "COUNT(*)" })} FROM reused`,
          `SELECT ${row({ kind: "reusedSample", b: "id" })} FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY ${dialect.binary("id")}) AS r FROM reused) s WHERE r <= 5`,
        ]
      : []),
    ...options.meters.flatMap((meter, i) => {
      const groupings = [[], ...(options.requests?.get(meter.id)?.groupings ?? [])];
      return groupings.flatMap((dimensions, g) => {
        // The group's columns, then (a two-level meter) the inner state's key.
        const group = dimensions.flatMap((name) => [
          `gk_${names.indexOf(name)}`,
          `gt_${names.indexOf(name)}`,
        ]);
        const w = stateKeys[i] === undefined ? undefined : `sk${i}`;
        const keys = [...group, ...(w === undefined ? [] : [w])];
        const inner = meter.window?.aggregation ?? meter.aggregation;
        const gi = g === 0 ? undefined : String(g - 1);
        const where = `FROM cls WHERE reason IS NULL AND m${i}`;
        const grouped = customerFirst(keys);
        const groupBy = grouped.length === 0 ? "" : ` GROUP BY ${grouped.join(", ")}`;
        const state = `SELECT ${row({ kind: "state", m: String(i), gi, g: group, w, n: "COUNT(*)", c, ...stateColumns(inner, meters[i]!, `v${i}`, dialect) })} ${where}${groupBy}`;
        // Per-transaction prices: each counted event's raw value (kind in w, text in a), id and instant,
        // one row per event, in the total and in each group; ratecard reads the value and puts them in
        // event order (time, then id) as the in-memory engine does.
        const raw = rawValues[i];
        const values =
          raw === undefined
            ? []
            : [
                `SELECT ${row({ kind: "value", m: String(i), gi, g: group, w: raw.kind, a: raw.text, b: "id", t: "ts", c })} ${where}`,
              ];
        // A plain sum or count asked for its days (`daily`): its state per local day of the zone, the
        // total's only (docs/sql-engines.md, "Daily quantities").
        const daily =
          options.daily === true && g === 0 && keepsDailyQuantities(meter)
            ? [
                `SELECT ${row({ kind: "daily", m: String(i), w: "dy", n: "COUNT(*)", c, ...stateColumns(inner, meters[i]!, `v${i}`, dialect) })} FROM (SELECT *, ${windowIndexSql("day", dialect, options.period, timeZone)} AS dy ${where}) days GROUP BY ${customerFirst(["dy"]).join(", ")}`,
              ]
            : [];
        // A persistent unique count's state is its operations (persistent.ts): each counted event's
        // value (kind in w, text in a), id, instant, and 1 in n when it removes the value.
        if (inner === "unique_count" && meter.persistent === true) {
          const value = property(meter.valueProperty ?? "");
          const operation =
            meter.operationProperty === undefined ? undefined : property(meter.operationProperty);
          const remove =
            operation === undefined
              ? "0"
              : `CASE WHEN ${operation.kind} = 's' AND ${operation.text} = 'remove' THEN 1 ELSE 0 END`;
          return [
            state,
            ...values,
            `SELECT ${row({ kind: "operation", m: String(i), gi, g: group, w: value.kind, a: value.text, b: "id", t: "ts", n: remove, c })} ${where}`,
          ];
        }
        if (inner === "unique_count")
          return [
            state,
            ...values,
            `SELECT DISTINCT ${row({ kind: "unique", m: String(i), gi, g: group, w, a: property(meter.valueProperty ?? "").kind, b: property(meter.valueProperty ?? "").text, c })} ${where}`,
          ];
        // A weighted_sum's state is its points (weighted.ts): each counted event's instant, id and
        // level, in any order (the state's JSON sorts them by instant, then id); ratecard integrates.
        // A prorated persistent sum's likewise: each value and its instant (prorated.ts).
        if (inner === "weighted_sum" || (meter.persistent === true && meter.prorated === true))
          return [
            state,
            ...values,
            `SELECT ${row({ kind: "point", m: String(i), gi, g: group, a: `v${i}`, b: "id", t: "ts", c })} ${where}`,
          ];
        if (inner !== "latest") return [state, ...values, ...daily];
        const partition = grouped.length === 0 ? "" : `PARTITION BY ${grouped.join(", ")} `;
        // `*`, never `cls.*`: ClickHouse (26.7) finds no table behind a qualified star of a MATERIALIZED CTE.
        const latest = `SELECT ${row({ kind: "latest", m: String(i), gi, g: group, w, a: `v${i}`, b: "id", t: "ts", c })} FROM (SELECT *, ROW_NUMBER() OVER (${partition}ORDER BY ts DESC, ${dialect.binary("id")} DESC) AS rn ${where}) l WHERE rn = 1`;
        return [state, ...values, latest, ...daily];
      });
    }),
  ];
  const settings = [...(dialect.settings ?? []), ...(hints?.settings ?? [])];
  const suffix = settings.length === 0 ? "" : `\nSETTINGS ${settings.join(", ")}`;
  return `WITH ${ctes.join(",\n")}\n${countedRows(selects, dialect, perCustomer)}${suffix}`;
}

// The ids the customer sent more than once, with how many copies. An engine with a hash of the id
// sorts the hashes (cheaper than a hash table of every id: docs/scale-measurements.md) and groups by id
// only the events whose hash repeats; a hash shared by different ids is sorted out by that GROUP BY.
// Per customer, every customer's repeated ids, each with its customer: the hashes of all customers'
// ids are sorted together (a hash repeated across customers only lets its ids into the GROUP BY, which
// counts copies per customer and id).
function duplicatedIds(dialect: SqlDialect, customer: string, perCustomer: boolean): string[] {
  const own = perCustomer ? [] : [`customer = ${customer}`];
  const where = (more: string[]) =>
    [...own, ...more].length === 0 ? "" : ` WHERE ${[...own, ...more].join(" AND ")}`;
  const columns = perCustomer ? "customer, id" : "id";
  const repeated = (more: string[]) =>
    `dup AS (SELECT ${columns}, COUNT(*) AS copies FROM classified${where(more)} GROUP BY ${columns} HAVING COUNT(*) > 1)`;
  if (dialect.idHash === undefined) return [repeated([])];
  return [
    `duph AS (SELECT h FROM (SELECT h, LAG(h) OVER (ORDER BY h) AS ph FROM classified${where([])}) s WHERE h = ph)`,
    repeated(["h IN (SELECT h FROM duph)"]),
  ];
}

// The aggregate of a meter's values in its state row: `a` (and `b`, the fractions' sum, when the
// engine's sums of 18-decimal values could overflow: src/sql/dialect.ts `integerPart`).
function stateColumns(aggregation: string, meter: MeterSql, value: string, dialect: SqlDialect) {
  const aggregate = { sum: "SUM", avg: "SUM", min: "MIN", max: "MAX" }[aggregation];
  if (aggregate === undefined) return {};
  const integerPart = dialect.exact.integerPart;
  if (aggregate === "SUM" && meter.wideScale === true && integerPart !== undefined)
    return { a: `SUM(${integerPart(value)})`, b: `SUM(${value} - ${integerPart(value)})` };
  return { a: `${aggregate}(${value})` };
}

// The property names the query reads: values, filters and grouping dimensions, in first-use order.
// A property's kind and text columns (not its staged quantity, which only the meters' columns read).
const rawColumns = ({ kind, text }: PropertyColumns) => [kind, text];

function propertiesUsed(options: AggregateUsageOptions): string[] {
  const names = options.meters.flatMap((meter) => [
    ...(meter.valueProperty === undefined ? [] : [meter.valueProperty]),
    ...(meter.value === undefined ? [] : expressionProperties(meter.value)),
    ...(meter.entity === undefined ? [] : [meter.entity.property]),
    ...(meter.operationProperty === undefined ? [] : [meter.operationProperty]),
    ...(meter.percentile?.direction === undefined ? [] : [meter.percentile.direction.property]),
    ...(meter.filters ?? []).flatMap((filter) =>
      "expression" in filter && filter.expression !== undefined
        ? expressionProperties(filter.expression)
        : (filter.property ?? []),
    ),
    ...(options.requests?.get(meter.id)?.groupings.flat() ?? []),
  ]);
  return [...new Set(names)];
}

// The properties a value expression reads, in order.
function expressionProperties(expression: ValueExpression): string[] {
  if ("property" in expression) return [expression.property];
  if ("weightBy" in expression) return [expression.weightBy.property];
  if ("constant" in expression) return [];
  return ("multiply" in expression ? expression.multiply : expression.add).flatMap(expressionProperties);
}
