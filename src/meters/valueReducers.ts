import * as z from "zod/mini";
import { Decimal, ExactSum, fractionWhenUnending, safeParseDecimal, ZERO } from "../money/index.js";
import { type AggregationName, isCount, type PropertyValue, plainRecord } from "../schema/index.js";
import { compareText } from "./compareText.js";
import { countedStateChecks, isCountedSum } from "./countedStateChecks.js";
import type { Reducer } from "./reducer.js";
import { decimalJson, decimalTextSchema, eventCountSchema, instantMsSchema } from "./stateJson.js";

// The reducers of single values. Each keeps `events` so a meter can say how many events it counted.

interface SumState {
  readonly sum: ExactSum;
  events: number;
}

function sumOf(states: ReadonlyArray<SumState>): SumState {
  const sum = new ExactSum();
  for (const state of states) sum.merge(state.sum);
  return { sum, events: states.reduce((n, state) => n + state.events, 0) };
}

/** `sum`: the exact total of the value property (bytes, GB, requests, seconds). */
export const sumReducer: Reducer<SumState> = {
  init: () => ({ sum: new ExactSum(), events: 0 }),
  add: (state, sample) => {
    if (sample.short !== undefined) state.sum.addShort(sample.short);
    else state.sum.add(sample.raw as string | number);
    state.events += 1;
    return state;
  },
  remove: (state, sample) => {
    if (sample.short !== undefined) state.sum.subtractShort(sample.short);
    else state.sum.subtract(sample.raw as string | number);
    state.events -= 1;
    return state.events === 0;
  },
  merge: (a, b) => sumOf([a, b]),
  finalize: (state) => ({ quantity: state.sum.value(), events: state.events }),
  toJson: (state) => ({ sum: decimalJson(state.sum.value()), events: state.events }),
  stateSchema: z.pipe(
    z.strictObject({ sum: decimalTextSchema, events: eventCountSchema }).check(countedStateChecks.sum),
    z.transform(({ sum, events }): SumState => sumState(sum, events)),
  ),
  readState: (json) => {
    const record = plainRecord(json, SUM_KEYS);
    if (record === undefined || typeof record.sum !== "string" || !isCount(record.events)) return undefined;
    const sum = safeParseDecimal(record.sum);
    // A state no events give is left to stateSchema, which says what is wrong with it.
    return sum.success && isCountedSum(sum.data, record.events)
      ? sumState(sum.data, record.events)
      : undefined;
  },
};

const SUM_KEYS: ReadonlySet<string> = new Set(["sum", "events"]);

function sumState(sum: Decimal, events: number): SumState {
  const exact = new ExactSum();
  exact.addDecimal(sum);
  return { sum: exact, events };
}

/** `avg`: the exact total divided by the number of events (0 with no events). */
export const avgReducer: Reducer<SumState> = {
  ...sumReducer,
  finalize: (state) => {
    if (state.events === 0) return { quantity: ZERO, events: 0 };
    const sum = state.sum.value();
    const quantity = sum.div(state.events);
    // 1 + 0 + 0 over 3 events is 1/3: kept as a fraction too, so it is priced exactly (reducer.ts).
    const fraction = fractionWhenUnending(sum, new Decimal(state.events));
    return fraction === undefined
      ? { quantity, events: state.events }
      : { quantity, events: state.events, fraction };
  },
};

/**
 * True when a reducer's state is a {@link SumState} that {@link addSums} may add to: `sum` and `avg`,
 * whose `add` of a short value is `state.sum.addShort(value)` and one event more.
 */
export function keepsSums(reducer: Reducer<unknown>): boolean {
  return reducer === (sumReducer as Reducer<unknown>) || reducer === (avgReducer as Reducer<unknown>);
}

/**
 * True when merging `incoming` into `state` would give `incoming`'s value and count: a sum or average
 * state that holds no event yet, and an incoming sum that is not zero (0 + x is x itself, addExactly;
 * a zero goes through the merge, which writes −0 as 0). Restoring states then keeps the state read back
 * rather than a third sum made by merging it into an empty one (issue 14).
 */
export function mergesIntoNothing(reducer: Reducer<unknown>, state: unknown, incoming: unknown): boolean {
  if (!keepsSums(reducer)) return false;
  const empty = state as SumState;
  return empty.events === 0 && empty.sum.value().isZero() && !(incoming as SumState).sum.value().isZero();
}

/**
 * Adds to a bucket's sum or avg state what `events` adds of short values summing to whole + fraction /
 * 10^9 would (SumLanes.drain: one function for every drain, not one made per drain).
 */
export function addSums(
  bucket: { readonly state: unknown },
  whole: number,
  fraction: number,
  events: number,
): void {
  const sums = bucket.state as SumState;
  sums.sum.addParts(whole, fraction);
  sums.events += events;
}

interface CountState {
  events: number;
}

/** `count`: the number of counted events (after deduplication by id). */
export const countReducer: Reducer<CountState> = {
  init: () => ({ events: 0 }),
  add: (state) => {
    state.events += 1;
    return state;
  },
  remove: (state) => {
    state.events -= 1;
    return state.events === 0;
  },
  merge: (a, b) => ({ events: a.events + b.events }),
  finalize: (state) => ({ quantity: new Decimal(state.events), events: state.events }),
  toJson: (state) => ({ events: state.events }),
  stateSchema: z.pipe(
    z.strictObject({ events: eventCountSchema }),
    z.transform(({ events }): CountState => ({ events })),
  ),
  readState: (json) => {
    const record = plainRecord(json, COUNT_KEYS);
    return record !== undefined && isCount(record.events) ? { events: record.events } : undefined;
  },
};

const COUNT_KEYS: ReadonlySet<string> = new Set(["events"]);

interface UniqueState {
  readonly values: Set<string>;
  events: number;
}

/**
 * The key a value is compared by in unique counts: numbers by value (5 and 5.0 are one), text exactly
 * ("0012" and "12" are two users), and a number never equals a text or a boolean.
 */
export function uniqueKey(raw: PropertyValue | undefined): string {
  if (typeof raw === "number") return `n:${new Decimal(raw).toFixed()}`;
  if (typeof raw === "boolean") return `b:${raw}`;
  return `s:${String(raw)}`;
}

/** `unique_count`: the number of distinct values of the value property (users, domains, IPs). */
export const uniqueCountReducer: Reducer<UniqueState> = {
  init: () => ({ values: new Set(), events: 0 }),
  add: (state, sample) => {
    state.values.add(uniqueKey(sample.raw));
    state.events += 1;
    return state;
  },
  merge: (a, b) => ({ values: new Set([...a.values, ...b.values]), events: a.events + b.events }),
  finalize: (state) => ({ quantity: new Decimal(state.values.size), events: state.events }),
  // The distinct values themselves, not their number: two shards' values may overlap.
  toJson: (state) => ({ values: [...state.values].sort(compareText), events: state.events }),
  stateSchema: z.pipe(
    z
      .strictObject({ values: z.array(z.string()), events: eventCountSchema })
      .check(countedStateChecks.unique),
    z.transform(({ values, events }): UniqueState => ({ values: new Set(values), events })),
  ),
};

interface ExtremeState {
  best: Decimal | undefined;
  events: number;
}

function extremeReducer(keep: (candidate: Decimal, best: Decimal) => boolean): Reducer<ExtremeState> {
  const pick = (a: Decimal | undefined, b: Decimal | undefined) =>
    a === undefined ? b : b === undefined ? a : keep(b, a) ? b : a;
  return {
    init: () => ({ best: undefined, events: 0 }),
    add: (state, sample) => {
      state.best = pick(state.best, new Decimal(sample.raw as string | number));
      state.events += 1;
      return state;
    },
    merge: (a, b) => ({ best: pick(a.best, b.best), events: a.events + b.events }),
    finalize: (state) => ({ quantity: state.best ?? ZERO, events: state.events }),
    toJson: (state) => ({
      best: state.best === undefined ? null : decimalJson(state.best),
      events: state.events,
    }),
    stateSchema: z.pipe(
      z
        .strictObject({ best: z.nullable(decimalTextSchema), events: eventCountSchema })
        .check(countedStateChecks.extreme),
      z.transform(({ best, events }): ExtremeState => ({ best: best ?? undefined, events })),
    ),
  };
}

/** `max`: the largest value (0 with no events). */
export const maxReducer = extremeReducer((candidate, best) => candidate.greaterThan(best));
/** `min`: the smallest value (0 with no events). */
export const minReducer = extremeReducer((candidate, best) => candidate.lessThan(best));

interface LatestState {
  timestamp: number;
  id: string;
  value: Decimal;
  events: number;
}

function later(a: LatestState, b: LatestState): LatestState {
  if (a.events === 0) return b;
  if (b.events === 0) return a;
  return b.timestamp > a.timestamp || (b.timestamp === a.timestamp && compareText(b.id, a.id) > 0) ? b : a;
}

/** `latest`: the value of the last event in the period; events at the same instant are ordered by id. */
export const latestReducer: Reducer<LatestState> = {
  init: () => ({ timestamp: Number.NEGATIVE_INFINITY, id: "", value: ZERO, events: 0 }),
  add: (state, sample) => {
    const candidate = { timestamp: sample.event.timestamp, id: sample.event.id, value: ZERO, events: 1 };
    const winner = later(state, candidate);
    if (winner === candidate) {
      state.timestamp = candidate.timestamp;
      state.id = candidate.id;
      state.value = new Decimal(sample.raw as string | number);
    }
    state.events += 1;
    return state;
  },
  merge: (a, b) => ({ ...later(a, b), events: a.events + b.events }),
  finalize: (state) => ({ quantity: state.value, events: state.events }),
  toJson: (state) =>
    state.events === 0
      ? { events: 0 }
      : { timestamp: state.timestamp, id: state.id, value: decimalJson(state.value), events: state.events },
  // No event yet: no latest one. Otherwise the winning event's instant, id and value.
  stateSchema: z.pipe(
    z
      .union([
        z.strictObject({ events: z.literal(0) }),
        z.strictObject({
          timestamp: instantMsSchema,
          id: z.string(),
          value: decimalTextSchema,
          events: eventCountSchema,
        }),
      ])
      .check(countedStateChecks.latest),
    z.transform((state): LatestState => ("id" in state ? { ...state } : latestReducer.init())),
  ),
};

const VALUE_REDUCERS: Partial<Record<AggregationName, Reducer<unknown>>> = {
  sum: sumReducer as Reducer<unknown>,
  count: countReducer as Reducer<unknown>,
  unique_count: uniqueCountReducer as Reducer<unknown>,
  max: maxReducer as Reducer<unknown>,
  min: minReducer as Reducer<unknown>,
  latest: latestReducer as Reducer<unknown>,
  avg: avgReducer as Reducer<unknown>,
};

/** The single-level reducer of an aggregation, or undefined for weighted_sum and percentile. */
export function valueReducerOf(name: AggregationName): Reducer<unknown> | undefined {
  return VALUE_REDUCERS[name];
}
