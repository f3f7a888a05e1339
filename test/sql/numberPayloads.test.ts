import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateForRating, compileUsageSql, usageAggregatesFromSql } from "../../src/index.js";
import { clickhouseEngine } from "./clickhouseEngine.js";
import { countCallsPrepared, quote } from "./engines.js";

// Copies of an event whose properties hold one number written two ways (docs/concepts.md: copies with
// the same payload count once). The in-memory engine reads the JSON as JSON.parse does, so 1.0, 1e0
// and 1 are the number 1, and -0.0 is 0. DuckDB compared the JSON type too (1.0 is a DOUBLE, 1 a
// UBIGINT) and left such copies out as conflicting_duplicate; ClickHouse already read them by value,
// and its case guards that.
const prepared = countCallsPrepared("ctr_numbers");

// [id, properties as written]: each id twice.
const copies: ReadonlyArray<readonly [string, string, string]> = [
  ["p1", '{"n":1.0}', '{"n":1}'],
  ["p2", '{"n":1e0}', '{"n":1}'],
  ["p3", '{"n":-0.0}', '{"n":0}'],
  ["p4", '{"n":1.50}', '{"n":1.5}'],
  ["p5", '{"n":1}', '{"n":"1"}'],
  ["p6", '{"n":2}', '{"n":3}'],
];
const at = "2026-02-10T00:00:00Z";
const rows = copies.flatMap(([id, a, b]) => [
  [id, a],
  [id, b],
]);

const events = rows.map(([id, json]) => ({
  id,
  type: "api.call",
  customer: "cus_a",
  timestamp: at,
  properties: JSON.parse(json!),
}));

// The aggregates an engine computes from the compiled queries, against the in-memory engine's.
function expectInMemoryCounts(aggregates: ReturnType<typeof usageAggregatesFromSql>): void {
  expect(aggregates).toEqual(aggregateForRating(prepared, events));
  // By hand: p1 (1.0 = 1), p2 (1e0 = 1), p3 (-0.0 = 0), p4 (1.50 = 1.5) count once, their second copy a
  // duplicate_id (4); p5 (the number 1 against the text "1") and p6 (2 against 3) differ, both copies
  // of each left out (4). 12 read, 4 counted.
  expect(aggregates.whole.eventsCounted).toBe(4);
  expect(aggregates.whole.excluded).toEqual([
    { reason: "duplicate_id", events: 4, sampleIds: ["p1", "p2", "p3", "p4"] },
    { reason: "conflicting_duplicate", events: 4, sampleIds: ["p5", "p6"] },
  ]);
}

describe("DuckDB's copies of an event with one number written two ways", () => {
  let connection: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>["connect"]>>;
  beforeAll(async () => {
    connection = await (await DuckDBInstance.create(":memory:")).connect();
    await connection.run(
      "CREATE TABLE events (id VARCHAR, type VARCHAR, customer VARCHAR, timestamp VARCHAR, properties JSON)",
    );
    await connection.run(
      `INSERT INTO events VALUES ${rows.map(([id, json]) => `('${id}', 'api.call', 'cus_a', '${at}', '${json}')`).join(", ")}`,
    );
  }, 60_000);
  afterAll(() => connection.closeSync());

  it("are one payload where the numbers are equal, as the in-memory engine reads them", async () => {
    const results = [];
    for (const sql of compileUsageSql(prepared, "duckdb", {
      from: "events",
      properties: { json: "properties" },
    }).queries)
      results.push((await connection.runAndReadAll(sql)).getRowObjectsJS());
    expectInMemoryCounts(usageAggregatesFromSql(prepared, results));
  });
});

describe("ClickHouse's copies of an event with one number written two ways", () => {
  it("are one payload where the numbers are equal, as the in-memory engine reads them", async () => {
    const engine = await clickhouseEngine();
    // The properties as written (not re-serialised: JSON.stringify would write 1.0 as 1).
    const values = rows
      .map(([id, json]) => `(${[id!, "api.call", "cus_a", at, json!].map(quote).join(", ")})`)
      .join(", ");
    const from = `values('id String, type String, customer String, timestamp String, properties String', ${values})`;
    try {
      const results = [];
      for (const sql of compileUsageSql(prepared, "clickhouse", { from, properties: { json: "properties" } })
        .queries)
        results.push(await engine.run(sql));
      expectInMemoryCounts(usageAggregatesFromSql(prepared, results));
    } finally {
      await engine.close();
    }
  }, 60_000);
});
