import { describe, expect, it } from "vitest";
import { aggregateForRating, compileUsageSql, usageAggregatesFromSql } from "../../src/index.js";
import { clickhouseEngine, clickhouseFrom } from "./clickhouseEngine.js";
import { duckdbEngine } from "./duckdbEngine.js";
import { countCallsPrepared, eventAt, type TestEngine } from "./engines.js";
import { postgresEngine } from "./postgresEngine.js";

// Copies of an event where one writes a property as null and the other leaves it out (two exporters
// of one event stream: one writes every column, null where empty; the other only the set ones). Every
// meter, filter and grouping reads null as it reads a missing property (docs/meters.md: `exists` is
// "present and not null", a unique_count or group value, an operation), and a CSV file's empty cell
// is no property, so the two copies cannot bill differently: they are one payload, counted once.
// Before, every engine, the in-memory one included, left both copies out as conflicting_duplicate.
const prepared = countCallsPrepared("ctr_nulls");
const at = "2026-02-10T00:00:00Z";
const copies: ReadonlyArray<readonly [string, Record<string, unknown>, Record<string, unknown>]> = [
  ["q1", { gb: "5", region: null }, { gb: "5" }],
  ["q2", { region: null }, {}],
  ["q3", { a: null, b: null }, { b: null }],
  ["q4", { region: null }, { region: "eu" }],
];
const events = copies.flatMap(([id, a, b]) => [
  eventAt(id, "api.call", at, a),
  eventAt(id, "api.call", at, b),
]);

// By hand: q1, q2 and q3 differ only by a null written or left out: each counts once, its other copy a
// duplicate_id (3); q4's region is null in one copy and "eu" in the other, both left out (2). 8 read,
// 3 counted.
const expected = {
  eventsCounted: 3,
  excluded: [
    { reason: "duplicate_id", events: 3, sampleIds: ["q1", "q2", "q3"] },
    { reason: "conflicting_duplicate", events: 2, sampleIds: ["q4"] },
  ],
};

describe("copies of an event that differ by a null property written or left out", () => {
  it("are one payload in memory", () => {
    const { eventsCounted, excluded } = aggregateForRating(prepared, events).whole;
    expect({ eventsCounted, excluded }).toEqual(expected);
  });

  const engines: ReadonlyArray<readonly [string, () => Promise<TestEngine>, () => string]> = [
    ["DuckDB", duckdbEngine, () => "events"],
    ["PostgreSQL", postgresEngine, () => "events"],
    ["ClickHouse", clickhouseEngine, clickhouseFrom],
  ];
  for (const [name, start, from] of engines)
    it(`are one payload on ${name}, as in memory`, async () => {
      const engine = await start();
      try {
        await engine.load(events);
        const results = [];
        for (const sql of compileUsageSql(prepared, engine.dialect, {
          from: from(),
          properties: { json: "properties" },
        }).queries)
          results.push(await engine.run(sql));
        const aggregates = usageAggregatesFromSql(prepared, results);
        expect(aggregates).toEqual(aggregateForRating(prepared, events));
        expect({
          eventsCounted: aggregates.whole.eventsCounted,
          excluded: aggregates.whole.excluded,
        }).toEqual(expected);
      } finally {
        await engine.close();
      }
    }, 60_000);
});
