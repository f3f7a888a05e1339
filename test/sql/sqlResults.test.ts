import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compileUsageSql,
  parseContract,
  prepareRating,
  sqlResultsByCustomer,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { egressContractJson } from "../_support/egressContract.js";
import { thrown } from "../_support/thrown.js";

// What usageAggregatesFromSql and sqlResultsByCustomer say of results that are not the compiled
// queries' rows, as a billing-service developer passes them from PostgreSQL (PGlite here).
const prepared = prepareRating(parseContract(egressContractJson("cus_a")), "2026-02");
const source = { from: "usage_events", properties: { json: "properties" } };
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
  await db.exec(
    "CREATE TABLE usage_events (id text, type text, customer text, timestamp text, properties jsonb); INSERT INTO usage_events VALUES ('e1', 'egress', 'cus_a', '2026-02-03T00:00:00Z', '{\"gb\": \"2\"}')",
  );
});
afterAll(async () => db.close());

describe("results that are not lists of rows", () => {
  it("names the result and says to pass its rows, where PGlite's whole result object was given", async () => {
    const { queries } = compileUsageSql(prepared, "postgres", source);
    // The client's result objects ({ rows, fields, affectedRows }), not their rows: until 7 December 2026
    // a TypeError, "(results[index] ?? []).map is not a function", naming ratecard's code.
    const objects = await Promise.all(queries.map((sql) => db.query(sql)));
    expect(thrown(() => usageAggregatesFromSql(prepared, objects as never))).toMatchObject({
      code: "sql_result",
      path: "results[0]",
      message: expect.stringContaining(
        "results[0] is an object, not the list of rows that query returned: pass each query's rows as the engine's client returns them (PGlite's and node-postgres's result.rows",
      ),
    });
    expect(thrown(() => usageAggregatesFromSql(prepared, objects[0] as never))).toMatchObject({
      code: "sql_result",
      path: "results",
      message: expect.stringContaining("results is an object, not one list of rows per query"),
    });
    const perCustomer = compileUsageSql(prepared, "postgres", source, { perCustomer: true }).queries;
    const perCustomerObjects = await Promise.all(perCustomer.map((sql) => db.query(sql)));
    expect(thrown(() => sqlResultsByCustomer(perCustomerObjects as never))).toMatchObject({
      code: "sql_result",
      path: "results[0]",
    });
    // Their rows read: 2 GB of egress counted.
    const rows = objects.map((result) => result.rows);
    expect(usageAggregatesFromSql(prepared, rows).whole.meters).toEqual([
      { meter: "egress", total: { sum: "2", events: 1 } },
    ]);
  });
});
