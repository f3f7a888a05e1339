import type { WindowTerms } from "../schema/index.js";
import { addLocalDays, daysBetween, type Period, startOfLocalDate, toLocalDate } from "../time/index.js";

/** How the windows of a period are laid out: how many, which one an instant falls in, their lengths. */
export interface WindowLayout {
  readonly count: number;
  indexOf(instant: number): number;
  /** Length of window `index` in seconds (a local day across DST is 82,800 or 90,000). */
  secondsOf(index: number): number;
  /** The instant window `index` starts (the period's start for the first, when it starts mid-day). */
  startOf(index: number): number;
  /**
   * Fixed lengths only: where the first window would start were it not cut at the period's start (the
   * period's start itself, or the window zone's midnight before it), and the length in milliseconds.
   */
  readonly fixed?: { readonly origin: number; readonly length: number };
  /** Fixed lengths in a window zone of their own: the zone's midnight they are laid from. */
  readonly laidFrom?: number;
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;

/** The windows of a meter's `window` in `period`: in the window's own zone when it names one. */
export function meterWindowLayout(window: WindowTerms, period: Period, contractZone: string): WindowLayout {
  return windowLayout(window.size, period, contractZone, window.timeZone);
}

/**
 * The windows of `period`: local days in `windowZone` (the contract's `timeZone` without one), or fixed
 * lengths laid end to end from the period start — from `windowZone`'s midnight that begins the period's
 * first day in that zone, when the window names a zone (hours of +05:45 Kathmandu start at :15 UTC).
 * A window that begins before the period's start or ends after its end is cut at it: the invoice
 * counts the part inside its period (docs/meters.md, "Windows in another zone").
 */
export function windowLayout(
  size: string,
  period: Period,
  timeZone: string,
  windowZone?: string,
): WindowLayout {
  if (size === "day") {
    const zone = windowZone ?? timeZone;
    const first = toLocalDate(period.start, zone);
    const count = Math.max(1, daysBetween(first, toLocalDate(period.end - 1, zone)) + 1);
    // The local midnights that bound the days, worked out once: finding an event's day is then a
    // search among numbers, not a time-zone conversion per event.
    const midnights = Array.from({ length: count + 1 }, (_, index) =>
      startOfLocalDate(addLocalDays(first, index), zone),
    );
    const startOf = (index: number) => Math.max(period.start, midnights[index]!);
    return {
      count,
      indexOf: (instant) =>
        instant >= midnights[0]! && instant < midnights[count]!
          ? lastAtOrBefore(midnights, instant)
          : daysBetween(first, toLocalDate(instant, zone)),
      secondsOf: (index) => (Math.min(period.end, startOf(index + 1)) - startOf(index)) / 1000,
      startOf,
    };
  }
  const seconds =
    size === "hour" ? 3600 : Number(size.slice(0, -1)) * UNIT_SECONDS[size.slice(-1) as "s" | "m" | "h"];
  const length = seconds * 1000;
  const midnight =
    windowZone === undefined
      ? period.start
      : startOfLocalDate(toLocalDate(period.start, windowZone), windowZone);
  // The first window is the one the period's start falls in, laid from the zone's midnight.
  const origin = midnight + Math.floor((period.start - midnight) / length) * length;
  const startOf = (index: number) => Math.max(period.start, origin + index * length);
  return {
    count: Math.ceil((period.end - origin) / length),
    indexOf: (instant) => Math.floor((instant - origin) / length),
    secondsOf: (index) => (Math.min(period.end, origin + (index + 1) * length) - startOf(index)) / 1000,
    startOf,
    fixed: { origin, length },
    ...(windowZone === undefined || size === "hour" ? {} : { laidFrom: midnight }),
  };
}

// The index of the last bound at or before `instant`, in ascending `bounds` that start at or before it.
function lastAtOrBefore(bounds: ReadonlyArray<number>, instant: number): number {
  let low = 0;
  let high = bounds.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (bounds[middle]! <= instant) low = middle;
    else high = middle - 1;
  }
  return low;
}
