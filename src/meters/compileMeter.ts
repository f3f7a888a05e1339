import { isRecord, requireArgument } from "../errors/index.js";
import { type MeterTerms, objectSlot } from "../schema/index.js";
import type { Period } from "../time/index.js";
import { entityReducer } from "./entities.js";
import { persistentTotalReducer, persistentUniqueReducer } from "./persistent.js";
import { proratedTotalReducer, proratedUniqueReducer } from "./prorated.js";
import type { Reducer } from "./reducer.js";
import { valueReducerOf } from "./valueReducers.js";
import { weightedReducer } from "./weighted.js";
import { meterWindowLayout } from "./windowLayout.js";
import { windowedReducer } from "./windows.js";

/**
 * The reducer of a meter over one period, composed from its settings: the value reducer (or the
 * weighted or persistent one), inside windows when it has a window, inside entities when it has an
 * entity. Windows and fixed-length buckets depend on the period and zone, hence one per period.
 * @throws InputError `invalid_argument` at `meter`, `period` or `timeZone` for an argument of the wrong kind
 */
export function compileMeter(meter: MeterTerms, period: Period, timeZone: string): Reducer<unknown> {
  requireArgument(
    isRecord(meter) && typeof meter.id === "string" && typeof meter.aggregation === "string",
    "meter",
    meter,
    "meter",
    "a meter of a parsed contract (contract.meters[i])",
  );
  requireArgument(
    isRecord(period) && Number.isFinite(period.start) && Number.isFinite(period.end),
    "period",
    period,
    "period",
    "{ start, end } in epoch milliseconds",
  );
  requireArgument(
    typeof timeZone === "string",
    "timeZone",
    timeZone,
    "time zone",
    'an IANA zone name such as "Europe/Berlin"',
  );
  return reducerOf(meter, period, timeZone);
}

/**
 * {@link compileMeter} without the checks of its arguments, for the aggregation, which compiles each
 * meter of a parsed contract once per pass.
 */
export function reducerOf(meter: MeterTerms, period: Period, timeZone: string): Reducer<unknown> {
  // A reducer holds no state of its own (states are separate values), so one compiled for a meter,
  // period and zone serves every pass over them: rating many customers of one contract, or one
  // customer's aggregates again, does the time-zone work of day windows once.
  // Keyed by the numbers themselves, not a text made of them: writing two instants as text on every
  // pass cost 2 % of rating from aggregates (issue 14).
  // The last one compiled for the meter first: a batch rates one period and zone (four map look-ups
  // keyed by large numbers per meter and invoice were 3 % of rating from aggregates: issue 14).
  const last = LAST.get(meter);
  if (
    last !== undefined &&
    last.start === period.start &&
    last.end === period.end &&
    last.timeZone === timeZone
  )
    return last.reducer;
  const reducer = compiled(meter, period, timeZone);
  LAST.set(meter, { start: period.start, end: period.end, timeZone, reducer });
  return reducer;
}

// Per meter (dropped with it), the period, zone and reducer of its last compilation.
const LAST = objectSlot<
  MeterTerms,
  {
    readonly start: number;
    readonly end: number;
    readonly timeZone: string;
    readonly reducer: Reducer<unknown>;
  }
>("lastReducer");

function compiled(meter: MeterTerms, period: Period, timeZone: string): Reducer<unknown> {
  const byZone = childOf(COMPILED, meter, () => new Map());
  const byStart = childOf(byZone, timeZone, () => new Map());
  const byEnd = childOf(byStart, period.start, () => new Map());
  return childOf(byEnd, period.end, () => compileAnew(meter, period, timeZone));
}

// The entry of `key`, made and kept when there is none yet.
function childOf<K, V>(
  map: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  make: () => V,
): V {
  let child = map.get(key);
  if (child === undefined) {
    child = make();
    map.set(key, child);
  }
  return child;
}

// Per meter (dropped with it), the reducers compiled for each zone, period start and period end.
const COMPILED = new WeakMap<MeterTerms, Map<string, Map<number, Map<number, Reducer<unknown>>>>>();

function compileAnew(meter: MeterTerms, period: Period, timeZone: string): Reducer<unknown> {
  if (meter.aggregation === "weighted_sum") return weightedReducer(meter.weighted ?? {}) as Reducer<unknown>;
  if (meter.persistent === true && meter.prorated === true) {
    if (meter.aggregation === "unique_count")
      return proratedUniqueReducer(meter.operationProperty) as Reducer<unknown>;
    return proratedTotalReducer() as Reducer<unknown>;
  }
  if (meter.persistent === true) {
    if (meter.aggregation === "unique_count")
      return persistentUniqueReducer(meter.operationProperty) as Reducer<unknown>;
    return persistentTotalReducer(valueReducerOf(meter.aggregation)!);
  }
  const perEntity = meter.window
    ? (windowedReducer(
        meter.window,
        meter.aggregation,
        meter.aggregation === "percentile" ? meter.percentile : undefined,
        meterWindowLayout(meter.window, period, timeZone),
      ) as Reducer<unknown>)
    : valueReducerOf(meter.aggregation)!;
  return meter.entity ? (entityReducer(meter.entity, perEntity) as Reducer<unknown>) : perEntity;
}
