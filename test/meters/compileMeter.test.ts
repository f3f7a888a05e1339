import { describe, expect, it } from "vitest";
import { compileMeter, type Reducer, type Sample } from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import type { MeterTerms } from "../../src/schema/index.js";
import { EVENT_TYPE, FEBRUARY_UTC, usageEvent } from "../_arbitraries/meters.js";

const context = { period: FEBRUARY_UTC, timeZone: "UTC", carried: undefined };
const sample = (id: string, day: number, v: number, instance = "i-1"): Sample => ({
  event: usageEvent(id, Date.UTC(2026, 1, day), { v, instance }),
  raw: v,
});
const fold = (reducer: Reducer<unknown>, samples: ReadonlyArray<Sample>) =>
  samples.reduce((state, next) => reducer.add(state, next), reducer.init());
const quantityOf = (reducer: Reducer<unknown>, state: unknown) => {
  const outcome = reducer.finalize(state, context);
  return [outcome.quantity.toFixed(), outcome.events];
};

const dailyPeaks: MeterTerms = {
  id: "peaks",
  eventType: EVENT_TYPE,
  aggregation: "avg",
  valueProperty: "v",
  window: { size: "day", aggregation: "max", emptyWindows: "skip" },
};
const perInstance: MeterTerms = {
  id: "per_instance",
  eventType: EVENT_TYPE,
  aggregation: "sum",
  valueProperty: "v",
  entity: { property: "instance", cap: new Decimal(10) },
};

describe("compileMeter: partial states merge into one pass", () => {
  it("merges two shards of a daily-peaks meter", () => {
    const reducer = compileMeter(dailyPeaks, FEBRUARY_UTC, "UTC");
    const left = fold(reducer, [sample("a", 1, 5), sample("b", 2, 3)]);
    const right = fold(reducer, [sample("c", 2, 7)]);
    // Feb 1 max 5, Feb 2 max(3, 7) = 7 → (5 + 7) ÷ 2 = 6 over 3 events
    expect(quantityOf(reducer, reducer.merge(left, right))).toEqual(["6", 3]);
  });

  it("merges two shards of a capped per-entity meter", () => {
    const reducer = compileMeter(perInstance, FEBRUARY_UTC, "UTC");
    const left = fold(reducer, [sample("a", 1, 6, "i-1"), sample("b", 1, 2, "i-2")]);
    const right = fold(reducer, [sample("c", 2, 6, "i-1")]);
    // i-1: 6 + 6 = 12 → capped at 10; i-2: 2 → 10 + 2 = 12 (capping each shard alone would give 6 + 6 + 2 = 14)
    expect(quantityOf(reducer, reducer.merge(left, right))).toEqual(["12", 3]);
  });
});

describe("compileMeter: merge leaves its arguments untouched", () => {
  // Reducer: "merge … leaves its arguments untouched"; "add may update the state in place (it is an
  // accumulator owned by one pass)". The merged state is a new accumulator: adding to it must not reach
  // back into the shards (sum, unique_count, weighted, … already copy; windows and entities share).
  it("keeps a daily-peaks shard's state when an event is added to the merge", () => {
    const reducer = compileMeter(dailyPeaks, FEBRUARY_UTC, "UTC");
    const left = fold(reducer, [sample("a", 1, 5)]);
    const right = fold(reducer, [sample("c", 2, 7)]);
    const merged = reducer.merge(left, right);
    reducer.add(merged, sample("d", 2, 9));
    reducer.add(merged, sample("e", 1, 8));
    // the merge: Feb 1 max(5, 8) = 8, Feb 2 max(7, 9) = 9 → 8.5 over 4 events
    expect(quantityOf(reducer, merged)).toEqual(["8.5", 4]);
    // the shards are still what they were: left Feb 1 max 5 (1 event); right Feb 2 max 7 (1 event)
    expect(quantityOf(reducer, left)).toEqual(["5", 1]);
    expect(quantityOf(reducer, right)).toEqual(["7", 1]);
  });

  it("keeps a per-entity shard's state when an event is added to the merge", () => {
    const reducer = compileMeter(perInstance, FEBRUARY_UTC, "UTC");
    const left = fold(reducer, [sample("a", 1, 1, "i-1")]);
    const right = fold(reducer, [sample("c", 2, 2, "i-2")]);
    const merged = reducer.merge(left, right);
    reducer.add(merged, sample("d", 3, 4, "i-1"));
    reducer.add(merged, sample("e", 3, 4, "i-2"));
    // the merge: i-1 1 + 4 = 5, i-2 2 + 4 = 6 → 11 over 4 events
    expect(quantityOf(reducer, merged)).toEqual(["11", 4]);
    // left is still i-1: 1; right is still i-2: 2
    expect(quantityOf(reducer, left)).toEqual(["1", 1]);
    expect(quantityOf(reducer, right)).toEqual(["2", 1]);
  });

  it("keeps a sum shard's state when an event is added to the merge (as it should)", () => {
    const sum: MeterTerms = { id: "s", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "v" };
    const reducer = compileMeter(sum, FEBRUARY_UTC, "UTC");
    const left = fold(reducer, [sample("a", 1, 1)]);
    const right = fold(reducer, [sample("b", 2, 2)]);
    const merged = reducer.merge(left, right);
    reducer.add(merged, sample("c", 3, 4));
    // merge 1 + 2 + 4 = 7; left 1; right 2
    expect(quantityOf(reducer, merged)).toEqual(["7", 3]);
    expect(quantityOf(reducer, left)).toEqual(["1", 1]);
    expect(quantityOf(reducer, right)).toEqual(["2", 1]);
  });
});

describe("compileMeter: compiled once per meter, period and zone", () => {
  it("gives the same reducer again, and another for another period or zone, then the first again", () => {
    const march = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };
    const february = compileMeter(dailyPeaks, FEBRUARY_UTC, "UTC");
    expect(compileMeter(dailyPeaks, FEBRUARY_UTC, "UTC")).toBe(february);
    const other = compileMeter(dailyPeaks, march, "UTC");
    expect(other).not.toBe(february);
    const zoned = compileMeter(dailyPeaks, FEBRUARY_UTC, "America/New_York");
    expect(zoned).not.toBe(february);
    // The last one compiled is remembered first; the earlier ones are still kept.
    expect(compileMeter(dailyPeaks, FEBRUARY_UTC, "UTC")).toBe(february);
    expect(compileMeter(dailyPeaks, march, "UTC")).toBe(other);
    // Feb 1 max 5, Feb 2 max 3 → (5 + 3) ÷ 2 = 4 over 2 events, with the reducer found again
    const again = compileMeter(dailyPeaks, { ...FEBRUARY_UTC }, "UTC");
    expect(quantityOf(again, fold(again, [sample("a", 1, 5), sample("b", 2, 3)]))).toEqual(["4", 2]);
  });
});

describe("compileMeter: the last compilation is reused only for the same period and zone", () => {
  // Issue 9 (tonight's survivors): the "last compilation" check compared start and end, but no test
  // compiled one meter for two periods sharing one bound, so `start === …` → `true` (or `end`) lived.
  // Amendments do exactly that: the whole period, then its first piece (same start), then its last
  // piece (same end), then the next invoice's whole period again (same end as that last piece).
  const dailyAverage = (): MeterTerms => ({
    id: "daily_average",
    eventType: EVENT_TYPE,
    aggregation: "avg",
    valueProperty: "v",
    window: { size: "day", aggregation: "max", emptyWindows: "zero" },
  });
  const whole = FEBRUARY_UTC;
  const firstHalf = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 1, 15) };
  const secondHalf = { start: Date.UTC(2026, 1, 15), end: Date.UTC(2026, 2, 1) };
  const quantityIn = (reducer: Reducer<unknown>, period: typeof whole, day: number) => {
    const state = fold(reducer, [sample("a", day, 28)]);
    return reducer.finalize(state, { period, timeZone: "UTC", carried: undefined }).quantity.toFixed();
  };

  it("compiles anew for a period with the same end but another start", () => {
    const meter = dailyAverage();
    // Feb 15 – Mar 1 is 14 days: max 28 on Feb 20, zero on the 13 others → 28 ÷ 14 = 2
    expect(quantityIn(compileMeter(meter, secondHalf, "UTC"), secondHalf, 20)).toBe("2");
    // Feb 1 – Mar 1 is 28 days: 28 ÷ 28 = 1 (the second half's reducer would divide by 14 again)
    expect(quantityIn(compileMeter(meter, whole, "UTC"), whole, 20)).toBe("1");
  });

  it("compiles anew for a period with the same start but another end", () => {
    const meter = dailyAverage();
    // Feb 1 – Mar 1 is 28 days: max 28 on Feb 2 → 28 ÷ 28 = 1
    expect(quantityIn(compileMeter(meter, whole, "UTC"), whole, 2)).toBe("1");
    // Feb 1 – Feb 15 is 14 days: 28 ÷ 14 = 2 (the whole month's reducer would divide by 28 again)
    expect(quantityIn(compileMeter(meter, firstHalf, "UTC"), firstHalf, 2)).toBe("2");
  });
});
