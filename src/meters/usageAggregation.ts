import { ContractError, carriedStateForUnknownMeter, carriedStateOfOtherKind } from "../errors/index.js";
import {
  isWithinBound,
  parseShortDecimal,
  QUANTITY,
  ShortDecimal,
  safeParseDecimal,
} from "../money/index.js";
import {
  type ExclusionReason,
  isInheritedName,
  type MeterTerms,
  type PropertyValue,
  parseCarriedStates,
  propertyOf,
  type UsageEvent,
} from "../schema/index.js";
import type { AggregateUsageOptions, AggregateUsageResult, MeterQuantity } from "./aggregateUsage.js";
import type { ExclusionTally } from "./exclusionTally.js";
import { compileFilters } from "./matchesFilters.js";
import { MeterAccumulator, type MeterRequest } from "./meterAccumulator.js";
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
}

/**
 * One pass of aggregation over deduplicated events: classifies each event (counted, or excluded with
 * a reason) and feeds the meters that count it. The hot loop allocates nothing per event beyond what
 * the meters keep.
 */
export class UsageAggregation {
  private readonly options: AggregateUsageOptions;
  private readonly excluded: ExclusionTally;
  private readonly byType = new Map<string, CompiledMeter[]>();
  private readonly compiled: CompiledMeter[];
  private readonly matched: CompiledMeter[] = [];
  private readonly rawValues: (PropertyValue | undefined)[] = [];
  private readonly shorts: (ShortDecimal | undefined)[] = [];
  // How many entries of matched/rawValues/shorts belong to the current event (reused, never shrunk:
  // truncating an array's length is a slow path in V8 on a per-event loop).
  private matchedCount = 0;
  private eventsCounted = 0;
  private readonly carried: ReturnType<typeof parseCarriedStates>;

  constructor(options: AggregateUsageOptions, excluded: ExclusionTally) {
    this.options = options;
    this.excluded = excluded;
    // Carried state is input like any other: validated (typed error with a path) before any event is
    // read, so a wrong --carry fails at once rather than after streaming the usage.
    this.carried = options.carried === undefined ? {} : parseCarriedStates(options.carried);
    checkCarriedMatchesMeters(this.carried, options.meters);
    const timeZone = options.timeZone ?? "UTC";
    this.compiled = options.meters.map((meter) => ({
      meter,
      accumulator: new MeterAccumulator(
        meter,
        options.requests?.get(meter.id) ?? NO_REQUEST,
        options.period,
        timeZone,
        { daily: options.daily === true, billingPeriod: options.billingPeriod },
      ),
      need: valueNeed(meter),
      matches: compileFilters(meter.filters ?? []),
      direction: meter.percentile?.direction?.property,
      operation: meter.persistent === true ? meter.operationProperty : undefined,
      short: new ShortDecimal(),
      inheritedName: meter.valueProperty !== undefined && isInheritedName(meter.valueProperty),
    }));
    for (const entry of this.compiled)
      this.byType.set(entry.meter.eventType, [...(this.byType.get(entry.meter.eventType) ?? []), entry]);
  }

  /** Classifies one event (already deduplicated) and counts it, or records why not. */
  accept(event: UsageEvent): void {
    const reason = this.classify(event);
    if (reason !== undefined) {
      this.excluded.record(reason, event.id);
      return;
    }
    this.eventsCounted += 1;
    for (let i = 0; i < this.matchedCount; i += 1)
      this.matched[i]!.accumulator.add(event, this.rawValues[i], this.shorts[i]);
  }

  result(eventsRead: number): AggregateUsageResult {
    const carried = this.carried;
    const carryOut: Record<string, CarriedMeterState> = {};
    const meters = this.compiled.map(({ meter, accumulator }): MeterQuantity => {
      const total = accumulator.total(carried[meter.id]);
      const daily = accumulator.perDay();
      if (total.carryOut) carryOut[meter.id] = total.carryOut;
      return {
        meter,
        events: total.events,
        quantity: total.quantity,
        ...(total.computation ? { computation: total.computation } : {}),
        ...(total.values ? { values: total.values } : {}),
        ...(daily ? { daily } : {}),
      };
    });
    return {
      eventsRead,
      eventsCounted: this.eventsCounted,
      meters,
      groups: this.compiled.flatMap(({ meter, accumulator }) =>
        (this.options.requests?.get(meter.id)?.groupings ?? []).map((dimensions) =>
          accumulator.grouped(dimensions),
        ),
      ),
      excluded: this.excluded.toList(),
      carryOut,
    };
  }

  // Fills `matched`/`rawValues` with the meters that count the event, or returns why none may.
  private classify(event: UsageEvent): ExclusionReason | undefined {
    if (event.customer !== this.options.customer) return "other_customer";
    const candidates = this.byType.get(event.type);
    if (candidates === undefined) return "unknown_event_type";
    const { period } = this.options;
    if (event.timestamp < period.start || event.timestamp >= period.end) return "outside_period";
    let count = 0;
    let invalid = false;
    for (const entry of candidates) {
      if (!entry.matches(event.properties)) continue;
      const raw =
        entry.meter.valueProperty === undefined
          ? undefined
          : entry.inheritedName
            ? propertyOf(event.properties, entry.meter.valueProperty)
            : event.properties[entry.meter.valueProperty];
      // A number meter reads the value once, here; sums then add the integers read.
      let short: ShortDecimal | undefined;
      if (
        entry.need === "number" &&
        (typeof raw === "string" || typeof raw === "number") &&
        parseShortDecimal(raw, entry.short)
      )
        short = entry.short;
      else if (!hasUsableValue(raw, entry.need)) invalid = true;
      // A persistent unique count must know whether the value is added or removed.
      if (entry.operation !== undefined) {
        const operation = propertyOf(event.properties, entry.operation);
        if (operation !== undefined && operation !== null && operation !== "add" && operation !== "remove")
          invalid = true;
      }
      // An in/out percentile must know each event's direction: one without it would form a series of its own.
      if (entry.direction !== undefined && typeof propertyOf(event.properties, entry.direction) !== "string")
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

// Counting events needs no value; a unique count needs one of any kind; everything else a number.
function valueNeed(meter: MeterTerms): ValueNeed {
  if (meter.aggregation === "count" || meter.window?.aggregation === "count") return "none";
  return meter.aggregation === "unique_count" ? "present" : "number";
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

// What each kind of meter carries: a total (persistent sum or count), a level (weighted_sum), the
// active values (persistent unique_count). Anything else in a carried state would be ignored silently.
function carriedField(meter: MeterTerms): "total" | "level" | "active" | undefined {
  if (meter.aggregation === "weighted_sum") return "level";
  if (meter.persistent !== true) return undefined;
  return meter.aggregation === "unique_count" ? "active" : "total";
}

function checkCarriedMatchesMeters(
  carried: Readonly<Record<string, object>>,
  meters: ReadonlyArray<MeterTerms>,
): void {
  for (const [id, state] of Object.entries(carried)) {
    const meter = meters.find((candidate) => candidate.id === id);
    const expected = meter === undefined ? undefined : carriedField(meter);
    if (expected === undefined) {
      throw ContractError.from(carriedStateForUnknownMeter(id, meter !== undefined), id);
    }
    for (const [key, value] of Object.entries(state)) {
      if (key !== expected && value !== undefined)
        throw ContractError.from(carriedStateOfOtherKind(id, key, expected), `${id}.${key}`);
    }
  }
}
