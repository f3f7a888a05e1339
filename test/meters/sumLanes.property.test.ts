import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SumLanes } from "../../src/meters/sumLanes.js";
import { Decimal, ExactSum, parseShortDecimal, ShortDecimal } from "../../src/money/index.js";
import type { PropertyValue } from "../../src/schema/index.js";

// SumLanes (src/meters/sumLanes.ts) adds a sum's short values in slots of one typed array and drains
// them into ExactSums (ExactSum.addParts): checked against decimal.js, value by value.

interface Bucket {
  readonly name: string;
  readonly sum: ExactSum;
  events: number;
}

// Lanes over the given dimensions, their buckets by "g:key", and a drain into the buckets' ExactSums.
function lanesOf(dimensions: ReadonlyArray<string>) {
  const total: Bucket = { name: "total", sum: new ExactSum(), events: 0 };
  const buckets = new Map<string, Bucket>([["total", total]]);
  const opened: string[] = [];
  const lanes = new SumLanes<Bucket>(total, dimensions, (g, key: PropertyValue) => {
    const name = `${g}:${JSON.stringify(key)}`;
    opened.push(name);
    let bucket = buckets.get(name);
    if (bucket === undefined) {
      bucket = { name, sum: new ExactSum(), events: 0 };
      buckets.set(name, bucket);
    }
    return bucket;
  });
  const drain = () =>
    lanes.drain((bucket, whole, fraction, events) => {
      bucket.sum.addParts(whole, fraction);
      bucket.events += events;
    });
  return { lanes, buckets, opened, drain };
}

// Up to 11 whole digits and 9 decimals, either sign, "-0" and "+0" too: what parseShortDecimal reads.
const shortTextArb = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("", "-", "+"),
      fc.oneof(fc.bigInt({ min: 0n, max: 999n }), fc.bigInt({ min: 0n, max: 10n ** 11n - 1n })),
      fc.integer({ min: 0, max: 9 }),
      fc.integer({ min: 0, max: 999_999_999 }),
    )
    .map(([sign, whole, scale, digits]) =>
      scale === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(digits).padStart(9, "0").slice(0, scale)}`,
    ),
  fc.constantFrom("-0", "+0", "0.000000001", "-99999999999.999999999", "99999999999.999999999"),
);

const short = (text: string) => {
  const value = new ShortDecimal();
  expect(parseShortDecimal(text, value)).toBe(true);
  return value;
};

describe("SumLanes", () => {
  it("sums each group's values and counts its events exactly, drained at any point", () => {
    const eventArb = fc.record({
      value: shortTextArb,
      region: fc.constantFrom<PropertyValue | undefined>("na", "eu", 1, "1", null, undefined),
      tier: fc.constantFrom<PropertyValue | undefined>("a", "b", true),
      drain: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 300 }), (events) => {
        const { lanes, buckets, drain } = lanesOf(["region", "tier"]);
        const expected = new Map<string, { sum: Decimal; events: number }>();
        const expect1 = (name: string, value: string) => {
          const known = expected.get(name) ?? { sum: new Decimal(0), events: 0 };
          expected.set(name, { sum: known.sum.plus(value), events: known.events + 1 });
        };
        for (const event of events) {
          const properties: Record<string, PropertyValue> = {};
          if (event.region !== undefined) properties.region = event.region;
          properties.tier = event.tier as PropertyValue;
          lanes.addValue(properties, short(event.value));
          // A missing property is the group null, as `add` groups it; 1 and "1" are two groups.
          expect1("total", event.value);
          expect1(`0:${JSON.stringify(event.region ?? null)}`, event.value);
          expect1(`1:${JSON.stringify(event.tier)}`, event.value);
          if (event.drain) drain();
        }
        drain();
        for (const [name, { sum, events: count }] of expected) {
          const bucket = buckets.get(name)!;
          expect(bucket.sum.value().toFixed()).toBe(sum.toFixed());
          expect(bucket.events).toBe(count);
        }
        // No bucket beyond the groups seen (an empty total stays as it was).
        expect([...buckets.values()].filter((bucket) => bucket.events > 0).length).toBe(expected.size);
      }),
      { numRuns: 150 },
    );
  });

  it("opens a slot again after a drain, so a bucket replaced meanwhile gets the values that follow", () => {
    const { lanes, opened, drain } = lanesOf(["region"]);
    lanes.addValue({ region: "eu" }, short("1"));
    lanes.addValue({ region: "eu" }, short("2"));
    drain();
    lanes.addValue({ region: "eu" }, short("3"));
    // eu's bucket asked for twice: once before the drain, once after
    expect(opened).toEqual(['0:"eu"', '0:"eu"']);
  });

  it("stays exact past 2^53 in one slot: 100,000 values of 99,999,999,999.999999999 drain before they overflow", () => {
    const { lanes, buckets, drain } = lanesOf(["region"]);
    const value = short("99999999999.999999999");
    let due = 0;
    for (let i = 0; i < 100_000; i += 1)
      if (lanes.addValue({ region: "eu" }, value)) {
        drain();
        due += 1;
      }
    drain();
    // 100,000 × (10^11 − 10^−9) = 10^16 − 10^−4 = 9,999,999,999,999,999.9999; whole parts alone would
    // reach 9,999,999,999,900,000, past 2^53 ≈ 9.007 × 10^15, had the slots not been drained on the way
    expect(buckets.get("total")!.sum.value().toFixed()).toBe("9999999999999999.9999");
    expect(buckets.get('0:"eu"')!.sum.value().toFixed()).toBe("9999999999999999.9999");
    expect(buckets.get("total")!.events).toBe(100_000);
    // Checked every 4,096 events: above 10^15 from the 10,001st value (10^15 / (10^11 − 10^−9) ≈ 10,000.0001),
    // so at the 12,288th, 24,576th, … : every third check, 8 drains in 100,000
    expect(due).toBe(8);
  });
});

// Docs/testing-mutation.md, "Session 12": when the slots are checked against the exactness budget
// (10^15 per slot, checked every 4,096 values) and how their array grows, each where a mistake shows.
describe("SumLanes' budget and growth", () => {
  // Adds `count` values to the lanes, draining whenever asked; returns the calls that asked.
  const addAll = (
    lanes: SumLanes<Bucket>,
    drain: () => void,
    count: number,
    next: (i: number) => [string, ShortDecimal],
  ) => {
    const asked: number[] = [];
    for (let i = 1; i <= count; i += 1) {
      const [region, value] = next(i);
      if (lanes.addValue({ region }, value)) {
        asked.push(i);
        drain();
      }
    }
    drain();
    return asked;
  };

  it("asks for a drain at the first check past 10^15: the 12,288th value of 99,999,999,999.999999999", () => {
    const { lanes, drain } = lanesOf([]);
    const value = short("99999999999.999999999");
    // Past 10^15 from the 10,001st value (10^15 / (10^11 − 10^−9) ≈ 10,000.0001); checks come at the
    // 4,096th, 8,192nd and 12,288th (3 × 4,096) values: the third is the first to see it
    expect(addAll(lanes, drain, 12_288, () => ["eu", value])).toEqual([12_288]);
  });

  it("checks every group's slot, not only the total's: opposite groups stay exact while the total is 0", () => {
    const { lanes, buckets, drain } = lanesOf(["region"]);
    const plus = short("99999999999.999999999");
    const minus = short("-99999999999.999999999");
    addAll(lanes, drain, 200_000, (i) => (i % 2 === 1 ? ["eu", plus] : ["na", minus]));
    // 100,000 values each: ±100,000 × (10^11 − 10^−9) = ±(10^16 − 10^−4) = ±9,999,999,999,999,999.9999;
    // the total's slot returns to 0 after every pair, so only the groups' slots reach the budget
    expect(buckets.get('0:"eu"')!.sum.value().toFixed()).toBe("9999999999999999.9999");
    expect(buckets.get('0:"na"')!.sum.value().toFixed()).toBe("-9999999999999999.9999");
    expect(buckets.get("total")!.sum.value().toFixed()).toBe("0");
  });

  it("checks the fraction parts too: 10,000,000 values of 0.999999999 stay exact", () => {
    const { lanes, buckets, drain } = lanesOf([]);
    const value = short("0.999999999");
    addAll(lanes, drain, 10_000_000, () => ["eu", value]);
    // 10^7 × 0.999999999 = 9,999,999.99; the fraction slot (in 10^−9) would reach 10^7 × 999,999,999
    // = 9,999,999,990,000,000, past 2^53 ≈ 9.007 × 10^15, had it not been drained on the way
    expect(buckets.get("total")!.sum.value().toFixed()).toBe("9999999.99");
    expect(buckets.get("total")!.events).toBe(10_000_000);
  });

  it("grows the slots' array only when a slot does not fit: at most twice the room the open slots need", () => {
    const { lanes } = lanesOf(["region"]);
    // The array is private: read here because its size is the rule (memory, not the sums).
    const room = () => (lanes as unknown as { lanes: Float64Array }).lanes.length;
    for (let groups = 1; groups <= 40; groups += 1) {
      lanes.addValue({ region: `r${groups}` }, short("1"));
      // groups + 1 slots (the total's and one per group) of 3 numbers; the first array holds 8 slots
      const needed = (groups + 1) * 3;
      expect(room()).toBeGreaterThanOrEqual(needed);
      expect(room()).toBeLessThanOrEqual(Math.max(24, 2 * needed));
    }
  });
});

describe("ExactSum.addParts", () => {
  it("adds whole and fraction parts exactly, however many drains come", () => {
    const sum = new ExactSum();
    // 7 × 1,400,000,000,000,001 = 9,800,000,000,000,007: odd and past 2^53, so a float accumulator
    // that kept every part would have lost its last digit; + 7 × 0.999999999 = 6.999999993
    for (let i = 0; i < 7; i += 1) sum.addParts(1_400_000_000_000_001, 999_999_999);
    expect(sum.value().toFixed()).toBe("9800000000000013.999999993");
  });

  it("equals adding the values one by one", () => {
    fc.assert(
      fc.property(fc.array(shortTextArb, { maxLength: 50 }), (texts) => {
        const one = new ExactSum();
        let whole = 0;
        let fraction = 0;
        for (const text of texts) {
          const value = short(text);
          one.addShort(value);
          whole += value.whole;
          fraction += value.fraction;
        }
        const parts = new ExactSum();
        parts.addParts(whole, fraction);
        const expected = texts.reduce((total, text) => total.plus(text), new Decimal(0));
        expect(parts.value().toFixed()).toBe(expected.toFixed());
        expect(one.value().toFixed()).toBe(expected.toFixed());
      }),
      { numRuns: 200 },
    );
  });
});
