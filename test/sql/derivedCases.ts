import { expect, it } from "vitest";
import { compileUsageSql, parseContract, prepareRating, type SqlDialectName } from "../../src/index.js";
import { type AggregatedOn, contractHead, type TableEvent } from "./engines.js";

// Hand-worked cases of meters whose value is computed from properties (value expressions), run on
// each engine by sqlCases.ts: `aggregatedOn` loads the events, aggregates them in the engine and
// checks the result equal to the in-memory aggregates.

const unitCharge = (meter: string) => ({
  id: meter,
  name: meter,
  meter,
  price: { model: "unit", unitPrice: "1" },
});
const contractOf = (id: string, meters: ReadonlyArray<{ readonly id: string } & Record<string, unknown>>) =>
  parseContract({ ...contractHead, id, meters, charges: meters.map((meter) => unitCharge(meter.id)) });
const at = (day: number) => new Date(Date.UTC(2026, 1, day, 12)).toISOString();
const event = (id: string, type: string, day: number, properties: Record<string, unknown>): TableEvent => ({
  id,
  type,
  customer: "cus_a",
  timestamp: at(day),
  properties,
});

const derivedPrepared = prepareRating(
  contractOf("ctr_derived", [
    // Lambda GB-seconds: memory MB × duration ms ÷ 1,024 MB ÷ 1,000 ms = × 0.0000009765625.
    {
      id: "gbs",
      eventType: "lambda",
      aggregation: "sum",
      value: {
        multiply: [{ property: "memory_mb" }, { property: "duration_ms" }, { constant: "0.0000009765625" }],
      },
    },
    {
      id: "requests",
      eventType: "req",
      aggregation: "sum",
      value: {
        weightBy: { property: "kind", weights: { ws_message: "0.05", "5": "2", true: "3" }, default: "1" },
      },
    },
    {
      id: "peak",
      eventType: "q",
      aggregation: "max",
      value: { add: [{ property: "a" }, { multiply: [{ property: "b" }, { constant: "-2" }] }] },
    },
    {
      id: "mean",
      eventType: "q",
      aggregation: "avg",
      value: { add: [{ property: "a" }, { multiply: [{ property: "b" }, { constant: "-2" }] }] },
    },
    {
      id: "gold",
      eventType: "s",
      aggregation: "sum",
      value: { weightBy: { property: "tier", weights: { gold: "2" } } },
    },
  ]),
  "2026-02",
);

const derivedEvents: TableEvent[] = [
  event("l1", "lambda", 2, { memory_mb: 512, duration_ms: 1000 }),
  event("l2", "lambda", 3, { memory_mb: "1024", duration_ms: 1500.5 }),
  event("l3", "lambda", 4, { memory_mb: 128, duration_ms: "3" }),
  // 1 × 0.000000001 × 0.0000009765625 = 0.0000000000000009765625: 22 decimals, more than a derived
  // quantity's 18, so the event is left out (invalid_value), as is one without its duration.
  event("l4", "lambda", 5, { memory_mb: 1, duration_ms: "0.000000001" }),
  event("l5", "lambda", 5, { memory_mb: 1 }),
  event("r1", "req", 2, { kind: "ws_message" }),
  event("r2", "req", 2, { kind: "http" }),
  event("r3", "req", 2, { kind: 5 }),
  event("r4", "req", 2, { kind: true }),
  event("r5", "req", 2, {}),
  event("r6", "req", 2, { kind: "5" }),
  event("q1", "q", 2, { a: 10, b: 3 }),
  event("q2", "q", 3, { a: "2.5", b: -1 }),
  event("q3", "q", 4, { a: 1, b: "0.125" }),
  event("s1", "s", 2, { tier: "gold" }),
  // No weight for silver and no default: the event has no value.
  event("s2", "s", 2, { tier: "silver" }),
];

/** The value-expression cases, on the engine behind `aggregatedOn`. */
export function derivedCases(
  aggregatedOn: AggregatedOn,
  dialect: () => SqlDialectName,
  reload: () => Promise<void>,
) {
  it("computes values from properties exactly, as worked out by hand", async () => {
    const aggregates = await aggregatedOn(derivedPrepared, derivedEvents);
    const meters = aggregates.whole.meters as { total: unknown }[];
    // 512 × 1,000 ÷ 1,024,000 = 0.5; 1,024 × 1,500.5 ÷ 1,024,000 = 1.5005; 128 × 3 ÷ 1,024,000 = 0.000375.
    expect(meters[0]?.total).toEqual({ sum: "2.000875", events: 3 });
    // 0.05 (ws_message) + 1 (http, default) + 2 (the number 5) + 3 (true) + 1 (no kind) + 2 (the text "5").
    expect(meters[1]?.total).toEqual({ sum: "9.05", events: 6 });
    // 10 − 2 × 3 = 4; 2.5 − 2 × −1 = 4.5; 1 − 2 × 0.125 = 0.75.
    expect(meters[2]?.total).toEqual({ best: "4.5", events: 3 });
    expect(meters[3]?.total).toEqual({ sum: "9.25", events: 3 });
    expect(meters[4]?.total).toEqual({ sum: "2", events: 1 });
    expect(aggregates.whole.excluded).toEqual([
      { reason: "invalid_value", events: 3, sampleIds: ["l4", "l5", "s2"] },
    ]);
    await reload();
  });

  it("refuses a computed value too wide for the engine, and reads one from exponent text", async () => {
    // v × v × v has 27 decimals; 100,000³ = 10^15 needs 16 integer digits more: DuckDB's 38 digits
    // cannot hold it (too wide: refused), ClickHouse's 76 and PostgreSQL's numeric can (not below
    // 10^15: invalid_value, as in memory).
    const cube = prepareRating(
      contractOf("ctr_cube", [
        {
          id: "cube",
          eventType: "c",
          aggregation: "sum",
          value: { multiply: [{ property: "v" }, { property: "v" }, { property: "v" }] },
        },
      ]),
      "2026-02",
    );
    const big = [event("c1", "c", 2, { v: 100000 }), event("c2", "c", 2, { v: "1.5" })];
    if (dialect() === "duckdb")
      await expect(aggregatedOn(cube, big)).rejects.toThrow(
        /too large for the SQL engine's widest exact decimal \(first id "c1"\)/,
      );
    else {
      const aggregates = await aggregatedOn(cube, big);
      // 1.5³ = 3.375; c1 is left out.
      expect((aggregates.whole.meters as { total: unknown }[])[0]?.total).toEqual({
        sum: "3.375",
        events: 1,
      });
    }
    // v⁸ has 72 decimals: beyond DuckDB's 38 (refused when compiling), within ClickHouse's 76, whose
    // 10^8 at 72 decimals needs 81 digits (Decimal256 would wrap around: the double guard refuses it);
    // PostgreSQL computes it: 10^8 + 1.5⁸ = 100,000,000 + 25.62890625.
    const eighth = prepareRating(
      contractOf("ctr_eighth", [
        {
          id: "eighth",
          eventType: "c",
          aggregation: "sum",
          value: { multiply: Array.from({ length: 8 }, () => ({ property: "v" })) },
        },
      ]),
      "2026-02",
    );
    const ten = [event("c4", "c", 2, { v: 10 }), event("c5", "c", 2, { v: "1.5" })];
    if (dialect() === "duckdb")
      await expect(aggregatedOn(eighth, ten)).rejects.toThrow(/72 decimals \(meter "eighth"/);
    else if (dialect() === "clickhouse")
      await expect(aggregatedOn(eighth, ten)).rejects.toThrow(/widest exact decimal \(first id "c4"\)/);
    else
      expect(((await aggregatedOn(eighth, ten)).whole.meters as { total: unknown }[])[0]?.total).toEqual({
        sum: "100000025.62890625",
        events: 2,
      });
    // Decimal text with an exponent is read as in memory: 1e2 = 100, cubed 1,000,000.
    expect(
      (
        (await aggregatedOn(cube, [event("c3", "c", 2, { v: "1e2" })])).whole.meters as { total: unknown }[]
      )[0]?.total,
    ).toEqual({ sum: "1000000", events: 1 });
    await reload();
  });
}

/** Compiling a product with more decimals than the engine keeps is refused, naming the meter. */
export function compileRefusals(dialect: SqlDialectName) {
  const five = prepareRating(
    contractOf("ctr_five", [
      {
        id: "five",
        eventType: "c",
        aggregation: "sum",
        value: { multiply: ["a", "b", "c", "d", "e"].map((property) => ({ property })) },
      },
    ]),
    "2026-02",
  );
  const compile = () =>
    compileUsageSql(five, dialect, { from: "events", properties: { json: "properties" } });
  // Five quantities of 9 decimals: 45 decimals, more than DuckDB's 38.
  if (dialect === "duckdb")
    expect(compile).toThrow(/a meter value with 45 decimals \(meter "five".*--engine memory/);
  else expect(compile().queries).toHaveLength(1);
}

const twoLevelPrepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_two_level",
    meters: [
      // The month's average of daily peaks (Cloudflare R2).
      {
        id: "daily_peak",
        eventType: "g",
        aggregation: "avg",
        valueProperty: "gb",
        window: { size: "day", aggregation: "max" },
      },
      // The 95th percentile of 5-minute sums, inbound and outbound (CDN transit).
      {
        id: "p95",
        eventType: "t",
        aggregation: "percentile",
        valueProperty: "mbps",
        window: { size: "5m", aggregation: "sum" },
        percentile: { rank: 95, direction: { property: "dir", combine: "max_per_sample" } },
      },
      // Started hours per instance: events counted per hour, per instance.
      {
        id: "hours",
        eventType: "h",
        aggregation: "sum",
        entity: { property: "instance" },
        window: { size: "hour", aggregation: "count" },
      },
    ],
    charges: [
      {
        id: "daily_peak",
        name: "daily_peak",
        meter: "daily_peak",
        price: { model: "grouped", groupBy: ["r"], price: { model: "unit", unitPrice: "1" } },
      },
      unitCharge("p95"),
      unitCharge("hours"),
    ],
  }),
  "2026-02",
);
const minute = (day: number, hour: number, minutes: number) =>
  new Date(Date.UTC(2026, 1, day, hour, minutes)).toISOString();
const timed = (
  id: string,
  type: string,
  timestamp: string,
  properties: Record<string, unknown>,
): TableEvent => ({
  id,
  type,
  customer: "cus_a",
  timestamp,
  properties,
});
const twoLevelEvents: TableEvent[] = [
  timed("g1", "g", minute(2, 10, 0), { gb: 5, r: "eu" }),
  timed("g2", "g", minute(2, 18, 0), { gb: "7.5", r: "us" }),
  timed("g3", "g", minute(3, 1, 0), { gb: 2, r: "eu" }),
  timed("t1", "t", minute(1, 0, 1), { mbps: 10, dir: "in" }),
  timed("t2", "t", minute(1, 0, 4), { mbps: "5", dir: "in" }),
  timed("t3", "t", minute(1, 0, 6), { mbps: 3, dir: "out" }),
  // A direction that is no text: the event is left out (invalid_value).
  timed("t4", "t", minute(1, 0, 6), { mbps: 4, dir: 7 }),
  timed("h1", "h", minute(1, 0, 10), { instance: "i-1" }),
  timed("h2", "h", minute(1, 0, 50), { instance: "i-1" }),
  timed("h3", "h", minute(1, 1, 10), { instance: "i-1" }),
  timed("h4", "h", minute(1, 0, 20), { instance: 7 }),
  timed("h5", "h", minute(1, 0, 30), {}),
];

/** Windows, percentiles and entities, on the engine behind `aggregatedOn`. */
export function twoLevelCases(aggregatedOn: AggregatedOn, reload: () => Promise<void>) {
  it("keeps each window's and entity's state as worked out by hand", async () => {
    const aggregates = await aggregatedOn(twoLevelPrepared, twoLevelEvents);
    const meters = aggregates.whole.meters as { total: unknown }[];
    // February 1 is day 0: g1 and g2 fall on day 1 (peak 7.5), g3 on day 2 (peak 2).
    expect(meters[0]?.total).toEqual([
      ["1", { best: "7.5", events: 2 }],
      ["2", { best: "2", events: 1 }],
    ]);
    // 00:01 and 00:04 are in the first 5 minutes (10 + 5 inbound), 00:06 in the second (3 outbound).
    expect(meters[1]?.total).toEqual([
      ["0|in", { sum: "15", events: 2 }],
      ["1|out", { sum: "3", events: 1 }],
    ]);
    // Entities by their JSON ("i-1" quoted, 7, null without one), then hours from the period start.
    expect(meters[2]?.total).toEqual([
      [
        '"i-1"',
        [
          ["0", { events: 2 }],
          ["1", { events: 1 }],
        ],
      ],
      ["7", [["0", { events: 1 }]]],
      ["null", [["0", { events: 1 }]]],
    ]);
    expect(aggregates.whole.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["t4"] }]);
    await reload();
  });
}
