import { type Decimal, safeParseDecimal } from "../money/index.js";
import {
  EXCLUSION_REASONS,
  type ExclusionReason,
  type MeterTerms,
  type UsageEvent,
} from "../schema/index.js";
import { isInPeriod, type Period } from "../time/index.js";
import { type AggregationState, aggregationOf } from "./aggregation.js";
import { canonicalPayload } from "./canonicalPayload.js";
import { matchesFilters } from "./matchesFilters.js";

/** What to aggregate: the contract's meters, for one customer, over one period. */
export interface AggregateUsageOptions {
  readonly meters: ReadonlyArray<MeterTerms>;
  readonly customer: string;
  readonly period: Period;
}

/** The quantity of one meter. */
export interface MeterQuantity {
  readonly meter: MeterTerms;
  readonly events: number;
  readonly quantity: Decimal;
}

/** Events excluded for one reason. */
export interface Exclusion {
  readonly reason: ExclusionReason;
  readonly events: number;
  /** Up to five ids, the smallest first: independent of event order. */
  readonly sampleIds: ReadonlyArray<string>;
}

/** The result of aggregating: every meter's quantity, and an account of every event. */
export interface AggregateUsageResult {
  readonly eventsRead: number;
  readonly eventsCounted: number;
  readonly meters: ReadonlyArray<MeterQuantity>;
  readonly excluded: ReadonlyArray<Exclusion>;
}

const SAMPLE_SIZE = 5;

/**
 * Aggregates usage events into one quantity per meter, accounting for every event: each one is
 * either counted or excluded with a reason (docs/invoice-format.md lists the reasons and their order).
 * Deduplication by id happens first, over all events, so the result never depends on event order.
 */
export function aggregateUsage(
  events: Iterable<UsageEvent>,
  options: AggregateUsageOptions,
): AggregateUsageResult {
  const { unique, eventsRead, excluded } = deduplicate(events);
  const metersByType = groupMetersByType(options.meters);
  const states = new Map<string, AggregationState>(
    options.meters.map((meter) => [meter.id, aggregationOf(meter.aggregation).init()]),
  );
  let eventsCounted = 0;

  for (const event of unique) {
    const reason = classify(event, options, metersByType);
    if (typeof reason === "string") {
      excluded.record(reason, event.id);
      continue;
    }
    eventsCounted += 1;
    for (const { meter, value } of reason) {
      const aggregation = aggregationOf(meter.aggregation);
      states.set(meter.id, aggregation.add(states.get(meter.id) ?? aggregation.init(), value));
    }
  }

  return {
    eventsRead,
    eventsCounted,
    meters: options.meters.map((meter) => {
      const aggregation = aggregationOf(meter.aggregation);
      const state = states.get(meter.id) ?? aggregation.init();
      return { meter, events: state.events, quantity: aggregation.finalize(state) };
    }),
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

// Groups copies by id: identical copies keep one; differing copies are all excluded as conflicts.
function deduplicate(events: Iterable<UsageEvent>) {
  const byId = new Map<string, { first: UsageEvent; payload: string; copies: number; conflict: boolean }>();
  let eventsRead = 0;
  for (const event of events) {
    eventsRead += 1;
    const seen = byId.get(event.id);
    if (seen === undefined) {
      byId.set(event.id, { first: event, payload: canonicalPayload(event), copies: 1, conflict: false });
      continue;
    }
    seen.copies += 1;
    if (!seen.conflict && canonicalPayload(event) !== seen.payload) seen.conflict = true;
  }
  const excluded = new ExclusionTally();
  const unique: UsageEvent[] = [];
  for (const [id, entry] of byId) {
    if (entry.conflict) {
      excluded.record("conflicting_duplicate", id, entry.copies);
      continue;
    }
    if (entry.copies > 1) excluded.record("duplicate_id", id, entry.copies - 1);
    unique.push(entry.first);
  }
  return { unique, eventsRead, excluded };
}

class ExclusionTally {
  private readonly counts = new Map<ExclusionReason, { events: number; ids: Set<string> }>();

  record(reason: ExclusionReason, id: string, events = 1): void {
    const entry = this.counts.get(reason) ?? { events: 0, ids: new Set<string>() };
    entry.events += events;
    entry.ids.add(id);
    if (entry.ids.size > SAMPLE_SIZE) entry.ids.delete(largest(entry.ids));
    this.counts.set(reason, entry);
  }

  toList(): Exclusion[] {
    return EXCLUSION_REASONS.flatMap((reason) => {
      const entry = this.counts.get(reason);
      return entry ? [{ reason, events: entry.events, sampleIds: [...entry.ids].sort(compareText) }] : [];
    });
  }
}

function largest(ids: ReadonlySet<string>): string {
  let max = "";
  for (const id of ids) if (compareText(id, max) > 0) max = id;
  return max;
}

// Ordinary code-unit order: deterministic and locale-free (localeCompare would depend on the locale).
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
