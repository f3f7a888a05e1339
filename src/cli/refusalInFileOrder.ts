import type { UsageTimestamps } from "../index.js";
import { duckdbEvents, timestampsOf } from "./duckdbEvents.js";
import type { DuckdbUsage } from "./duckdbUsage.js";
import { type UsageSource, usageSource } from "./readUsage.js";

/**
 * The refusal of the first event, in file order, that ratecard's own reader refuses (an event without
 * an id, type or customer, a timestamp that is no ISO 8601 instant with its offset), after DuckDB
 * counted such events: the in-memory reader's sentence with the line (`usage.ndjson line 2: timestamp
 * "10/02/2026 00:00" is not …`), the same bytes `--engine memory` prints, or for Parquet, which only
 * DuckDB reads, the row (`usage.parquet row 2: …`). DuckDB's own count named the smallest id in text
 * order ("first id "b2"" for the third line of a file whose second was refused). Undefined when the
 * reader refuses none (DuckDB's sentence then stands). Read only on this error path.
 */
export async function refusalInFileOrder(
  file: string,
  format: "ndjson" | "csv" | "json" | "parquet",
  usage: Pick<DuckdbUsage, "source" | "stream">,
): Promise<unknown> {
  if (format !== "parquet") return memoryReaderRefusal(file, format, timestampsOf(usage.source));
  return firstRefusal(async () => duckdbEvents(usage, file));
}

/**
 * The in-memory reader's refusal of a usage file (NDJSON, CSV or a JSON array): what it throws at the
 * first event it refuses, in file order (`usage.ndjson line 2: …`, `usage.json event [1]: …`), the
 * bytes `--engine memory` prints; undefined when it reads every event. The file is read afresh (a file,
 * never standard input, which DuckDB reads none of), up to that event: only on an error path.
 */
export function memoryReaderRefusal(
  file: string,
  format: "ndjson" | "csv" | "json",
  timestamps: UsageTimestamps = "text",
): Promise<unknown> {
  return firstRefusal(() => usageSource(file, format, timestamps));
}

// What reading the source's events throws first (a source read afresh on each call); undefined for none.
async function firstRefusal(open: () => Promise<UsageSource | AsyncIterable<unknown>>): Promise<unknown> {
  try {
    const source = await open();
    for await (const _ of typeof source === "function" ? source() : source) {
      // Read on to the first event the reader refuses.
    }
  } catch (error) {
    return error;
  }
  return undefined;
}
