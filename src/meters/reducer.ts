import type { Decimal, ShortDecimal } from "../money/index.js";
import type { ComputationData, PropertyValue, UsageEvent } from "../schema/index.js";
import type { Period } from "../time/index.js";

/**
 * What one counted event contributes to a meter: the event, the raw value of its value property, and
 * that value already read into integers when it is a short decimal (so sums never parse it twice).
 */
export interface Sample {
  readonly event: UsageEvent;
  readonly raw: PropertyValue | undefined;
  readonly short?: ShortDecimal | undefined;
}

/** State carried into a period from the one before it (persistent and weighted meters). */
export interface CarriedMeterState {
  /** A persistent sum or count: the running total at the period start. */
  readonly total?: string | undefined;
  /** A weighted_sum meter: the level at the period start. */
  readonly level?: string | undefined;
  /** A persistent unique_count: the values active at the period start. */
  readonly active?: ReadonlyArray<string> | undefined;
}

/** What finalizing needs besides the state. */
export interface FinalizeContext {
  /** The period the events were measured over (the invoice's, clipped to the contract term). */
  readonly period: Period;
  /**
   * The whole billing period it belongs to: a GB-month is level × time ÷ this, so storage held for
   * half of a first, partial month is half a GB-month. Equal to `period` when not given.
   */
  readonly billingPeriod?: Period | undefined;
  readonly timeZone: string;
  readonly carried: CarriedMeterState | undefined;
}

/**
 * How a quantity was computed, when it takes more than adding up: the data `explain` words. The
 * invoice's `computation` schema (schema/computation.ts) is its one definition.
 */
export type Computation = Readonly<ComputationData>;

/** A finalized meter: its quantity, the events it counted, how, and what carries to the next period. */
export interface MeterOutcome {
  readonly quantity: Decimal;
  readonly events: number;
  readonly computation?: Computation;
  readonly carryOut?: CarriedMeterState;
}

/**
 * An aggregation as a mergeable computation: `init` → `add` per event → `merge` partial states (from
 * shards or workers) → `finalize` to the billable quantity. `merge` is associative and commutative and
 * leaves its arguments untouched, so any sharding of the events gives the state of one pass. `add`
 * may update the state in place (it is an accumulator owned by one pass) and returns it.
 */
export interface Reducer<S> {
  init(): S;
  add(state: S, sample: Sample): S;
  merge(a: S, b: S): S;
  finalize(state: S, context: FinalizeContext): MeterOutcome;
}

/**
 * `init`, `add` and `merge` of a reducer that runs `inner` separately per key (a window, an entity):
 * the caller adds the `finalize` that combines the keys' outcomes.
 */
export function perKey<K>(
  keyOf: (sample: Sample) => K,
  inner: Reducer<unknown>,
): Omit<Reducer<Map<K, unknown>>, "finalize"> {
  return {
    init: () => new Map(),
    add: (state, sample) => {
      const key = keyOf(sample);
      state.set(key, inner.add(state.get(key) ?? inner.init(), sample));
      return state;
    },
    merge: (a, b) => {
      // Fresh inner states throughout: adding to the merge must never change a shard's state.
      const merged = new Map<K, unknown>();
      for (const [key, value] of a) merged.set(key, inner.merge(inner.init(), value));
      for (const [key, value] of b) merged.set(key, inner.merge(merged.get(key) ?? inner.init(), value));
      return merged;
    },
  };
}
