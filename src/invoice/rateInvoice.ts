import { aggregateUsage } from "../meters/index.js";
import { toFixedString, toPlainString, ZERO } from "../money/index.js";
import { groupDimensions, meterRequests, rateCharge } from "../rating/index.js";
import {
  type Contract,
  INVOICE_SCHEMA_VERSION,
  type Invoice,
  parseUsageEvent,
  type UsageEvent,
} from "../schema/index.js";
import { formatInstant, formatLocalDate, type Period, toLocalDate } from "../time/index.js";
import { label, resolveServicePeriod } from "./resolveServicePeriod.js";

/**
 * Rates one invoice: aggregates the usage, prices each charge, rounds each line once, and sums.
 *
 * @param contract - a contract from `parseContract`
 * @param events - usage events as sent (`{ id, type, customer, timestamp, properties }`), any iterable
 * @param period - `"2026-02"`, `"2026-02-01/2026-03-01"` (local dates in the contract's zone) or a
 *   {@link Period}; it must lie inside one billing period
 * @returns the invoice: deterministic JSON-ready data, amounts as strings
 * @throws UsageError for a malformed event (path `[index].field`); InputError for a bad period
 * @example
 * const invoice = rateInvoice(parseContract(json), events, "2026-02");
 * invoice.total // "4521.37"
 */
export function rateInvoice(contract: Contract, events: Iterable<unknown>, period: Period | string): Invoice {
  return rateParsedInvoice(contract, parseEvents(events), period);
}

/** {@link rateInvoice} for events that are already validated (e.g. by `parseUsageEvent`). */
export function rateParsedInvoice(
  contract: Contract,
  events: Iterable<UsageEvent>,
  period: Period | string,
): Invoice {
  const resolved = resolveServicePeriod(contract, period);
  const usage = aggregateUsage(events, {
    meters: contract.meters,
    customer: contract.customer.id,
    period: resolved.service,
    requests: meterRequests(contract.charges),
  });
  const totals = new Map(usage.meters.map((entry) => [entry.meter.id, entry]));
  const meterQuantities = new Map(usage.meters.map((entry) => [entry.meter.id, entry.quantity]));

  const rated = contract.charges.map((charge, index) => {
    const meter = charge.meter;
    const groups = usage.groups.find(
      (grouping) => grouping.meter === meter && sameList(grouping.dimensions, groupDimensions(charge)),
    );
    return rateCharge({
      charge,
      index,
      usage: meter === undefined ? undefined : totals.get(meter),
      groups: groups?.groups ?? [],
      meterQuantities,
      period: resolved.service,
      proration: resolved.proration,
      currency: contract.currency,
      rounding: contract.rounding,
    });
  });
  const lines = rated.flatMap((result) => result.lines);
  const warnings = rated.flatMap((result) => result.warnings);
  // The total is the exact sum of the rounded lines: rounding happened once per line, never again.
  const subtotal = lines.reduce((sum, line) => sum.plus(line.amount), ZERO);
  const { minorUnits } = contract.currency;

  return {
    schemaVersion: INVOICE_SCHEMA_VERSION,
    id: `${contract.id}:${formatLocalDate(toLocalDate(resolved.service.start, contract.timeZone))}`,
    contractId: contract.id,
    customer: contract.customer,
    currency: { code: contract.currency.code, minorUnits },
    period: {
      start: formatInstant(resolved.service.start),
      end: formatInstant(resolved.service.end),
      timeZone: contract.timeZone,
      label: label(resolved.service, contract.timeZone),
    },
    rounding: { mode: contract.rounding, point: "line" },
    lines,
    subtotal: toFixedString(subtotal, minorUnits),
    total: toFixedString(subtotal, minorUnits),
    usage: {
      eventsRead: usage.eventsRead,
      eventsCounted: usage.eventsCounted,
      excluded: usage.excluded.map((entry) => ({ ...entry, sampleIds: [...entry.sampleIds] })),
      meters: usage.meters.map((entry) => ({
        meter: entry.meter.id,
        aggregation: entry.meter.aggregation,
        events: entry.events,
        quantity: toPlainString(entry.quantity),
        ...(entry.meter.unit !== undefined ? { unit: entry.meter.unit } : {}),
      })),
    },
    warnings,
    ...(Object.keys(contract.metadata).length > 0 ? { metadata: { ...contract.metadata } } : {}),
  };
}

function* parseEvents(events: Iterable<unknown>): Generator<UsageEvent> {
  let index = 0;
  for (const raw of events) {
    yield parseUsageEvent(raw, index);
    index += 1;
  }
}

function sameList(a: ReadonlyArray<string>, b: ReadonlyArray<string> | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((value, index) => value === b[index]);
}
