import {
  addExactly,
  addQuotients,
  Decimal,
  type ExactQuotient,
  exactProduct,
  fractionWhenUnending,
  ONE,
  quotient,
  quotientValue,
  roundToInteger,
  scaleQuotient,
  unendingQuotient,
  ZERO,
  ZERO_QUOTIENT,
} from "../money/index.js";
import { type PercentileTerms, propertyOf, type WindowTerms } from "../schema/index.js";
import { formatInstant } from "../time/index.js";
import {
  type Computation,
  type FinalizeContext,
  type MeterOutcome,
  perKey,
  perKeyJson,
  type Reducer,
  type Sample,
  type WindowQuantity,
} from "./reducer.js";
import { valueReducerOf } from "./valueReducers.js";
import { applyWindowAllowance } from "./windowAllowance.js";
import type { WindowLayout } from "./windowLayout.js";

type WindowState = Map<string, unknown>;

/** Outer aggregations over window values. */
// Sums are exact: a window's value that does not terminate (seconds divided by 3,600 per entity) is
// rounded at 50 digits, and a rounded running sum would change in its last digit with the order the
// windows first came in (the order of the events); the same events must give the same invoice.
const OUTER: Record<string, (values: ReadonlyArray<Decimal>) => Decimal> = {
  sum: (values) => values.reduce(addExactly, ZERO),
  avg: (values) => (values.length === 0 ? ZERO : values.reduce(addExactly, ZERO).div(values.length)),
  max: (values) =>
    values.reduce((best, value) => (value.greaterThan(best) ? value : best), values[0] ?? ZERO),
  min: (values) => values.reduce((best, value) => (value.lessThan(best) ? value : best), values[0] ?? ZERO),
};

/**
 * Two-level aggregation: the inner aggregation per window, then `outer` over the window values
 * (or the percentile of them). Windows are keyed by index (and direction, for in/out percentiles).
 */
export function windowedReducer(
  window: WindowTerms,
  outer: string,
  percentile: PercentileTerms | undefined,
  layout: WindowLayout,
): Reducer<WindowState> {
  const inner = valueReducerOf(window.aggregation)!;
  const directionProperty = percentile?.direction?.property;
  const keyOf = (sample: Sample) => {
    const index = layout.indexOf(sample.event.timestamp);
    if (directionProperty === undefined) return String(index);
    return `${index}|${String(propertyOf(sample.event.properties, directionProperty) ?? "")}`;
  };
  return {
    ...perKey(keyOf, inner),
    ...perKeyJson(inner),
    finalize: (state, context) =>
      finalizeWindows(state, context, { window, outer, percentile, layout, inner }),
  };
}

interface WindowPlan {
  readonly window: WindowTerms;
  readonly outer: string;
  readonly percentile: PercentileTerms | undefined;
  readonly layout: WindowLayout;
  readonly inner: Reducer<unknown>;
}

function finalizeWindows(state: WindowState, context: FinalizeContext, plan: WindowPlan): MeterOutcome {
  const { window, layout, inner } = plan;
  const perSecond = window.perSecond === true;
  let events = 0;
  // Window values per direction ("" when the meter has no direction); undefined marks an empty window.
  const directions = new Set<string>();
  for (const key of state.keys()) directions.add(key.includes("|") ? key.slice(key.indexOf("|") + 1) : "");
  if (directions.size === 0) directions.add("");
  const series = new Map<string, (Decimal | undefined)[]>();
  // The window values that are fractions which need not end (per second, an average per window), by
  // value: the percentile, maximum or minimum bills one of these very values, and keeps its fraction.
  const fractions = new Map<Decimal, ExactQuotient>();
  for (const direction of directions) {
    const values: (Decimal | undefined)[] = [];
    for (let index = 0; index < layout.count; index += 1) {
      const windowState = state.get(plan.percentile?.direction ? `${index}|${direction}` : String(index));
      if (windowState === undefined) {
        values.push(undefined);
        continue;
      }
      const outcome = inner.finalize(windowState, context);
      events += outcome.events;
      values.push(windowValue(outcome, perSecond ? layout.secondsOf(index) : undefined, fractions));
    }
    series.set(direction, values);
  }
  const combined =
    plan.percentile?.direction?.combine === "max_per_sample"
      ? new Map([["max of directions", maxPerSample([...series.values()])]])
      : series;
  // Empty windows count as 0 or are left out, after directions are combined window by window.
  const filled = new Map(
    [...combined.entries()].map(([direction, values]) => [
      direction,
      applyEmpty(values, window.emptyWindows),
    ]),
  );
  if (plan.percentile === undefined) {
    const measured = series.get("") ?? [];
    // The free allowance per window comes off each window's own value, before the outer aggregation.
    const allowance =
      window.allowance === undefined
        ? undefined
        : applyWindowAllowance(measured, window.allowance, layout.startOf, fractions);
    const values =
      allowance === undefined ? (filled.get("") ?? []) : applyEmpty(allowance.values, window.emptyWindows);
    const computation: Computation = {
      kind: "windows",
      size: window.size,
      inner: window.aggregation,
      outer: plan.outer,
      windows: layout.count,
      emptyWindows: measured.filter((value) => value === undefined).length,
      emptyWindowsAs: window.emptyWindows ?? "zero",
      perSecond,
      ...(allowance === undefined
        ? {}
        : { allowance: { perWindow: allowance.perWindow, free: allowance.free, above: allowance.above } }),
      ...(window.timeZone === undefined ? {} : { timeZone: window.timeZone }),
      ...laidFromOf(layout),
    };
    const windows = windowQuantities(allowance?.values ?? measured, window.emptyWindows, layout, fractions);
    // A free allowance per window takes a fraction down as a fraction (value − allowance), noted too.
    // The quantity is the exact quotient worked out, also when it ends (1/300 + 2/300 = 0.01): the
    // windows' values added at 50 digits miss it when large values cancel (a cent off at a half).
    const exact = outerQuotient(plan.outer, values, fractions);
    const quantity = exact === undefined ? OUTER[plan.outer]!(values) : quotientValue(exact);
    const fraction = exact === undefined ? undefined : unendingQuotient(exact);
    return fraction === undefined
      ? { quantity, events, computation, windows }
      : { quantity, events, computation, windows, fraction };
  }
  const outcome = percentileOutcome(filled, plan.percentile, window, events, perSecond, layout);
  const fraction = fractions.get(outcome.quantity);
  return fraction === undefined ? outcome : { ...outcome, fraction };
}

// One window's value: the inner aggregation's, or that per second. A value that is a fraction which need
// not end (÷ 300 s, an average per window) is noted in `fractions`, and is that fraction to 50 digits.
function windowValue(
  outcome: MeterOutcome,
  seconds: number | undefined,
  fractions: Map<Decimal, ExactQuotient>,
): Decimal {
  const { numerator, denominator } = outcome.fraction ?? { numerator: outcome.quantity, denominator: ONE };
  const fraction =
    seconds === undefined
      ? outcome.fraction
      : fractionWhenUnending(numerator, exactProduct(denominator, new Decimal(seconds)));
  if (fraction === undefined) return seconds === undefined ? outcome.quantity : outcome.quantity.div(seconds);
  const value = quotientValue(fraction);
  fractions.set(value, fraction);
  return value;
}

// The outer sum or average of window values as one exact quotient, when one of the values is a
// fraction or the average divides (31 daily peaks): priced exactly (reducer.ts) when it does not end.
// For `max` and `min`, the fraction of the value billed; undefined over values that all end.
function outerQuotient(
  outer: string,
  values: ReadonlyArray<Decimal>,
  fractions: ReadonlyMap<Decimal, ExactQuotient>,
): ExactQuotient | undefined {
  if (values.length === 0) return undefined;
  if (outer === "max" || outer === "min") return fractions.get(OUTER[outer]!(values));
  const fractional = values.some((value) => fractions.has(value));
  if (!fractional)
    return outer === "avg"
      ? quotient(values.reduce(addExactly, ZERO), new Decimal(values.length))
      : undefined;
  const sum = values.reduce<ExactQuotient>(
    (total, value) => addQuotients(total, fractions.get(value) ?? quotient(value, ONE)),
    ZERO_QUOTIENT,
  );
  return outer === "avg" ? scaleQuotient(sum, ONE, new Decimal(values.length)) : sum;
}

/**
 * The windows that began before `asOf` (all of them without one): a progressive invoice prices the
 * windows so far, not the empty windows still to come (a month of peak hours, each held to 5.00,
 * trued up on the 3rd for the 24th).
 */
export function windowsBegunBefore(
  windows: ReadonlyArray<WindowQuantity>,
  asOf: number | undefined,
): ReadonlyArray<WindowQuantity> {
  if (asOf === undefined || windows.length === 0 || windows[windows.length - 1]!.start < asOf) return windows;
  return windows.filter((window) => window.start < asOf);
}

// Each window's value with its start, in time order; an empty window is 0 or left out, as `applyEmpty`.
// A value that is a fraction keeps it, for window pricing (a value less an allowance per window too).
function windowQuantities(
  values: ReadonlyArray<Decimal | undefined>,
  policy: "zero" | "skip" | undefined,
  layout: WindowLayout,
  fractions: ReadonlyMap<Decimal, ExactQuotient>,
): WindowQuantity[] {
  const windows: WindowQuantity[] = [];
  values.forEach((value, index) => {
    if (value === undefined && policy === "skip") return;
    const fraction = value === undefined ? undefined : fractions.get(value);
    const start = layout.startOf(index);
    windows.push(
      fraction === undefined ? { start, quantity: value ?? ZERO } : { start, quantity: value!, fraction },
    );
  });
  return windows;
}

function applyEmpty(
  values: ReadonlyArray<Decimal | undefined>,
  policy: "zero" | "skip" | undefined,
): Decimal[] {
  return policy === "skip"
    ? values.filter((value): value is Decimal => value !== undefined)
    : values.map((value) => value ?? ZERO);
}

function percentileOutcome(
  series: ReadonlyMap<string, Decimal[]>,
  terms: PercentileTerms,
  window: WindowTerms,
  events: number,
  perSecond: boolean,
  layout: WindowLayout,
): MeterOutcome {
  const discardRounding = terms.discard ?? "floor";
  const combine = terms.direction?.combine;
  // Directions in name order, so a tie bills the same direction whatever order the events came in.
  const ordered = [...series.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const results = ordered.map(([direction, values]) => ({
    direction,
    ...rankedValue(values, terms.rank, discardRounding),
  }));
  const billed = results.reduce(
    (best, result) => (result.value.greaterThan(best.value) ? result : best),
    results[0]!,
  );
  return {
    quantity: billed.value,
    events,
    computation: {
      kind: "percentile",
      size: window.size,
      inner: window.aggregation,
      rank: terms.rank.toFixed(),
      samples: billed.samples,
      discarded: billed.discarded,
      discardRounding,
      perSecond,
      direction: combine === undefined ? undefined : { combine, billed: billed.direction },
      ...(window.timeZone === undefined ? {} : { timeZone: window.timeZone }),
      ...laidFromOf(layout),
    },
  };
}

// Where fixed-length windows in a zone of their own are laid from, for the computation (its `from`).
function laidFromOf(layout: WindowLayout): { from?: string } {
  return layout.laidFrom === undefined ? {} : { from: formatInstant(layout.laidFrom) };
}

/**
 * The percentile by the burstable method: sort the samples, discard the top (100 − rank) % of them
 * (rounded as the meter says when not whole: 8,928 × 5 % = 446.4 → 446 with "floor"), bill the highest
 * remaining one. 0 when nothing remains.
 */
export function rankedValue(
  values: ReadonlyArray<Decimal>,
  rank: Decimal,
  rounding: "floor" | "ceil" | "round",
) {
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const exactDiscard = new Decimal(100).minus(rank).div(100).times(sorted.length);
  const mode = rounding === "floor" ? "floor" : rounding === "ceil" ? "ceiling" : "half_up";
  const discarded = Math.min(sorted.length, roundToInteger(exactDiscard, mode).toNumber());
  const remaining = sorted.length - discarded;
  return { value: remaining > 0 ? sorted[remaining - 1]! : ZERO, samples: sorted.length, discarded };
}

function maxPerSample(series: ReadonlyArray<ReadonlyArray<Decimal | undefined>>): (Decimal | undefined)[] {
  const length = Math.max(0, ...series.map((values) => values.length));
  return Array.from({ length }, (_, index) =>
    series.reduce<Decimal | undefined>((best, values) => {
      const value = values[index];
      if (value === undefined) return best;
      return best === undefined || value.greaterThan(best) ? value : best;
    }, undefined),
  );
}
