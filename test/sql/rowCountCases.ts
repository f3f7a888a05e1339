import { expect, it } from "vitest";
import {
  compileUsageSql,
  parseContract,
  prepareRating,
  rateFromAggregates,
  type SqlUsageSource,
  sqlResultsByCustomer,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { thrown } from "../_support/thrown.js";
import { contractHead, type TableEvent, type TestEngine } from "./engines.js";

// A result cut by a client's row limit (a SQL console's first 1,000 rows, a LIMIT a BI tool adds): for a
// meter whose rows are per group, the rows left out were usage billed as none, without a word. Every
// row now carries how many rows its query returns (`r`), and a result of another count is refused.
const planJson = (customer: string) => ({
  ...contractHead,
  id: `ctr_${customer}`,
  customer: { id: customer, name: customer },
  meters: [{ id: "egress", eventType: "egress", aggregation: "sum", valueProperty: "gb", unit: "GB" }],
  charges: [
    {
      id: "egress",
      name: "Egress",
      meter: "egress",
      price: { model: "grouped", groupBy: ["region"], price: { model: "unit", unitPrice: "0.05" } },
    },
  ],
});
const prepared = (customer: string) => prepareRating(parseContract(planJson(customer)), "2026-02");

const egress = (id: string, customer: string, region: string, gb: number): TableEvent => ({
  id,
  type: "egress",
  customer,
  timestamp: "2026-02-10T10:00:00Z",
  properties: { gb, region },
});

// 45 regions, 1 GB each: the query returns 50 rows (read, malformed, counted, reused, the total's state
// and one state per region: 5 + 45), and bills 45 × 1 × 0.05 = 2.25. (Few: ClickHouse plans each
// VALUES row of the source; test/sql/sqlResults.test.ts cuts 1,234 rows to 1,000.)
const REGIONS = 45;
const manyRegions = Array.from({ length: REGIONS }, (_, i) => egress(`e${i}`, "cus_a", `r${i}`, 1));

export function rowCountCases(engine: () => TestEngine, from: () => string, reload: () => Promise<void>) {
  const source = (): SqlUsageSource => ({ from: from(), properties: { json: "properties" } });

  it("refuses a result cut by a row limit, naming its rows and the query's, and rates the whole one", async () => {
    await engine().load(manyRegions);
    const rating = prepared("cus_a");
    const [sql] = compileUsageSql(rating, engine().dialect, source()).queries;
    const rows = await engine().run(sql as string);
    expect(rows).toHaveLength(5 + REGIONS);
    expect(rateFromAggregates(rating, usageAggregatesFromSql(rating, [rows])).total).toBe("2.25");
    // A client's first 40 rows: until 7 December 2026 rated as usage of fewer regions.
    expect(thrown(() => usageAggregatesFromSql(rating, [rows.slice(0, 40)]))).toMatchObject({
      name: "InputError",
      code: "sql_result",
      path: "results[0]",
      message: expect.stringContaining(
        "results[0] has 40 rows of the 50 query 1 returns: was it cut by a row limit",
      ),
    });
    // Cut without its read row (which carries the query's stamp): still refused, by any row's count.
    const withoutRead = rows.filter((row) => (row as { kind: string }).kind !== "read");
    expect(thrown(() => usageAggregatesFromSql(rating, [withoutRead]))).toMatchObject({
      code: "sql_result",
      message: expect.stringContaining("results[0] has 49 rows of the 50 query 1 returns"),
    });
    // A row repeated: one more than the query returns.
    expect(thrown(() => usageAggregatesFromSql(rating, [[...rows, rows.at(-1)]]))).toMatchObject({
      code: "sql_result",
      message: expect.stringContaining("results[0] has 51 rows, where query 1 returns 50"),
    });
    // Rows without the count (an earlier ratecard's query) are read as before: the same 2.25.
    const uncounted = rows.map((row) => ({ ...(row as object), r: undefined }));
    expect(rateFromAggregates(rating, usageAggregatesFromSql(rating, [uncounted])).total).toBe("2.25");
    await reload();
  }, 180_000);

  it("refuses a perCustomer result cut by a row limit before it is split, a customer cut off whole included", async () => {
    // cus_a: eu 10 GB, us 20 GB, ap 30 GB; cus_b: eu 4 GB, us 6 GB.
    await engine().load([
      egress("a1", "cus_a", "eu", 10),
      egress("a2", "cus_a", "us", 20),
      egress("a3", "cus_a", "ap", 30),
      egress("b1", "cus_b", "eu", 4),
      egress("b2", "cus_b", "us", 6),
    ]);
    const [sql] = compileUsageSql(prepared("cus_a"), engine().dialect, source(), {
      perCustomer: true,
    }).queries;
    const rows = await engine().run(sql as string);
    // Per customer: read, counted, the total's state and each region's (no malformed event, none
    // excluded: those selects return no row). cus_a 3 + 3 = 6, cus_b 3 + 2 = 5: 11.
    expect(rows).toHaveLength(11);
    const totalOf = (customer: string, split: ReadonlyMap<string, unknown[][]>) => {
      const rating = prepared(customer);
      return rateFromAggregates(rating, usageAggregatesFromSql(rating, split.get(customer) ?? [[]])).total;
    };
    // By hand: cus_a (10 + 20 + 30) × 0.05 = 3.00; cus_b (4 + 6) × 0.05 = 0.50.
    const whole = sqlResultsByCustomer([rows]);
    expect([totalOf("cus_a", whole), totalOf("cus_b", whole)]).toEqual(["3.00", "0.50"]);
    // cus_b's rows came last and the limit cut them all: until 7 December 2026 cus_b was rated from
    // no rows, 0.00. Now the whole result's count refuses it.
    const cut = rows.filter((row) => (row as { c: string }).c !== "cus_b");
    expect(thrown(() => sqlResultsByCustomer([cut]))).toMatchObject({
      code: "sql_result",
      path: "results[0]",
      message: expect.stringContaining("results[0] has 6 rows of the 11 query 1 returns"),
    });
    await reload();
  }, 180_000);
}
