import { Decimal } from "../money/index.js";
import type { UsageStep } from "../schema/index.js";
import { count, formatQuantity } from "./formatNumber.js";
import { localWhen } from "./localWhen.js";

// How a meter computed its quantity, in words: the sentence after a line's usage ("The quantity is the
// max of 30 daily windows …", "The 95th percentile of 8,640 5m samples …", "Summed over 4 entities …").

type Computation = NonNullable<UsageStep["computation"]>;

const WINDOW_NAMES: Readonly<Record<string, string>> = { day: "daily", hour: "hourly" };

// What a weighted_sum meter divides level × time by, when it is not simply "one hour/day/second".
const WEIGHTED_DIVISORS: Readonly<Record<string, string>> = {
  period: "the period",
  month_730_hours: "a 730-hour month",
  month_30_days: "a 30-day month",
};

// The direction a percentile billed, named in brackets: "the higher (in)". Any text is a direction (docs/
// meters.md), the empty one too, which in brackets read "the higher () is billed".
function billedDirection(name: string): string {
  return name === "" ? ", that of the events whose direction is empty text," : ` (${name})`;
}

// The windows a windowed meter aggregated over, and what its empty ones were. Left out (`skip`), the
// outer aggregation ran over the windows with events only: "the avg of 31 daily windows" was false of
// an average over 2. An invoice from before `emptyWindowsAs` was recorded cannot say which.
function describeWindows(
  computation: Extract<Computation, { kind: "windows" }>,
  name: string,
  each: string,
): string {
  const { emptyWindows: empty, windows, outer } = computation;
  if (computation.emptyWindowsAs === "skip" && empty > 0)
    return `The quantity is the ${outer} of the ${count(windows - empty, `${name} window`)} with events, ${each}; ${formatQuantity(String(empty))} of the ${formatQuantity(String(windows))} windows had no events and were left out`;
  const as =
    computation.emptyWindowsAs === "zero" ? "counted as 0" : "counted as 0 or left out as the meter says";
  const emptyPart = empty === 0 ? "" : `; ${count(empty, "window")} without events ${as}`;
  return `The quantity is the ${outer} of ${count(windows, `${name} window`)}, ${each}${emptyPart}`;
}

// What each window took of its events: "the max of its events"; distinct values are counted, and the
// aggregation's name, unique_count, is no word a customer reads.
function ofItsEvents(inner: string): string {
  return inner === "unique_count"
    ? "the number of distinct values among its events"
    : `the ${inner} of its events`;
}

// The zone a meter's windows were counted in, when not the contract's: "Each window is a UTC day (from
// 00:00 UTC), not a day of the contract's zone; …". Nothing when the windows are the contract's own.
// Fixed lengths name the midnight they are laid from and say they keep their length: "from 00:00 New
// York" alone read as 00:00–06:00 local every day, which they are not once the clocks change.
function windowZoneWords(size: string, zone: string | undefined, from: string | undefined): string {
  if (zone === undefined) return "";
  const laidFrom =
    from === undefined
      ? ""
      : ` on ${localWhen(from, zone)} (${from}), by elapsed time: a change of the clocks moves the local hour they start at`;
  const each =
    size === "day"
      ? `a ${zone} day (from 00:00 ${zone}), not a day of the contract's zone`
      : size === "hour"
        ? `an hour of ${zone} (from 00:00 ${zone})`
        : `${size} long, laid end to end from 00:00 ${zone}${laidFrom}`;
  return ` Each window is ${each}; a window the period starts or ends within counts only its part inside the period.`;
}

// A window's value: "each the max of its events", "each the number of distinct values among its events
// per second".
const eachWindow = (inner: string, perSecond: boolean) =>
  `each ${ofItsEvents(inner)}${perSecond ? " per second" : ""}`;

// A percentile's sample, in brackets after the samples: "the sum of each, per second".
const eachSample = (inner: string, perSecond: boolean) =>
  `${inner === "unique_count" ? "the number of distinct values in each" : `the ${inner} of each`}${perSecond ? ", per second" : ""}`;

// "daily", "hourly", or the size as written ("5m").
const windowName = (size: string) => WINDOW_NAMES[size] ?? `${size}`;

/**
 * A two-level meter's aggregation in words, as its explanation says it but before any window is
 * counted: "the max of hourly windows, each the number of distinct values among its events", "the 95th
 * percentile of 5m samples (the sum of each, per second)". `ratecard usage` names a meter so.
 */
export function windowedAggregationWords(meter: {
  readonly outer: string;
  readonly size: string;
  readonly inner: string;
  readonly perSecond: boolean;
  readonly rank?: string;
}): string {
  const { outer, size, inner, perSecond, rank } = meter;
  return rank !== undefined
    ? `the ${formatQuantity(rank)}th percentile of ${windowName(size)} samples (${eachSample(inner, perSecond)})`
    : `the ${outer} of ${windowName(size)} windows, ${eachWindow(inner, perSecond)}`;
}

/** How a meter computed its quantity, in words (windows, percentile, entities, time weighting, carry). */
export function describeComputation(computation: Computation, instant: (iso: string) => string): string {
  switch (computation.kind) {
    case "windows": {
      const each = eachWindow(computation.inner, computation.perSecond);
      // Windows in their own zone are named by their start in that zone ("2026-03-08 UTC"): the
      // invoice's local time of a UTC midnight (16:00 the day before in Los Angeles) hides the day.
      const zone = computation.timeZone;
      const windowStart = zone === undefined ? instant : (iso: string) => `${localWhen(iso, zone)} ${zone}`;
      const allowance =
        computation.allowance === undefined
          ? ""
          : ` ${describeWindowAllowance(computation.allowance, windowStart)}`;
      const zoneWords = windowZoneWords(computation.size, zone, computation.from);
      return `${describeWindows(computation, windowName(computation.size), each)}.${zoneWords}${allowance}`;
    }
    case "percentile": {
      const direction =
        computation.direction === undefined
          ? ""
          : computation.direction.combine === "max_per_sample"
            ? " The higher of the directions was taken per sample."
            : ` Each direction was ranked; the higher${billedDirection(computation.direction.billed)} is billed.`;
      // No sample at all (every window empty and left out): nothing to discard, nothing "remaining".
      if (computation.samples === 0)
        return `The ${formatQuantity(computation.rank)}th percentile of 0 ${windowName(computation.size)} samples (${eachSample(computation.inner, computation.perSecond)}): no window had events and empty windows are left out, so there is no sample and the quantity is 0.${windowZoneWords(computation.size, computation.timeZone, computation.from)}${direction}`;
      return `The ${formatQuantity(computation.rank)}th percentile of ${count(computation.samples, `${windowName(computation.size)} sample`)} (${eachSample(computation.inner, computation.perSecond)}): the top ${formatQuantity(String(computation.discarded))} discarded (${formatQuantity(new Decimal(100).minus(computation.rank).toFixed())}% of ${formatQuantity(String(computation.samples))}, rounded ${computation.discardRounding === "ceil" ? "up" : computation.discardRounding === "round" ? "to nearest" : "down"}), ${computation.discarded >= computation.samples ? "which leaves no sample: the quantity is 0" : "the highest remaining billed"}.${windowZoneWords(computation.size, computation.timeZone, computation.from)}${direction}`;
    }
    case "entities": {
      const parts = [
        computation.divideBy === null ? undefined : `divided by ${formatQuantity(computation.divideBy)}`,
        computation.round === "none" ? undefined : `rounded ${computation.round}`,
        computation.minimum === undefined
          ? undefined
          : `at least ${formatQuantity(computation.minimum)} (${count(computation.raised ?? 0, "entity")} raised)`,
        computation.cap === null
          ? undefined
          : `capped at ${formatQuantity(computation.cap)} (${count(computation.capped, "entity")} capped)`,
      ].filter((part) => part !== undefined);
      const without = computation.withoutProperty;
      const note =
        without === undefined
          ? ""
          : ` ${count(without.events, "event")} without ${without.property} counted as one entity.`;
      return `Summed over ${count(computation.entities, "entity")}${parts.length > 0 ? `, each ${parts.join(", ")}` : ""}.${note}`;
    }
    case "weighted": {
      const start =
        computation.setAtStart === undefined
          ? `level ${formatQuantity(computation.openingLevel)} at the start`
          : `level ${formatQuantity(computation.setAtStart)} from the start (set by an event at the period's first instant)`;
      return `Time-weighted over ${count(computation.points, "change")}: ${start}, ${formatQuantity(computation.closingLevel)} at the end, level × time divided by ${WEIGHTED_DIVISORS[computation.per] ?? `one ${computation.per}`}.`;
    }
    case "persistent": {
      const running = `Running total since the contract start: ${formatQuantity(computation.carriedIn)} carried in, ${formatQuantity(computation.inPeriod)} added this period; ${formatQuantity(computation.carriedOut)} carried out.`;
      const prorated = computation.prorated;
      if (prorated === undefined) return running;
      return `${running} Prorated by days active: ${formatQuantity(prorated.full)} without proration, each counted for the days it was active (${formatQuantity(prorated.unitDays)} unit-days) ÷ ${formatQuantity(String(prorated.periodDays))} days in the billing period, rounded up to 5 decimals.`;
    }
  }
}

// The windows listed by name in the sentence of a free allowance per window; the rest are counted.
const WINDOWS_LISTED = 5;

/**
 * "10 free in each window: 2 windows above it (the window from 2026-03-01 14:00: 15 − 10 free = 5; …);
 * 7,430 covered by the allowance in all." Each window by its local start in the invoice's zone, as the
 * period reads (the stored instant 2026-03-08T07:00:00.000Z is 03:00 on 8 March in New York). An
 * allowance of 0 frees nothing and only counts a window below zero as 0 (Datadog's containers beyond
 * the hosts' allotment, a derived value that can be negative): "Each window counts only above 0: 11
 * windows above 0 (the window from 2026-03-08 03:00: 60; …)", not "0 free in each window … 60 − 0 free =
 * 60 …; 0 covered by the allowance in all".
 */
function describeWindowAllowance(
  allowance: NonNullable<Extract<Computation, { kind: "windows" }>["allowance"]>,
  instant: (iso: string) => string,
): string {
  const perWindow = formatQuantity(allowance.perWindow);
  const none = new Decimal(allowance.perWindow).isZero();
  const listed = allowance.above
    .slice(0, WINDOWS_LISTED)
    .map(
      (window) =>
        `the window from ${instant(window.start)}: ${none ? formatQuantity(window.value) : `${formatQuantity(window.value)} − ${perWindow} free = ${formatQuantity(window.billable)}`}`,
    );
  const more = allowance.above.length - listed.length;
  const detail =
    listed.length === 0
      ? ""
      : ` (${listed.join("; ")}${more > 0 ? `; and ${count(more, "more window")}` : ""})`;
  if (none)
    return `Each window counts only above 0: ${count(allowance.above.length, "window")} above 0${detail}.`;
  return `${perWindow} free in each window: ${count(allowance.above.length, "window")} above it${detail}; ${formatQuantity(allowance.free)} covered by the allowance in all.`;
}
