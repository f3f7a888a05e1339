import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregateForRating,
  compileUsageSql,
  type PreparedRating,
  parseContract,
  prepareRating,
  rateFromAggregates,
  type SqlUsageSource,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { thrown } from "../_support/thrown.js";
import { amendedCellCases } from "./amendedCellCases.js";
import { compileRefusals, derivedCases, twoLevelCases } from "./derivedCases.js";
import { closeStarted, contractHead, eventAt, type TableEvent, type TestEngine } from "./engines.js";
import { epochInstantRows, epochTimestampCases } from "./epochTimestampCases.js";
import { filterCases } from "./filterCases.js";
import { nativeTimestampCases } from "./nativeTimestampCases.js";
import { numberTextCases } from "./numberTextCases.js";
import { perCustomerCases } from "./perCustomerCases.js";
import { rowCountCases } from "./rowCountCases.js";
import { dailyCases, persistentCases, weightedCases } from "./timeCases.js";
import { transactionCases } from "./transactionCases.js";
import { windowUniqueCases } from "./windowUniqueCases.js";
import { windowZoneCases } from "./windowZoneCases.js";

// The worked example of docs/sql-engines.md: API calls at $0.0001 (count) and egress at $0.05 per GB
// (sum of gb), with a copy, a conflicting copy, another customer's event and an unknown type.
const contract = parseContract({
  schemaVersion: 1,
  id: "ctr_sql",
  customer: { id: "cus_a", name: "A" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly", alignment: "calendar" },
  term: { start: "2026-01-01" },
  meters: [
    { id: "api_calls", eventType: "api.call", aggregation: "count", unit: "calls" },
    { id: "egress", eventType: "egress", aggregation: "sum", valueProperty: "gb", unit: "GB" },
  ],
  charges: [
    { id: "api", name: "API calls", meter: "api_calls", price: { model: "unit", unitPrice: "0.0001" } },
    { id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.05" } },
  ],
});
const prepared = prepareRating(contract, "2026-02");
const events: TableEvent[] = [
  { id: "e1", type: "api.call", customer: "cus_a", timestamp: "2026-02-01T00:00:00Z" },
  { id: "e1", type: "api.call", customer: "cus_a", timestamp: "2026-02-01T00:00:00Z" },
  {
    id: "e2",
    type: "egress",
    customer: "cus_a",
    timestamp: "2026-02-02T10:00:00Z",
    properties: { gb: "1500.4" },
  },
  { id: "e3", type: "egress", customer: "cus_a", timestamp: "2026-02-03T10:00:00Z", properties: { gb: 0.6 } },
  { id: "e4", type: "egress", customer: "cus_a", timestamp: "2026-02-03T10:00:00Z", properties: { gb: 1 } },
  { id: "e4", type: "egress", customer: "cus_a", timestamp: "2026-02-03T10:00:00Z", properties: { gb: 2 } },
  { id: "e5", type: "egress", customer: "cus_b", timestamp: "2026-02-03T10:00:00Z", properties: { gb: 7 } },
  { id: "e6", type: "login", customer: "cus_a", timestamp: "2026-02-03T10:00:00Z" },
  { id: "e7", type: "egress", customer: "cus_a", timestamp: "2026-03-03T10:00:00Z", properties: { gb: 7 } },
  {
    id: "e8",
    type: "egress",
    customer: "cus_a",
    timestamp: "2026-02-03T10:00:00Z",
    properties: { gb: "lots" },
  },
];

/** The worked example and the hand-worked cases, on one engine (one instance per test file). */
export function describeSqlEngine(make: () => Promise<TestEngine>, from: () => string): void {
  describe("SQL aggregation on a real engine", () => {
    let engine: TestEngine;
    beforeAll(async () => {
      engine = await make();
      await engine.load(events);
    }, 120_000);
    afterAll(() => closeStarted(engine));

    // The events loaded, aggregated by the engine, and checked equal to the in-memory aggregates.
    async function aggregatedOn(prepared: PreparedRating, loaded: TableEvent[]) {
      await engine.load(loaded);
      const source: SqlUsageSource = { from: from(), properties: { json: "properties" } };
      const results = [];
      for (const sql of compileUsageSql(prepared, engine.dialect, source).queries)
        results.push(await engine.run(sql));
      const aggregates = usageAggregatesFromSql(prepared, results);
      expect(aggregates).toEqual(aggregateForRating(prepared, loaded));
      return aggregates;
    }

    it("aggregates the worked example as the in-memory engine does", async () => {
      const source: SqlUsageSource = {
        from: from(),
        properties: { json: "properties" },
      };
      const compiled = compileUsageSql(prepared, engine.dialect, source);
      const results = [];
      for (const sql of compiled.queries) results.push(await engine.run(sql));
      const aggregates = usageAggregatesFromSql(prepared, results);
      const memory = aggregateForRating(prepared, events);
      expect(aggregates).toEqual(memory);
      // By hand: 1 API call × 0.0001 = $0.0001 → $0.00; 1,500.4 + 0.6 = 1,501 GB × 0.05 = $75.05.
      expect(rateFromAggregates(prepared, aggregates).total).toBe("75.05");
    });

    it("reads every value shape and aggregation as worked out by hand", async () => {
      const aggregates = await aggregatedOn(shapesPrepared, shapes);
      const meters = aggregates.whole.meters as { total: unknown; groups?: unknown }[];
      // x4's value has 10 decimals: no meter can read it, so the whole event is left out.
      expect(aggregates.whole.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["x4"] }]);
      // The double 123456789.123456789 reads as its shortest text, 123456789.12345679 (as in JavaScript).
      expect(meters[0]?.total).toEqual({ best: "123456789.12345679", events: 4 });
      expect(meters[1]?.total).toEqual({ best: "0.5", events: 4 });
      // x2 and x3 share the latest instant: the larger id wins.
      expect(meters[2]?.total).toEqual({
        timestamp: Date.UTC(2026, 1, 3, 10),
        id: "x3",
        value: "4",
        events: 4,
      });
      // 2 + 0.5 + 4 + 123456789.12345679 = 123456795.62345679
      expect(meters[3]?.total).toEqual({ sum: "123456795.62345679", events: 4 });
      // "alice" twice, the number 5 and the text "5": three values.
      expect(meters[4]?.total).toEqual({ values: ["n:5", "s:5", "s:alice"], events: 4 });
      // eu: 2 + 123456789.12345679; us: 0.5; no region: 4.
      expect(meters[5]?.groups).toEqual([
        {
          dimensions: ["r"],
          buckets: [
            { group: ["eu"], state: { sum: "123456791.12345679", events: 2 } },
            { group: ["us"], state: { sum: "0.5", events: 1 } },
            { group: [null], state: { sum: "4", events: 1 } },
          ],
        },
      ]);
      await engine.load(events);
    });

    it("sums values on both sides of 10^9 exactly (DuckDB's DECIMAL(18,9) path and its widening)", async () => {
      const aggregates = await aggregatedOn(widePrepared, wide);
      const meters = aggregates.whole.meters as { total: unknown }[];
      // 1,234,567,890.5 + 999,999,999.999999999 = 2,234,567,890.499999999; + 0.000000001 = 2,234,567,890.5;
      // + 1,000,000,000,000 = 1,002,234,567,890.5; + 123,456,789,012,345.123456789 = 124,459,023,580,235.623456789
      expect(meters[0]?.total).toEqual({ sum: "124459023580235.623456789", events: 5 });
      expect(meters[1]?.total).toEqual({ best: "123456789012345.123456789", events: 5 });
      expect(meters[2]?.total).toEqual({ best: "0.000000001", events: 5 });
      await engine.load(events);
    });

    it("reads decimal text with an exponent as the in-memory engine does, and leaves out what it leaves out", async () => {
      const egress = (id: string, gb: unknown): TableEvent => ({
        id,
        type: "egress",
        customer: "cus_a",
        timestamp: "2026-02-10T00:00:00Z",
        properties: { gb },
      });
      // Read (each checked equal to the in-memory aggregates): 1e-7 = 0.0000001, 1.5E2 = 150,
      // -.5e+1 = -5, 100000000000000e-9 = 100,000, 0.0000000001e1 = 0.000000001 (9 decimals),
      // 1e0000000000000000000000001 = 10, 00000000000000000000001e-5 = 0.00001, 0e99999999999999999999
      // = 0, 999999999999999.999999999e0 (the largest quantity), a 1 after 399 zeros moved 399 places
      // (0.1), and the number 1e-7 beside the text.
      const read = [
        "1e-7",
        "1.5E2",
        "-.5e+1",
        "100000000000000e-9",
        "0.0000000001e1",
        "1e0000000000000000000000001",
        "00000000000000000000001e-5",
        "0e99999999999999999999",
        "999999999999999.999999999e0",
        `0.${"0".repeat(399)}1e399`,
      ];
      // Left out as invalid_value: 10^15 (too large), 10^-10 (10 decimals), exponents of 20 digits
      // either way, 1e2000000, a 1 after 399 zeros moved 390 places (10^-10), 1e and e5 (not numbers).
      const refused = [
        "1e15",
        "1e-10",
        "1e99999999999999999999",
        "1e-99999999999999999999",
        "1e2000000",
        `0.${"0".repeat(399)}1e390`,
        "1e",
        "e5",
      ];
      const aggregates = await aggregatedOn(prepared, [
        ...read.map((gb, i) => egress(`r${i}`, gb)),
        egress("n1", 1e-7),
        ...refused.map((gb, i) => egress(`x${i}`, gb)),
      ]);
      // whole: 150 − 5 + 100,000 + 10 + 999,999,999,999,999 = 1,000,000,000,100,154; fractions:
      // 0.0000001 + 0.000000001 + 0.00001 + 0.999999999 + 0.1 + 0.0000001 = 1.1000102; in all
      // 1,000,000,000,100,155.1000102 of 11 events (above 10^15: a total is reported, not priced)
      expect((aggregates.whole.meters as { total: unknown }[])[1]?.total).toEqual({
        sum: "1000000000100155.1000102",
        events: 11,
      });
      expect(aggregates.whole.excluded).toEqual([
        { reason: "invalid_value", events: 8, sampleIds: ["x0", "x1", "x2", "x3", "x4"] },
      ]);
      await engine.load(events);
    });

    derivedCases(
      aggregatedOn,
      () => engine.dialect,
      () => engine.load(events),
    );
    twoLevelCases(aggregatedOn, () => engine.load(events));
    windowUniqueCases(aggregatedOn, () => engine.load(events));
    windowZoneCases(aggregatedOn, () => engine.load(events));
    weightedCases(aggregatedOn, () => engine.load(events));
    dailyCases(aggregatedOn, () => engine.load(events));
    persistentCases(aggregatedOn, () => engine.load(events));
    transactionCases(aggregatedOn, () => engine.load(events));
    filterCases(aggregatedOn, () => engine.load(events));
    numberTextCases(aggregatedOn, () => engine.load(events));
    amendedCellCases(aggregatedOn, () => engine.load(events));
    perCustomerCases(() => engine, from);
    rowCountCases(
      () => engine,
      from,
      () => engine.load(events),
    );
    nativeTimestampCases(
      () => engine,
      from,
      () => engine.load(events),
    );
    epochTimestampCases(
      () => engine,
      from,
      () => engine.load(events),
    );
    epochInstantRows(
      () => engine,
      from,
      () => engine.load(events),
    );

    it("reads the offsets ratecard reads and refuses the timestamps it refuses (no zone, a space, 24:00, 1969, 29 February 2026)", async () => {
      const egress = (id: string, timestamp: string, gb: string): TableEvent => ({
        id,
        type: "egress",
        customer: "cus_a",
        timestamp,
        properties: { gb },
      });
      // +05:30 and +0530 are one instant; 9 fraction digits floor to their millisecond (PostgreSQL, which
      // rounds to the microsecond, put t3 in March until its extra digits were dropped); 00:30 at +01:00
      // on 1 February is 23:30 UTC on 31 January, outside the period: compared with the in-memory engine.
      const aggregates = await aggregatedOn(prepared, [
        egress("t1", "2026-02-10T00:00:00+05:30", "1"),
        egress("t2", "2026-02-10T00:00:00+0530", "2"),
        egress("t3", "2026-02-28T23:59:59.999999999Z", "4"),
        egress("t4", "2026-02-01T00:30:00+01:00", "8"),
        // No seconds, as ratecard reads them (DuckDB's cast refused these).
        egress("t5", "2026-02-10T00:00Z", "16"),
        egress("t6", "2026-02-10T05:30+05:30", "32"),
        // Offsets past ±15:59, which ratecard reads up to ±23:59 and PostgreSQL's own zone reading refuses.
        egress("t8", "2026-02-10T00:00:00+23:59", "64"),
        egress("t9", "2026-02-10T00:00-2359", "128"),
      ]);
      // 1 + 2 + 4 + 16 + 32 + 64 + 128 = 247 GB × $0.05 = $12.35
      expect(rateFromAggregates(prepared, aggregates).total).toBe("12.35");
      const refused = [
        "2026-02-10T00:00:00",
        "2026-02-10 00:00:00Z",
        "2026-02-10T24:00:00Z",
        "1969-12-31T23:59:59Z",
        // Not in the calendar (2026 is no leap year; April has 30 days).
        "2026-02-29T00:00:00Z",
        "2026-04-31T00:00:00+02:00",
      ];
      // One table of them all, one query: each must be counted refused (`events`: 6), so one read would
      // fail the count. A query for each made ClickHouse plan six (the test 25.5 s at load 10, now 9.6).
      await engine.load(refused.map((timestamp, index) => egress(`t7${"abcdef"[index]}`, timestamp, "1")));
      const source: SqlUsageSource = { from: from(), properties: { json: "properties" } };
      const results: unknown[][] = [];
      for (const sql of compileUsageSql(prepared, engine.dialect, source).queries)
        results.push(await engine.run(sql));
      expect(() => usageAggregatesFromSql(prepared, results)).toThrow(
        expect.objectContaining({ code: "invalid_event", details: expect.objectContaining({ events: 6 }) }),
      );
      await engine.load(events);
    });

    it("names the mapping's timestamp when not one event read has a readable instant", async () => {
      // Milliseconds since 1970 in a table mapped as ISO text (the mapping lacks timestamp: "epoch_ms").
      const millis = (id: string, ms: number): TableEvent => eventAt(id, "egress", String(ms), { gb: "1" });
      const refusal = async (loaded: TableEvent[]) => {
        await engine.load(loaded);
        const source: SqlUsageSource = { from: from(), properties: { json: "properties" } };
        const results: unknown[][] = [];
        for (const sql of compileUsageSql(prepared, engine.dialect, source).queries)
          results.push(await engine.run(sql));
        return thrown(() => usageAggregatesFromSql(prepared, results));
      };
      expect(await refusal([millis("m1", 1770681600000), millis("m2", 1770768000000)])).toMatchObject({
        code: "invalid_event",
        details: { events: 2, field: "timestamp" },
      });
      // One event of three readable: the events, not the mapping (no field named).
      const some = await refusal([
        millis("m1", 1770681600000),
        millis("m2", 1770768000000),
        eventAt("m3", "egress", "2026-02-10T00:00:00Z", { gb: "1" }),
      ]);
      expect(some).toMatchObject({ code: "invalid_event", details: { events: 2 } });
      expect((some as { details: object }).details).not.toHaveProperty("field");
      await engine.load(events);
    });

    it("refuses to compile a computed value with more decimals than the engine keeps", () => {
      compileRefusals(engine.dialect);
    });
  });
}

// Values that fit DECIMAL(18,9) (below 10^9) and values that need the wide type, text and a JSON number.
const wide: TableEvent[] = [
  ["w1", "1234567890.5"],
  ["w2", "999999999.999999999"],
  ["w3", 1_000_000_000_000],
  ["w4", "0.000000001"],
  ["w5", "123456789012345.123456789"],
].map(([id, v]) => ({
  id: String(id),
  type: "m",
  customer: "cus_a",
  timestamp: "2026-02-02T00:00:00Z",
  properties: { v },
}));

// A monthly UTC contract of customer cus_a with these meters and charges.
const contractOf = (id: string, meters: unknown[], charges: unknown[]) =>
  parseContract({ ...contractHead, id, meters, charges });
const unitCharge = (meter: string) => ({
  id: meter,
  name: meter,
  meter,
  price: { model: "unit", unitPrice: "1" },
});

const widePrepared = prepareRating(
  contractOf(
    "ctr_wide",
    [
      { id: "total", eventType: "m", aggregation: "sum", valueProperty: "v" },
      { id: "peak", eventType: "m", aggregation: "max", valueProperty: "v" },
      { id: "low", eventType: "m", aggregation: "min", valueProperty: "v" },
    ],
    ["total", "peak", "low"].map(unitCharge),
  ),
  "2026-02",
);

const shapesContract = contractOf(
  "ctr_shapes",
  [
    { id: "peak", eventType: "m", aggregation: "max", valueProperty: "v" },
    { id: "low", eventType: "m", aggregation: "min", valueProperty: "v" },
    { id: "last", eventType: "m", aggregation: "latest", valueProperty: "v" },
    { id: "mean", eventType: "m", aggregation: "avg", valueProperty: "v" },
    { id: "users", eventType: "m", aggregation: "unique_count", valueProperty: "u" },
    { id: "regional", eventType: "m", aggregation: "sum", valueProperty: "v" },
  ],
  [
    ...["peak", "low", "last", "mean", "users"].map(unitCharge),
    {
      id: "regional",
      name: "regional",
      meter: "regional",
      price: { model: "grouped", groupBy: ["r"], price: { model: "unit", unitPrice: "1" } },
    },
  ],
);
const shapesPrepared = prepareRating(shapesContract, "2026-02");
const at = (day: number, hour: number) => new Date(Date.UTC(2026, 1, day, hour)).toISOString();
const shapes: TableEvent[] = [
  { id: "x1", type: "m", customer: "cus_a", timestamp: at(2, 10), properties: { v: 2, u: "alice", r: "eu" } },
  { id: "x2", type: "m", customer: "cus_a", timestamp: at(3, 10), properties: { v: "0.5", u: 5, r: "us" } },
  { id: "x3", type: "m", customer: "cus_a", timestamp: at(3, 10), properties: { v: 4, u: "5" } },
  {
    id: "x4",
    type: "m",
    customer: "cus_a",
    timestamp: at(4, 10),
    properties: { v: "0.0000000001", u: "bob" },
  },
  {
    id: "x5",
    type: "m",
    customer: "cus_a",
    timestamp: at(1, 10),
    properties: { v: Number("123456789.123456789"), u: "alice", r: "eu" },
  },
];
