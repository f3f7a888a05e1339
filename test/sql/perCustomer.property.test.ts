import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregateForRating,
  compileUsageSql,
  parseContract,
  prepareRating,
  sqlResultsByCustomer,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";
import { duckdbEngine } from "./duckdbEngine.js";
import { closeStarted, type TestEngine } from "./engines.js";
import { sqlContractArb, sqlEventsArb } from "./sqlArbitraries.js";

// One query for every customer (`perCustomer`): each customer's rows, split by sqlResultsByCustomer and
// read with that customer's prepared rating, are the in-memory engine's aggregates over its own events,
// whatever ids the customers share and however their copies fall (the events are of cus_a and cus_b,
// ids e0…e12 drawn for both). DuckDB here; the hand-worked cases run on ClickHouse and PostgreSQL too.
let engine: TestEngine;
beforeAll(async () => {
  engine = await duckdbEngine();
}, 60_000);
afterAll(() => closeStarted(engine));

const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe("SQL per customer against the in-memory engine per customer (fuzzing)", () => {
  it("gives each customer the aggregates of its own events, exactly", {
    timeout: fuzzTimeout(),
  }, async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(sqlContractArb, sqlEventsArb, async (contractJson, events) => {
        const preparedFor = (customer: string) =>
          prepareRating(
            parseContract({ ...contractJson, customer: { ...contractJson.customer, id: customer } }),
            "2026-02",
          );
        const plan = { cus_a: preparedFor("cus_a"), cus_b: preparedFor("cus_b") };
        await engine.load(events);
        const source = { from: "events", properties: { json: "properties" } };
        const { queries } = compileUsageSql(plan.cus_a, "duckdb", source, { perCustomer: true });
        // The SQL does not name the customer: cus_b's contract compiles to the same queries.
        expect(compileUsageSql(plan.cus_b, "duckdb", source, { perCustomer: true }).queries).toEqual(queries);
        const results: unknown[][] = [];
        for (const sql of queries) results.push(await engine.run(sql));
        const split = sqlResultsByCustomer(results);
        for (const [customer, prepared] of Object.entries(plan)) {
          const rows = split.get(customer) ?? queries.map(() => []);
          const own = events.filter((event) => event.customer === customer);
          expect({ customer, aggregates: viaJson(usageAggregatesFromSql(prepared, rows)) }).toEqual({
            customer,
            aggregates: viaJson(aggregateForRating(prepared, own)),
          });
        }
        compared += 1;
      }),
      fuzzParameters(30),
    );
    expect(compared).toBeGreaterThan(0);
  });
});
