import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregateForRating,
  compileUsageSql,
  parseContract,
  prepareRating,
  rateFromAggregates,
  rateInvoice,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { fuzzParameters } from "../_support/fuzzRuns.js";
import { clickhouseEngine, clickhouseFrom } from "./clickhouseEngine.js";
import { duckdbEngine } from "./duckdbEngine.js";
import type { TestEngine } from "./engines.js";
import { postgresEngine } from "./postgresEngine.js";
import { sqlContractArb, sqlEventsArb } from "./sqlArbitraries.js";

const FIRST = { creditsStartFull: true } as const;
const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

// One instance of each engine for the whole file: they are slow to start (PGlite most of all).
const engines: TestEngine[] = [];
beforeAll(async () => {
  engines.push(await duckdbEngine(), await postgresEngine(), await clickhouseEngine());
}, 180_000);
afterAll(async () => {
  for (const engine of engines) await engine.close();
});

describe("SQL engines against the in-memory engine (fuzzing)", () => {
  it("give the same aggregates, exactly, and the same invoices, for every compiled aggregation", {
    timeout: 600_000,
  }, async () => {
    let compared = 0;
    await fc.assert(
      // `daily`: each plain sum's and count's local days too (New York's or UTC's, as the contract says).
      fc.asyncProperty(sqlContractArb, sqlEventsArb, fc.boolean(), async (contractJson, events, daily) => {
        const contract = parseContract(contractJson);
        const prepared = prepareRating(contract, "2026-02", { daily });
        const memory = aggregateForRating(prepared, events);
        const direct = rateInvoice(contract, events, "2026-02", { ...FIRST, daily });
        for (const engine of engines) {
          await engine.load(events);
          const from = engine.dialect === "clickhouse" ? clickhouseFrom() : "events";
          const compiled = compileUsageSql(prepared, engine.dialect, {
            from,
            properties: { json: "properties" },
          });
          const results: unknown[][] = [];
          for (const sql of compiled.queries) results.push(await engine.run(sql));
          const aggregates = usageAggregatesFromSql(prepared, results);
          expect({ engine: engine.dialect, aggregates: viaJson(aggregates) }).toEqual({
            engine: engine.dialect,
            aggregates: viaJson(memory),
          });
          expect(JSON.stringify(rateFromAggregates(prepared, viaJson(aggregates), FIRST))).toBe(
            JSON.stringify(direct),
          );
        }
        compared += 1;
      }),
      { ...fuzzParameters(12), interruptAfterTimeLimit: 450_000 },
    );
    expect(compared).toBeGreaterThan(0);
  });
});
