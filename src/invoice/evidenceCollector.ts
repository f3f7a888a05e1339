import { compareText, deriveValue, type EventObserver, IdSample } from "../meters/index.js";
import { ExactSum, safeParseDecimal, toPlainString } from "../money/index.js";
import {
  type ExclusionReason,
  type MeterTerms,
  type PropertyValue,
  propertyOf,
  type UsageEvent,
} from "../schema/index.js";
import {
  addLocalDays,
  formatInstant,
  formatLocalDate,
  localHour,
  startOfLocalDate,
  toLocalDate,
} from "../time/index.js";
import type { EvidencePlanOptions } from "./evidenceOptions.js";

/** Which counted events the evidence lists, and how (the options read, and the contract's zone). */
export type EvidenceSelection = EvidencePlanOptions & { readonly timeZone: string };

/** One counted event as listed: its id, when, and the value the meter read from it. */
export interface EvidenceEvent {
  readonly id: string;
  readonly timestamp: string;
  readonly value?: string;
}

interface Bucket {
  first: number;
  events: number;
  readonly quantity: ExactSum;
}

// A group's values are the key it is found by; usage evidence names the group from the rated lines.
export interface GroupState {
  events: number;
  readonly quantity: ExactSum;
  readonly buckets: Map<string, Bucket>;
  /** The first events by (timestamp, id), at most `limit`. */
  readonly sample: { timestamp: number; id: string; value?: string }[];
}

interface Copies {
  readonly copies: number;
  readonly conflict: boolean;
  counted: boolean;
  excludedAs?: ExclusionReason;
}

/**
 * The observer behind usage evidence: told of every event the meters' pass counts or excludes, it keeps
 * per meter, grouping and group the events selected, their quantity per day or hour, the first events,
 * the exclusions with sample ids, and each id seen more than once with what became of it.
 */
export class EvidenceCollector implements EventObserver {
  private readonly selection: EvidenceSelection;
  /** Per selected meter and grouping (same order as selection.meters): group key → state. */
  private readonly groups: Map<string, GroupState>[];
  private readonly exclusions = new Map<ExclusionReason, IdSample>();
  private readonly copies = new Map<string, Copies>();
  private lastBucket:
    | { readonly start: number; readonly end: number; readonly label: string; readonly timeZone: string }
    | undefined;

  constructor(selection: EvidenceSelection) {
    this.selection = selection;
    this.groups = selection.meters.map(() => new Map());
  }

  counted(event: UsageEvent, meters: ReadonlyArray<MeterTerms>): void {
    const copies = this.copies.get(event.id);
    if (copies !== undefined) copies.counted = true;
    if (!this.isSelected(event)) return;
    this.selection.meters.forEach(({ meter, dimensions }, index) => {
      if (!meters.includes(meter)) return;
      const values = dimensions.map((name) => propertyOf(event.properties, name) ?? null);
      const key = JSON.stringify(values);
      const groups = this.groups[index] as Map<string, GroupState>;
      let state = groups.get(key);
      if (state === undefined) {
        state = {
          events: 0,
          quantity: new ExactSum(),
          buckets: new Map(),
          sample: [],
        };
        groups.set(key, state);
      }
      this.add(state, event, meter);
    });
  }

  excluded(reason: ExclusionReason, id: string, events: number): void {
    let sample = this.exclusions.get(reason);
    if (sample === undefined) {
      sample = new IdSample(this.selection.limit);
      this.exclusions.set(reason, sample);
    }
    sample.add(id, events);
    // Deduplication reports an id's copies before it passes the kept copy on to be counted or excluded.
    if (reason === "duplicate_id")
      this.copies.set(id, { copies: events + 1, conflict: false, counted: false });
    else if (reason === "conflicting_duplicate")
      this.copies.set(id, { copies: events, conflict: true, counted: false });
    else if (reason !== "other_customer") {
      const copies = this.copies.get(id);
      if (copies !== undefined && !copies.conflict) copies.excludedAs = reason;
    }
  }

  /** What was listed of the selected meter `index`'s group with these dimension values, if anything. */
  groupOf(index: number, values: ReadonlyArray<PropertyValue>): GroupState | undefined {
    return this.groups[index]?.get(JSON.stringify(values));
  }

  /** Each exclusion reason seen, with its count and the first `limit` ids. */
  exclusionsOf(reasons: ReadonlyArray<ExclusionReason>) {
    return reasons.flatMap((reason) => {
      const sample = this.exclusions.get(reason);
      return sample === undefined ? [] : [{ reason, events: sample.count, sampleIds: sample.sample() }];
    });
  }

  /** The ids seen more than once: how many copies each, and whether one copy was counted. */
  duplicates() {
    const ids = [...this.copies.keys()].sort(compareText);
    const all = ids.map((id) => {
      const entry = this.copies.get(id) as Copies;
      return {
        id,
        copies: entry.copies,
        counted: entry.counted,
        ...(entry.conflict ? { reason: "conflicting_duplicate" as const } : {}),
        ...(entry.excludedAs !== undefined ? { reason: entry.excludedAs } : {}),
      };
    });
    return {
      ids: all.length,
      countedOnce: all.filter((entry) => entry.counted).length,
      notCounted: all.filter((entry) => !entry.counted).length,
      sample: all.slice(0, this.selection.limit),
    };
  }

  private isSelected(event: UsageEvent): boolean {
    const { from, to, properties } = this.selection;
    if (from !== undefined && event.timestamp < from) return false;
    if (to !== undefined && event.timestamp >= to) return false;
    return properties.every(([name, value]) => textOf(propertyOf(event.properties, name)) === value);
  }

  private add(state: GroupState, event: UsageEvent, meter: MeterTerms): void {
    const raw =
      meter.value !== undefined
        ? deriveValue(meter.value, event.properties)
        : meter.valueProperty === undefined
          ? undefined
          : propertyOf(event.properties, meter.valueProperty);
    // A meter whose windows are in a zone of their own is listed by that zone's days and hours: they
    // are what its allowance and samples restart on, where the contract's days would join two windows.
    const label = this.bucketOf(event.timestamp, meter.window?.timeZone ?? this.selection.timeZone);
    let bucket = state.buckets.get(label);
    if (bucket === undefined) {
      bucket = { first: event.timestamp, events: 0, quantity: new ExactSum() };
      state.buckets.set(label, bucket);
    }
    bucket.first = Math.min(bucket.first, event.timestamp);
    state.events += 1;
    bucket.events += 1;
    if (additive(meter)) {
      // The pass counted the event, so a sum meter's value is a readable number.
      const quantity = meter.aggregation === "count" ? 1 : (raw as string | number);
      state.quantity.add(quantity);
      bucket.quantity.add(quantity);
    }
    keepFirst(state.sample, event, raw, this.selection.limit);
  }

  // Events come mostly in time order: the last bucket's bounds answer most lookups without a zone
  // conversion (one per event would triple the time of a large file).
  private bucketOf(instant: number, timeZone: string): string {
    const last = this.lastBucket;
    if (last !== undefined && last.timeZone === timeZone && instant >= last.start && instant < last.end)
      return last.label;
    const bounds =
      this.selection.by === "hour" ? localHour(instant, timeZone) : localDayOf(instant, timeZone);
    this.lastBucket = { ...bounds, timeZone };
    return bounds.label;
  }
}

/** Whether the meter's quantity is the sum of its events' contributions (so per-day parts add up to it). */
export function additive(meter: MeterTerms): boolean {
  const plain =
    meter.window === undefined &&
    meter.percentile === undefined &&
    meter.weighted === undefined &&
    meter.entity === undefined &&
    meter.persistent !== true;
  return plain && (meter.aggregation === "sum" || meter.aggregation === "count");
}

/** A state's buckets in time order, as listed. */
export function bucketsOf(state: GroupState, meter: MeterTerms) {
  return [...state.buckets]
    .sort(([, a], [, b]) => a.first - b.first)
    .map(([start, bucket]) => ({
      start,
      events: bucket.events,
      ...(additive(meter) ? { quantity: toPlainString(bucket.quantity.value()) } : {}),
    }));
}

/** A state's first events, as listed. */
export function sampleOf(state: GroupState): EvidenceEvent[] {
  return state.sample.map(({ timestamp, id, value }) => ({
    id,
    timestamp: formatInstant(timestamp),
    ...(value !== undefined ? { value } : {}),
  }));
}

// A property value as the text a selection compares with (--where region=eu, --group tier=1).
function textOf(value: PropertyValue | undefined): string | undefined {
  return value === undefined ? undefined : value === null ? "null" : String(value);
}

// The value as a plain decimal when it is one ("1e3" → "1000"), else as written (a unique count's id).
function valueText(raw: PropertyValue): string {
  const parsed = safeParseDecimal(raw);
  return parsed.success ? toPlainString(parsed.data) : String(raw);
}

// Keeps the `limit` first events by (timestamp, id), whatever order they come in; an event's value is
// written out only when it enters the sample.
function keepFirst(
  sample: { timestamp: number; id: string; value?: string }[],
  event: UsageEvent,
  raw: PropertyValue | undefined,
  limit: number,
): void {
  const before = (a: { timestamp: number; id: string }, b: { timestamp: number; id: string }) =>
    a.timestamp !== b.timestamp ? a.timestamp < b.timestamp : compareText(a.id, b.id) < 0;
  const last = sample[limit - 1];
  if (limit === 0 || (last !== undefined && !before(event, last))) return;
  let at = sample.length;
  while (at > 0 && before(event, sample[at - 1] as { timestamp: number; id: string })) at -= 1;
  sample.splice(at, 0, {
    timestamp: event.timestamp,
    id: event.id,
    ...(raw !== undefined ? { value: valueText(raw) } : {}),
  });
  if (sample.length > limit) sample.pop();
}

// The local day `instant` falls in: its label and its bounds (DST days are 23 or 25 hours).
function localDayOf(instant: number, timeZone: string) {
  const date = toLocalDate(instant, timeZone);
  return {
    label: formatLocalDate(date),
    start: startOfLocalDate(date, timeZone),
    end: startOfLocalDate(addLocalDays(date, 1), timeZone),
  };
}
