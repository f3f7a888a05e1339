import fc from "fast-check";
import { describe, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { daysLater, localMidnight, monthsLater, type OracleDate } from "../_support/calendarOracle.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import {
  compareRatio,
  decimalArb,
  expectAccounted,
  expectBilled,
  expectLinesBilled,
  groupKeyOf,
  INVALID_NUMBERS,
  instantOf,
  outcomesOf,
  type Ratio,
  type RawValue,
  ratio,
  ratioOfUnits,
  rawEventsArb,
  unitsOf,
} from "../_support/meterOracle.js";

// Two-level meters (a value per window, then the period's sum, avg, max, min or percentile of the
// windows; a value per entity, rounded and capped, then summed) against an oracle on BigInts: local
// days from the platform's Intl (test/_support/calendarOracle.ts), fixed windows laid end to end from
// the period start (the last one shorter in a month that Lord Howe's 30-minute DST change leaves a
// half hour over), rates per second by each window's own length, the burstable percentile's discard
// rounded as the meter says, empty windows counted as 0 or skipped, a free allowance taken off each
// window (max(0, value − allowance)), per region. Months with a DST
// change in New York, Berlin and Lord Howe. Events as in singleValueOracle.property.test.ts.

type Inner = "sum" | "max" | "min" | "avg" | "latest" | "count";
interface Setup {
  readonly zone: string;
  readonly month: number;
  readonly size: "5m" | "hour" | "90m" | "day";
  readonly inner: Inner;
  readonly perSecond: boolean;
  readonly empty: "zero" | "skip";
  readonly rank: string;
  readonly discard: "floor" | "ceil" | "round";
  readonly outer: "sum" | "avg" | "max" | "min";
  /** Free in every window of meter w (docs/time-rules.md, "Allowances per window"). */
  readonly allowance: string | undefined;
}
const setupArb: fc.Arbitrary<Setup> = fc.record({
  zone: fc.constantFrom("UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe"),
  month: fc.constantFrom(3, 4, 10, 11),
  size: fc.constantFrom("5m" as const, "hour" as const, "90m" as const, "day" as const),
  inner: fc.constantFrom<Inner>("sum", "max", "min", "avg", "latest", "count"),
  perSecond: fc.boolean(),
  empty: fc.constantFrom("zero" as const, "skip" as const),
  rank: fc.constantFrom("95", "50", "99.5", "100", "0.1", "1"),
  discard: fc.constantFrom("floor" as const, "ceil" as const, "round" as const),
  outer: fc.constantFrom("sum" as const, "avg" as const, "max" as const, "min" as const),
  allowance: fc.constantFrom(undefined, "0", "0.001", "2.5", "1000000"),
});

const PRICE = { model: "unit", unitPrice: "0.37" } as const;
const PRICE_CENTS = 37n;
const keptBy = { property: "kind", op: "not_equals", value: "test" } as const;

function contractOf(setup: Setup) {
  const window = {
    size: setup.size,
    aggregation: setup.inner,
    perSecond: setup.perSecond,
    emptyWindows: setup.empty,
  };
  const meters = [
    {
      id: "p",
      eventType: "t",
      aggregation: "percentile",
      valueProperty: "v",
      window,
      percentile: { rank: setup.rank, discard: setup.discard },
      filters: [keptBy],
    },
    {
      id: "w",
      eventType: "t",
      aggregation: setup.outer,
      valueProperty: "v",
      window: { ...window, ...(setup.allowance === undefined ? {} : { allowance: setup.allowance }) },
      filters: [keptBy],
    },
    {
      id: "ent",
      eventType: "t",
      aggregation: "sum",
      valueProperty: "v",
      entity: { property: "inst", divideBy: "3600", round: "up", cap: "5" },
      filters: [keptBy],
    },
    {
      id: "entw",
      eventType: "t",
      aggregation: "max",
      valueProperty: "v",
      window: { size: "day", aggregation: "sum" },
      entity: { property: "inst", cap: "7000" },
      filters: [keptBy],
    },
  ];
  const grouped = { model: "grouped", groupBy: ["region"], price: PRICE } as const;
  const charges = [
    ...meters.map(({ id }) => ({ id, name: id, meter: id, price: PRICE })),
    { id: "p_by_region", name: "p", meter: "p", price: grouped },
    { id: "w_by_region", name: "w", meter: "w", price: grouped },
  ];
  return buildContract({ timeZone: setup.zone, meters: meters as never, charges: charges as never });
}

interface Layout {
  readonly count: number;
  readonly indexOf: (t: number) => number;
  readonly secondsOf: (index: number) => bigint;
}
// Local days from Intl's midnights; fixed windows from the period start, the last cut at the end.
function layoutOf(size: Setup["size"], start: OracleDate, end: OracleDate, zone: string): Layout {
  const from = localMidnight(start, zone);
  const to = localMidnight(end, zone);
  if (size === "day") {
    const bounds: number[] = [];
    for (let day = start; localMidnight(day, zone) < to; day = daysLater(day, 1))
      bounds.push(localMidnight(day, zone));
    bounds.push(to);
    return {
      count: bounds.length - 1,
      indexOf: (t) => bounds.findIndex((bound, i) => t >= bound && t < bounds[i + 1]!),
      secondsOf: (i) => BigInt((bounds[i + 1]! - bounds[i]!) / 1000),
    };
  }
  const length = { "5m": 300_000, hour: 3_600_000, "90m": 5_400_000 }[size];
  return {
    count: Math.ceil((to - from) / length),
    indexOf: (t) => Math.floor((t - from) / length),
    secondsOf: (i) => BigInt((Math.min(to, from + (i + 1) * length) - (from + i * length)) / 1000),
  };
}

interface Counted {
  readonly id: string;
  readonly t: number;
  readonly units: bigint;
  readonly region: string;
  readonly inst: string;
}
const byTimeThenId = (x: Counted, y: Counted) => x.t - y.t || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
const add = (a: Ratio, b: Ratio): Ratio => ratio(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const ZERO: Ratio = [0n, 1n];

// One window's value: its inner aggregation, per second of its own length if asked.
function innerOf(inner: Inner, events: ReadonlyArray<Counted>, perSecond: boolean, seconds: bigint): Ratio {
  const units = events.map(({ units }) => units);
  const sum = units.reduce((a, b) => a + b, 0n);
  const value: Ratio = {
    sum: () => ratioOfUnits(sum),
    count: () => ratio(BigInt(events.length), 1n),
    max: () => ratioOfUnits(units.reduce((a, b) => (b > a ? b : a))),
    min: () => ratioOfUnits(units.reduce((a, b) => (b < a ? b : a))),
    avg: () => ratio(sum, 1_000_000_000n * BigInt(events.length)),
    latest: () => ratioOfUnits([...events].sort(byTimeThenId).at(-1)!.units),
  }[inner]();
  return perSecond ? ratio(value[0], value[1] * seconds) : value;
}

interface WindowSpec {
  readonly inner: Inner;
  readonly perSecond: boolean;
  readonly empty: "zero" | "skip";
  readonly allowance?: string | undefined;
}
// The samples: one per window with events (sorted), and the number of empty windows that count as 0
// (none when they are skipped). Thousands of zeros are counted, not listed.
interface Samples {
  readonly sorted: ReadonlyArray<Ratio>;
  readonly zeros: number;
}
// Each window's value, by window index: windows without events have none.
function windowMap(spec: WindowSpec, layout: Layout, events: ReadonlyArray<Counted>): Map<number, Ratio> {
  const perWindow = new Map<number, Counted[]>();
  for (const event of events) {
    const index = layout.indexOf(event.t);
    perWindow.set(index, [...(perWindow.get(index) ?? []), event]);
  }
  const free = spec.allowance === undefined ? undefined : ratioOfUnits(unitsOf(spec.allowance)!);
  const values = new Map<number, Ratio>();
  for (const [index, inWindow] of perWindow) {
    const value = innerOf(spec.inner, inWindow, spec.perSecond, layout.secondsOf(index));
    // max(0, value − allowance): an empty window stays 0 either way
    const above =
      free === undefined ? value : ratio(value[0] * free[1] - free[0] * value[1], value[1] * free[1]);
    values.set(index, free === undefined || above[0] > 0n ? above : ZERO);
  }
  return values;
}
const samplesIn = (spec: WindowSpec, layout: Layout, values: ReadonlyMap<number, Ratio>): Samples => ({
  sorted: [...values.values()].sort(compareRatio),
  zeros: spec.empty === "zero" ? layout.count - values.size : 0,
});
const samplesOf = (spec: WindowSpec, layout: Layout, events: ReadonlyArray<Counted>): Samples =>
  samplesIn(spec, layout, windowMap(spec, layout, events));

// The n-th smallest sample (from 0): the zeros of the empty windows sit after the samples below 0.
function nthOf({ sorted, zeros }: Samples, n: number): Ratio {
  const below = sorted.filter((value) => value[0] < 0n).length;
  if (n < below) return sorted[n]!;
  return n < below + zeros ? ZERO : sorted[n - zeros]!;
}

// The burstable percentile: sort, discard (100 − rank) % of the samples rounded as asked, bill the
// highest remaining; 0 when none remains. The rank has at most one decimal: (1000 − 10 × rank) × n / 1000.
function percentileOf(setup: Setup, samples: Samples): Ratio {
  const count = samples.sorted.length + samples.zeros;
  const exact = (1000n - BigInt(Math.round(Number(setup.rank) * 10))) * BigInt(count); // ÷ 1000
  const floor = exact / 1000n;
  const rest = exact % 1000n;
  const discarded =
    setup.discard === "floor"
      ? floor
      : setup.discard === "ceil"
        ? floor + (rest > 0n ? 1n : 0n)
        : floor + (rest >= 500n ? 1n : 0n);
  const remaining = count - Number(discarded);
  return remaining > 0 ? nthOf(samples, remaining - 1) : ZERO;
}

function outerOf(outer: Setup["outer"], samples: Samples): Ratio {
  const count = samples.sorted.length + samples.zeros;
  if (count === 0) return ZERO;
  const total = samples.sorted.reduce(add, ZERO);
  if (outer === "sum") return total;
  if (outer === "avg") return ratio(total[0], total[1] * BigInt(count));
  return outer === "max" ? nthOf(samples, count - 1) : nthOf(samples, 0);
}

// Per entity: the sum ÷ 3600, rounded up (to the ceiling), capped at 5; the entities added.
function entitiesOf(events: ReadonlyArray<Counted>): Ratio {
  let total = 0n;
  for (const inst of new Set(events.map(({ inst }) => inst))) {
    const sum = events.filter((e) => e.inst === inst).reduce((a, { units }) => a + units, 0n);
    const d = 3600n * 1_000_000_000n;
    const ceiling = sum >= 0n ? (sum + d - 1n) / d : -(-sum / d);
    total += ceiling > 5n ? 5n : ceiling;
  }
  return [total, 1n];
}
// Per entity the largest daily sum, capped at 7,000; the entities added.
function dailyPeaksOf(days: Layout, events: ReadonlyArray<Counted>): Ratio {
  let total: Ratio = ZERO;
  for (const inst of new Set(events.map(({ inst }) => inst))) {
    const spec = { inner: "sum", perSecond: false, empty: "zero" } as const;
    const samples = samplesOf(
      spec,
      days,
      events.filter((e) => e.inst === inst),
    );
    const peak = outerOf("max", samples);
    total = add(total, compareRatio(peak, [7000n, 1n]) > 0 ? [7000n, 1n] : peak);
  }
  return total;
}

const scenarioArb = setupArb.chain((setup) => {
  const start = { y: 2026, m: setup.month, d: 1 };
  const end = monthsLater(2026, setup.month, 1, 1);
  const [from, to] = [localMidnight(start, setup.zone), localMidnight(end, setup.zone)];
  const instantArb = fc.oneof(
    fc.constantFrom(from, to - 1, from - 1, to),
    fc.integer({ min: from, max: to - 1 }),
    // on and around window bounds: 5-minute, 90-minute and hourly
    fc
      .tuple(
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom(300_000, 5_400_000, 3_600_000),
        fc.constantFrom(-1, 0, 1),
      )
      .map(([k, length, nudge]) => Math.min(to - 1, from + k * length + nudge)),
    // around the local days' midnights
    fc
      .tuple(fc.integer({ min: 0, max: 31 }), fc.constantFrom(-1, 0))
      .map(([day, nudge]) => localMidnight(daysLater(start, day), setup.zone) + nudge),
  );
  return fc.record({
    setup: fc.constant(setup),
    events: rawEventsArb({
      ids: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"],
      type: "t",
      instants: instantArb,
      properties: fc.record({
        v: fc.oneof(
          { weight: 12, arbitrary: decimalArb({ negative: true }) },
          fc.constantFrom(...INVALID_NUMBERS),
        ),
        region: fc.constantFrom<RawValue | undefined>("na", "eu", "", null, undefined),
        inst: fc.constantFrom<RawValue | undefined>("i1", "i2", 3, null, undefined),
        kind: fc.constantFrom<RawValue | undefined>(undefined, undefined, undefined, "test"),
      }),
      conflict: { v: "7" },
    }),
  });
});

describe("two-level meters against a BigInt oracle (property)", () => {
  it("bills each window, percentile and entity quantity, per period and per region", () => {
    fc.assert(
      fc.property(scenarioArb, ({ setup, events }) => {
        const start = { y: 2026, m: setup.month, d: 1 };
        const end = monthsLater(2026, setup.month, 1, 1);
        const period = [localMidnight(start, setup.zone), localMidnight(end, setup.zone)] as const;
        const outcomes = outcomesOf(events, {
          customer: "cus",
          eventTypes: ["t"],
          period,
          isRead: (event) => event.type === "t" && event.properties.kind !== "test",
          // the entity meters read v, so every event needs it (even when the windows only count)
          isReadable: (event) => unitsOf(event.properties.v) !== undefined,
        });
        const counted: Counted[] = events
          .filter((_, index) => outcomes[index] === "counted")
          .map((event) => ({
            id: event.id,
            t: instantOf(event.timestamp),
            units: unitsOf(event.properties.v)!,
            region: groupKeyOf(event.properties.region),
            inst: groupKeyOf(event.properties.inst),
          }));
        const layout = layoutOf(setup.size, start, end, setup.zone);
        const percentileSpec = { ...setup, allowance: undefined }; // a percentile takes none
        const days = layoutOf("day", start, end, setup.zone);
        const expected = new Map<string, Ratio>([
          ["p", percentileOf(setup, samplesOf(percentileSpec, layout, counted))],
          ["w", outerOf(setup.outer, samplesOf(setup, layout, counted))],
          ["ent", entitiesOf(counted)],
          ["entw", dailyPeaksOf(days, counted)],
        ]);
        for (const region of new Set(counted.map(({ region }) => region))) {
          const inRegion = counted.filter((e) => e.region === region);
          expected.set(
            `p_by_region ${region}`,
            percentileOf(setup, samplesOf(percentileSpec, layout, inRegion)),
          );
          expected.set(`w_by_region ${region}`, outerOf(setup.outer, samplesOf(setup, layout, inRegion)));
        }

        const invoice = rateInvoice(
          contractOf(setup),
          events,
          `2026-${String(setup.month).padStart(2, "0")}`,
        );
        // a charge that is not a credit never bills below zero (docs/pricing.md, zero floor)
        expectLinesBilled(invoice.lines, expected, PRICE_CENTS);
        expectAccounted(invoice.usage, events, outcomes);
      }),
      { numRuns: fuzzRuns(70) },
    );
  });
});

// In and out: every event carries its direction as text ("IN" is a third one; a number or none is no
// direction, and the event is invalid_value). max_per_sample takes the higher direction in each window,
// then ranks; higher_percentile ranks each direction's windows and bills the higher result.
const directionScenarioArb = setupArb.chain((setup) => {
  const start = { y: 2026, m: setup.month, d: 1 };
  const [from, to] = [
    localMidnight(start, setup.zone),
    localMidnight(monthsLater(2026, setup.month, 1, 1), setup.zone),
  ];
  return fc.record({
    setup: fc.constant(setup),
    combine: fc.constantFrom("max_per_sample" as const, "higher_percentile" as const),
    events: rawEventsArb({
      ids: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"],
      type: "t",
      instants: fc.oneof(
        fc.integer({ min: from, max: to - 1 }),
        fc.integer({ min: 0, max: 4 }).map((k) => from + k * 300_000),
        fc.constantFrom(from - 1, to),
      ),
      properties: fc.record({
        v: decimalArb({ negative: true }),
        dir: fc.constantFrom<RawValue | undefined>("in", "in", "out", "out", "IN", 1, null, undefined),
      }),
      conflict: { v: "7" },
    }),
  });
});

describe("a percentile of inbound and outbound samples against a BigInt oracle (property)", () => {
  it("bills the higher direction per sample, or the higher direction's percentile", () => {
    fc.assert(
      fc.property(directionScenarioArb, ({ setup, combine, events }) => {
        const start = { y: 2026, m: setup.month, d: 1 };
        const end = monthsLater(2026, setup.month, 1, 1);
        const outcomes = outcomesOf(events, {
          customer: "cus",
          eventTypes: ["t"],
          period: [localMidnight(start, setup.zone), localMidnight(end, setup.zone)],
          isRead: (event) => event.type === "t",
          isReadable: (event) =>
            unitsOf(event.properties.v) !== undefined && typeof event.properties.dir === "string",
        });
        const counted = events
          .filter((_, index) => outcomes[index] === "counted")
          .map((event) => ({
            id: event.id,
            t: instantOf(event.timestamp),
            units: unitsOf(event.properties.v)!,
            region: "",
            inst: String(event.properties.dir),
          }));
        const spec = { ...setup, allowance: undefined };
        const layout = layoutOf(setup.size, start, end, setup.zone);
        const directions = [...new Set(counted.map(({ inst }) => inst))];
        const series = directions.map((direction) =>
          windowMap(
            spec,
            layout,
            counted.filter(({ inst }) => inst === direction),
          ),
        );
        let expected: Ratio = ZERO;
        if (combine === "max_per_sample") {
          const higher = new Map<number, Ratio>();
          for (const values of series)
            for (const [index, value] of values) {
              const best = higher.get(index);
              if (best === undefined || compareRatio(value, best) > 0) higher.set(index, value);
            }
          expected = percentileOf(setup, samplesIn(spec, layout, higher));
        } else {
          const results = series.map((values) => percentileOf(setup, samplesIn(spec, layout, values)));
          expected = results.reduce(
            (best, value) => (compareRatio(value, best) > 0 ? value : best),
            results[0] ?? ZERO,
          );
        }
        const contract = buildContract({
          timeZone: setup.zone,
          meters: [
            {
              id: "p",
              eventType: "t",
              aggregation: "percentile",
              valueProperty: "v",
              window: {
                size: setup.size,
                aggregation: setup.inner,
                perSecond: setup.perSecond,
                emptyWindows: setup.empty,
              },
              percentile: {
                rank: setup.rank,
                discard: setup.discard,
                direction: { property: "dir", combine },
              },
            },
          ] as never,
          charges: [{ id: "p", name: "p", meter: "p", price: PRICE }] as never,
        });
        const invoice = rateInvoice(contract, events, `2026-${String(setup.month).padStart(2, "0")}`);
        expectBilled(invoice.lines[0]!, "p", expected, PRICE_CENTS);
        expectAccounted(invoice.usage, events, outcomes);
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});
