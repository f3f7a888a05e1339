import { type Decimal, ONE } from "../money/index.js";
import type { MeterTerms, PropertyValue, UsageEvent } from "../schema/index.js";
import { type AggregationState, aggregationOf } from "./aggregation.js";
import { compareText } from "./compareText.js";

/** The quantity of one group of a meter's events (one value of each grouping property). */
export interface GroupQuantity {
  readonly group: Readonly<Record<string, PropertyValue>>;
  readonly events: number;
  readonly quantity: Decimal;
  /** Each counted event's value in event order (timestamp, then id), when asked for. */
  readonly values?: ReadonlyArray<Decimal>;
}

/** A meter's events split by a list of properties. */
export interface GroupedQuantities {
  readonly meter: string;
  readonly dimensions: ReadonlyArray<string>;
  /** One entry per combination seen, ordered by the combination's values. */
  readonly groups: ReadonlyArray<GroupQuantity>;
}

/** What to compute for a meter besides its total. */
export interface MeterRequest {
  /** Property lists to split the meter's events by (for grouped and matrix prices). */
  readonly groupings: ReadonlyArray<ReadonlyArray<string>>;
  /** Keep each event's value (for per-transaction prices). */
  readonly collectValues: boolean;
}

interface Bucket {
  state: AggregationState;
  values: { timestamp: number; id: string; value: Decimal }[];
  group: Record<string, PropertyValue>;
}

/**
 * Accumulates one meter: its total, and per grouping a bucket per combination of values, each with
 * its aggregation state and, if asked, the events' values. The mutable state stays inside; callers
 * get immutable results from `total()` and `grouped()`.
 */
export class MeterAccumulator {
  readonly meter: MeterTerms;
  private readonly request: MeterRequest;
  private readonly total_: Bucket;
  private readonly groups_ = new Map<string, Map<string, Bucket>>();

  constructor(meter: MeterTerms, request: MeterRequest) {
    this.meter = meter;
    this.request = request;
    this.total_ = { state: this.aggregation().init(), values: [], group: {} };
    for (const dimensions of request.groupings) this.groups_.set(dimensionsKey(dimensions), new Map());
  }

  add(event: UsageEvent, value: Decimal | undefined): void {
    this.addTo(this.total_, event, value);
    for (const dimensions of this.request.groupings) {
      const buckets = this.groups_.get(dimensionsKey(dimensions))!;
      const group = Object.fromEntries(dimensions.map((name) => [name, event.properties[name] ?? null]));
      const key = JSON.stringify(dimensions.map((name) => group[name]));
      const bucket = buckets.get(key) ?? { state: this.aggregation().init(), values: [], group };
      this.addTo(bucket, event, value);
      buckets.set(key, bucket);
    }
  }

  total(): GroupQuantity {
    return this.finish(this.total_);
  }

  grouped(dimensions: ReadonlyArray<string>): GroupedQuantities {
    const buckets = this.groups_.get(dimensionsKey(dimensions)) ?? new Map<string, Bucket>();
    const keys = [...buckets.keys()].sort(compareText);
    return {
      meter: this.meter.id,
      dimensions: [...dimensions],
      groups: keys.map((key) => this.finish(buckets.get(key)!)),
    };
  }

  private aggregation() {
    return aggregationOf(this.meter.aggregation);
  }

  private addTo(bucket: Bucket, event: UsageEvent, value: Decimal | undefined): void {
    bucket.state = this.aggregation().add(bucket.state, value);
    if (this.request.collectValues)
      bucket.values.push({ timestamp: event.timestamp, id: event.id, value: value ?? ONE });
  }

  private finish(bucket: Bucket): GroupQuantity {
    const base = {
      group: bucket.group,
      events: bucket.state.events,
      quantity: this.aggregation().finalize(bucket.state),
    };
    if (!this.request.collectValues) return base;
    const ordered = [...bucket.values].sort((a, b) => a.timestamp - b.timestamp || compareText(a.id, b.id));
    return { ...base, values: ordered.map((entry) => entry.value) };
  }
}

function dimensionsKey(dimensions: ReadonlyArray<string>): string {
  return JSON.stringify(dimensions);
}
