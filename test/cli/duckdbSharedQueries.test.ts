import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsPerCustomer, sharedQueries } from "../../src/cli/duckdbSharedQueries.js";
import { openDuckdbUsage } from "../../src/cli/duckdbUsage.js";
import { aggregateForRating, parseContract, prepareRating } from "../../src/index.js";

// `ratecard batch --engine duckdb` groups contracts by the SQL their meters and period compile to: one
// query per plan, each customer's aggregates the in-memory engine's over its own events. Before, each
// contract ran a query of its own, some 30 ms of DuckDB planning whatever its rows (docs/sql-engines.md).
let scratch = "";
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "ratecard-shared-queries-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cdn = JSON.parse(readFileSync("fixtures/cdn-basic/contract.json", "utf8"));
const onPlan = (customer: string) => ({
  ...cdn,
  id: `ctr_${customer}`,
  customer: { ...cdn.customer, id: customer },
});
// Another plan: cdn-basic without its requests meter and charge.
const offPlan = (customer: string) => ({
  ...onPlan(customer),
  meters: cdn.meters.filter((meter: { id: string }) => meter.id !== "requests"),
  charges: cdn.charges.filter((charge: { meter?: string }) => charge.meter !== "requests"),
});

describe("batch on DuckDB: one query per plan", () => {
  it("runs one aggregation query for the customers of a plan, and none for a contract alone on its plan", async () => {
    const lines = readFileSync("fixtures/cdn-basic/usage.ndjson", "utf8").trimEnd().split("\n");
    const as = (customer: string, every: number) =>
      lines
        .filter((_, at) => at % every === 0)
        .map((line) => line.replaceAll('"cus_northwind"', `"${customer}"`));
    const file = join(scratch, "usage.ndjson");
    writeFileSync(file, `${[...as("cus_a", 1), ...as("cus_b", 3), ...as("cus_lone", 5)].join("\n")}\n`);
    const usage = await openDuckdbUsage(file, undefined, "text", true);
    try {
      await usage.rows(`CREATE TABLE t AS SELECT * FROM ${usage.source.from} ORDER BY customer`);
      const ran: string[] = [];
      const rows = (sql: string) => {
        ran.push(sql);
        return usage.rows(sql);
      };
      const counting = { source: usage.source, rows };
      const contracts = [onPlan("cus_a"), onPlan("cus_b"), offPlan("cus_lone"), onPlan("cus_c")].map((json) =>
        parseContract(json),
      );
      const prepared = contracts.map((contract) => prepareRating(contract, "2026-02"));
      const shared = await sharedQueries(counting, "t", prepared, await eventsPerCustomer(usage, "t"));
      const all = [0, 1, 2, 3].map((index) => shared.aggregatesOf(index));
      const aggregates = await Promise.all(all);
      // One WITH query: the plan of cus_a, cus_b and cus_c, run when its first contract asked.
      expect(ran.filter((sql) => sql.startsWith("WITH")).length).toBe(1);
      // cus_lone's plan has one contract: it is aggregated on its own, as before (undefined here).
      expect(aggregates[2]).toBeUndefined();
      const eventsOf = (customer: string) =>
        readFileSync(file, "utf8")
          .trimEnd()
          .split("\n")
          .map((line) => JSON.parse(line))
          .filter((event) => event.customer === customer);
      // Each customer's aggregates are the in-memory engine's over its own events; cus_c sent none.
      for (const [index, customer] of [
        [0, "cus_a"],
        [1, "cus_b"],
        [3, "cus_c"],
      ] as const)
        expect(aggregates[index], customer).toEqual(aggregateForRating(prepared[index]!, eventsOf(customer)));
    } finally {
      usage.close();
    }
  });
});
