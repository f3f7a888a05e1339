import type { BatchSummary, UsageTimestamps } from "../index.js";
import { badEventCollector, type Screened, screened } from "./batchHold.js";
import { type BatchSplit, splitByCustomer } from "./batchSplit.js";
import { duckdbEvents } from "./duckdbEvents.js";
import { duckdbFormat } from "./duckdbFormat.js";
import { openDuckdbUsage } from "./duckdbUsage.js";
import { usageSource } from "./readUsage.js";
import { withUsageProgress } from "./stderr.js";

/** What the screen of a DuckDB batch found: the bad events and what they hold, and the unbilled events. */
export interface DuckdbScreen {
  readonly screen: Screened;
  readonly unknown: BatchSummary["unknownCustomers"];
  /** The events of each customer whose contract is set aside for its billing cycle. */
  readonly setAside: ReadonlyMap<string, number>;
  /** Each billed customer's good events in the file (a held customer's are read, not rated). */
  readonly read: ReadonlyMap<string, number>;
}

/**
 * `batch --engine duckdb --bad-events hold`: before DuckDB aggregates anything, one pass of ratecard's
 * own reader over the file (for Parquet, which only DuckDB reads, DuckDB's rows validated as that
 * reader validates an event) finds the bad events, so both engines set aside the same lines in the
 * same words and hold the same invoices. DuckDB's reader could not do it alone: a line that is not
 * JSON stops it for the whole file. The pass also counts the good events of customers no contract
 * bills, as the in-memory batch does (DuckDB's table still holds the bad rows).
 */
export async function screenForDuckdb(
  file: string,
  format: string | undefined,
  timestamps: UsageTimestamps,
  customers: ReadonlyArray<string>,
  setAside: ReadonlyArray<string> = [],
): Promise<DuckdbScreen> {
  const { sink, bad } = badEventCollector();
  let split: BatchSplit;
  if (duckdbFormat(file, format) === "parquet") {
    const usage = await openDuckdbUsage(file, format, timestamps);
    try {
      split = await splitByCustomer(
        duckdbEvents(usage, file, undefined, sink)(),
        customers,
        "counted",
        setAside,
      );
    } finally {
      usage.close();
    }
  } else {
    split = await withUsageProgress(await usageSource(file, format, timestamps, sink), (source) =>
      splitByCustomer(typeof source === "function" ? source() : source, customers, "counted", setAside),
    );
  }
  return {
    screen: screened(bad, customers),
    unknown: split.unknown,
    setAside: split.setAside,
    read: split.read,
  };
}
