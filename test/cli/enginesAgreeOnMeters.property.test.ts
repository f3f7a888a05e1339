import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localMidnight, monthsLater } from "../_support/calendarOracle.js";
import { buildContractJson } from "../_support/contract.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";
import { decimalArb, INVALID_NUMBERS, type RawValue, rawEventsArb } from "../_support/meterOracle.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";
import { asNdjson } from "../_support/usageFiles.js";

// `ratecard invoice --engine memory` and `--engine duckdb` on the random usage files of the meter oracle
// properties (test/meters/*Oracle.property.test.ts): every aggregation at once (sums, counts and unique
// counts per region, latest, avg, a 95th percentile of 5-minute rates, the average of daily peaks,
// hours per entity, storage as GB-month), repeated and conflicting ids, events on and just outside the
// period's bounds, other customers and types, filtered and unreadable events, in months with a DST
// change. Values with an exponent ("15e-1", "1e15") are left out: DuckDB refuses the file, as documented
// (docs/cli.md, "--engine"). The two engines must print the same invoice, byte for byte, usage report included. Each run
// spawns the CLI twice (DuckDB's about half a second), so the run count stays small (3; FC_NUM_RUNS=2000 runs 30).

const { file } = scratchFolder("ratecard-engines-meters-", assertCliBuilt);

const keptBy = { property: "kind", op: "not_equals", value: "test" } as const;
const meter = (id: string, aggregation: string, more: object = {}) => ({
  id,
  eventType: "bw",
  aggregation,
  valueProperty: "v",
  filters: [keptBy],
  ...more,
});
const METERS = [
  meter("s", "sum"),
  meter("c", "count"),
  meter("u", "unique_count", { valueProperty: "user" }),
  meter("mx", "max"),
  meter("lt", "latest"),
  meter("av", "avg"),
  meter("p95", "percentile", {
    window: { size: "5m", aggregation: "sum", perSecond: true },
    percentile: { rank: "95" },
  }),
  meter("r2", "avg", { window: { size: "day", aggregation: "max", emptyWindows: "skip" } }),
  meter("vm", "sum", { entity: { property: "inst", divideBy: "3600", round: "up", cap: "5" } }),
  meter("gbm", "weighted_sum"),
];
const PRICE = { model: "unit", unitPrice: "0.37" } as const;
const CHARGES = [
  ...METERS.map(({ id }) => ({ id, name: id, meter: id, price: PRICE })),
  ...["s", "u", "lt", "p95"].map((id) => ({
    id: `${id}_by_region`,
    name: id,
    meter: id,
    price: { model: "grouped", groupBy: ["region"], price: PRICE },
  })),
];

const scenarioArb = fc
  .record({
    zone: fc.constantFrom("UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe"),
    month: fc.constantFrom(3, 4, 10, 11),
  })
  .chain(({ zone, month }) => {
    const start = localMidnight({ y: 2026, m: month, d: 1 }, zone);
    const end = localMidnight(monthsLater(2026, month, 1, 1), zone);
    return fc.record({
      zone: fc.constant(zone),
      month: fc.constant(month),
      events: rawEventsArb({
        ids: ["a", "b", "c", "d", "e", "f", "g", "h", "B", "a1"],
        type: "bw",
        instants: fc.oneof(
          fc.constantFrom(start, end - 1, start - 1, end),
          fc.integer({ min: start, max: end - 1 }),
          fc.integer({ min: 0, max: 30 }).map((k) => start + k * 300_000),
        ),
        properties: fc.record({
          v: fc.oneof(
            // In exponent form too ("1e-7", "1e15"), which DuckDB refused before it could tell.
            { weight: 8, arbitrary: decimalArb({ negative: true, digits: 7 }) },
            fc.constantFrom(...INVALID_NUMBERS),
          ),
          user: fc.constantFrom<RawValue | undefined>("u1", "u2", "1", 1, true, "true", null, undefined),
          region: fc.constantFrom<RawValue | undefined>("na", "eu", "", null, undefined),
          inst: fc.constantFrom<RawValue | undefined>("i1", "i2", null, undefined),
          kind: fc.constantFrom<RawValue | undefined>(undefined, undefined, undefined, "test"),
        }),
        conflict: { v: "42" },
      }),
    });
  });

describe("the memory and DuckDB engines on random usage files (property)", () => {
  it("print the same invoice, byte for byte, for every aggregation", { timeout: fuzzTimeout() }, () => {
    let run = 0;
    fc.assert(
      fc.property(scenarioArb, ({ zone, month, events }) => {
        run += 1;
        const contract = file(
          `contract-${run}.json`,
          JSON.stringify(
            buildContractJson({ timeZone: zone, meters: METERS as never, charges: CHARGES as never }),
          ),
        );
        const usage = file(`usage-${run}.ndjson`, asNdjson(events));
        const period = `2026-${String(month).padStart(2, "0")}`;
        const rate = (engine: string) =>
          runCli(
            "invoice",
            "--contract",
            contract,
            "--usage",
            usage,
            "--period",
            period,
            "--format",
            "json",
            "--engine",
            engine,
          );
        const memory = rate("memory");
        const duckdb = rate("duckdb");
        expect(memory.code, memory.stderr).toBe(0);
        expect({ code: duckdb.code, stderr: duckdb.stderr }).toEqual({ code: 0, stderr: "" });
        expect(duckdb.stdout).toBe(memory.stdout);
      }),
      fuzzParameters(3),
    );
  });
});
