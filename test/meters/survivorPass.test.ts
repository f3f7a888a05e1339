import { describe, expect, it } from "vitest";
import { IdSample } from "../../src/meters/idSample.js";
import {
  aggregateUsage,
  aggregateUsageAsync,
  aggregateUsageStates,
  deriveValue,
  type MeterRequest,
  mergeUsageStates,
  usageFromStates,
} from "../../src/meters/index.js";
import { repeatedHashes } from "../../src/meters/repeatedHashes.js";
import { visitEach } from "../../src/meters/visitEach.js";
import { Decimal } from "../../src/money/index.js";
import type { MeterTerms, PercentileTerms, UsageEvent } from "../../src/schema/index.js";
import { aggregateFor, CUSTOMER, EVENT_TYPE, FEBRUARY_UTC, usageEvent } from "../_arbitraries/meters.js";
import { rejected, thrown } from "../_support/thrown.js";

// Tests written for the mutants the full `mutation:meters` run of 3 December 2026 left alive
// (docs/testing-mutation.md, "src/meters (181 alive of 1,824 …)"). Every meter is built inside its `it`
// (compileMeter keeps the reducer of a meter object it has seen) and every figure is worked by hand.

const HOUR = 3_600_000;
const MINUTE = 60_000;
const START = Date.UTC(2026, 1, 2);

describe("the windows of a windowed meter (windows.ts windowQuantities)", () => {
  // 4 hours from Feb 2 00:00Z. hour 0: max(5, 9) = 9; hour 1: 3; hour 2: no event; hour 3: 6
  const period = { start: START, end: START + 4 * HOUR };
  const events = () => [
    usageEvent("h0a", START + 10 * MINUTE, { v: "5" }),
    usageEvent("h0b", START + 50 * MINUTE, { v: "9" }),
    usageEvent("h1", START + HOUR + 30 * MINUTE, { v: "3" }),
    usageEvent("h3", START + 3 * HOUR, { v: "6" }),
  ];
  const hourlyMax = (emptyWindows?: "zero" | "skip"): MeterTerms => ({
    id: "hourly",
    eventType: EVENT_TYPE,
    aggregation: "avg",
    valueProperty: "v",
    window: { size: "hour", aggregation: "max", ...(emptyWindows === undefined ? {} : { emptyWindows }) },
  });
  const listed = (meter: MeterTerms) =>
    aggregateFor([meter], events(), period).meters[0]!.windows!.map((w) => [w.start, w.quantity.toFixed()]);

  it("lists every window, the empty one as 0, when empty windows count as zero", () => {
    // starts 00:00, 01:00, 02:00, 03:00; values 9, 3, 0 (empty), 6
    const expected = [
      [START, "9"],
      [START + HOUR, "3"],
      [START + 2 * HOUR, "0"],
      [START + 3 * HOUR, "6"],
    ];
    expect(listed(hourlyMax("zero"))).toEqual(expected);
    expect(listed(hourlyMax())).toEqual(expected);
  });

  it("leaves the empty window out when empty windows are skipped", () => {
    // hour 2 has no event: 3 windows, 9, 3 and 6
    expect(listed(hourlyMax("skip"))).toEqual([
      [START, "9"],
      [START + HOUR, "3"],
      [START + 3 * HOUR, "6"],
    ]);
  });
});

describe("percentile edges (windows.ts rankedValue, maxPerSample)", () => {
  const p = (percentile: Partial<PercentileTerms>): MeterTerms => ({
    id: "transit",
    eventType: EVENT_TYPE,
    aggregation: "percentile",
    valueProperty: "bytes",
    window: { size: "5m", aggregation: "sum" },
    percentile: { rank: new Decimal(95), ...percentile },
  });
  const fiveMinutes = (n: number) => ({ start: START, end: START + n * 5 * MINUTE });

  it("rounds a discard of exactly half up, not to even", () => {
    // 5 windows with sums 10, 20, 30, 40, 50; rank 50 → (100 − 50) % of 5 = 2.5 discarded.
    // half up: 3 discarded → 5 − 3 = 2nd sample = 20 (half to even would discard 2 and bill 30)
    const events = [10, 20, 30, 40, 50].map((bytes, i) =>
      usageEvent(`s${i}`, START + i * 5 * MINUTE, { bytes }),
    );
    const result = aggregateFor([p({ rank: new Decimal(50), discard: "round" })], events, fiveMinutes(5));
    expect(result.meters[0]!.quantity.toFixed()).toBe("20");
    expect(result.meters[0]!.computation).toMatchObject({
      samples: 5,
      discarded: 3,
      discardRounding: "round",
    });
  });

  it("bills 0 when every sample is discarded", () => {
    // 1 window with sum 7; rank 50 → 0.5 × 1 = 0.5, ceil → 1 discarded of 1 → nothing remains → 0
    const events = [usageEvent("only", START, { bytes: 7 })];
    const result = aggregateFor([p({ rank: new Decimal(50), discard: "ceil" })], events, fiveMinutes(1));
    expect(result.meters[0]!.quantity.toFixed()).toBe("0");
    expect(result.meters[0]!.computation).toMatchObject({ samples: 1, discarded: 1 });
  });

  it("takes the max per sample when a direction has no value in a window the other has", () => {
    // window 0: in 10, no out; window 1: out 20, no in → max per window 10, 20.
    // rank 50 → 1 of 2 discarded (floor(1) = 1) → 10
    const events = [
      usageEvent("i0", START, { bytes: 10, dir: "in" }),
      usageEvent("o1", START + 5 * MINUTE, { bytes: 20, dir: "out" }),
    ];
    const meter = p({ rank: new Decimal(50), direction: { property: "dir", combine: "max_per_sample" } });
    const result = aggregateFor([meter], events, fiveMinutes(2));
    expect(result.meters[0]!.quantity.toFixed()).toBe("10");
    expect(result.meters[0]!.computation).toMatchObject({ samples: 2, discarded: 1 });
    // the other event order puts "out" first among the directions: the same
    const reversed = aggregateFor([meter], [...events].reverse(), fiveMinutes(2));
    expect(reversed.meters[0]!.quantity.toFixed()).toBe("10");
  });
});

describe("unique_count keys of booleans (valueReducers.ts uniqueKey)", () => {
  it("counts true, false, the text 'true' and the text 'x' as four values, keyed by kind", () => {
    const meter: MeterTerms = {
      id: "flags",
      eventType: EVENT_TYPE,
      aggregation: "unique_count",
      valueProperty: "f",
    };
    const events = [true, false, "true", "x"].map((f, i) =>
      usageEvent(`e${i}`, Date.UTC(2026, 1, 2 + i), { f }),
    );
    // b:true, b:false, s:true, s:x → 4 distinct
    expect(aggregateFor([meter], events).meters[0]!.quantity.toFixed()).toBe("4");
    const options = {
      meters: [meter],
      customer: CUSTOMER,
      period: { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) },
      timeZone: "UTC",
    };
    // the keys written out, in text order ("b:" < "s:", "false" < "true")
    expect(aggregateUsageStates(events, options).meters[0]).toEqual({
      meter: "flags",
      total: { values: ["b:false", "b:true", "s:true", "s:x"], events: 4 },
    });
  });
});

describe("visitEach reads a sync iterable without awaiting", () => {
  it("visits every item before its promise is awaited", async () => {
    const seen: number[] = [];
    const done = visitEach(
      undefined,
      () => [1, 2, 3],
      (item) => seen.push(item),
    );
    // nothing awaited yet: a sync iterable was read in the call itself
    expect(seen).toEqual([1, 2, 3]);
    await done;
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe("IdSample with ids below any text but the empty one", () => {
  it("keeps the five smallest of six ids in digits and capitals", () => {
    // "1" … "5" and "A" sort below "S": the sample keeps 5 ids, "A" (the largest) is dropped
    const sample = new IdSample();
    for (const id of ["A", "5", "4", "3", "2", "1"]) sample.add(id);
    expect(sample.count).toBe(6);
    expect(sample.sample()).toEqual(["1", "2", "3", "4", "5"]);
  });
});

describe("a source read twice (aggregateUsage.ts aggregateUsageAsync, idPass)", () => {
  const gb = (): MeterTerms => ({ id: "gb", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "gb" });
  const options = () => ({ meters: [gb()], customer: CUSTOMER, period: FEBRUARY_UTC, timeZone: "UTC" });
  const a = usageEvent("a", Date.UTC(2026, 1, 2), { gb: "1" });
  const b = usageEvent("b", Date.UTC(2026, 1, 3), { gb: "2" });

  it("reads the ids from the source's own ids when it offers them without id batches", async () => {
    const source = Object.assign(
      async function* () {
        yield* [a, b];
      },
      {
        ids: async function* () {
          yield* ["a", "b"];
        },
      },
    );
    const result = await aggregateUsageAsync(source, options());
    // 1 + 2 = 3 GB from 2 events read
    expect(result.meters[0]!.quantity.toFixed()).toBe("3");
    expect(result.eventsRead).toBe(2);
  });

  it("refuses a second read with more events even when the id hashes add up the same", async () => {
    // idHash("z1289") = 3,417,199,980 and idHash("z63452") = 877,767,316 (test/meters/idHash.test.ts's
    // FNV-1a + fmix32): their sum is 4,294,967,296 = 2^32, so the 32-bit checksum of the second read equals
    // the first's; only the count (2, then 4) tells the reads apart.
    let reads = 0;
    const extra = [
      usageEvent("z1289", Date.UTC(2026, 1, 4), { gb: "4" }),
      usageEvent("z63452", Date.UTC(2026, 1, 5), { gb: "8" }),
    ];
    const source = async function* (): AsyncGenerator<UsageEvent> {
      reads += 1;
      yield* reads === 1 ? [a, b] : [a, b, ...extra];
    };
    const error = await rejected(aggregateUsageAsync(source, options()));
    expect(error).toMatchObject({ code: "usage_changed_while_read" });
  });
});

describe("ids repeated by the customer alone (deduplicate.ts resolveCopies)", () => {
  it("reports no id reused by other customers for a customer's own duplicate", () => {
    const meter: MeterTerms = { id: "calls", eventType: EVENT_TYPE, aggregation: "count" };
    const a = usageEvent("a", Date.UTC(2026, 1, 2), {});
    const result = aggregateFor([meter], [a, { ...a }, usageEvent("b", Date.UTC(2026, 1, 3), {})]);
    // a, its copy and b: 2 counted, the copy excluded as duplicate_id; no other customer at all
    expect(result.meters[0]!.quantity.toFixed()).toBe("2");
    expect(result.idsReusedByOtherCustomers).toBeUndefined();
  });
});

describe("one meter object over two periods (compileMeter.ts cache key)", () => {
  it("lays out the days of each period, not of the first one compiled", () => {
    const meter: MeterTerms = {
      id: "daily",
      eventType: EVENT_TYPE,
      aggregation: "max",
      valueProperty: "v",
      window: { size: "day", aggregation: "sum" },
    };
    const febEvent = usageEvent("f", Date.UTC(2026, 1, 2), { v: 1 });
    const marEvent = usageEvent("m", Date.UTC(2026, 2, 2), { v: 1 });
    const march = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };
    // February 2026 has 28 days, March 31: the same meter object gets 28 windows, then 31
    expect(aggregateFor([meter], [febEvent]).meters[0]!.computation).toMatchObject({ windows: 28 });
    expect(aggregateFor([meter], [marEvent], march).meters[0]!.computation).toMatchObject({ windows: 31 });
  });
});

describe("windowed meters without any event (windows.ts finalizeWindows, OUTER)", () => {
  const period = { start: START, end: START + 4 * HOUR };
  const hourly = (outer: "avg" | "max", emptyWindows?: "skip"): MeterTerms => ({
    id: "hourly",
    eventType: EVENT_TYPE,
    aggregation: outer,
    valueProperty: "v",
    window: { size: "hour", aggregation: "sum", ...(emptyWindows === undefined ? {} : { emptyWindows }) },
  });

  it("counts every window empty and lists them as 0", () => {
    // 4 hours, no event: 4 empty windows, each 0; the average of 0, 0, 0, 0 is 0
    const result = aggregateFor([hourly("avg")], [], period).meters[0]!;
    expect(result.quantity.toFixed()).toBe("0");
    expect(result.computation).toMatchObject({ windows: 4, emptyWindows: 4 });
    expect(result.windows!.map((w) => w.quantity.toFixed())).toEqual(["0", "0", "0", "0"]);
  });

  it("averages no window as 0 when empty windows are skipped", () => {
    // every window skipped: nothing to average → 0 (not 0 ÷ 0)
    expect(aggregateFor([hourly("avg", "skip")], [], period).meters[0]!.quantity.toFixed()).toBe("0");
  });

  it("takes the largest of negative window sums, not 0", () => {
    // hour 0: −5; hour 1: −3 (hours 2 and 3 skipped) → max(−5, −3) = −3
    const events = [usageEvent("n0", START, { v: "-5" }), usageEvent("n1", START + HOUR, { v: "-3" })];
    expect(aggregateFor([hourly("max", "skip")], events, period).meters[0]!.quantity.toFixed()).toBe("-3");
  });
});

describe("higher_percentile with no direction above 0 (windows.ts directions)", () => {
  it("names the first direction by name, not an empty one", () => {
    // in: 0 and out: 0 in one 5-minute window; rank 50 of 1 sample: floor(0.5) = 0 discarded → 0 each.
    // A tie bills the first direction in name order: "in"
    const meter: MeterTerms = {
      id: "transit",
      eventType: EVENT_TYPE,
      aggregation: "percentile",
      valueProperty: "bytes",
      window: { size: "5m", aggregation: "sum" },
      percentile: { rank: new Decimal(50), direction: { property: "dir", combine: "higher_percentile" } },
    };
    const events = [
      usageEvent("o", START, { bytes: 0, dir: "out" }),
      usageEvent("i", START, { bytes: 0, dir: "in" }),
    ];
    const result = aggregateFor([meter], events, { start: START, end: START + 5 * MINUTE }).meters[0]!;
    expect(result.quantity.toFixed()).toBe("0");
    expect(result.computation).toMatchObject({
      samples: 1,
      direction: { combine: "higher_percentile", billed: "in" },
    });
  });
});

describe("repeatedHashes on the radix-sort path (repeatedHashes.ts)", () => {
  it("finds a repeat that is the smallest hash of the list", () => {
    // 2^22 (high digit 1, the lowest one used: no hash has high digit 0) twice, then 300 distinct
    // hashes of high digits 2 and up (2^23 + 2^22 × k for k = 0 … 299): 302 hashes, above the 256 of
    // the set path
    const repeatedOne = 2 ** 22;
    const others = Array.from({ length: 300 }, (_, k) => 2 ** 23 + 2 ** 22 * k);
    expect([...repeatedHashes([Uint32Array.from([repeatedOne, repeatedOne, ...others])])]).toEqual([
      repeatedOne,
    ]);
  });
});

describe("days of meters whose days do not add up to the quantity (meterAccumulator.ts)", () => {
  const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
  const days = (meter: MeterTerms) =>
    aggregateUsage([usageEvent("a", Date.UTC(2026, 1, 2), { v: "2" })], {
      meters: [meter],
      customer: CUSTOMER,
      period: FEBRUARY,
      timeZone: "UTC",
      daily: true,
    }).meters[0]!;

  it("keeps days for a plain sum, but none for a max, a windowed sum or a persistent sum", () => {
    const base = { eventType: EVENT_TYPE, valueProperty: "v" } as const;
    // a plain sum: 28 days, 2 on the 2nd
    expect(days({ ...base, id: "s", aggregation: "sum" }).daily).toHaveLength(28);
    expect(days({ ...base, id: "m", aggregation: "max" })).not.toHaveProperty("daily");
    expect(
      days({ ...base, id: "w", aggregation: "sum", window: { size: "day", aggregation: "max" } }),
    ).not.toHaveProperty("daily");
    expect(days({ ...base, id: "p", aggregation: "sum", persistent: true })).not.toHaveProperty("daily");
  });
});

describe("groupings with an inherited name (meterAccumulator.ts)", () => {
  it("reads a grouping property named constructor as the event's own, beside a plain one", () => {
    const meter: MeterTerms = { id: "bw", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "gb" };
    const requests = new Map<string, MeterRequest>([
      ["bw", { groupings: [["region", "constructor"]], collectValues: false }],
    ]);
    const events = [
      usageEvent("a", Date.UTC(2026, 1, 2), { gb: "1", region: "eu" }),
      usageEvent("b", Date.UTC(2026, 1, 3), { gb: "2", region: "eu", constructor: null }),
    ];
    const result = aggregateFor([meter], events, undefined, { requests });
    // a has no property "constructor" and b's is null: both are the group (eu, null), 1 + 2 = 3 over
    // 2 events (a plain read would key a by Object's constructor, a second line for the same group)
    expect(result.groups[0]!.groups.map((g) => [g.group, g.quantity.toFixed(), g.events])).toEqual([
      [{ region: "eu", constructor: null }, "3", 2],
    ]);
  });
});

describe("usage states of two-property groups and of shards excluding for one reason", () => {
  const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
  const options = () => {
    const meter: MeterTerms = { id: "bw", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "gb" };
    const requests = new Map<string, MeterRequest>([
      ["bw", { groupings: [["region", "tier"]], collectValues: false }],
    ]);
    return { meters: [meter], customer: CUSTOMER, period: FEBRUARY, timeZone: "UTC", requests };
  };
  const feb = (day: number) => Date.UTC(2026, 1, day);

  it("reads back groups by two properties that share their first or their last value", () => {
    // (eu, gold) 1 + 2 = 3; (eu, silver) 8; (na, gold) 4: three groups, ordered by their values as JSON
    const events = [
      usageEvent("a", feb(2), { gb: "1", region: "eu", tier: "gold" }),
      usageEvent("b", feb(3), { gb: "2", region: "eu", tier: "gold" }),
      usageEvent("c", feb(4), { gb: "4", region: "na", tier: "gold" }),
      usageEvent("d", feb(5), { gb: "8", region: "eu", tier: "silver" }),
    ];
    const result = usageFromStates(aggregateUsageStates(events, options()), options(), ["whole"]);
    expect(result.groups[0]!.groups.map((g) => [g.group, g.quantity.toFixed(), g.events])).toEqual([
      [{ region: "eu", tier: "gold" }, "3", 2],
      [{ region: "eu", tier: "silver" }, "8", 1],
      [{ region: "na", tier: "gold" }, "4", 1],
    ]);
  });

  it("adds up one reason's exclusions from two shards", () => {
    // shard a: a and its copy (1 duplicate_id); shard b: b and its copy (1 more) → 2 events, ids a and b
    const a = usageEvent("a", feb(2), { gb: "1" });
    const b = usageEvent("b", feb(3), { gb: "2" });
    const merged = mergeUsageStates(
      aggregateUsageStates([a, { ...a }], options()),
      aggregateUsageStates([b, { ...b }], options()),
      options(),
      [["a"], ["b"]],
    );
    expect(merged.excluded).toEqual([{ reason: "duplicate_id", events: 2, sampleIds: ["a", "b"] }]);
  });
});

describe("prorated unique counts say how many values came in the period", () => {
  it("counts 1 carried in and 1 new", () => {
    // July 9 – August 8 2023 (31 days, as test/meters/prorated.test.ts): "s1" carried in, "s2" added on
    // July 19. 2 values in all, 1 carried in → 2 − 1 = 1 in the period; both carried out
    const start = Date.UTC(2023, 6, 9);
    const period = { start, end: Date.UTC(2023, 7, 9) };
    const meter: MeterTerms = {
      id: "seats",
      eventType: EVENT_TYPE,
      aggregation: "unique_count",
      valueProperty: "unique_id",
      persistent: true,
      operationProperty: "operation_type",
      prorated: true,
    };
    const events = [usageEvent("n", Date.UTC(2023, 6, 19), { unique_id: "s2" })];
    const result = aggregateFor([meter], events, period, { carried: { seats: { active: ["s1"] } } });
    expect(result.meters[0]!.computation).toMatchObject({ carriedIn: "1", inPeriod: "1", carriedOut: "2" });
  });
});

describe("weights keyed by the texts null and undefined (deriveValue.ts weightBy)", () => {
  it("gives a null or missing key the default, not the weight of the text 'null' or 'undefined'", () => {
    const meter: MeterTerms = {
      id: "weighted",
      eventType: EVENT_TYPE,
      aggregation: "sum",
      value: {
        weightBy: {
          property: "tier",
          weights: { null: new Decimal(5), undefined: new Decimal(7) },
          default: new Decimal(1),
        },
      },
    };
    const events = [
      usageEvent("n", Date.UTC(2026, 1, 2), { tier: null }),
      usageEvent("m", Date.UTC(2026, 1, 3), {}),
    ];
    // both take the default 1: 1 + 1 = 2 (the mutants would read 5 + 7 = 12)
    expect(aggregateFor([meter], events).meters[0]!.quantity.toFixed()).toBe("2");
  });
});

describe("a property read as a number in a derived value (deriveValue.ts numberOf)", () => {
  it("reads a property of 9 decimals and refuses one of 10, as a value property's (the quantity bound)", () => {
    // QUANTITY allows 9 decimals; the derived result's own bound (18 decimals) would let 10 through
    expect(deriveValue({ property: "a" }, { a: "0.000000001" })).toBe("0.000000001");
    expect(deriveValue({ property: "a" }, { a: "0.0000000001" })).toBeUndefined();
  });
});

describe("a carried state with another kind's field left undefined (checkCarriedState.ts)", () => {
  it("accepts { level, total: undefined } for a weighted sum, as a spread object gives it", () => {
    const meter: MeterTerms = {
      id: "storage",
      eventType: EVENT_TYPE,
      aggregation: "weighted_sum",
      valueProperty: "gb",
    };
    // the level 50 held all February, nothing else: 50
    const result = aggregateFor([meter], [], undefined, {
      carried: { storage: { level: "50", total: undefined } },
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("50");
  });
});

describe("a count meter's total read back on the fast path (valueReducers.ts countReducer.readState)", () => {
  const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
  // a count meter without groupings, values or days: its states take the fast path of readCommonStates
  const options = () => ({
    meters: [{ id: "calls", eventType: EVENT_TYPE, aggregation: "count" } satisfies MeterTerms],
    customer: CUSTOMER,
    period: FEBRUARY,
    timeZone: "UTC",
  });
  const withTotal = (total: unknown) => {
    const states = aggregateUsageStates([usageEvent("a", Date.UTC(2026, 1, 2), {})], options());
    return { ...states, meters: [{ meter: "calls", total }] };
  };

  it("reads { events: 1 } as 1 event", () => {
    expect(
      usageFromStates(withTotal({ events: 1 }), options(), ["whole"]).meters[0]!.quantity.toFixed(),
    ).toBe("1");
  });

  it("refuses a total of events as text and a total that is no object, with their paths", () => {
    const code = (total: unknown) =>
      thrown(() => usageFromStates(withTotal(total), options(), ["whole"])) as { name: string; path: string };
    expect(code({ events: "1" })).toMatchObject({ name: "InputError", path: "whole.meters[0].total.events" });
    expect(code(null)).toMatchObject({ name: "InputError", path: "whole.meters[0].total" });
  });
});

describe("prorated on a meter that is not persistent, called without a contract (compileMeter.ts)", () => {
  it("sums the events plainly: prorating applies only to persistent meters", () => {
    // the contract refuses this meter (proratedNotAllowed); aggregateUsage called directly ignores the flag.
    // 1 + 2 = 3, not a share of the period's days
    const meter: MeterTerms = {
      id: "gb",
      eventType: EVENT_TYPE,
      aggregation: "sum",
      valueProperty: "gb",
      prorated: true,
    };
    const events = [
      usageEvent("a", Date.UTC(2026, 1, 2), { gb: "1" }),
      usageEvent("b", Date.UTC(2026, 1, 20), { gb: "2" }),
    ];
    const result = aggregateFor([meter], events).meters[0]!;
    expect(result.quantity.toFixed()).toBe("3");
    expect(result.computation).toBeUndefined();
  });
});
