import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregateForRating,
  type CompileUsageSqlOptions,
  compileUsageSql,
  parseContract,
  prepareRating,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { thrown } from "../_support/thrown.js";
import { clickhouseEngine, clickhouseFrom } from "./clickhouseEngine.js";
import { closeStarted, contractHead, eventAt, type TableEvent, type TestEngine } from "./engines.js";

// ClickHouse expands every use of a CTE in place unless it is MATERIALIZED: the compiled query read its
// source once per use (46 times for this two-meter contract, 92 for the bench's one-meter grouped one),
// and a warehouse table as many times. By default the classified and the deduplicated events are now
// kept once (`materialize`, ClickHouse 26.3 and later); `materialize: false` writes the query an earlier
// ClickHouse accepts. Both must return the same rows.

const prepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_materialized",
    meters: [
      { id: "api_calls", eventType: "api.call", aggregation: "count", unit: "calls" },
      { id: "egress", eventType: "egress", aggregation: "sum", valueProperty: "gb", unit: "GB" },
    ],
    charges: [
      { id: "api", name: "API calls", meter: "api_calls", price: { model: "unit", unitPrice: "0.0001" } },
      { id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.05" } },
    ],
  }),
  "2026-02",
);

const at = "2026-02-03T10:00:00Z";
// A copy, a conflicting copy, another customer's event and an event outside the period: every CTE of
// the query (dup, conflicts, reused, excl) has rows to read.
const events: TableEvent[] = [
  eventAt("e1", "api.call", at, {}),
  eventAt("e1", "api.call", at, {}),
  eventAt("e2", "egress", at, { gb: "1500.4" }),
  eventAt("e3", "egress", at, { gb: 0.6 }),
  eventAt("e4", "egress", at, { gb: 1 }),
  eventAt("e4", "egress", at, { gb: 2 }),
  { id: "e5", type: "egress", customer: "cus_b", timestamp: at, properties: { gb: 7 } },
  eventAt("e6", "egress", "2026-03-03T10:00:00Z", { gb: 7 }),
];

const compiled = (options?: CompileUsageSqlOptions) =>
  compileUsageSql(
    prepared,
    "clickhouse",
    { from: clickhouseFrom(), properties: { json: "properties" } },
    options,
  ).queries;

describe("ClickHouse's query keeps the classified events once", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await clickhouseEngine();
    await engine.load(events);
  }, 60_000);
  afterAll(() => closeStarted(engine));

  // How many times the plan reads the loaded events: a values() table is one SourceFromSingleChunk.
  async function sourceReads(sql: string): Promise<number> {
    const plan = (await engine.run(`EXPLAIN PIPELINE ${sql}`)) as { explain: string }[];
    return plan.filter((row) => row.explain.includes("SourceFromSingleChunk")).length;
  }

  it("reads the source once by default, and once per use with materialize: false", async () => {
    const [materialized] = compiled();
    const [expanded] = compiled({ materialize: false });
    expect(materialized).toMatch(/classified AS MATERIALIZED \(/);
    expect(materialized).toMatch(/enable_materialized_cte = 1/);
    expect(expanded).not.toMatch(/MATERIALIZED|enable_materialized_cte/);
    expect(await sourceReads(materialized as string)).toBe(1);
    expect(await sourceReads(expanded as string)).toBeGreaterThan(10);
  });

  it("returns the same rows either way, and the aggregates the in-memory engine makes", async () => {
    const rowsOf = async (queries: ReadonlyArray<string>) => {
      const results = [];
      for (const sql of queries) results.push(await engine.run(sql));
      return results;
    };
    const materialized = await rowsOf(compiled());
    const expanded = await rowsOf(compiled({ materialize: false }));
    const sorted = (results: unknown[][]) =>
      results.map((rows) => rows.map((row) => JSON.stringify(row)).sort());
    expect(sorted(materialized)).toEqual(sorted(expanded));
    const aggregates = usageAggregatesFromSql(prepared, materialized);
    expect(aggregates).toEqual(aggregateForRating(prepared, events));
    // By hand: e1 counted once (its copy a duplicate_id), e2 + e3 = 1500.4 + 0.6 = 1501 GB counted, both
    // copies of e4 left out (their gb differ), e5 another customer's, e6 outside the period.
    expect(aggregates.whole.eventsRead).toBe(8);
    expect(aggregates.whole.eventsCounted).toBe(3);
  });
});

describe("compileUsageSql's options", () => {
  it("refuses a switch that is not true or false, naming the option and what it does", () => {
    expect(thrown(() => compiled({ materialize: "no" as unknown as boolean }))).toMatchObject({
      name: "InputError",
      code: "invalid_field",
      path: "options.materialize",
      message: expect.stringContaining("ClickHouse before 26.3"),
    });
    expect(thrown(() => compiled({ perCustomer: 1 as unknown as boolean }))).toMatchObject({
      code: "invalid_field",
      path: "options.perCustomer",
    });
  });

  it("refuses an option it does not know, with the one meant", () => {
    expect(thrown(() => compiled({ materialise: false } as CompileUsageSqlOptions))).toMatchObject({
      code: "unknown_field",
      path: "options.materialise",
      message: expect.stringContaining('"materialize"'),
    });
  });
});
