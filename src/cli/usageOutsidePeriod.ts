import type { UsageTimestamps } from "../index.js";
import { usageOutsidePeriod } from "./messages.js";
import { usageSource } from "./readUsage.js";
import { isStandardInput } from "./standardInput.js";
import { reportWarning } from "./stderr.js";

/** The events an invoice (or a batch's invoices) read and left out, per reason: its `usage` report's. */
interface UsageCounts {
  readonly eventsRead: number;
  readonly excluded: ReadonlyArray<{ readonly reason: string; readonly events: number }>;
}

/** The usage file as the command read it, and the customers it billed: what a second pass reads again. */
interface UsageFileRead {
  readonly file: string;
  readonly format: string | undefined;
  readonly timestamps: UsageTimestamps;
  readonly customers: ReadonlyArray<string>;
}

/**
 * The share of the billed customers' events outside the period from which the usage file is taken to be
 * another period's: 99 in 100. A file of the wrong month has every event outside; one of the right month
 * may hold a few outside (late events of the month before, a clock a little off), never nearly all, and a
 * file of several months' events asked for one of them has at most 23 in 24 outside over two years
 * (95.8 %). All but under 1 % keeps a wrong month's file with a stray event inside the period warned of.
 */
const OUTSIDE_SHARE = { outside: 99, of: 100 } as const;

/**
 * The events outside the period and the events they are counted among (the billed customers' events
 * read: another customer's in an invoice's file are not), when the first are at least
 * {@link OUTSIDE_SHARE} of the second; undefined otherwise, and when no event of theirs was read.
 */
export function mostlyOutsidePeriod(
  usage: UsageCounts,
): { readonly outside: number; readonly of: number } | undefined {
  const count = (reason: string) => usage.excluded.find((entry) => entry.reason === reason)?.events ?? 0;
  const outside = count("outside_period");
  const of = usage.eventsRead - count("other_customer");
  if (outside === 0 || outside * OUTSIDE_SHARE.of < of * OUTSIDE_SHARE.outside) return undefined;
  return { outside, of };
}

/**
 * Warns on stderr when (nearly) every event of the billed customers lies outside `period`: the usage file
 * of another month, rated to invoices of zero usage with exit 0 and no word but the usage report's count.
 * The warning names the period asked and the span of those events' timestamps, read by one more pass
 * over the file, made only then (a file's; standard input and pipes cannot be read again, and the span
 * is left out). It changes no invoice and no exit code.
 */
export async function warnWhenOutsidePeriod(
  usage: UsageCounts,
  read: UsageFileRead,
  period: string,
): Promise<void> {
  const found = mostlyOutsidePeriod(usage);
  if (found === undefined) return;
  const span = await timestampSpan(read);
  reportWarning(usageOutsidePeriod(read.file, period, found, span));
}

// The first and last timestamps of the customers' events (ISO 8601, UTC); undefined for a stream that
// cannot be read again, or a file ratecard's reader does not read (Parquet) or that fails on this pass.
async function timestampSpan(
  read: UsageFileRead,
): Promise<{ readonly first: string; readonly last: string } | undefined> {
  if (isStandardInput(read.file)) return undefined;
  const customers = new Set(read.customers);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  try {
    const source = await usageSource(read.file, read.format, read.timestamps);
    if (typeof source !== "function") return undefined;
    for await (const event of source()) {
      if (!customers.has(event.customer)) continue;
      if (event.timestamp < first) first = event.timestamp;
      if (event.timestamp > last) last = event.timestamp;
    }
  } catch {
    return undefined;
  }
  if (first > last) return undefined;
  return { first: new Date(first).toISOString(), last: new Date(last).toISOString() };
}
