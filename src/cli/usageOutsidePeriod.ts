import { type Contract, resolveServicePeriod, type ServicePeriod, type UsageTimestamps } from "../index.js";
import { usageOutsidePeriod } from "./messages.js";
import { usageSource } from "./readUsage.js";
import { isStandardInput } from "./standardInput.js";
import { reportWarning } from "./stderr.js";

/** The events an invoice (or a batch's invoices) read and left out, per reason: its `usage` report's. */
interface UsageCounts {
  readonly eventsRead: number;
  readonly excluded: ReadonlyArray<{ readonly reason: string; readonly events: number }>;
}

/** The usage file as the command read it, and the contracts it billed: what a second pass reads again. */
interface UsageFileRead {
  readonly file: string;
  readonly format: string | undefined;
  readonly timestamps: UsageTimestamps;
  /** Their customers' events are the ones counted, each against its contract's --period and term. */
  readonly contracts: ReadonlyArray<Contract>;
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
  return mostly(outside, of) ? { outside, of } : undefined;
}

const mostly = (outside: number, of: number) =>
  outside > 0 && outside * OUTSIDE_SHARE.of >= of * OUTSIDE_SHARE.outside;

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
  // The invoice's period is --period cut to the contract's term (a term that starts or ends, or a
  // cancellation that takes effect, inside it): an event of --period outside the term is excluded as
  // outside the invoice's period, yet it is no other period's. Such events are not counted as outside
  // --period, and where they cannot be counted (a stream read once) nothing is said.
  const periods = new Map(read.contracts.map((c) => [c.customer.id, resolveServicePeriod(c, period)]));
  const cut = [...periods.values()].some(
    ({ requested, service }) => service.start !== requested.start || service.end !== requested.end,
  );
  const pass = await passAgain(read, periods);
  if (cut && pass === undefined) return;
  const outside = found.outside - (cut && pass !== undefined ? pass.besideTerm : 0);
  if (!mostly(outside, found.of)) return;
  reportWarning(usageOutsidePeriod(read.file, period, { outside, of: found.of }, pass?.span));
}

/** What one more pass over the usage file finds of the billed customers' events. */
interface SecondPass {
  /** The first and last timestamps (ISO 8601, UTC); undefined when there is no event. */
  readonly span: { readonly first: string; readonly last: string } | undefined;
  /** The events inside their contract's --period but outside its term. */
  readonly besideTerm: number;
}

// Undefined for a stream that cannot be read again, or a file ratecard's reader does not read (Parquet)
// or that fails on this pass.
async function passAgain(
  read: UsageFileRead,
  periods: ReadonlyMap<string, ServicePeriod>,
): Promise<SecondPass | undefined> {
  if (isStandardInput(read.file)) return undefined;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let besideTerm = 0;
  try {
    const source = await usageSource(read.file, read.format, read.timestamps);
    if (typeof source !== "function") return undefined;
    for await (const event of source()) {
      const resolved = periods.get(event.customer);
      if (resolved === undefined) continue;
      const at = event.timestamp;
      if (at < first) first = at;
      if (at > last) last = at;
      const { requested, service } = resolved;
      if (at >= requested.start && at < requested.end && (at < service.start || at >= service.end))
        besideTerm += 1;
    }
  } catch {
    return undefined;
  }
  const span =
    first > last ? undefined : { first: new Date(first).toISOString(), last: new Date(last).toISOString() };
  return { span, besideTerm };
}
