import * as z from "zod/mini";
import { InputError, sqlMessages, UsageError } from "../errors/index.js";
import {
  aggregatedPeriods,
  aggregateParsedForRating,
  type PreparedRating,
  type UsageAggregates,
} from "../invoice/index.js";
import {
  type AggregateUsageOptions,
  compareText,
  keepsDailyQuantities,
  mergeUsageStates,
  transactionValue,
  type UsageStates,
  uniqueKey,
} from "../meters/index.js";
import { addExactly, Decimal, toPlainString } from "../money/index.js";
import { EXCLUSION_REASONS, type MeterTerms, type PropertyValue } from "../schema/index.js";
import { stateKeys } from "./keySql.js";
import { checkQueryStamp } from "./queryStamp.js";
import { resultLists } from "./resultLists.js";
import { checkRowCount } from "./sqlRowCount.js";

// Engines hand 64-bit integers back as bigint (DuckDB), text (ClickHouse's JSON) or number (PGlite).
const integer = z.nullable(
  z.pipe(
    z.union([z.number(), z.bigint(), z.string().check(z.regex(/^-?\d+$/))]),
    z.transform((value) => Number(value)),
  ),
);
const text = z.nullable(z.string());

/** One row the compiled SQL returns (resultRow.ts `RESULT_COLUMNS`). */
const rowSchema = z.object({
  kind: z.enum([
    "read",
    "malformed",
    "counted",
    "wide",
    "excluded",
    "sample",
    "reused",
    "reusedSample",
    "state",
    "unique",
    "latest",
    "point",
    "daily",
    "operation",
    "value",
  ]),
  m: integer,
  gi: integer,
  g: text,
  w: text,
  n: integer,
  a: text,
  b: text,
  t: integer,
  /** The customer, in a query compiled `perCustomer`. */
  c: z.optional(text),
  /** How many rows the query returns (sqlRowCount.ts); absent from rows compiled until 7 December 2026. */
  r: z.optional(integer),
});
type Row = z.infer<typeof rowSchema>;

/**
 * The usage aggregates of a prepared rating from the rows of the queries {@link compileUsageSql}
 * compiled (whole period first, then each piece), in the order they came: the same JSON the in-memory
 * engine's `aggregateForRating` writes for those events, ready for `rateFromAggregates`.
 * @throws InputError `sql_result` for a row the queries do not return, or a result that is not a list
 *   of rows, or the rows of one query in the place of another's, or (at `results[i]`) fewer or more
 *   rows than the query returns (a client's row limit cut them: column `r`); `aggregates_mismatch` at `results[i]`
 *   for rows of a query compiled for other meters or another period than `prepared`'s, or (at
 *   `results[i][j].c`) a row of a query compiled perCustomer that names another customer; UsageError `sql_unsupported` for
 *   values of the usage the SQL does not read exactly (a computed value too wide for the engine's
 *   decimals), `invalid_event` for events without id, type, customer or instant
 */
export function usageAggregatesFromSql(
  prepared: PreparedRating,
  results: ReadonlyArray<ReadonlyArray<unknown>>,
): UsageAggregates {
  const lists = resultLists(results);
  const empty = aggregateParsedForRating(prepared, []);
  const periods = aggregatedPeriods(prepared);
  // The aggregates list the whole period, then each piece of a split one, then each span.
  const blanks = [empty.whole, ...(empty.pieces ?? []), ...(empty.spans ?? [])];
  if (lists.length !== periods.length)
    throw InputError.from(
      sqlMessages.sqlUnexpectedRow(`${lists.length} results for ${periods.length} queries`),
      "results",
    );
  const states = periods.map((period, index) => {
    const options = { ...prepared.options, period };
    const rows = (lists[index] ?? []).map((row, at) => parseRow(row, index, at, prepared.options.customer));
    // A perCustomer query's `r` counts every customer's rows: sqlResultsByCustomer checks it before the split.
    if (rows.every((row) => row.c === undefined)) checkRowCount(rows, index, `results[${index}]`);
    checkQueryStamp(prepared, index, rows.find((row) => row.kind === "read")?.a ?? null);
    const raw = statesOf(rows, options);
    const blank = blanks[index];
    // Merged with the states of no events: validated as any aggregates are, and canonical (sorted).
    return mergeUsageStates(raw, blank, options, [["results", index], ["empty"]]);
  });
  const pieces = empty.pieces?.length ?? 0;
  const [whole, ...rest] = states;
  return {
    ...empty,
    whole: whole as UsageStates,
    ...(pieces > 0 ? { pieces: rest.slice(0, pieces) } : {}),
    ...(rest.length > pieces ? { spans: rest.slice(pieces) } : {}),
  };
}

// A row of the results, checked: one of a query compiled perCustomer (column c) must be `customer`'s,
// or the rows of every customer would be read as one's (which customer's came first decided the bill).
function parseRow(row: unknown, query: number, at: number, customer: string): Row {
  const parsed = rowSchema.safeParse(row);
  const path = `results[${query}][${at}]`;
  if (parsed.success && parsed.data.c !== undefined && parsed.data.c !== customer)
    throw InputError.from(sqlMessages.sqlRowOfAnotherCustomer(path, parsed.data.c, customer), `${path}.c`);
  if (parsed.success) return parsed.data;
  throw InputError.from(
    sqlMessages.sqlUnexpectedRow(
      `query ${query + 1}, row ${at + 1}: ${parsed.error.issues[0]?.message ?? ""}`,
    ),
    path,
  );
}

function statesOf(rows: ReadonlyArray<Row>, options: AggregateUsageOptions): UsageStates {
  const one = (kind: Row["kind"]) => rows.find((row) => row.kind === kind);
  const malformed = one("malformed");
  // Every event read without a readable instant (`t`: how many lack one): the mapping, not the events.
  if (malformed?.n && malformed.t === malformed.n && one("read")?.n === malformed.n)
    throw UsageError.from(sqlMessages.sqlNoReadableTimestamp(malformed.n, malformed.b), "", {
      events: malformed.n,
      field: "timestamp",
    });
  if (malformed?.n)
    throw UsageError.from(sqlMessages.sqlMalformedEvents(malformed.n, malformed.b), "", {
      events: malformed.n,
    });
  const wide = one("wide");
  // The usage's own values, not the contract's: a UsageError, as the in-memory reader's are.
  if (wide?.n) throw UsageError.from(sqlMessages.sqlWideValue(wide.n, wide.b ?? ""), "");
  const samples = (kind: Row["kind"], reason?: string) =>
    rows
      .filter((row) => row.kind === kind && (reason === undefined || row.a === reason))
      .map((row) => row.b ?? "")
      .sort(compareText);
  const excluded = EXCLUSION_REASONS.flatMap((reason) => {
    const row = rows.find((candidate) => candidate.kind === "excluded" && candidate.a === reason);
    return row?.n ? [{ reason, events: row.n, sampleIds: samples("sample", reason) }] : [];
  });
  const reused = one("reused")?.n ?? 0;
  return {
    eventsRead: one("read")?.n ?? 0,
    eventsCounted: one("counted")?.n ?? 0,
    excluded,
    ...(reused > 0 ? { idsReusedByOtherCustomers: { ids: reused, sampleIds: samples("reusedSample") } } : {}),
    meters: options.meters.map((meter, index) => {
      const mine = rows.filter((row) => row.m === index);
      const request = options.requests?.get(meter.id);
      const groupings = request?.groupings ?? [];
      // A per-transaction price's values, kept beside the state (as meterAccumulator.ts writes them).
      const values = (inBucket: ReadonlyArray<Row>) =>
        request?.collectValues === true ? { values: transactionValues(inBucket) } : {};
      const ofState = (inBucket: ReadonlyArray<Row>) =>
        stateOf(
          meter,
          inBucket.filter((row) => row.kind !== "value"),
        );
      const inTotal = mine.filter((row) => row.gi === null && row.kind !== "daily");
      const total = ofState(inTotal);
      const daily =
        options.daily === true && keepsDailyQuantities(meter) ? { daily: dailyStates(meter, mine) } : {};
      if (groupings.length === 0) return { meter: meter.id, total, ...values(inTotal), ...daily };
      return {
        meter: meter.id,
        total,
        ...values(inTotal),
        ...daily,
        groups: groupings.map((dimensions, gi) => {
          const inGrouping = mine.filter((row) => row.gi === gi);
          const byGroup = rowsByGroup(inGrouping);
          // the groups with a state, in the order of their state rows
          const groups = new Set(inGrouping.filter((row) => row.kind === "state").map((row) => row.g));
          return {
            dimensions: [...dimensions],
            buckets: [...groups].map((group) => {
              const inBucket = byGroup.get(group) ?? [];
              return { group: groupValues(group), state: ofState(inBucket), ...values(inBucket) };
            }),
          };
        }),
      };
    }),
  };
}

// A grouping's rows by their group (`g`), in the order each group first comes, in one pass: filtering
// the rows once per group took time in the square of the groups (100,000 groups did not finish in
// 580 s; session 42).
function rowsByGroup(rows: ReadonlyArray<Row>): Map<string | null, Row[]> {
  const byGroup = new Map<string | null, Row[]>();
  for (const row of rows) {
    const own = byGroup.get(row.g);
    if (own === undefined) byGroup.set(row.g, [row]);
    else own.push(row);
  }
  return byGroup;
}

// A meter's state from its rows of one bucket: a value reducer's, or a two-level meter's
// `[key, state]` pairs (entities of windows of values), as perKeyJson writes them.
function stateOf(meter: MeterTerms, rows: ReadonlyArray<Row>): unknown {
  if (meter.persistent === true) return persistentStateOf(meter, rows);
  if (meter.entity === undefined && meter.window === undefined) return valueStateOf(meter.aggregation, rows);
  const inner = meter.window?.aggregation ?? meter.aggregation;
  const byEntity = new Map<string, Map<string, Row[]>>();
  for (const row of rows) {
    if (row.w === null) continue;
    const keys = stateKeys(meter, keyParts(row.w), propertyValue);
    const windows = byEntity.get(keys.entity ?? "") ?? new Map<string, Row[]>();
    byEntity.set(keys.entity ?? "", windows);
    // pushed, not copied: a window of many rows was copied once per row
    const inWindow = windows.get(keys.window ?? "");
    if (inWindow === undefined) windows.set(keys.window ?? "", [row]);
    else inWindow.push(row);
  }
  const windowsOf = (windows: Map<string, Row[]>) =>
    meter.window === undefined
      ? valueStateOf(inner, windows.get("") ?? [])
      : [...windows].map(([key, inWindow]) => [key, valueStateOf(inner, inWindow)]);
  return meter.entity === undefined
    ? windowsOf(byEntity.get("") ?? new Map())
    : [...byEntity].map(([key, windows]) => [key, windowsOf(windows)]);
}

// A persistent meter's state (src/meters/persistent.ts, prorated.ts): a unique count's operations, a
// prorated sum's values and instants, else the running total's own sum or count. Merging with the
// blank state puts the lists in order.
function persistentStateOf(meter: MeterTerms, rows: ReadonlyArray<Row>): unknown {
  if (meter.aggregation === "unique_count")
    return rows
      .filter((row) => row.kind === "operation")
      .map((row) => ({
        timestamp: row.t,
        id: row.b,
        // The value as `String(value)` reads it in memory (a number by its shortest text).
        key: String(propertyValue(row.w, row.a)),
        remove: row.n === 1,
      }));
  if (meter.prorated === true)
    return rows
      .filter((row) => row.kind === "point")
      .map((row) => ({ timestamp: row.t, value: decimal(row.a) }));
  return valueStateOf(meter.aggregation, rows);
}

// Each counted event's `[instant, id, value]` for a per-transaction price, its value read from the raw
// value the row carries exactly as the in-memory engine reads it; merging with the blank state puts
// them in event order (time, then id).
function transactionValues(rows: ReadonlyArray<Row>): [number | null, string | null, string][] {
  return rows
    .filter((row) => row.kind === "value")
    .map((row) => [row.t, row.b, toPlainString(transactionValue(propertyValue(row.w, row.a)))]);
}

// A plain sum's or count's `[day index, state]` pairs, as meterAccumulator.ts writes its daily states.
function dailyStates(meter: MeterTerms, rows: ReadonlyArray<Row>): [number, unknown][] {
  return rows
    .filter((row) => row.kind === "daily")
    .map((row): [number, unknown] => {
      if (row.w === null || !/^\d{1,6}$/.test(row.w))
        throw InputError.from(sqlMessages.sqlUnexpectedRow(`a day ${row.w}`), "w");
      return [Number(row.w), valueStateOf(meter.aggregation, [{ ...row, kind: "state" }])];
    })
    .sort(([a], [b]) => a - b);
}

// A state key's parts from its JSON text (compileUsageSql.ts, keySql.ts).
function keyParts(json: string): (string | null)[] {
  const parts = z.array(z.nullable(z.string())).safeParse(JSON.parse(json));
  if (!parts.success) throw InputError.from(sqlMessages.sqlUnexpectedRow(`a state key ${json}`), "w");
  return parts.data;
}

// An exact decimal column as a state writes it; SQL's NULL (the sum of no rows) is 0.
const decimal = (value: string | null | undefined) => toPlainString(new Decimal(value ?? "0"));

// A value reducer's state (src/meters/valueReducers.ts `toJson`) from its rows of one bucket.
function valueStateOf(aggregation: string, rows: ReadonlyArray<Row>): unknown {
  const state = rows.find((row) => row.kind === "state");
  const events = state?.n ?? 0;
  switch (aggregation) {
    case "sum":
    case "avg":
      // `b`: the sum of the fractions, when the engine added integer parts and fractions apart.
      return { sum: toPlainString(addExactly(new Decimal(state?.a ?? "0"), state?.b ?? "0")), events };
    case "min":
    case "max":
      return { best: state?.a == null ? null : decimal(state.a), events };
    case "latest": {
      const latest = rows.find((row) => row.kind === "latest");
      return events === 0 || latest === undefined
        ? { events: 0 }
        : { timestamp: latest.t, id: latest.b, value: decimal(latest.a), events };
    }
    case "weighted_sum":
      // Its points as weighted.ts writes them; merging with the blank state puts them in order.
      return rows
        .filter((row) => row.kind === "point")
        .map((row) => ({ timestamp: row.t, id: row.b, value: decimal(row.a) }));
    case "unique_count":
      return {
        values: rows
          .filter((row) => row.kind === "unique")
          .map((row) => uniqueKey(propertyValue(row.a, row.b) ?? undefined))
          .sort(compareText),
        events,
      };
    default:
      return { events };
  }
}

// The group's values from its JSON text: [kind, text, kind, text…].
function groupValues(json: string | null): PropertyValue[] {
  const pairs = z.array(z.nullable(z.string())).safeParse(JSON.parse(json ?? "[]"));
  if (!pairs.success || pairs.data.length % 2 !== 0)
    throw InputError.from(sqlMessages.sqlUnexpectedRow(`a group ${json}`), "g");
  const values: PropertyValue[] = [];
  for (let i = 0; i < pairs.data.length; i += 2)
    values.push(propertyValue(pairs.data[i]!, pairs.data[i + 1]!));
  return values;
}

// A property value from its kind letter and text.
function propertyValue(kind: string | null, value: string | null): PropertyValue {
  if (kind === "n") return Number(value);
  if (kind === "b") return value === "true";
  if (kind === "s") return value ?? "";
  return null;
}
