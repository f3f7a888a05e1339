import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregateForRating,
  compileUsageSql,
  parseContract,
  prepareRating,
  rateFromAggregates,
  type SqlUsageSource,
  usageAggregatesFromSql,
} from "../../src/index.js";
import type { TableEvent, TestEngine } from "./engines.js";

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
    afterAll(async () => engine.close());

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
  });
}
