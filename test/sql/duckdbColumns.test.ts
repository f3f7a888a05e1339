import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregateForRating,
  compileUsageSql,
  parseContract,
  prepareRating,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { contractHead, eventAt, type TableEvent } from "./engines.js";

// A source of property columns, as `ratecard invoice --engine duckdb` reads a CSV file: each property
// its own text column, an empty cell (NULL or '') no property. The group columns are read from the raw
// columns deduplication keeps (src/sql/compileUsageSql.ts), so grouping must still see each kept
// event's own region, an absent one included, after copies and conflicting copies are sorted out.
const prepared = prepareRating(
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
    for (const sql of compileUsageSql(prepared, "duckdb", source).queries)
      results.push((await connection.runAndReadAll(sql)).getRowObjectsJS());
    const aggregates = usageAggregatesFromSql(prepared, results);
    expect(aggregates).toEqual(aggregateForRating(prepared, events));
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
