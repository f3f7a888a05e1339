import { duckdbEvents } from "./duckdbEvents.js";
import type { DuckdbUsage } from "./duckdbUsage.js";
import { usageSource } from "./readUsage.js";

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
  try {
    // A file, never standard input (DuckDB reads none): a source read afresh on each call.
    const source = format === "parquet" ? duckdbEvents(usage, file) : await usageSource(file, format);
    for await (const _ of typeof source === "function" ? source() : source) {
      // Read on to the first event the reader refuses.
    }
  } catch (error) {
    return error;
  }
  return undefined;
}
