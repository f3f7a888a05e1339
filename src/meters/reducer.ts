import * as z from "zod/mini";
import type { Decimal, ExactQuotient, ShortDecimal } from "../money/index.js";
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

/**
 * One window of a windowed meter: the instant it starts (epoch ms) and its value as the outer
 * aggregation saw it (after the window's allowance). Rating prices windows one by one with it
 * (docs/window-pricing.md).
 */
export interface WindowQuantity extends Fractional {
  readonly start: number;
  readonly quantity: Decimal;
}

/**
 * The quantity as numerator ÷ denominator when it is a quotient that need not end (an average over 3
 * events, a level × time over a month's seconds): `quantity` is that quotient to 50 digits, and rating
 * prices the fraction itself, dividing once, so an amount that ends exactly ($0.03 × 1/3 GB = $0.01)
 * is not rounded from 0.00999…9 (docs/meters.md, "Quotients").
 */
export interface Fractional {
  readonly fraction?: ExactQuotient;
}

/** A finalized meter: its quantity, the events it counted, how, and what carries to the next period. */
export interface MeterOutcome extends Fractional {
  readonly quantity: Decimal;
  readonly events: number;
  readonly computation?: Computation;
  readonly carryOut?: CarriedMeterState;
  /**
   * The state carried in changed nothing: a `weighted_sum` of levels whose first event sets the level
   * at the period's first instant, so the opening level held for no time. Lets the invoice stay silent
   * about a carried state that was not given (docs/meters.md, "A missing carried state").
   */
  readonly openingUnused?: true;
  /**
   * A windowed (not percentile) meter's windows in time order, empty ones as its `emptyWindows` says
   * (0, or left out). Computed from the state at finalize, so it is never part of a state's JSON.
   */
  readonly windows?: ReadonlyArray<WindowQuantity>;
}

/**
 * An aggregation as a mergeable computation: `init` → `add` per event → `merge` partial states (from
 * shards or workers) → `finalize` to the billable quantity. `merge` is associative and commutative and
 * leaves its arguments untouched, so any sharding of the events gives the state of one pass. `add`
 * may update the state in place (it is an accumulator owned by one pass) and returns it. `toJson`
 * writes a state as plain JSON (canonical: the same events give the same text in any order) and
 * `stateSchema` reads it back, so a state can be kept, sent to another process, or produced by another
 * engine (usage aggregates, docs/scale.md).
 */
export interface Reducer<S> {
  init(): S;
  add(state: S, sample: Sample): S;
  /**
   * Takes back an `add` of the same sample, in place (deduplication counts an event before it knows
   * whether it is a copy, eventPass.ts); true when the state then holds no event. Only where undoing is
   * exact and cheap (sums, counts); without it, events are deduplicated before they are added.
   */
  readonly remove?: (state: S, sample: Sample) => boolean;
  merge(a: S, b: S): S;
  finalize(state: S, context: FinalizeContext): MeterOutcome;
  toJson(state: S): unknown;
  readonly stateSchema: z.ZodMiniType<S>;
  /**
   * Reads a state of the common shape from JSON without zod (rating many aggregates, issue 14), else
   * undefined: `stateSchema` then reads it, or says what is wrong. Must accept only what `stateSchema`
   * accepts, and give the same state. Optional: without it, `stateSchema` reads every state.
   */
  readonly readState?: (json: unknown) => S | undefined;
}

/**
 * `init`, `add` and `merge` of a reducer that runs `inner` separately per key (a window, an entity):
 * the caller adds the `finalize` that combines the keys' outcomes.
 */
export function perKey<K>(
  keyOf: (sample: Sample) => K,
  inner: Reducer<unknown>,
): Omit<Reducer<Map<K, unknown>>, "finalize" | "toJson" | "stateSchema"> {
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

/**
 * `toJson` and `stateSchema` of a {@link perKey} state: `[key, inner state]` pairs sorted by key (a list,
 * not an object, so no key is ever read as an object's own machinery, "__proto__" included).
 */
export function perKeyJson(
  inner: Reducer<unknown>,
): Pick<Reducer<Map<string, unknown>>, "toJson" | "stateSchema"> {
  return {
    toJson: (state) =>
      [...state.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, value]) => [key, inner.toJson(value)]),
    stateSchema: z.pipe(
      z.array(z.tuple([z.string(), inner.stateSchema])),
      z.transform((entries) => new Map(entries)),
    ),
  };
}
