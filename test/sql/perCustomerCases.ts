import { expect, it } from "vitest";
import {
  aggregateForRating,
  compileUsageSql,
  type PreparedRating,
  parseContract,
  prepareRating,
  rateFromAggregates,
  type SqlUsageSource,
  sqlResultsByCustomer,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { thrown } from "../_support/thrown.js";
import { contractHead, type TableEvent, type TestEngine } from "./engines.js";

// One query for every customer of a plan (`perCustomer`): what `ratecard batch --engine duckdb` runs for
// contracts with the same meters and period, and what a warehouse runs for its customer base. Each
// customer's aggregates must be the in-memory engine's over that customer's events alone.
const planJson = (customer: string) => ({
  ...contractHead,
  id: `ctr_${customer}`,
  customer: { id: customer, name: customer },
  meters: [
    { id: "calls", eventType: "api.call", aggregation: "count", unit: "calls" },
    {
      id: "egress",
      eventType: "egress",
      aggregation: "sum",
      valueProperty: "gb",
      unit: "GB",
    },
    { id: "peak", eventType: "egress", aggregation: "max", valueProperty: "gb", unit: "GB" },
    { id: "last", eventType: "egress", aggregation: "latest", valueProperty: "gb", unit: "GB" },
    {
      id: "hosts",
      eventType: "hb",
      aggregation: "max",
      valueProperty: "host",
      unit: "hosts",
      window: { size: "hour", aggregation: "unique_count" },
    },
  ],
  charges: [
    { id: "calls", name: "Calls", meter: "calls", price: { model: "unit", unitPrice: "0.01" } },
    {
      id: "egress",
      name: "Egress",
      meter: "egress",
      price: { model: "grouped", groupBy: ["region"], price: { model: "unit", unitPrice: "0.05" } },
    },
    { id: "peak", name: "Peak", meter: "peak", price: { model: "unit", unitPrice: "1" } },
    { id: "last", name: "Last", meter: "last", price: { model: "unit", unitPrice: "1" } },
    { id: "hosts", name: "Hosts", meter: "hosts", price: { model: "unit", unitPrice: "18" } },
  ],
});
const CUSTOMERS = ["cus_a", "cus_b", "cus_c", "cus_d"] as const;
const plan = new Map<string, PreparedRating>(
  CUSTOMERS.map((customer) => [customer, prepareRating(parseContract(planJson(customer)), "2026-02")]),
);

const at = (day: number, hour = 0, minute = 0) =>
  new Date(Date.UTC(2026, 1, day, hour, minute)).toISOString().replace(".000Z", "Z");
const call = (id: string, customer: string, day: number): TableEvent => ({
  id,
  type: "api.call",
  customer,
  timestamp: at(day),
});
const egress = (id: string, customer: string, day: number, gb: unknown, region = "eu"): TableEvent => ({
  id,
  type: "egress",
  customer,
  timestamp: at(day, 10),
  properties: { gb, region },
});
const beat = (id: string, customer: string, minute: number, host: string): TableEvent => ({
  id,
  type: "hb",
  customer,
  timestamp: at(3, 5, minute),
  properties: { host },
});

// cus_a and cus_b both send id "e1" (not copies: each customer's ids are its own); cus_a sends e2 twice
// alike (a copy) and e3 twice unalike (conflicting); cus_b has an unknown type, an event in March and a
// value that is no number; cus_c has hosts only; cus_d sends nothing; cus_z has no contract of the plan.
const events: TableEvent[] = [
  call("e1", "cus_a", 1),
  call("e1", "cus_b", 1),
  egress("e2", "cus_a", 2, "10.5"),
  egress("e2", "cus_a", 2, "10.5"),
  egress("e3", "cus_a", 3, 1),
  egress("e3", "cus_a", 3, 2),
  egress("e4", "cus_a", 4, "3", "us"),
  egress("f1", "cus_b", 5, "7.25", "us"),
  egress("f2", "cus_b", 6, "lots"),
  { id: "f3", type: "login", customer: "cus_b", timestamp: at(7) },
  egress("f4", "cus_b", 40, "1"),
  beat("h1", "cus_c", 0, "i-1"),
  beat("h2", "cus_c", 10, "i-1"),
  beat("h3", "cus_c", 20, "i-2"),
  call("z1", "cus_z", 1),
];

export function perCustomerCases(engine: () => TestEngine, from: () => string) {
  it("aggregates every customer of a plan in one query, each as the in-memory engine does over its own events", async () => {
    await engine().load(events);
    const prepared = plan.get("cus_a") as PreparedRating;
    const source: SqlUsageSource = { from: from(), properties: { json: "properties" } };
    const { queries } = compileUsageSql(prepared, engine().dialect, source, { perCustomer: true });
    // Every customer's contract compiles to the same queries: the plan's, whoever it bills.
    expect(
      compileUsageSql(plan.get("cus_d") as PreparedRating, engine().dialect, source, { perCustomer: true })
        .queries,
    ).toEqual(queries);
    const results: unknown[][] = [];
    for (const sql of queries) results.push(await engine().run(sql));
    const split = sqlResultsByCustomer(results);
    // cus_d sent nothing: it has no rows, and is rated from empty results. cus_z is in the table, with
    // no contract here: its rows are there for a caller that bills it.
    expect([...split.keys()].sort()).toEqual(["cus_a", "cus_b", "cus_c", "cus_z"]);
    for (const customer of CUSTOMERS) {
      const own = plan.get(customer) as PreparedRating;
      const rows = split.get(customer) ?? queries.map(() => []);
      const aggregates = usageAggregatesFromSql(own, rows);
      const alone = events.filter((event) => event.customer === customer);
      expect(aggregates, customer).toEqual(aggregateForRating(own, alone));
    }
    const totalOf = (customer: string) =>
      rateFromAggregates(
        plan.get(customer) as PreparedRating,
        usageAggregatesFromSql(
          plan.get(customer) as PreparedRating,
          split.get(customer) ?? queries.map(() => []),
        ),
      ).total;
    // By hand. cus_a: 1 call × 0.01 = 0.01; egress by region: eu 10.5 GB (e2 once; e3's copies disagree,
    // left out) × 0.05 = 0.525 → 0.52 (half even: a tie, 2 is even), us 3 GB (e4) × 0.05 = 0.15; peak
    // 10.5; last 3 (e4, the latest): 0.01 + 0.52 + 0.15 + 10.50 + 3.00 = 14.18.
    expect(totalOf("cus_a")).toBe("14.18");
    // cus_b: 1 call 0.01; egress us 7.25 GB × 0.05 = 0.3625 → 0.36; peak and last 7.25 (f2 is no number,
    // f4 is March's): 0.01 + 0.36 + 7.25 + 7.25 = 14.87.
    expect(totalOf("cus_b")).toBe("14.87");
    // cus_c: hour 5 of 3 February heard i-1 (twice) and i-2: 2 hosts × 18 = 36.00. cus_d: nothing, 0.00.
    expect(totalOf("cus_c")).toBe("36.00");
    expect(totalOf("cus_d")).toBe("0.00");
  });

  it("refuses events without a customer, which are nobody's to bill, rather than leave them out unsaid", async () => {
    await engine().load([...events, { ...call("n1", "", 1) }]);
    const source: SqlUsageSource = { from: from(), properties: { json: "properties" } };
    const { queries } = compileUsageSql(plan.get("cus_a") as PreparedRating, engine().dialect, source, {
      perCustomer: true,
    });
    const results: unknown[][] = [];
    for (const sql of queries) results.push(await engine().run(sql));
    expect(thrown(() => sqlResultsByCustomer(results))).toMatchObject({
      code: "invalid_event",
      message: expect.stringContaining("1 event(s) of the usage table have no id, type or customer"),
    });
  });
}
