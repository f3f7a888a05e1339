import { eventNotParsed, UsageError } from "../errors/index.js";
import {
  isWithinBound,
  parseShortDecimal,
  QUANTITY,
  ShortDecimal,
  safeParseDecimal,
} from "../money/index.js";
import {
  countsDistinctValues,
  type ExclusionReason,
  isInheritedName,
  type MeterTerms,
  type PropertyValue,
  propertyOf,
  type UsageEvent,
} from "../schema/index.js";
import type { AggregateUsageOptions, MeterQuantity } from "./aggregateUsage.js";
import { deriveValue } from "./deriveValue.js";
import type { EventObserver } from "./eventObserver.js";
import type { ExclusionTally } from "./exclusionTally.js";
import type { GroupedQuantities, MeterRequest } from "./groupQuantity.js";
import { compileFilters } from "./matchesFilters.js";
import { MeterAccumulator } from "./meterAccumulator.js";
import type { CarriedMeterState } from "./reducer.js";

const NO_REQUEST: MeterRequest = { groupings: [], collectValues: false };

/** What a meter needs from an event's value property. */
type ValueNeed = "none" | "present" | "number";

interface CompiledMeter {
  readonly meter: MeterTerms;
  readonly accumulator: MeterAccumulator;
  readonly need: ValueNeed;
  readonly matches: (properties: Readonly<Record<string, PropertyValue>>) => boolean;
  readonly direction: string | undefined;
  readonly operation: string | undefined;
  /** Where this meter's value is read into, once per event. */
  readonly short: ShortDecimal;
  /** The value property, when a plain read of it could find an Object.prototype member instead. */
  readonly inheritedName: boolean;
  /** The meter's derived value, or else its value property (read per event, so kept at hand). */
  readonly value: MeterTerms["value"];
  readonly valueProperty: string | undefined;
  /** A number read plainly from the value property, nothing else asked of the event (see countPlain). */
  readonly plain: boolean;
}

/**
 * One pass over deduplicated events (docs/architecture.md, "Aggregating usage"): classifies each event
 * (counted, or excluded with a reason: another customer, an unknown type, outside the period, filtered
 * out, an unreadable value) and feeds the meters that count it, each of which groups, windows and
 * reduces it (meterAccumulator.ts). The hot loop allocates nothing per event beyond what the meters keep.
 */
export class EventPass {
  private readonly options: AggregateUsageOptions;
  /** The exclusions recorded so far (shared with deduplication, which records its own first). */
  readonly excluded: ExclusionTally;
  // The meters by event type, made at the first event: restoring states reads none (issue 14).
  private byType: Map<string, CompiledMeter[]> | undefined;
  // Each meter's accumulator, in the contract's meter order; the rest of what reading an event needs
  // (filters, value rules) is compiled at the first event with them (metersByType).
  private readonly meterAccumulators: MeterAccumulator[];
  private readonly matched: CompiledMeter[] = [];
  private readonly rawValues: (PropertyValue | undefined)[] = [];
  private readonly shorts: (ShortDecimal | undefined)[] = [];
  // How many entries of matched/rawValues/shorts belong to the current event (reused, never shrunk:
  // truncating an array's length is a slow path in V8 on a per-event loop).
  private matchedCount = 0;
  private eventsCounted = 0;
  private readonly carried: Readonly<Record<string, CarriedMeterState>>;
  private readonly customer: string;
  private readonly start: number;
  private readonly end: number;
  private readonly asOf: number;
  private onlyType: string | undefined;
  private readonly observer: EventObserver | undefined;
  private onlyCandidates: CompiledMeter[] | undefined;
  // The only event type's meters when all are plain and no observer listens: countPlain's.
  private plainCandidates: CompiledMeter[] | undefined;

  /** `carried`: the state each meter opens with, already checked (checkCarriedState). */
  constructor(
    options: AggregateUsageOptions,
    excluded: ExclusionTally,
    carried: Readonly<Record<string, CarriedMeterState>>,
  ) {
    this.options = options;
    this.excluded = excluded;
    this.carried = carried;
    const timeZone = options.timeZone ?? "UTC";
    // Only the accumulators here: a pass that only restores states (rating from aggregates) reads no
    // event, and compiling each meter's filters and value rules was half of making it (issue 14).
    this.meterAccumulators = options.meters.map(
      (meter) =>
        new MeterAccumulator(meter, options.requests?.get(meter.id) ?? NO_REQUEST, options.period, timeZone, {
          daily: options.daily === true,
          billingPeriod: options.billingPeriod,
          windowsUntil: options.windowsUntil,
        }),
    );
    // What every event is compared with, copied out of the options once.
    this.customer = options.customer;
    this.start = options.period.start;
    this.end = options.period.end;
    this.asOf = options.asOf ?? Number.POSITIVE_INFINITY;
    this.observer = options.observer;
  }

  // The meters by event type, listed at the first event rather than here: a pass that only restores
  // states (rating from aggregates) classifies no event (issue 14).
  private metersByType(): Map<string, CompiledMeter[]> {
    if (this.byType !== undefined) return this.byType;
    const byType = new Map<string, CompiledMeter[]>();
    for (const entry of this.meterAccumulators.map(compiledMeter)) {
      const known = byType.get(entry.meter.eventType);
      if (known === undefined) byType.set(entry.meter.eventType, [entry]);
      else known.push(entry);
    }
    this.byType = byType;
    const [onlyType] = byType.keys();
    this.onlyType = byType.size === 1 ? onlyType : undefined;
    this.onlyCandidates = this.onlyType === undefined ? undefined : byType.get(this.onlyType);
    const plain = this.onlyCandidates;
    if (
      this.observer === undefined &&
      plain !== undefined &&
      plain.length <= 30 &&
      plain.every((e) => e.plain)
    )
      this.plainCandidates = plain;
    return byType;
  }

  /** Classifies one event (already deduplicated) and counts it, or records why not. */
  accept(event: UsageEvent): void {
    const reason = this.count(event);
    if (reason !== undefined) this.excluded.record(reason, event.id);
  }

  /** Counts one event if the meters count it; else returns why not, and records nothing. */
  count(event: UsageEvent): ExclusionReason | undefined {
    const plain = this.plainCandidates;
    if (plain !== undefined && event.customer === this.customer && event.type === this.onlyType) {
      const reason = this.countPlain(event, plain);
      if (reason !== null) return reason;
    }
    const reason = this.classify(event);
    if (reason !== undefined) return reason;
    this.eventsCounted += 1;
    for (let i = 0; i < this.matchedCount; i += 1)
      this.matched[i]!.accumulator.add(event, this.rawValues[i], this.shorts[i]);
    this.observer?.counted(
      event,
      this.matched.slice(0, this.matchedCount).map((entry) => entry.meter),
    );
    return undefined;
  }

  /**
   * True when {@link uncount} can take events back: every meter undoes an add exactly, and no observer
   * has been told of them.
   */
  get canUncount(): boolean {
    return (
      this.observer === undefined && this.meterAccumulators.every((accumulator) => accumulator.canRemove)
    );
  }

  /** Takes back an event {@link count} counted (classified again, the same way); nothing if it was not. */
  uncount(event: UsageEvent): void {
    if (this.classify(event) !== undefined) return;
    this.eventsCounted -= 1;
    for (let i = 0; i < this.matchedCount; i += 1)
      this.matched[i]!.accumulator.remove(event, this.rawValues[i], this.shorts[i]);
  }

  /** Every meter's accumulated states as JSON, in the contract's meter order (usage aggregates). */
  statesJson(): Record<string, unknown>[] {
    return this.meterAccumulators.map((accumulator) => accumulator.toJson());
  }

  /** The accumulator of each meter, in the contract's meter order (to restore or merge states into). */
  accumulators(): ReadonlyArray<MeterAccumulator> {
    return this.meterAccumulators;
  }

  /** Adds events counted elsewhere (restored or merged states) to the count. */
  addCounted(events: number): void {
    this.eventsCounted += events;
  }

  /** How many events counted so far. */
  get counted(): number {
    return this.eventsCounted;
  }

  /** Every meter's quantity over the period, and what each carries into the next one. */
  totals(): { meters: MeterQuantity[]; carryOut: Record<string, CarriedMeterState> } {
    const carryOut: Record<string, CarriedMeterState> = {};
    const meters = this.meterAccumulators.map((accumulator): MeterQuantity => {
      const meter = accumulator.meter;
      const carried = this.carried[meter.id];
      const total = accumulator.total(carried);
      const daily = accumulator.perDay();
      if (total.carryOut) carryOut[meter.id] = total.carryOut;
      // Optional fields set one by one in their order: the same object as conditional spreads, without
      // an object made and copied for each (issue 14: four per meter and invoice).
      const quantity: Mutable<MeterQuantity> = { meter, events: total.events, quantity: total.quantity };
      if (total.computation) quantity.computation = total.computation;
      if (total.values) quantity.values = total.values;
      if (total.windows) quantity.windows = total.windows;
      if (total.fraction) quantity.fraction = total.fraction;
      if (daily) quantity.daily = daily;
      if (total.carryOut && carried === undefined && !total.openingUnused) quantity.carriedMissing = true;
      return quantity as MeterQuantity;
    });
    return { meters, carryOut };
  }

  /** Each requested grouping of each meter, in the order of the meters and their requests. */
  groups(): GroupedQuantities[] {
    return this.meterAccumulators.flatMap((accumulator) =>
      (this.options.requests?.get(accumulator.meter.id)?.groupings ?? []).map((dimensions) =>
        accumulator.grouped(dimensions),
      ),
    );
  }

  /**
   * {@link count} of an event of the only type, the customer's, when every meter of the type is plain:
   * what classify and count do, without the lists they fill (issue 14: a third of the time to count
   * 1,000,000 events). Null, having counted nothing, when a matched meter's value is not a short decimal:
   * the general path then decides (an invalid value, a long or exponent one).
   */
  private countPlain(event: UsageEvent, candidates: CompiledMeter[]): ExclusionReason | undefined | null {
    const reason = this.timeReason(event);
    if (reason !== undefined) return reason;
    const properties = event.properties;
    let matched = 0;
    for (let c = 0; c < candidates.length; c += 1) {
      const entry = candidates[c]!;
      if (!entry.matches(properties)) continue;
      const raw = properties[entry.valueProperty!];
      if ((typeof raw !== "string" && typeof raw !== "number") || !parseShortDecimal(raw, entry.short))
        return null;
      this.rawValues[c] = raw;
      matched |= 1 << c;
    }
    if (matched === 0) return "filtered_out";
    this.eventsCounted += 1;
    for (let c = 0; c < candidates.length; c += 1)
      if ((matched & (1 << c)) !== 0) {
        const entry = candidates[c]!;
        entry.accumulator.add(event, this.rawValues[c], entry.short);
      }
    return undefined;
  }

  // Why an event of a metered type is not counted for its timestamp, or undefined if it is in time.
  private timeReason(event: UsageEvent): ExclusionReason | undefined {
    const timestamp = event.timestamp;
    // A text timestamp compares as neither before nor after the period: it would count whatever its date.
    if (!Number.isFinite(timestamp))
      throw UsageError.from(eventNotParsed(event.id, timestamp), "timestamp", { eventId: event.id });
    if (timestamp < this.start || timestamp >= this.end) return "outside_period";
    // A preview sees the period as it stood at asOf: later events exist but are not billed yet.
    return timestamp >= this.asOf ? "after_as_of" : undefined;
  }

  // Fills `matched`/`rawValues` with the meters that count the event, or returns why none may.
  private classify(event: UsageEvent): ExclusionReason | undefined {
    if (event.customer !== this.customer) return "other_customer";
    const byType = this.byType ?? this.metersByType();
    // Most contracts meter one event type: one comparison instead of a look-up in the map.
    const candidates = event.type === this.onlyType ? this.onlyCandidates : byType.get(event.type);
    if (candidates === undefined) return "unknown_event_type";
    const timeReason = this.timeReason(event);
    if (timeReason !== undefined) return timeReason;
    const properties = event.properties;
    let count = 0;
    let invalid = false;
    for (let c = 0; c < candidates.length; c += 1) {
      const entry = candidates[c]!;
      if (!entry.matches(properties)) continue;
      const raw =
        entry.value !== undefined
          ? deriveValue(entry.value, properties)
          : entry.valueProperty === undefined
            ? undefined
            : entry.inheritedName
              ? propertyOf(properties, entry.valueProperty)
              : properties[entry.valueProperty];
      // A number meter reads the value once, here; sums then add the integers read.
      let short: ShortDecimal | undefined;
      if (
        entry.need === "number" &&
        (typeof raw === "string" || typeof raw === "number") &&
        parseShortDecimal(raw, entry.short)
      )
        short = entry.short;
      // A derived value was checked against its own bound (more decimals than a read one: 1/1,024,000).
      else if (entry.value !== undefined ? raw === undefined : !hasUsableValue(raw, entry.need))
        invalid = true;
      // A persistent unique count must know whether the value is added or removed.
      if (entry.operation !== undefined) {
        const operation = propertyOf(properties, entry.operation);
        if (operation !== undefined && operation !== null && operation !== "add" && operation !== "remove")
          invalid = true;
      }
      // An in/out percentile must know each event's direction: one without it would form a series of its own.
      if (entry.direction !== undefined && typeof propertyOf(properties, entry.direction) !== "string")
        invalid = true;
      this.matched[count] = entry;
      this.rawValues[count] = raw;
      this.shorts[count] = short;
      count += 1;
    }
    this.matchedCount = count;
    if (count === 0) return "filtered_out";
    // A broken event never half-counts: one meter unable to read it excludes it from all.
    return invalid ? "invalid_value" : undefined;
  }
}

// What reading an event needs of a meter, beside its accumulator.
function compiledMeter(accumulator: MeterAccumulator): CompiledMeter {
  const meter = accumulator.meter;
  return {
    plain: isPlain(meter),
    meter,
    accumulator,
    need: valueNeed(meter),
    matches: compileFilters(meter.filters ?? []),
    direction: meter.percentile?.direction?.property,
    operation: meter.persistent === true ? meter.operationProperty : undefined,
    short: new ShortDecimal(),
    inheritedName: meter.valueProperty !== undefined && isInheritedName(meter.valueProperty),
    value: meter.value,
    valueProperty: meter.valueProperty,
  };
}

// A meter countPlain may count: its value read as a number from a property (not a derived value, not
// one a plain read could find on Object.prototype), with no operation or direction to check.
function isPlain(meter: MeterTerms): boolean {
  const property = meter.valueProperty;
  return (
    valueNeed(meter) === "number" &&
    meter.value === undefined &&
    property !== undefined &&
    !isInheritedName(property) &&
    meter.persistent !== true &&
    meter.percentile?.direction === undefined
  );
}

// Counting events needs no value; a unique count needs one of any kind; everything else a number.
function valueNeed(meter: MeterTerms): ValueNeed {
  if (meter.aggregation === "count" || meter.window?.aggregation === "count") return "none";
  return countsDistinctValues(meter) ? "present" : "number";
}

// A value read as a number is a quantity: below 10^15 in size, at most 9 decimals, whether it is a
// JSON number or decimal text (docs/decisions/numeric-bounds.md), so sums and prices of it stay exact.
// Short plain decimals (the fast path: at most 11 whole digits and 9 decimals) always are; only other
// values get here (exponents, long digits), rare enough to measure exactly.
function hasUsableValue(raw: PropertyValue | undefined, need: ValueNeed): boolean {
  if (need === "none") return true;
  if (raw === undefined || raw === null) return false;
  if (need === "present") return true;
  if (typeof raw !== "number" && typeof raw !== "string") return false;
  const parsed = safeParseDecimal(raw);
  return parsed.success && isWithinBound(parsed.data, QUANTITY);
}

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };
