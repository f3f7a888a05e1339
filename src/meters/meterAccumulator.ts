import { type Decimal, type ShortDecimal, ZERO } from "../money/index.js";
import { isInheritedName, type MeterTerms, type PropertyValue, type UsageEvent } from "../schema/index.js";
import { addLocalDays, formatLocalDate, type Period, toLocalDate } from "../time/index.js";
import { type Bucket, groupOf, leaves, valueEntry, valuesJson, valuesOf } from "./bucket.js";
import { compareText, sameList } from "./compareText.js";
import { reducerOf } from "./compileMeter.js";
import { type Grouping, lastValueOf, levelOf } from "./groupLevel.js";
import type { GroupedQuantities, GroupQuantity, MeterRequest } from "./groupQuantity.js";
import { keepsDailyQuantities } from "./keepsDailyQuantities.js";
import {
  type MeterStates,
  type MeterStatesSchema,
  meterStatesSchema,
  readCommonStates,
} from "./meterStatesSchema.js";
import type { CarriedMeterState, Reducer, Sample } from "./reducer.js";
import { SumLanes } from "./sumLanes.js";
import { addSums, keepsSums, mergesIntoNothing, valueReducerOf } from "./valueReducers.js";
import { type WindowLayout, windowLayout } from "./windowLayout.js";
import { windowsBegunBefore } from "./windows.js";

/**
 * Accumulates one meter over one period: its total, and per grouping a bucket per combination of
 * values, each with the meter's reducer state and, if asked, the events' values. The mutable state
 * stays inside; callers get immutable results from `total()` and `grouped()`.
 */
export class MeterAccumulator {
  readonly meter: MeterTerms;
  private readonly reducer: Reducer<unknown>;
  private readonly request: MeterRequest;
  private readonly period: Period;
  private readonly timeZone: string;
  private readonly total_: Bucket;
  private readonly sample: {
    event: UsageEvent;
    raw: PropertyValue | undefined;
    short: ShortDecimal | undefined;
  } = { event: undefined as unknown as UsageEvent, raw: undefined, short: undefined };
  private readonly groupings: Grouping[];

  private readonly daily:
    | {
        readonly layout: WindowLayout;
        readonly reducer: Reducer<unknown>;
        readonly states: Map<number, unknown>;
      }
    | undefined;

  private readonly billingPeriod: Period | undefined;
  /** A progressive invoice's cut-off: the windows that begin at or after it are not yet priced. */
  private readonly windowsUntil: number | undefined;
  // A sum's short values, added in slots until a state is read (sumLanes.ts), once `untilLanes` more
  // short values (0: never, not a sum with plain groups) went through the reducer.
  private lanes: SumLanes<Bucket> | undefined;
  private untilLanes: number;

  constructor(
    meter: MeterTerms,
    request: MeterRequest,
    period: Period,
    timeZone: string,
    options: {
      readonly daily?: boolean;
      readonly billingPeriod?: Period | undefined;
      readonly windowsUntil?: number | undefined;
    } = {},
  ) {
    const daily = options.daily === true;
    this.billingPeriod = options.billingPeriod;
    this.windowsUntil = options.windowsUntil;
    this.meter = meter;
    this.request = request;
    this.period = period;
    this.timeZone = timeZone;
    this.reducer = reducerOf(meter, period, timeZone);
    this.total_ = { state: this.reducer.init(), values: [], group: {} };
    this.groupings = request.groupings.map((dimensions) => ({
      dimensions,
      buckets: new Map(),
      inherited: dimensions.some(isInheritedName),
    }));
    // Daily buckets (for charts) are kept for meters whose days add up to the quantity.
    // Asked only when days are wanted: rating from aggregates makes four accumulators an invoice.
    const dailyReducer = daily && keepsDailyQuantities(meter) ? valueReducerOf(meter.aggregation) : undefined;
    this.daily =
      dailyReducer !== undefined
        ? { layout: windowLayout("day", period, timeZone), reducer: dailyReducer, states: new Map() }
        : undefined;
    const laned = keepsSums(this.reducer) && !request.collectValues && this.daily === undefined;
    const plain = this.groupings.every((grouping) => grouping.dimensions.length === 1 && !grouping.inherited);
    this.untilLanes = laned && plain ? LANES_AFTER : 0;
  }

  add(event: UsageEvent, raw: PropertyValue | undefined, short: ShortDecimal | undefined): void {
    if (short === undefined || this.lanes === undefined) {
      this.addSample(event, raw, short);
      if (short === undefined || this.untilLanes === 0) return;
      this.untilLanes -= 1;
      if (this.untilLanes === 0) this.lanes = this.newLanes();
      return;
    }
    if (this.lanes.addValue(event.properties, short)) this.settle();
  }

  // `add` through the reducer: the total, the day and each grouping's bucket.
  private addSample(
    event: UsageEvent,
    raw: PropertyValue | undefined,
    short: ShortDecimal | undefined,
  ): void {
    const sample = this.sampleOf(event, raw, short);
    // A per-transaction price reads each event's value: parsed once, kept by the total and each group.
    const value = this.request.collectValues ? valueEntry(event, raw) : undefined;
    this.addTo(this.total_, sample, value);
    const daily = this.daily;
    if (daily !== undefined) {
      const day = daily.layout.indexOf(event.timestamp);
      daily.states.set(day, daily.reducer.add(daily.states.get(day) ?? daily.reducer.init(), sample));
    }
    const groupings = this.groupings;
    for (let g = 0; g < groupings.length; g += 1) {
      const grouping = groupings[g]!;
      const level = levelOf(grouping, event.properties, true)!;
      const last = lastValueOf(grouping, event.properties);
      this.addTo(this.bucketIn(grouping, level, last, event.properties), sample, value);
    }
  }

  /**
   * True when {@link remove} can take an event back: the reducers undo an add exactly (sums, counts)
   * and no event's value is kept (per-transaction prices).
   */
  get canRemove(): boolean {
    return (
      this.reducer.remove !== undefined &&
      !this.request.collectValues &&
      (this.daily === undefined || this.daily.reducer.remove !== undefined)
    );
  }

  /**
   * Takes back an event {@link add} added with the same value (only when {@link canRemove}): a group or a
   * day left without events disappears, as if the event had never come.
   */
  remove(event: UsageEvent, raw: PropertyValue | undefined, short: ShortDecimal | undefined): void {
    this.settle();
    const sample = this.sampleOf(event, raw, short);
    this.reducer.remove!(this.total_.state, sample);
    const daily = this.daily;
    if (daily !== undefined) {
      const day = daily.layout.indexOf(event.timestamp);
      if (daily.reducer.remove!(daily.states.get(day), sample)) daily.states.delete(day);
    }
    for (const grouping of this.groupings) {
      const level = levelOf(grouping, event.properties, false)!;
      const last = lastValueOf(grouping, event.properties);
      if (this.reducer.remove!((level.get(last) as Bucket).state, sample)) level.delete(last);
    }
  }

  total(carried: CarriedMeterState | undefined): GroupQuantity {
    this.settle();
    return this.finish(this.total_, carried);
  }

  /** The meter's quantity per local day of the period (sum and count meters, when asked), else undefined. */
  perDay(): ReadonlyArray<{ readonly date: string; readonly quantity: Decimal }> | undefined {
    const daily = this.daily;
    if (daily === undefined) return undefined;
    const first = toLocalDate(this.period.start, this.timeZone);
    const context = { period: this.period, timeZone: this.timeZone, carried: undefined };
    return Array.from({ length: daily.layout.count }, (_, index) => {
      const state = daily.states.get(index);
      return {
        date: formatLocalDate(addLocalDays(first, index)),
        quantity: state === undefined ? ZERO : daily.reducer.finalize(state, context).quantity,
      };
    });
  }

  grouped(dimensions: ReadonlyArray<string>): GroupedQuantities {
    this.settle();
    const root = this.groupings.find((grouping) => sameList(grouping.dimensions, dimensions))?.buckets;
    const buckets = root === undefined ? [] : leaves(root, dimensions.length);
    // Lines are ordered by the group's values written as JSON: stable and locale-free.
    const keyed = buckets.map((bucket) => ({ bucket, key: JSON.stringify(valuesOf(bucket, dimensions)) }));
    keyed.sort((a, b) => compareText(a.key, b.key));
    return {
      meter: this.meter.id,
      dimensions: [...dimensions],
      groups: keyed.map(({ bucket }) => this.finish(bucket, undefined)),
    };
  }

  /**
   * The meter's accumulated states as JSON (usage aggregates, docs/scale.md): the total, each requested
   * grouping's buckets (group values in the order of the dimensions), the values kept for
   * per-transaction prices, the daily states. Canonical: the same events give the same JSON.
   */
  toJson(): Record<string, unknown> {
    this.settle();
    const json: Record<string, unknown> = {
      meter: this.meter.id,
      total: this.reducer.toJson(this.total_.state),
    };
    if (this.request.collectValues) json.values = valuesJson(this.total_.values);
    if (this.groupings.length > 0)
      json.groups = this.groupings.map(({ dimensions, buckets }) => ({
        dimensions: [...dimensions],
        buckets: leaves(buckets, dimensions.length)
          .map((bucket) => ({ bucket, key: JSON.stringify(valuesOf(bucket, dimensions)) }))
          .sort((a, b) => compareText(a.key, b.key))
          .map(({ bucket }) => ({
            group: valuesOf(bucket, dimensions),
            state: this.reducer.toJson(bucket.state),
            ...(this.request.collectValues ? { values: valuesJson(bucket.values) } : {}),
          })),
      }));
    const daily = this.daily;
    if (daily !== undefined)
      json.daily = [...daily.states.entries()]
        .sort(([a], [b]) => a - b)
        .map(([index, state]) => [index, daily.reducer.toJson(state)]);
    return json;
  }

  /** The groupings the charges ask of this meter, each a list of dimensions (toJson writes each one). */
  requestedGroupings(): ReadonlyArray<ReadonlyArray<string>> {
    return this.request.groupings;
  }

  /** The zod schema of {@link toJson}'s output for this meter, read back into states. */
  statesSchema(): MeterStatesSchema {
    return meterStatesSchema(this.reducer, this.request.collectValues, this.daily?.reducer);
  }

  /** These states read without zod when they have the common shape, else undefined (meterStatesSchema.ts). */
  readStates(json: unknown): MeterStates | undefined {
    return readCommonStates(json, this.reducer, this.request.collectValues, this.daily?.reducer);
  }

  /**
   * Merges states read back with {@link statesSchema} into this accumulator (restoring a meter from
   * usage aggregates, or merging shards). Returns the dimensions of a grouping this meter does not
   * keep, if the states hold one (the caller reports it).
   */
  absorb(states: MeterStates): ReadonlyArray<string> | undefined {
    this.settle();
    this.mergeInto(this.total_, states.total, states.values);
    for (const grouping of states.groups ?? []) {
      const target = this.groupings.find((kept) => sameList(kept.dimensions, grouping.dimensions));
      if (
        target === undefined ||
        grouping.buckets.some((bucket) => bucket.group.length !== grouping.dimensions.length)
      )
        return grouping.dimensions;
      for (const { group, state, values } of grouping.buckets)
        this.mergeInto(this.bucketAt(target.buckets, grouping.dimensions, group), state, values);
    }
    const daily = this.daily;
    if (daily !== undefined)
      for (const [index, state] of states.daily ?? [])
        daily.states.set(index, daily.reducer.merge(daily.states.get(index) ?? daily.reducer.init(), state));
    return undefined;
  }

  private mergeInto(
    bucket: Bucket,
    state: unknown,
    values: ReadonlyArray<Bucket["values"][number]> | undefined,
  ): void {
    // States read back for this bucket alone (readStates, statesSchema): nothing else holds them, so an
    // empty sum's bucket takes them as they are (mergesIntoNothing).
    bucket.state = mergesIntoNothing(this.reducer, bucket.state, state)
      ? state
      : this.reducer.merge(bucket.state, state);
    if (values !== undefined) bucket.values.push(...values);
  }

  // The bucket of one combination of group values, created empty when absent (nested as `add` nests them).
  private bucketAt(
    root: Map<unknown, unknown>,
    dimensions: ReadonlyArray<string>,
    values: ReadonlyArray<PropertyValue>,
  ): Bucket {
    let level = root;
    for (let d = 0; d < values.length - 1; d += 1) {
      let inner = level.get(values[d]) as Map<unknown, unknown> | undefined;
      if (inner === undefined) {
        inner = new Map();
        level.set(values[d], inner);
      }
      level = inner;
    }
    const last = values[values.length - 1];
    let bucket = level.get(last) as Bucket | undefined;
    if (bucket === undefined) {
      bucket = {
        state: this.reducer.init(),
        values: [],
        group: Object.fromEntries(dimensions.map((name, index) => [name, values[index] ?? null])),
      };
      level.set(last, bucket);
    }
    return bucket;
  }

  // The bucket of `key` in `level` (a grouping's last level), made when absent.
  private bucketIn(
    grouping: Grouping,
    level: Map<unknown, unknown>,
    key: unknown,
    properties: Readonly<Record<string, PropertyValue>>,
  ): Bucket {
    let bucket = level.get(key) as Bucket | undefined;
    if (bucket === undefined) {
      bucket = { state: this.reducer.init(), values: [], group: groupOf(grouping, properties) };
      level.set(key, bucket);
    }
    return bucket;
  }

  private newLanes(): SumLanes<Bucket> {
    const dimensions = this.groupings.map((grouping) => grouping.dimensions[0]!);
    return new SumLanes(this.total_, dimensions, (g, key, properties) => {
      const grouping = this.groupings[g]!;
      return this.bucketIn(grouping, grouping.buckets, key, properties);
    });
  }

  // The lanes' sums into the states, before a state is read or an event taken back.
  private settle(): void {
    this.lanes?.drain(addSums);
  }

  // One sample object per accumulator, refilled per event: reducers copy what they keep.
  private sampleOf(
    event: UsageEvent,
    raw: PropertyValue | undefined,
    short: ShortDecimal | undefined,
  ): Sample {
    const sample = this.sample;
    sample.event = event;
    sample.raw = raw;
    sample.short = short;
    return sample;
  }

  private addTo(bucket: Bucket, sample: Sample, value: Bucket["values"][number] | undefined): void {
    bucket.state = this.reducer.add(bucket.state, sample);
    if (value !== undefined) bucket.values.push(value);
  }

  private finish(bucket: Bucket, carried: CarriedMeterState | undefined): GroupQuantity {
    const outcome = this.reducer.finalize(bucket.state, {
      period: this.period,
      billingPeriod: this.billingPeriod,
      timeZone: this.timeZone,
      carried,
    });
    // Optional fields set one by one, in the order conditional spreads would give them: a group is
    // finished once per meter and invoice, and five spreads each made and copied an object (issue 14).
    const base: { -readonly [K in keyof GroupQuantity]: GroupQuantity[K] } = {
      group: bucket.group,
      events: outcome.events,
      quantity: outcome.quantity,
    };
    if (outcome.computation) base.computation = outcome.computation;
    if (outcome.carryOut) base.carryOut = outcome.carryOut;
    if (outcome.openingUnused) base.openingUnused = true;
    if (outcome.windows) base.windows = windowsBegunBefore(outcome.windows, this.windowsUntil);
    if (outcome.fraction) base.fraction = outcome.fraction;
    if (!this.request.collectValues) return base;
    const ordered = [...bucket.values].sort((a, b) => a.timestamp - b.timestamp || compareText(a.id, b.id));
    return { ...base, values: ordered.map((entry) => entry.value) };
  }
}

// Short values a sum adds through its reducer before its slots are made: slots pay for themselves over
// many events, not over a customer's few (with slots from the first value, 200,000 aggregations of
// four events took 7 % longer).
const LANES_AFTER = 32;
