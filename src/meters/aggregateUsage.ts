import { type Decimal, safeParseDecimal } from "../money/index.js";
import type { ExclusionReason, MeterTerms, UsageEvent } from "../schema/index.js";
import { isInPeriod, type Period } from "../time/index.js";
import { aggregationOf } from "./aggregation.js";
import { deduplicate } from "./deduplicate.js";
import type { Exclusion } from "./exclusionTally.js";
import { matchesFilters } from "./matchesFilters.js";
import { type GroupedQuantities, MeterAccumulator, type MeterRequest } from "./meterAccumulator.js";

/** What to aggregate: the contract's meters, for one customer, over one period. */
export interface AggregateUsageOptions {
  readonly meters: ReadonlyArray<MeterTerms>;
  readonly customer: string;
  readonly period: Period;
  /** Per meter id: property lists to split its events by, and whether to keep each event's value. */
  readonly requests?: ReadonlyMap<string, MeterRequest>;
}

/** The quantity of one meter over the period. */
export interface MeterQuantity {
  readonly meter: MeterTerms;
  readonly events: number;
  readonly quantity: Decimal;
  /** Each counted event's value in event order (timestamp, then id), when requested. */
  readonly values?: ReadonlyArray<Decimal>;
}

/** The result of aggregating: every meter's quantity, and an account of every event. */
export interface AggregateUsageResult {
  readonly eventsRead: number;
  readonly eventsCounted: number;
  readonly meters: ReadonlyArray<MeterQuantity>;
  /** One entry per requested grouping, in the order of the meters and their requests. */
  readonly groups: ReadonlyArray<GroupedQuantities>;
  readonly excluded: ReadonlyArray<Exclusion>;
}

const NO_REQUEST: MeterRequest = { groupings: [], collectValues: false };

/**
 * Aggregates usage events into one quantity per meter (and per group, when asked), accounting for
 * every event: each one is either counted or excluded with a reason (docs/invoice-format.md lists
 * the reasons and their order). Deduplication by id happens first, over all events, so the result
 * never depends on event order.
 */
export function aggregateUsage(
  events: Iterable<UsageEvent>,
  options: AggregateUsageOptions,
): AggregateUsageResult {
  const { unique, eventsRead, excluded } = deduplicate(events);
  const metersByType = groupMetersByType(options.meters);
  const accumulators = new Map(
    options.meters.map((meter) => [
      meter.id,
      new MeterAccumulator(meter, options.requests?.get(meter.id) ?? NO_REQUEST),
    ]),
  );
  let eventsCounted = 0;

  for (const event of unique) {
    const outcome = classify(event, options, metersByType);
    if (typeof outcome === "string") {
      excluded.record(outcome, event.id);
      continue;
    }
    eventsCounted += 1;
    for (const { meter, value } of outcome) accumulators.get(meter.id)?.add(event, value);
  }

  return {
    eventsRead,
    eventsCounted,
    meters: options.meters.map((meter) => {
      const { events: count, quantity, values } = accumulators.get(meter.id)!.total();
      return values === undefined
        ? { meter, events: count, quantity }
        : { meter, events: count, quantity, values };
    }),
    groups: options.meters.flatMap((meter) =>
      (options.requests?.get(meter.id)?.groupings ?? []).map((dimensions) =>
        accumulators.get(meter.id)!.grouped(dimensions),
      ),
    ),
    excluded: excluded.toList(),
  };
}

type Accepted = ReadonlyArray<{ readonly meter: MeterTerms; readonly value: Decimal | undefined }>;

// Either the reason the event is excluded, or the meters that count it with the value each adds.
function classify(
  event: UsageEvent,
  options: AggregateUsageOptions,
  metersByType: ReadonlyMap<string, ReadonlyArray<MeterTerms>>,
): ExclusionReason | Accepted {
  if (event.customer !== options.customer) return "other_customer";
  const candidates = metersByType.get(event.type);
  if (candidates === undefined) return "unknown_event_type";
  if (!isInPeriod(options.period, event.timestamp)) return "outside_period";
  const matching = candidates.filter((meter) => matchesFilters(event.properties, meter.filters ?? []));
  if (matching.length === 0) return "filtered_out";
  const accepted: { meter: MeterTerms; value: Decimal | undefined }[] = [];
  for (const meter of matching) {
    if (!aggregationOf(meter.aggregation).needsValue) {
      accepted.push({ meter, value: undefined });
      continue;
    }
    const value = numericValue(event, meter.valueProperty);
    if (value === undefined) return "invalid_value";
    accepted.push({ meter, value });
  }
  return accepted;
}

function numericValue(event: UsageEvent, property: string | undefined): Decimal | undefined {
  if (property === undefined) return undefined;
  const raw = event.properties[property];
  if (typeof raw !== "string" && typeof raw !== "number") return undefined;
  const parsed = safeParseDecimal(raw);
  return parsed.success ? parsed.data : undefined;
}

function groupMetersByType(
  meters: ReadonlyArray<MeterTerms>,
): ReadonlyMap<string, ReadonlyArray<MeterTerms>> {
  const byType = new Map<string, MeterTerms[]>();
  for (const meter of meters) byType.set(meter.eventType, [...(byType.get(meter.eventType) ?? []), meter]);
  return byType;
}
