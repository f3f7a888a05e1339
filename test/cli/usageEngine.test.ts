import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContractJson } from "../_support/contract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// `ratecard usage --engine duckdb`: DuckDB reads the usage file (also Parquet), ratecard's evidence pass
// runs over its rows. The report must be the in-memory engine's, byte for byte, with the real DuckDB.
let dir = "";
beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), "ratecard-usage-engine-"));
});

const usage = (contract: string, file: string, period: string, ...more: string[]) =>
  runCli("usage", "--contract", contract, "--usage", file, "--period", period, "--format", "json", ...more);

const event = (id: string, day: string, v: unknown, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    type: "e",
    customer: "cus",
    timestamp: `2026-02-${day}T10:00:00Z`,
    properties: { v },
    ...over,
  });

// The default test contract (meter m: the sum of v over events of type e, customer cus), February 2026.
// Values as JSON text and as JSON numbers, every reason to leave an event out, and repeated ids.
const EVENTS = [
  event("a1", "02", "1500.4"),
  event("a2", "03", 0.6),
  event("a3", "03", 1),
  event("a3", "03", 2), // a3's copies differ: both left out (conflicting_duplicate 2)
  event("a4", "05", 3),
  event("a4", "05", 3), // the same copy again: counted once (duplicate_id 1)
  event("a5", "05", 7, { customer: "cus_other" }),
  event("a6", "05", 7, { type: "login" }),
  event("a7", "05", 7, { timestamp: "2026-03-03T10:00:00Z" }),
  event("a8", "06", "lots"),
  JSON.stringify({
    id: "a9",
    type: "e",
    customer: "cus",
    timestamp: "2026-02-07T10:00:00Z",
    properties: { v: 1e2 },
  }).replace("100", "1e2"),
];

describe("ratecard usage --engine duckdb", () => {
  it("gives the in-memory evidence, byte for byte, for values as text and as JSON numbers", () => {
    const contract = join(dir, "contract.json");
    writeFileSync(contract, JSON.stringify(buildContractJson()));
    const file = join(dir, "usage.ndjson");
    writeFileSync(file, `${EVENTS.join("\n")}\n`);
    expect(EVENTS[10]).toContain('"v":1e2');
    const memory = usage(contract, file, "2026-02", "--engine", "memory");
    const duckdb = usage(contract, file, "2026-02", "--engine", "duckdb");
    expect([duckdb.code, duckdb.stderr]).toEqual([0, ""]);
    expect(duckdb.stdout).toBe(memory.stdout);
    const evidence = JSON.parse(duckdb.stdout);
    // 11 events read; counted a1, a2, a4 (once) and a9: 1,500.4 + 0.6 + 3 + 100 = 1,604
    expect([evidence.eventsRead, evidence.eventsCounted]).toEqual([11, 4]);
    expect(evidence.meters[0].groups[0].ratedQuantity).toBe("1604");
    const excluded = Object.fromEntries(
      evidence.excluded.map((entry: { reason: string; events: number }) => [entry.reason, entry.events]),
    );
    expect(excluded).toEqual({
      duplicate_id: 1,
      conflicting_duplicate: 2,
      other_customer: 1,
      unknown_event_type: 1,
      outside_period: 1,
      invalid_value: 1,
    });
  });

  it("lists a weighted_sum contract's events by the hour as the in-memory engine does: DuckDB only reads the file", () => {
    const args = [
      "fixtures/golden-rich/contract.json",
      "fixtures/golden-rich/usage.ndjson",
      "2026-03",
    ] as const;
    const duckdb = usage(...args, "--engine", "duckdb", "--by", "hour");
    const memory = usage(...args, "--engine", "memory", "--by", "hour");
    expect([duckdb.code, duckdb.stderr]).toEqual([0, ""]);
    expect(duckdb.stdout).toBe(memory.stdout);
  });

  it("reads CSV as ratecard reads it, and Parquet (auto picks DuckDB for it) as the same events", async () => {
    const cdn = ["fixtures/cdn-basic/contract.json"] as const;
    const csv = join(dir, "cdn.csv");
    const parquet = join(dir, "cdn.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const events =
      "read_json('fixtures/cdn-basic/usage.ndjson', columns = {id: 'VARCHAR', type: 'VARCHAR', customer: 'VARCHAR', timestamp: 'VARCHAR', properties: 'JSON'})";
    await connection.run(`COPY (SELECT * FROM ${events}) TO '${parquet}' (FORMAT parquet)`);
    // CSV: the four fields, then each property a column (cdn-basic's: gb, pop, region, requests)
    await connection.run(
      `COPY (SELECT id, type, customer, timestamp, properties->>'gb' AS gb, properties->>'pop' AS pop, properties->>'region' AS region, properties->>'requests' AS requests FROM ${events}) TO '${csv}' (HEADER, DELIMITER ',')`,
    );
    connection.closeSync();
    const fromCsv = usage(...cdn, csv, "2026-02", "--engine", "duckdb");
    expect([fromCsv.code, fromCsv.stderr]).toEqual([0, ""]);
    expect(fromCsv.stdout).toBe(usage(...cdn, csv, "2026-02", "--engine", "memory").stdout);
    const ndjson = usage(...cdn, "fixtures/cdn-basic/usage.ndjson", "2026-02").stdout;
    const fromParquet = usage(...cdn, parquet, "2026-02");
    expect([fromParquet.code, fromParquet.stderr]).toEqual([0, ""]);
    expect(fromParquet.stdout).toBe(ndjson);
    // every row read: the fixture's file has one event a line
    const lines = readFileSync("fixtures/cdn-basic/usage.ndjson", "utf8")
      .split("\n")
      .filter((line) => line !== "");
    expect(JSON.parse(fromParquet.stdout).eventsRead).toBe(lines.length);
  });

  it("reads a Parquet TIMESTAMP column as the instant it holds (counted-twice: 8 read, 3 counted, 240 GB)", async () => {
    const parquet = join(dir, "counted-twice.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run(
      `COPY (SELECT id, type, customer, CAST(timestamp AS TIMESTAMPTZ) AS timestamp, properties FROM read_json('fixtures/disputes/counted-twice/usage.ndjson', columns = {id: 'VARCHAR', type: 'VARCHAR', customer: 'VARCHAR', timestamp: 'VARCHAR', properties: 'JSON'})) TO '${parquet}' (FORMAT parquet)`,
    );
    connection.closeSync();
    const contract = "fixtures/disputes/counted-twice/contract.json";
    const fromParquet = usage(contract, parquet, "2026-03");
    expect([fromParquet.code, fromParquet.stderr]).toEqual([0, ""]);
    expect(fromParquet.stdout).toBe(
      usage(contract, "fixtures/disputes/counted-twice/usage.ndjson", "2026-03").stdout,
    );
    // docs/cli.md's example: r1 100 + r2 80 + r3 60 = 240 GB from 3 of the 8 events
    const evidence = JSON.parse(fromParquet.stdout);
    expect([evidence.eventsRead, evidence.eventsCounted]).toEqual([8, 3]);
    expect(evidence.meters[0].groups[0].ratedQuantity).toBe("240");
  });

  it("refuses, exit 2 and a sentence: an unknown engine, standard input, a row that is no event", () => {
    const contract = join(dir, "contract.json");
    writeFileSync(contract, JSON.stringify(buildContractJson()));
    const spark = usage(contract, "fixtures/cdn-basic/usage.ndjson", "2026-02", "--engine", "spark");
    expect([spark.code, spark.stderr]).toEqual([
      2,
      expect.stringContaining('--engine must be auto, memory or duckdb, not "spark"'),
    ]);
    const stdin = usage(contract, "-", "2026-02", "--engine", "duckdb", "--usage-format", "ndjson");
    expect([stdin.code, stdin.stderr]).toEqual([2, expect.stringContaining("not standard input")]);
    // the second row has no type
    const file = join(dir, "broken.ndjson");
    writeFileSync(
      file,
      `${event("b1", "02", "1")}\n${JSON.stringify({ id: "b2", customer: "cus", timestamp: "2026-02-02T00:00:00Z" })}\n`,
    );
    const broken = usage(contract, file, "2026-02", "--engine", "duckdb");
    // Named by its line, in the in-memory reader's sentence (before: "row 2", DuckDB's row).
    expect([broken.code, broken.stderr]).toEqual([
      2,
      usage(contract, file, "2026-02", "--engine", "memory").stderr,
    ]);
    expect(broken.stderr).toContain(`${file} line 2`);
    expect(broken.stderr).not.toContain("    at ");
  });
});
