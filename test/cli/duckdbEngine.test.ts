import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { contractFile, perTransactionCdn, tooManyDecimalsCdn } from "../_support/sqlContracts.js";

// `ratecard invoice --engine duckdb`: DuckDB aggregates the usage file, ratecard rates. The invoice,
// usage report included, must be the in-memory engine's, byte for byte.
const FIXTURES = [
  ["ai-api-may", "2026-05"],
  ["cdn-basic", "2026-02"],
  ["cloud-platform-may", "2026-05-12/2026-06-01"],
  ["currency-bhd", "2026-04"],
  ["currency-eur-vat", "2026-04"],
  ["currency-jpy", "2026-04"],
  ["enterprise-annual-commit", "2026-01-01/2027-01-01"],
  ["registrar-domains", "2026-06"],
  ["saas-seats", "2026-04"],
] as const;

const invoice = (fixture: string, period: string, usage: string, ...more: string[]) =>
  runCli(
    "invoice",
    "--contract",
    `fixtures/${fixture}/contract.json`,
    "--usage",
    usage,
    "--period",
    period,
    "--format",
    "json",
    ...more,
  );

describe("ratecard invoice --engine duckdb", () => {
  beforeAll(() => assertCliBuilt());

  it.each(FIXTURES)("rates %s as the in-memory engine does, byte for byte", (fixture, period) => {
    const usage = `fixtures/${fixture}/usage.ndjson`;
    const memory = invoice(fixture, period, usage);
    const duckdb = invoice(fixture, period, usage, "--engine", "duckdb");
    expect([duckdb.code, duckdb.stderr]).toEqual([0, ""]);
    expect(memory.code).toBe(0);
    expect(duckdb.stdout).toBe(memory.stdout);
  });

  it("rates a weighted_sum meter, with --daily, as the in-memory engine does, byte for byte", () => {
    // golden-rich: storage in GB-month (weighted_sum) and the daily quantities of its sums.
    const usage = "fixtures/golden-rich/usage.ndjson";
    const flags = ["--credits-start-full", "--daily"];
    const memory = invoice("golden-rich", "2026-03", usage, ...flags);
    const duckdb = invoice("golden-rich", "2026-03", usage, ...flags, "--engine", "duckdb");
    expect([duckdb.code, duckdb.stderr]).toEqual([0, ""]);
    expect(memory.code).toBe(0);
    expect(duckdb.stdout).toContain('"daily"');
    expect(duckdb.stdout).toBe(memory.stdout);
  });

  it("reads CSV and Parquet files as ratecard reads the same events", { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-duckdb-"));
    const events = readFileSync("fixtures/cdn-basic/usage.ndjson", "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map(
        (line) =>
          JSON.parse(line) as {
            id: string;
            type: string;
            customer: string;
            timestamp: string;
            properties: Record<string, string>;
          },
      );
    const cell = (value: unknown) => `"${String(value).replaceAll('"', '""')}"`;
    const names = [...new Set(events.flatMap((event) => Object.keys(event.properties)))].sort();
    const csv = [
      ["id", "type", "customer", "timestamp", ...names].join(","),
      ...events.map((event) =>
        [
          event.id,
          event.type,
          event.customer,
          event.timestamp,
          ...names.map((name) => event.properties[name] ?? ""),
        ]
          .map(cell)
          .join(","),
      ),
    ].join("\n");
    writeFileSync(join(dir, "usage.csv"), `${csv}\n`);
    const memory = invoice("cdn-basic", "2026-02", join(dir, "usage.csv"));
    const duckdb = invoice("cdn-basic", "2026-02", join(dir, "usage.csv"), "--engine", "duckdb");
    expect([duckdb.code, duckdb.stderr]).toEqual([0, ""]);
    expect(duckdb.stdout).toBe(memory.stdout);
    // Parquet (which the in-memory engine does not read): the same events, properties as JSON text.
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT * FROM read_json('fixtures/cdn-basic/usage.ndjson', columns = {id: 'VARCHAR', type: 'VARCHAR', customer: 'VARCHAR', timestamp: 'VARCHAR', properties: 'JSON'})) TO '${join(dir, "usage.parquet")}' (FORMAT parquet)`,
    );
    connection.closeSync();
    const parquet = invoice("cdn-basic", "2026-02", join(dir, "usage.parquet"), "--engine", "duckdb");
    expect([parquet.code, parquet.stderr]).toEqual([0, ""]);
    expect(parquet.stdout).toBe(invoice("cdn-basic", "2026-02", "fixtures/cdn-basic/usage.ndjson").stdout);
    // Under --engine auto (the default) a Parquet file goes to DuckDB whatever its size, with a note.
    const auto = invoice("cdn-basic", "2026-02", join(dir, "usage.parquet"));
    expect([auto.code, auto.stderr]).toEqual([
      0,
      expect.stringContaining("is Parquet: aggregating with DuckDB"),
    ]);
    expect(auto.stdout).toBe(parquet.stdout);
  });

  it("reads a Parquet file whose timestamp column is a TIMESTAMPTZ or TIMESTAMP, as a warehouse unload writes it", async () => {
    // Before: `ratecard usage --engine duckdb` read such a file (a TIMESTAMP as its instant) and `ratecard
    // invoice --engine duckdb` refused it, "None of the 1,000 event(s) read has a timestamp ratecard can read".
    const dir = mkdtempSync(join(tmpdir(), "ratecard-duckdb-tstz-"));
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const events = `read_json('fixtures/cdn-basic/usage.ndjson', columns = {id: 'VARCHAR', type: 'VARCHAR', customer: 'VARCHAR', timestamp: 'VARCHAR', properties: 'JSON'})`;
    for (const type of ["TIMESTAMPTZ", "TIMESTAMP"])
      await connection.run(
        `COPY (SELECT id, type, customer, CAST(CAST(timestamp AS TIMESTAMPTZ) AS ${type}) AS timestamp, properties FROM ${events}) TO '${join(dir, `${type}.parquet`)}' (FORMAT parquet)`,
      );
    // By hand, at the period's edges ($0.05 per GB, UTC): 23:59:59.999999 on 28 February is in February
    // (kept to the millisecond, floored), 05:30 on 1 February at +05:30 is 00:00Z, the period's first
    // instant, and 00:00 on 1 March is not in it: 10 GB + 2 GB = 12 GB × $0.05 = $0.60, e3 outside.
    await connection.run(
      `COPY (SELECT * FROM (VALUES ('e1', 'egress', 'cus_a', TIMESTAMPTZ '2026-02-28 23:59:59.999999+00', '{"gb":"10"}'), ('e2', 'egress', 'cus_a', TIMESTAMPTZ '2026-02-01 05:30:00+05:30', '{"gb":"2"}'), ('e3', 'egress', 'cus_a', TIMESTAMPTZ '2026-03-01 00:00:00+00', '{"gb":"100"}')) AS t(id, type, customer, timestamp, properties)) TO '${join(dir, "edges.parquet")}' (FORMAT parquet)`,
    );
    connection.closeSync();
    const ndjson = invoice("cdn-basic", "2026-02", "fixtures/cdn-basic/usage.ndjson").stdout;
    for (const type of ["TIMESTAMPTZ", "TIMESTAMP"]) {
      const parquet = invoice("cdn-basic", "2026-02", join(dir, `${type}.parquet`), "--engine", "duckdb");
      expect([type, parquet.code, parquet.stderr]).toEqual([type, 0, ""]);
      expect(parquet.stdout).toBe(ndjson);
    }
    const contract = join(dir, "egress.json");
    writeFileSync(contract, JSON.stringify(egressContractJson("cus_a")));
    const edges = runCli(
      ...["invoice", "--contract", contract, "--usage", join(dir, "edges.parquet"), "--period", "2026-02"],
      ...["--engine", "duckdb", "--format", "json"],
    );
    expect(edges.code).toBe(0);
    const billed = JSON.parse(edges.stdout) as { total: string; usage: { excluded: unknown[] } };
    expect([billed.total, billed.usage.excluded]).toEqual([
      "0.60",
      [{ reason: "outside_period", events: 1, sampleIds: ["e3"] }],
    ]);
    // ratecard batch reads it too (its check of every customer's instants, before any invoice).
    const batch = runCli(
      ...["batch", "--contracts", contract, "--usage", join(dir, "edges.parquet"), "--period", "2026-02"],
      ...["--engine", "duckdb", "--workers", "1"],
    );
    expect([batch.code, JSON.parse(batch.stdout.split("\n")[0] ?? "")]).toEqual([0, billed]);
  });

  it("refuses, exit 2 and a sentence, what it cannot do", () => {
    const usage = "fixtures/cdn-basic/usage.ndjson";
    const unknown = invoice("cdn-basic", "2026-02", usage, "--engine", "spark");
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringContaining('--engine must be auto, memory or duckdb, not "spark"'),
    ]);
    const stdin = invoice("cdn-basic", "2026-02", "-", "--engine", "duckdb", "--usage-format", "ndjson");
    expect([stdin.code, stdin.stderr]).toEqual([2, expect.stringContaining("not standard input")]);
    // A meter value of five properties multiplied (45 decimals, beyond DuckDB's DECIMAL(38,·)) does not
    // compile to SQL: said, not approximated.
    const refused = runCli(
      "invoice",
      "--contract",
      contractFile(tooManyDecimalsCdn()),
      "--usage",
      usage,
      "--period",
      "2026-02",
      "--engine",
      "duckdb",
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('a meter value with 45 decimals (meter "requests"');
    expect(refused.stderr).toContain("--engine memory");
    expect(refused.stderr).not.toContain("    at ");
  });

  it("rates a per-transaction price (a percentage of each event's value) as the in-memory engine does", () => {
    // cdn-basic with its requests at 2.9 % of each event's value: DuckDB returns each counted value.
    const contract = contractFile(perTransactionCdn());
    const rate = (engine: string) =>
      runCli(
        "invoice",
        "--contract",
        contract,
        "--usage",
        "fixtures/cdn-basic/usage.ndjson",
        "--period",
        "2026-02",
        "--engine",
        engine,
      );
    const duckdb = rate("duckdb");
    expect([duckdb.code, duckdb.stderr]).toEqual([0, ""]);
    expect(duckdb.stdout).toBe(rate("memory").stdout);
  });

  it("rates a percentile meter (95th percentile of 5-minute windows) as the in-memory engine does", () => {
    const usage = "fixtures/cdn-transit-commit/usage.ndjson";
    const duckdb = invoice("cdn-transit-commit", "2026-06", usage, "--engine", "duckdb");
    const memory = invoice("cdn-transit-commit", "2026-06", usage, "--engine", "memory");
    expect([duckdb.code, duckdb.stderr]).toEqual([0, ""]);
    expect(duckdb.stdout).toBe(memory.stdout);
  });
});
