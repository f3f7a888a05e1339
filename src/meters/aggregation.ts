import { type Decimal, ZERO } from "../money/index.js";
import type { AggregationName } from "../schema/index.js";

/** The running state of one meter: events counted and the exact sum of their values. */
export interface AggregationState {
  readonly events: number;
  readonly sum: Decimal;
}

/**
 * An aggregation as a mergeable computation: `init` → `add` per event → `merge` partial states (from
 * shards or workers) → `finalize` to the billable quantity. Any sharding of the events merges to the
 * same state as one pass, because `merge` is associative and commutative.
 */
export interface Aggregation {
  readonly name: AggregationName;
  /** Whether each event must carry a numeric value property. */
  readonly needsValue: boolean;
  init(): AggregationState;
  add(state: AggregationState, value: Decimal | undefined): AggregationState;
  merge(a: AggregationState, b: AggregationState): AggregationState;
  finalize(state: AggregationState): Decimal;
}

const EMPTY: AggregationState = Object.freeze({ events: 0, sum: ZERO });

function mergeStates(a: AggregationState, b: AggregationState): AggregationState {
  return { events: a.events + b.events, sum: a.sum.plus(b.sum) };
}

/** `sum`: adds the value property of every counted event (bytes, GB, requests, seconds). */
export const sumAggregation: Aggregation = {
  name: "sum",
  needsValue: true,
  init: () => EMPTY,
  add: (state, value) => ({
    events: state.events + 1,
    sum: value === undefined ? state.sum : state.sum.plus(value),
  }),
  merge: mergeStates,
  finalize: (state) => state.sum,
};

/** `count`: the number of counted events (after deduplication by id). */
export const countAggregation: Aggregation = {
  name: "count",
  needsValue: false,
  init: () => EMPTY,
  add: (state) => ({ events: state.events + 1, sum: state.sum }),
  merge: mergeStates,
  finalize: (state) => ZERO.plus(state.events),
};

const AGGREGATIONS: Readonly<Record<AggregationName, Aggregation>> = {
  sum: sumAggregation,
  count: countAggregation,
};

/** The aggregation registered under `name`. */
export function aggregationOf(name: AggregationName): Aggregation {
  return AGGREGATIONS[name];
}
