import { parseUsageEvent, safeParseUsageEvent, type UsageEvent, type UsageTimestamps } from "../index.js";
import { type BadEventSink, badEventOf } from "./badEvents.js";
import type { DuckdbUsage } from "./duckdbUsage.js";
import type { UsageSource } from "./readUsage.js";

/**
 * The events of a usage file as DuckDB reads it (`ratecard usage --engine duckdb`): every row, in file
 * order, each validated as ratecard's own readers validate an event, a chunk of rows at a time and
 * afresh on every call (the evidence pass reads the events twice). DuckDB reads the file; the evidence
 * itself (the events behind each line, per day, their ids, the repeated ids) is ratecard's pass, since
 * it lists events, not aggregation states a query returns. A row that is no valid event is refused
 * naming the file and the row; `inFileOrder`, when given, says instead how ratecard's own reader
 * refuses the file (its line). Given `onBad` (`batch --bad-events hold` over Parquet), a row that is no
 * valid event is handed to it, named by its row, and left out.
 */
export function duckdbEvents(
  usage: Pick<DuckdbUsage, "source" | "stream">,
  file: string,
  inFileOrder?: () => Promise<unknown>,
  onBad?: BadEventSink,
): UsageSource {
  const options = { timestamps: timestampsOf(usage.source) };
  const batches = async function* (): AsyncGenerator<ReadonlyArray<UsageEvent>> {
    let row = 0;
    for await (const rows of usage.stream(`SELECT * FROM ${usage.source.from}`)) {
      const events: UsageEvent[] = [];
      for (const values of rows) {
        row += 1;
        const raw = rawEvent(values, usage.source.properties);
        const event = safeParseUsageEvent(raw, 0, options);
        if (event.success) {
          events.push(event.data);
          continue;
        }
        if (onBad !== undefined) {
          const refusal = safeParseUsageEvent(raw, `${file} row ${row}`, options);
          if (!refusal.success) onBad(badEventOf(refusal.error, { row }, raw, raw));
          continue;
        }
        // A file ratecard's own reader reads has lines: its sentence names the line, not DuckDB's row.
        const inOrder = await inFileOrder?.();
        if (inOrder !== undefined) throw inOrder;
        events.push(parseUsageEvent(raw, `${file} row ${row}`, options));
      }
      if (events.length > 0) yield events;
    }
  };
  const events = async function* (): AsyncGenerator<UsageEvent> {
    for await (const batch of batches()) yield* batch;
  };
  return Object.assign(events, { batches });
}

/** How the events of a DuckDB usage source write their timestamps, as --timestamps names it. */
export function timestampsOf(source: DuckdbUsage["source"]): UsageTimestamps {
  return source.timestamp === "epoch_s" || source.timestamp === "epoch_ms" ? source.timestamp : "text";
}

// A row as the event ratecard's readers would have built: the four fields as text (a Parquet TIMESTAMP
// as its ISO instant), the properties from the JSON column or, for CSV, from every other column (an
// empty cell, NULL, is no property). A NULL field is left out, so the event is refused as missing it.
function rawEvent(
  values: Readonly<Record<string, unknown>>,
  properties: DuckdbUsage["source"]["properties"],
): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const field of ["id", "type", "customer", "timestamp"] as const) {
    const value = values[field];
    if (value === null || value === undefined) continue;
    raw[field] = value instanceof Date ? value.toISOString() : value;
  }
  if ("json" in properties) {
    const text = values[properties.json];
    if (text !== null && text !== undefined)
      raw.properties = typeof text === "string" ? JSON.parse(text) : text;
    return raw;
  }
  raw.properties = Object.fromEntries(
    Object.keys(properties.columns).flatMap((name) => {
      const value = values[name];
      return value === null || value === undefined ? [] : [[name, value]];
    }),
  );
  return raw;
}
