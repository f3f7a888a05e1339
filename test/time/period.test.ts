import { describe, expect, it } from "vitest";
import { intersectPeriods, isInPeriod, isSamePeriod, type Period } from "../../src/time/index.js";

// February 2026 in UTC: [Feb 1, Mar 1).
const FEB: Period = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };

describe("isInPeriod", () => {
  it("includes the start and excludes the end (half-open)", () => {
    expect(isInPeriod(FEB, FEB.start)).toBe(true);
    expect(isInPeriod(FEB, FEB.end - 1)).toBe(true);
    expect(isInPeriod(FEB, FEB.end)).toBe(false);
    expect(isInPeriod(FEB, FEB.start - 1)).toBe(false);
  });
});

describe("intersectPeriods", () => {
  it("returns the overlap of two periods", () => {
    // [Feb 15, Mar 15) ∩ [Feb 1, Mar 1) = [Feb 15, Mar 1).
    const late = { start: Date.UTC(2026, 1, 15), end: Date.UTC(2026, 2, 15) };
    expect(intersectPeriods(FEB, late)).toEqual({ start: Date.UTC(2026, 1, 15), end: Date.UTC(2026, 2, 1) });
  });

  it("returns undefined for periods that only touch", () => {
    // [Feb 1, Mar 1) and [Mar 1, Apr 1) share no instant: Mar 1 belongs only to the second.
    const march = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };
    expect(intersectPeriods(FEB, march)).toBeUndefined();
  });
});

describe("isSamePeriod", () => {
  it("compares start and end", () => {
    expect(isSamePeriod(FEB, { start: FEB.start, end: FEB.end })).toBe(true);
    expect(isSamePeriod(FEB, { start: FEB.start, end: FEB.end + 1 })).toBe(false);
  });
});
