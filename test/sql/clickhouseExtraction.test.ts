import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregateForRating,
  compileUsageSql,
  parseContract,
  prepareRating,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { clickhouseEngine } from "./clickhouseEngine.js";
import { contractHead, eventAt, type TableEvent, type TestEngine } from "./engines.js";

// ClickHouse reads each JSON property once (`nullIf(JSONExtractRaw(…), '')` as jv0, jv1, … in a
// `SELECT *` over the mapped table), as DuckDB does: each JSON function parses the row's document
// again, and the kind and text of a property took five calls. ClickHouse's `*` leaves out a table's
// ALIAS and MATERIALIZED columns, which a warehouse mapping often names (an event time computed from
// a DateTime64, a customer id derived from an account): the query must still find them.

const prepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_extraction",
    meters: [
      { id: "egress", eventType: "egress", aggregation: "sum", valueProperty: "gb", unit: "GB" },
      { id: "regions", eventType: "egress", aggregation: "unique_count", valueProperty: "region" },
    ],
    charges: [
      { id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.05" } },
      { id: "regions", name: "Regions", meter: "regions", price: { model: "unit", unitPrice: "1" } },
    ],
  }),
  "2026-02",
);

const at = "2026-02-03T10:00:00Z";
// Every kind of flat value a property may hold: text, number, true, null, absent, and a text with a quote.
const events: TableEvent[] = [
  eventAt("e1", "egress", at, { gb: "1.5", region: "eu" }),
  eventAt("e2", "egress", at, { gb: 2.25, region: "na" }),
  eventAt("e3", "egress", at, { gb: true, region: null }),
  eventAt("e4", "egress", at, { gb: "1,5", region: "eu" }),
  eventAt("e5", "egress", at, { region: "apac" }),
  eventAt("e6", "egress", at, { gb: "0.25", region: 'quoted "eu"' }),
];

const TABLE = "ratecard_extraction_events";

describe("ClickHouse's JSON properties, read once from a table's own columns", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await clickhouseEngine();
    // `ts` and `cust` are not stored: ALIAS and MATERIALIZED columns over the stored ones.
    await engine.run(`DROP TABLE IF EXISTS ${TABLE}`);
    await engine.run(
      `CREATE TABLE ${TABLE} (id String, type String, customer_raw String, time_raw String, properties String, cust String MATERIALIZED lower(customer_raw), ts String ALIAS time_raw) ENGINE = Memory`,
    );
    const quoted = (text: string) => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
    const rows = events.map(
      (event) =>
        `(${[event.id, event.type, event.customer.toUpperCase(), event.timestamp, JSON.stringify(event.properties ?? {})].map(quoted).join(", ")})`,
    );
    await engine.run(
      `INSERT INTO ${TABLE} (id, type, customer_raw, time_raw, properties) VALUES ${rows.join(", ")}`,
    );
  }, 60_000);
  afterAll(async () => {
    await engine.run(`DROP TABLE IF EXISTS ${TABLE}`);
    await engine.close();
  });

  it("finds ALIAS and MATERIALIZED columns and reads every value kind as the in-memory engine does", async () => {
    const { queries } = compileUsageSql(prepared, "clickhouse", {
      from: TABLE,
      columns: { customer: "cust", timestamp: "ts" },
      properties: { json: "properties" },
    });
    // One extraction per property the meters read (gb, region), besides the payload's own read.
    expect(queries[0]?.match(/JSONExtractRaw\(properties, /g)).toHaveLength(2);
    expect(queries[0]).not.toMatch(/JSONType\(properties, /);
    const results = [];
    for (const sql of queries) results.push(await engine.run(sql));
    const aggregates = usageAggregatesFromSql(prepared, results);
    expect(aggregates).toEqual(aggregateForRating(prepared, events));
    // By hand: gb 1.5 + 2.25 + 0.25 = 4 from e1, e2, e6; e3 (true) and e4 ("1,5") are no quantity,
    // so both are invalid_value and left out, and e5 has no gb: also invalid. Counted: e1, e2, e6.
    expect(aggregates.whole.eventsRead).toBe(6);
    expect(aggregates.whole.eventsCounted).toBe(3);
  });
});
