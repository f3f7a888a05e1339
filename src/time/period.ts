/**
 * A half-open interval of time `[start, end)`: `start` is included, `end` is not, so consecutive
 * periods tile time with no gap and no overlap. Both are epoch milliseconds (UTC instants).
 */
export interface Period {
  readonly start: number;
  readonly end: number;
}

/** True when `instant` (epoch ms) lies in `[period.start, period.end)`. */
export function isInPeriod(period: Period, instant: number): boolean {
  return instant >= period.start && instant < period.end;
}

/** The overlap of two periods, or `undefined` when they do not overlap. */
export function intersectPeriods(a: Period, b: Period): Period | undefined {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : undefined;
}

/** True when both periods cover exactly the same instants. */
export function isSamePeriod(a: Period, b: Period): boolean {
  return a.start === b.start && a.end === b.end;
}
