import { expect, it } from "vitest";
import { parseContract, prepareRating, rateFromAggregates, type UsageAggregates } from "../../src/index.js";
import { type AggregatedOn, contractHead, eventAt, type TableEvent } from "./engines.js";

// Hand-worked cases of meters that weigh time (weighted_sum gauges), run on each engine by
// sqlCases.ts: `aggregatedOn` loads the events, aggregates them in the engine and checks the result
// equal to the in-memory aggregates (whole period and each piece).

const unit = (id: string, unitPrice: string) => ({
  id,
  name: id,
  meter: id,
  price: { model: "unit", unitPrice },
});
const hour = (day: number, hours: number) => new Date(Date.UTC(2026, 1, day, hours)).toISOString();
const event = eventAt;

// Storage in GB-month at $1, $2 from February 15 (an amendment cuts the month in two pieces), and
// nodes running, counted in node-hours at $0.01 (+1 when one starts, −1 when one stops).
const weightedPrepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_weighted",
    meters: [
      { id: "storage", eventType: "s", aggregation: "weighted_sum", valueProperty: "gb" },
      {
        id: "nodes",
        eventType: "n",
        aggregation: "weighted_sum",
        valueProperty: "delta",
        weighted: { values: "change", per: "hour" },
      },
    ],
    charges: [unit("storage", "1"), unit("nodes", "0.01")],
    amendments: [{ id: "up", effective: "2026-02-15", charges: [unit("storage", "2")] }],
  }),
  "2026-02",
);
const weightedEvents: TableEvent[] = [
  event("s0", "s", hour(0, 23), { gb: 999 }),
  event("s1", "s", hour(1, 0), { gb: 100 }),
  // Two levels at one instant: ordered by id in code points, "s10" before "s2", so 400 holds.
  event("s2", "s", hour(15, 0), { gb: "400" }),
  event("s10", "s", hour(15, 0), { gb: 50 }),
  event("s9", "s", hour(20, 12), { gb: "lots" }),
  event("n1", "n", hour(1, 0), { delta: 1 }),
  event("n2", "n", hour(1, 12), { delta: 1 }),
  event("n3", "n", hour(2, 0), { delta: "-1" }),
];

/** weighted_sum meters (levels and changes, a split period), on the engine behind `aggregatedOn`. */
export function weightedCases(aggregatedOn: AggregatedOn, reload: () => Promise<void>) {
  it("keeps a weighted_sum meter's points, per piece, and rates them as worked out by hand", async () => {
    const aggregates = await aggregatedOn(weightedPrepared, weightedEvents);
    const storage = (states: UsageAggregates["whole"] | undefined) =>
      (states?.meters as { total: unknown }[] | undefined)?.[0]?.total;
    const point = (timestamp: string, id: string, value: string) => ({
      timestamp: Date.parse(timestamp),
      id,
      value,
    });
    // s0 is before the period, s9's level is no number: neither is a point.
    expect(aggregates.whole.excluded.map(({ reason, sampleIds }) => [reason, sampleIds])).toEqual([
      ["outside_period", ["s0"]],
      ["invalid_value", ["s9"]],
    ]);
    expect(storage(aggregates.whole)).toEqual([
      point(hour(1, 0), "s1", "100"),
      point(hour(15, 0), "s10", "50"),
      point(hour(15, 0), "s2", "400"),
    ]);
    expect(storage(aggregates.pieces?.[0])).toEqual([point(hour(1, 0), "s1", "100")]);
    expect(storage(aggregates.pieces?.[1])).toEqual([
      point(hour(15, 0), "s10", "50"),
      point(hour(15, 0), "s2", "400"),
    ]);
    const invoice = rateFromAggregates(weightedPrepared, aggregates);
    const lines = invoice.lines.map((line) => [line.id, line.quantity, line.amount]);
    // Feb 1–15: 100 GB × 14 days ÷ 28 days = 50 GB-month × $1 = $50.00.
    // Feb 15–Mar 1, opening at 100 GB: 50 GB for no time, then 400 GB × 14 days ÷ 28 = 200 × $2 = $400.00.
    // Nodes: 1 × 12 h + 2 × 12 h + 1 × 27 days × 24 h = 12 + 24 + 648 = 684 node-hours × $0.01 = $6.84.
    expect(lines).toEqual([
      ["storage@2026-02-01", "50", "50.00"],
      ["storage@2026-02-15", "200", "400.00"],
      ["nodes", "684", "6.84"],
    ]);
    // 50 + 400 + 6.84 = 456.84
    expect(invoice.total).toBe("456.84");
    await reload();
  });
}

// Egress (sum of gb, grouped by region) and API calls (count) of a New York contract in March 2026,
// when the clocks go forward (March 8 has 23 hours), with the daily quantities asked for and an
// amendment of the API price from March 8 (a piece whose day 0 is March 8).
const dailyPrepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_daily",
    timeZone: "America/New_York",
    meters: [
      { id: "egress", eventType: "e", aggregation: "sum", valueProperty: "gb" },
      { id: "api", eventType: "a", aggregation: "count" },
    ],
    charges: [
      {
        id: "egress",
        name: "egress",
        meter: "egress",
        price: { model: "grouped", groupBy: ["r"], price: { model: "unit", unitPrice: "1" } },
      },
      unit("api", "0.5"),
    ],
    amendments: [{ id: "api_up", effective: "2026-03-08", charges: [unit("api", "1")] }],
  }),
  "2026-03",
  { daily: true },
);
const dailyEvents: TableEvent[] = [
  // 2026-02-28 23:59:59 in New York (UTC−5): before the period.
  event("e0", "e", "2026-03-01T04:59:59Z", { gb: 9, r: "eu" }),
  // Mar 1 00:00 EST: day 0.
  event("e1", "e", "2026-03-01T05:00:00Z", { gb: 1.5, r: "eu" }),
  // Mar 7 23:30 EST: day 6.
  event("e2", "e", "2026-03-08T04:30:00Z", { gb: "2.25", r: "us" }),
  // Mar 8 23:30 EDT (UTC−4 since 02:00): still day 7, the 23-hour day.
  event("e3", "e", "2026-03-09T03:30:00Z", { gb: 3, r: "eu" }),
  // Mar 9 00:00 EDT: day 8.
  event("e4", "e", "2026-03-09T04:00:00Z", { gb: "0.25", r: "eu" }),
  event("a1", "a", "2026-03-01T05:00:00Z", {}),
  // Mar 31 23:00 EDT: day 30, the last; Apr 1 00:00 EDT is after the period.
  event("a2", "a", "2026-04-01T03:00:00Z", {}),
  event("a3", "a", "2026-04-01T04:00:00Z", {}),
];

/** Daily quantities of sums and counts in a zone with a DST change, on the engine behind `aggregatedOn`. */
export function dailyCases(aggregatedOn: AggregatedOn, reload: () => Promise<void>) {
  it("keeps each local day's sum and count, per piece, as worked out by hand", async () => {
    const aggregates = await aggregatedOn(dailyPrepared, dailyEvents);
    const days = (states: UsageAggregates["whole"] | undefined, index: number) =>
      (states?.meters as { daily?: unknown }[] | undefined)?.[index]?.daily;
    expect(aggregates.daily).toBe(true);
    expect(days(aggregates.whole, 0)).toEqual([
      [0, { sum: "1.5", events: 1 }],
      [6, { sum: "2.25", events: 1 }],
      [7, { sum: "3", events: 1 }],
      [8, { sum: "0.25", events: 1 }],
    ]);
    expect(days(aggregates.whole, 1)).toEqual([
      [0, { events: 1 }],
      [30, { events: 1 }],
    ]);
    // The second piece starts on March 8 (its day 0): e3 on day 0, e4 on day 1, a2 on day 23 (31 − 8).
    expect(days(aggregates.pieces?.[1], 0)).toEqual([
      [0, { sum: "3", events: 1 }],
      [1, { sum: "0.25", events: 1 }],
    ]);
    expect(days(aggregates.pieces?.[1], 1)).toEqual([[23, { events: 1 }]]);
    const invoice = rateFromAggregates(dailyPrepared, aggregates);
    const egress = invoice.usage.meters.find((meter) => meter.meter === "egress");
    const nonzero = egress?.daily?.filter((day) => day.quantity !== "0");
    // 1.5 + 2.25 + 3 + 0.25 = 7 GB over 31 days of March.
    expect([egress?.quantity, egress?.daily?.length]).toEqual(["7", 31]);
    expect(nonzero).toEqual([
      { date: "2026-03-01", quantity: "1.5" },
      { date: "2026-03-07", quantity: "2.25" },
      { date: "2026-03-08", quantity: "3" },
      { date: "2026-03-09", quantity: "0.25" },
    ]);
    // Egress eu 1.5 + 3 + 0.25 = 4.75, us 2.25: $7.00; API: a1 × $0.50 before March 8, a2 × $1 after: $1.50.
    expect(invoice.total).toBe("8.50");
    await reload();
  });
}

// Meters that run across periods (persistent): seats added and removed (a unique count, plain and
// prorated by days active) and disk as a running sum (plain and prorated), February 2026 (28 days).
const persistentPrepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_persistent",
    meters: [
      { id: "seats", eventType: "seat", aggregation: "unique_count", valueProperty: "user" },
      { id: "seat_days", eventType: "seat", aggregation: "unique_count", valueProperty: "user" },
      { id: "disk", eventType: "d", aggregation: "sum", valueProperty: "gb" },
      { id: "disk_days", eventType: "d", aggregation: "sum", valueProperty: "gb" },
    ].map((meter) => ({
      ...meter,
      persistent: true,
      ...(meter.aggregation === "unique_count" ? { operationProperty: "op" } : {}),
      ...(meter.id.endsWith("_days") ? { prorated: true } : {}),
    })),
    charges: [unit("seats", "10"), unit("seat_days", "10"), unit("disk", "1"), unit("disk_days", "1")],
  }),
  "2026-02",
);
const persistentEvents: TableEvent[] = [
  event("p1", "seat", hour(1, 0), { user: "alice" }),
  event("p2", "seat", hour(11, 0), { user: "bob", op: "add" }),
  event("p3", "seat", hour(20, 0), { user: "alice", op: "remove" }),
  // An operation that is neither add nor remove: the event is left out (invalid_value).
  event("p4", "seat", hour(20, 0), { user: "carol", op: "drop" }),
  event("p5", "seat", hour(5, 0), { user: 7 }),
  event("d1", "d", hour(1, 0), { gb: 100 }),
  event("d2", "d", hour(15, 0), { gb: "-40" }),
];

/** Persistent meters (unique counts with operations, running sums, prorated), on the engine behind `aggregatedOn`. */
export function persistentCases(aggregatedOn: AggregatedOn, reload: () => Promise<void>) {
  it("keeps a persistent meter's operations or values and rates them as worked out by hand", async () => {
    const aggregates = await aggregatedOn(persistentPrepared, persistentEvents);
    const totals = (aggregates.whole.meters as { total: unknown }[]).map((meter) => meter.total);
    const operation = (day: number, id: string, key: string, remove: boolean) => ({
      timestamp: Date.UTC(2026, 1, day),
      id,
      key,
      remove,
    });
    const seatOperations = [
      operation(1, "p1", "alice", false),
      operation(5, "p5", "7", false),
      operation(11, "p2", "bob", false),
      operation(20, "p3", "alice", true),
    ];
    expect(totals).toEqual([
      seatOperations,
      seatOperations,
      { sum: "60", events: 2 },
      [
        { timestamp: Date.UTC(2026, 1, 1), value: "100" },
        { timestamp: Date.UTC(2026, 1, 15), value: "-40" },
      ],
    ]);
    expect(aggregates.whole.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["p4"] }]);
    const invoice = rateFromAggregates(persistentPrepared, aggregates);
    // Seats: alice, 7 and bob were active in February: 3 × $10 = $30.00.
    // Seat-days: alice Feb 1–20 (20 days), 7 Feb 5–28 (24), bob Feb 11–28 (18): 62 ÷ 28 = 2.2142857…
    //   → 2.21429 (up, 5 decimals) × $10 = $22.1429 → $22.14.
    // Disk: 100 − 40 = 60 GB × $1 = $60.00. Disk-days: 100 × 28 days − 40 × 14 days (Feb 15–28) = 2,240
    //   ÷ 28 = 80 × $1 = $80.00.
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["seats", "3", "30.00"],
      ["seat_days", "2.21429", "22.14"],
      ["disk", "60", "60.00"],
      ["disk_days", "80", "80.00"],
    ]);
    // 30 + 22.14 + 60 + 80 = 192.14
    expect(invoice.total).toBe("192.14");
    await reload();
  });
}
