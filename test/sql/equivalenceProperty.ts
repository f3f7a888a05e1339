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
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { clickhouseEngine, clickhouseFrom } from "./clickhouseEngine.js";
import { duckdbEngine } from "./duckdbEngine.js";
import type { TableEvent, TestEngine } from "./engines.js";
import { postgresEngine } from "./postgresEngine.js";
import { sqlContractArb, sqlEventsArb } from "./sqlArbitraries.js";

/**
 * The SQL equivalence property runs in this many test files (equivalence.property.test.ts is shard 1,
 * equivalence2…6.property.test.ts the others), {@link RUNS_PER_SHARD} cases each: twelve in all, as
 * when it was one file. Nearly all of a case's time is ClickHouse planning its one compiled query
 * (10–27 s of CPU, see the figures in equivalence.property.test.ts), and under load that CPU comes in
 * slices: one file of twelve cases needed its whole 450 s limit and more. Six files run in both of
 * vitest's workers, each with its own limit for two cases.
 */
const EQUIVALENCE_SHARDS = 6;
const RUNS_PER_SHARD = 2;

// Two cases at the worst measured CPU (26.5 s ClickHouse + about 1 s the rest, each) is 55 s; at a load
// of 16 on 2 cores a process gets about an eighth of a core: 440 s (measured at a load of 15 to 17: 275
// to 290 s a file). At 900 s, twice that, fast-check stops the case in flight (and any shrinking) and
// fails as interrupted, with its seed; vitest's limit, 1,200 s, is only a backstop behind it. Both grow
// with FC_NUM_RUNS as the run count does.
const scale = () => Math.max(1, fuzzRuns(RUNS_PER_SHARD) / RUNS_PER_SHARD);
const INTERRUPT_MS = 900_000;
const TIMEOUT_MS = 1_200_000;

const FIRST = { creditsStartFull: true } as const;
const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

/**
 * One shard of the property: random contracts and events give, on DuckDB, PostgreSQL (PGlite) and
 * ClickHouse (chdb), the in-memory engine's aggregates exactly and the same invoice byte for byte. Each
 * file draws its own random seed; FC_SEED pins every shard to the same one (to replay a failure, run
 * the file that failed with the seed it printed).
 */
export function describeEquivalenceShard(shard: number): void {
  // One instance of each engine for the whole file: they are slow to start (PGlite most of all).
  const engines: TestEngine[] = [];
  beforeAll(async () => {
    // Each kept as it starts, so that afterAll closes those that did when a later one fails to.
    for (const start of [duckdbEngine, postgresEngine, clickhouseEngine]) engines.push(await start());
  }, 180_000);
  afterAll(async () => {
    for (const engine of engines) await engine.close();
  });

  describe(`SQL engines against the in-memory engine (fuzzing, shard ${shard} of ${EQUIVALENCE_SHARDS})`, () => {
    it("give the same aggregates, exactly, and the same invoices, for every compiled aggregation", {
      timeout: TIMEOUT_MS * scale(),
    }, async () => {
      let compared = 0;
      await fc.assert(
        // `daily`: each plain sum's and count's local days too (New York's or UTC's, as the contract says).
        fc.asyncProperty(sqlContractArb, sqlEventsArb, fc.boolean(), async (contractJson, events, daily) => {
          await expectEquivalentOn(engines, contractJson, events, daily);
          compared += 1;
        }),
        {
          numRuns: fuzzRuns(RUNS_PER_SHARD),
          interruptAfterTimeLimit: INTERRUPT_MS * scale(),
          markInterruptAsFailure: true,
        },
      );
      expect(compared).toBe(fuzzRuns(RUNS_PER_SHARD));
    });
  });
}

/**
 * One case of the property: the contract's aggregates over the events, on each engine, equal the
 * in-memory engine's exactly, and rate to the same invoice byte for byte (`daily`: each plain sum's and
 * count's local days too, New York's or UTC's as the contract says).
 */
export async function expectEquivalentOn(
  engines: ReadonlyArray<TestEngine>,
  contractJson: unknown,
  events: TableEvent[],
  daily: boolean,
): Promise<void> {
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
}
