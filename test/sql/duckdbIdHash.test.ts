import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregateForRating,
  compileUsageSql,
  parseContract,
  prepareRating,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { sqlDialect } from "../../src/sql/dialect.js";
import { duckdbEngine } from "./duckdbEngine.js";
import { contractHead, eventAt, type TableEvent, type TestEngine } from "./engines.js";

// DuckDB finds repeated ids by sorting a short hash of each id (src/sql/dialect.ts `idHash`), then
// groups by id only the events whose hash repeats. Two different ids that share the hash must still
// count as two events, and a real copy beside them must still be found.
const prepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_hash",
    meters: [{ id: "calls", eventType: "api.call", aggregation: "count", unit: "calls" }],
    charges: [{ id: "calls", name: "Calls", meter: "calls", price: { model: "unit", unitPrice: "1" } }],
  }),
  "2026-02",
);

describe("DuckDB's repeated ids, found by sorting id hashes", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await duckdbEngine();
  }, 60_000);
  afterAll(async () => engine.close());

  // Two ids of the form c<n> whose hashes are equal, found by the engine itself (about 10 pairs among
  // 300,000 ids for a 32-bit hash: 300,000² / 2³³).
  async function collidingIds(): Promise<[string, string]> {
    const hash = sqlDialect("duckdb").idHash;
    if (hash === undefined) throw new Error("DuckDB sorts id hashes");
    const [pair] = (await engine.run(
      `SELECT MIN(id) AS a, MAX(id) AS b FROM (SELECT 'c' || i AS id, ${hash("'c' || i")} AS h FROM range(300000) r(i)) t GROUP BY h HAVING COUNT(*) > 1 ORDER BY a LIMIT 1`,
    )) as { a: string; b: string }[];
    if (pair === undefined) throw new Error("no two ids share a hash");
    return [pair.a, pair.b];
  }

  it("counts two ids that share a hash as two events, beside a copy and a conflicting copy", async () => {
    const [a, b] = await collidingIds();
    expect(a).not.toBe(b);
    const at = "2026-02-10T00:00:00Z";
    const events: TableEvent[] = [
      eventAt(a, "api.call", at, {}),
      eventAt(b, "api.call", at, {}),
      eventAt("copied", "api.call", at, { n: 1 }),
      eventAt("copied", "api.call", at, { n: 1 }),
      eventAt("conflict", "api.call", at, { n: 1 }),
      eventAt("conflict", "api.call", at, { n: 2 }),
    ];
    await engine.load(events);
    const results = [];
    for (const sql of compileUsageSql(prepared, "duckdb", {
      from: "events",
      properties: { json: "properties" },
    }).queries)
      results.push(await engine.run(sql));
    const aggregates = usageAggregatesFromSql(prepared, results);
    expect(aggregates).toEqual(aggregateForRating(prepared, events));
    // By hand: a, b and one copy of "copied" are counted (3); the other copy is a duplicate_id (1);
    // both copies of "conflict" differ in n, so both are left out (2). 3 + 1 + 2 = 6 events read.
    expect(aggregates.whole.eventsRead).toBe(6);
    expect(aggregates.whole.eventsCounted).toBe(3);
    expect(aggregates.whole.excluded).toEqual([
      { reason: "duplicate_id", events: 1, sampleIds: ["copied"] },
      { reason: "conflicting_duplicate", events: 2, sampleIds: ["conflict"] },
    ]);
  });
});
