import { DuckDBInstance } from "@duckdb/node-api";
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
import {
  closeStarted,
  contractHead,
  countCallsPrepared,
  eventAt,
  type TableEvent,
  type TestEngine,
} from "./engines.js";

// The shape of DuckDB's query for speed (docs/scale-measurements.md, "Is the query single-threaded?"),
// checked where a wrong shape would change a result: ids that share a short hash, and a CSV file's groups.

// DuckDB finds repeated ids by sorting a short hash of each id (src/sql/dialect.ts `idHash`), then
// groups by id only the events whose hash repeats. Two different ids that share the hash must still
// count as two events, and a real copy beside them must still be found.
const countPrepared = countCallsPrepared("ctr_hash");

describe("DuckDB's repeated ids, found by sorting id hashes", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await duckdbEngine();
  }, 60_000);
  afterAll(() => closeStarted(engine));

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
    for (const sql of compileUsageSql(countPrepared, "duckdb", {
      from: "events",
      properties: { json: "properties" },
    }).queries)
      results.push(await engine.run(sql));
    const aggregates = usageAggregatesFromSql(countPrepared, results);
    expect(aggregates).toEqual(aggregateForRating(countPrepared, events));
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

// A source of property columns, as `ratecard invoice --engine duckdb` reads a CSV file: each property
// its own text column, an empty cell (NULL or '') no property. The group columns are read from the raw
// columns deduplication keeps (src/sql/compileUsageSql.ts), so grouping must still see each kept
// event's own region, an absent one included, after copies and conflicting copies are sorted out.
const groupedPrepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_columns",
    meters: [{ id: "egress", eventType: "egress", aggregation: "sum", valueProperty: "gb", unit: "GB" }],
    charges: [
      {
        id: "egress",
        name: "Egress by region",
        meter: "egress",
        price: { model: "grouped", groupBy: ["region"], price: { model: "unit", unitPrice: "1" } },
      },
    ],
  }),
  "2026-02",
);

// [id, customer, region, gb]: NULL and '' are both an empty cell.
const rows: [string, string, string | null, string][] = [
  ["e1", "cus_a", "eu", "2"],
  ["e1", "cus_a", "eu", "2"],
  ["e2", "cus_a", "us", "3"],
  ["e3", "cus_a", null, "4"],
  ["e6", "cus_a", "", "5"],
  ["e4", "cus_a", "eu", "1"],
  ["e4", "cus_a", "us", "1"],
  ["e5", "cus_b", "eu", "7"],
];
const at = "2026-02-02T10:00:00Z";
// The same events as ratecard reads them from the CSV file.
const events: TableEvent[] = rows.map(([id, customer, region, gb]) => ({
  ...eventAt(id, "egress", at, region ? { region, gb } : { gb }),
  customer,
}));

describe("DuckDB over a source of property columns (a CSV file's shape)", () => {
  let connection: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>["connect"]>>;
  beforeAll(async () => {
    connection = await (await DuckDBInstance.create(":memory:")).connect();
    await connection.run(
      "CREATE TABLE usage (id VARCHAR, type VARCHAR, customer VARCHAR, timestamp VARCHAR, region VARCHAR, gb VARCHAR)",
    );
    const cell = (value: string | null) => (value === null ? "NULL" : `'${value}'`);
    await connection.run(
      `INSERT INTO usage VALUES ${rows.map(([id, customer, region, gb]) => `('${id}', 'egress', '${customer}', '${at}', ${cell(region)}, '${gb}')`).join(", ")}`,
    );
  }, 60_000);
  afterAll(() => connection.closeSync());

  it("groups each kept event by its own column, copies and conflicting copies left out", async () => {
    const source = { from: "usage", properties: { columns: { region: '"region"', gb: '"gb"' } } };
    const results = [];
    for (const sql of compileUsageSql(groupedPrepared, "duckdb", source).queries)
      results.push((await connection.runAndReadAll(sql)).getRowObjectsJS());
    const aggregates = usageAggregatesFromSql(groupedPrepared, results);
    expect(aggregates).toEqual(aggregateForRating(groupedPrepared, events));
    // By hand: e1 once (its copy a duplicate_id), e2, e3 and e6 counted; e4's copies differ in region
    // (both conflicting_duplicate); e5 is another customer's. 2 + 3 + 4 + 5 = 14 GB.
    expect(aggregates.whole.eventsCounted).toBe(4);
    expect(aggregates.whole.excluded).toEqual([
      { reason: "duplicate_id", events: 1, sampleIds: ["e1"] },
      { reason: "conflicting_duplicate", events: 2, sampleIds: ["e4"] },
      { reason: "other_customer", events: 1, sampleIds: ["e5"] },
    ]);
    const [meter] = aggregates.whole.meters as { total: unknown; groups: { buckets: unknown[] }[] }[];
    expect(meter?.total).toEqual({ sum: "14", events: 4 });
    // eu: e1's 2; us: e2's 3; no region (NULL and '' alike): 4 + 5 = 9.
    expect(meter?.groups[0]?.buckets).toEqual(
      expect.arrayContaining([
        { group: ["eu"], state: { sum: "2", events: 1 } },
        { group: ["us"], state: { sum: "3", events: 1 } },
        { group: [null], state: { sum: "9", events: 2 } },
      ]),
    );
    expect(meter?.groups[0]?.buckets).toHaveLength(3);
  });
});
