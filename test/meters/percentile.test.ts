import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { MeterTerms, PercentileTerms, UsageEvent, WindowTerms } from "../../src/schema/index.js";
import { aggregateFor, EVENT_TYPE, usageEvent } from "../_arbitraries/meters.js";

const START = Date.UTC(2026, 1, 2);
const MINUTE = 60_000;
/** n five-minute windows from Feb 2 00:00Z. */
const periodOf = (windows: number) => ({ start: START, end: START + windows * 5 * MINUTE });

function p95(percentile: Partial<PercentileTerms> = {}, window: Partial<WindowTerms> = {}): MeterTerms {
  return {
    id: "transit",
    eventType: EVENT_TYPE,
    aggregation: "percentile",
    valueProperty: "bytes",
    window: { size: "5m", aggregation: "sum", ...window },
    percentile: { rank: new Decimal(95), ...percentile },
  };
}

/**
 * Window i (0-based) gets the value `valueOf(i)`, sent as two events (40 % at minute 1 and 60 % at
 * minute 4 of the window) so the window's sum is what is ranked.
 */
function samples(windows: number, sumOf: (index: number) => number | undefined, extra = {}): UsageEvent[] {
  const events: UsageEvent[] = [];
  for (let index = 0; index < windows; index += 1) {
    const value = sumOf(index);
    if (value === undefined) continue;
    const at = START + index * 5 * MINUTE;
    events.push(usageEvent(`w${index}a`, at + MINUTE, { bytes: (value * 4) / 10, ...extra }));
    events.push(usageEvent(`w${index}b`, at + 4 * MINUTE, { bytes: (value * 6) / 10, ...extra }));
  }
  return events;
}

describe("percentile: the 95th percentile of 5-minute sums", () => {
  it("discards the top 5 % and bills the highest remaining sample", () => {
    // 20 windows with sums 10, 20, …, 200. 5 % of 20 = 1 sample discarded (200);
    // the highest remaining is 190.
    const result = aggregateFor(
      [p95()],
      samples(20, (i) => (i + 1) * 10),
      periodOf(20),
    );
    expect(result.meters[0]!.quantity.toFixed()).toBe("190");
    expect(result.meters[0]!.events).toBe(40);
    expect(result.meters[0]!.computation).toEqual({
      kind: "percentile",
      size: "5m",
      inner: "sum",
      rank: "95",
      samples: 20,
      discarded: 1,
      discardRounding: "floor",
      perSecond: false,
    });
  });

  it("ranks by value, not by the order of the windows", () => {
    // the same 20 sums in a scrambled order (i × 7 mod 20 is a permutation of 0…19): still 190
    const result = aggregateFor(
      [p95()],
      samples(20, (i) => (((i * 7) % 20) + 1) * 10),
      periodOf(20),
    );
    expect(result.meters[0]!.quantity.toFixed()).toBe("190");
  });

  it("turns each sample into a rate per second with perSecond", () => {
    // sums 300, 600, …, 6,000 bytes per 5 minutes = 1, 2, …, 20 bytes/s; p95 = 19 bytes/s
    const result = aggregateFor(
      [p95({}, { perSecond: true })],
      samples(20, (i) => (i + 1) * 300),
      periodOf(20),
    );
    expect(result.meters[0]!.quantity.toFixed()).toBe("19");
  });

  it("bills the highest sample at rank 100 and 0 with no events", () => {
    // nothing discarded: 200
    const all = aggregateFor(
      [p95({ rank: new Decimal(100) })],
      samples(20, (i) => (i + 1) * 10),
      periodOf(20),
    );
    expect(all.meters[0]!.quantity.toFixed()).toBe("200");
    // 20 empty windows count as 0: 0
    expect(aggregateFor([p95()], [], periodOf(20)).meters[0]!.quantity.toFixed()).toBe("0");
  });
});

describe("percentile: discard rounding when 5 % is not whole", () => {
  // 30 windows with sums 10 … 300: 5 % of 30 = 1.5 samples
  const events = samples(30, (i) => (i + 1) * 10);
  const billed = (discard?: "floor" | "ceil" | "round") =>
    aggregateFor([p95(discard ? { discard } : {})], events, periodOf(30)).meters[0]!;

  it("floors by default: 1 discarded, bills 290", () => {
    // floor(1.5) = 1 → the 29th of 30 = 290
    expect(billed().quantity.toFixed()).toBe("290");
    expect(billed().computation).toMatchObject({ samples: 30, discarded: 1, discardRounding: "floor" });
  });

  it("ceil: 2 discarded, bills 280", () => {
    // ceil(1.5) = 2 → the 28th of 30 = 280
    expect(billed("ceil").quantity.toFixed()).toBe("280");
    expect(billed("ceil").computation).toMatchObject({ discarded: 2, discardRounding: "ceil" });
  });

  it("round: 1.5 rounds half up to 2, bills 280", () => {
    // round(1.5) = 2 (half up) → 280
    expect(billed("round").quantity.toFixed()).toBe("280");
  });

  it("rounds 8,928 × 5 % = 446.4 to 446 (floor, round) or 447 (ceil)", () => {
    // a 31-day month of 5-minute samples: 31 × 288 = 8,928 windows, sums 1 … 8,928
    const month = { start: START, end: START + 8_928 * 5 * MINUTE };
    const events = Array.from({ length: 8_928 }, (_, i) =>
      usageEvent(`m${i}`, START + i * 5 * MINUTE, { bytes: i + 1 }),
    );
    const at = (discard: "floor" | "ceil" | "round") =>
      aggregateFor([p95({ discard })], events, month).meters[0]!;
    // floor: 446 discarded → 8,928 − 446 = 8,482nd sample = 8,482
    expect(at("floor").quantity.toFixed()).toBe("8482");
    // round: 446.4 → 446 → 8,482
    expect(at("round").quantity.toFixed()).toBe("8482");
    // ceil: 447 discarded → 8,481
    expect(at("ceil").quantity.toFixed()).toBe("8481");
  });
});

describe("percentile: missing windows", () => {
  // 20 windows, events only in the first 10 (sums 100, 200, …, 1,000)
  const events = samples(20, (i) => (i < 10 ? (i + 1) * 100 : undefined));

  it("counts a window without events as a 0 sample by default", () => {
    // samples: ten 0s and 100 … 1,000 (20 samples); 1 discarded (1,000) → 900
    const result = aggregateFor([p95()], events, periodOf(20));
    expect(result.meters[0]!.quantity.toFixed()).toBe("900");
    expect(result.meters[0]!.computation).toMatchObject({ samples: 20, discarded: 1 });
  });

  it("leaves empty windows out with emptyWindows skip", () => {
    // 10 samples; 5 % of 10 = 0.5 → floor 0 discarded → 1,000
    const result = aggregateFor([p95({}, { emptyWindows: "skip" })], events, periodOf(20));
    expect(result.meters[0]!.quantity.toFixed()).toBe("1000");
    expect(result.meters[0]!.computation).toMatchObject({ samples: 10, discarded: 0 });
    // ceil(0.5) = 1 discarded → 900
    const ceil = aggregateFor([p95({ discard: "ceil" }, { emptyWindows: "skip" })], events, periodOf(20));
    expect(ceil.meters[0]!.quantity.toFixed()).toBe("900");
  });
});

describe("percentile: inbound and outbound", () => {
  // 4 windows, rank 50 (discard 50 % = 2 of 4 samples):
  //   in:  10, 40, 20, 30
  //   out: 35,  5, 25, 15
  const inbound = [10, 40, 20, 30];
  const outbound = [35, 5, 25, 15];
  const events = [
    ...samples(4, (i) => inbound[i], { dir: "in" }).map((e) => ({ ...e, id: `in-${e.id}` })),
    ...samples(4, (i) => outbound[i], { dir: "out" }).map((e) => ({ ...e, id: `out-${e.id}` })),
  ];
  const meter = (combine: "max_per_sample" | "higher_percentile") =>
    p95({ rank: new Decimal(50), direction: { property: "dir", combine } });

  it("max_per_sample: takes the higher direction per window before ranking", () => {
    // per window max(in, out): 35, 40, 25, 30 → sorted 25, 30, 35, 40; 2 discarded → 30
    const result = aggregateFor([meter("max_per_sample")], events, periodOf(4));
    expect(result.meters[0]!.quantity.toFixed()).toBe("30");
    expect(result.meters[0]!.events).toBe(16);
    expect(result.meters[0]!.computation).toMatchObject({
      samples: 4,
      discarded: 2,
      direction: { combine: "max_per_sample", billed: "max of directions" },
    });
  });

  it("higher_percentile: ranks each direction and bills the higher", () => {
    // in sorted 10, 20, 30, 40 → 20; out sorted 5, 15, 25, 35 → 15; the higher is in's 20
    const result = aggregateFor([meter("higher_percentile")], events, periodOf(4));
    expect(result.meters[0]!.quantity.toFixed()).toBe("20");
    expect(result.meters[0]!.computation).toMatchObject({
      direction: { combine: "higher_percentile", billed: "in" },
    });
  });

  it("names the same billed direction whatever the event order when both directions tie", () => {
    // in: 10, 10 and out: 10, 10 over 2 windows, rank 50 → both directions give 10. The quantity is 10
    // either way; the computation (what explain shows) must not depend on which event came first.
    const tie = [
      usageEvent("i1", START, { bytes: 10, dir: "in" }),
      usageEvent("i2", START + 5 * MINUTE, { bytes: 10, dir: "in" }),
      usageEvent("o1", START, { bytes: 10, dir: "out" }),
      usageEvent("o2", START + 5 * MINUTE, { bytes: 10, dir: "out" }),
    ];
    const forward = aggregateFor([meter("higher_percentile")], tie, periodOf(2)).meters[0]!;
    const backward = aggregateFor([meter("higher_percentile")], [...tie].reverse(), periodOf(2)).meters[0]!;
    expect(forward.quantity.toFixed()).toBe("10");
    expect(backward.quantity.toFixed()).toBe("10");
    expect(backward.computation).toEqual(forward.computation);
  });
});
