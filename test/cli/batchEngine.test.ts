import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCliWithEnv } from "../_support/runCli.js";
import { cubedGb, tooManyDecimalsCdn } from "../_support/sqlContracts.js";

// `ratecard batch --engine duckdb`: one DuckDB query per plan (contracts whose meters and period compile
// alike) over its customers' rows, or per contract. Every invoice, and the summary, must be the in-memory
// batch's, byte for byte, with the real DuckDB.
let scratch = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-batch-engine-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Four fixtures billed for April 2026, their usage files one after another in one file (each
// fixture's events name its own customer, plus the strays its README counts).
const APRIL = ["currency-bhd", "currency-eur-vat", "currency-jpy", "saas-seats"] as const;

function april(name: string, extra: ReadonlyArray<string> = []): { contracts: string; usage: string } {
  const contracts = join(scratch, name, "contracts");
  mkdirSync(contracts, { recursive: true });
  for (const fixture of APRIL)
    copyFileSync(`fixtures/${fixture}/contract.json`, join(contracts, `${fixture}.json`));
  const usage = join(scratch, name, "usage.ndjson");
  const lines = APRIL.map((fixture) => readFileSync(`fixtures/${fixture}/usage.ndjson`, "utf8").trimEnd());
  writeFileSync(usage, `${[...lines, ...extra].join("\n")}\n`);
  return { contracts, usage };
}

// A transfer of cus_dilmun (currency-bhd) on 2 April, id x1, of `gb` GB as text.
const dilmunTransfer = (gb: string) =>
  JSON.stringify({
    id: "x1",
    type: "transfer",
    customer: "cus_dilmun",
    timestamp: "2026-04-02T00:00:00Z",
    properties: { gb },
  });

// `ratecard batch` of April with these environment variables (RATECARD_AUTO_DUCKDB_BYTES), one worker.
const batchWith = (
  env: Record<string, string>,
  files: { contracts: string; usage: string },
  ...more: string[]
) =>
  runCliWithEnv(
    env,
    "batch",
    "--contracts",
    files.contracts,
    "--usage",
    files.usage,
    "--period",
    "2026-04",
    "--credits-start-full",
    "--workers",
    "1",
    ...more,
  );
const batch = (files: { contracts: string; usage: string }, ...more: string[]) =>
  batchWith({}, files, ...more);

describe("ratecard batch --engine duckdb", () => {
  it("writes the in-memory batch's invoices and summary, each total its fixture's expected.json", () => {
    const files = april("same");
    const memory = batch(files, "--engine", "memory");
    const duckdb = batch(files, "--engine", "duckdb");
    expect([duckdb.code, memory.code]).toEqual([0, 0]);
    expect(duckdb.stdout).toBe(memory.stdout);
    expect(duckdb.stderr).toBe(memory.stderr);
    // in customer-id order: cus_dilmun (bhd), cus_harbor (saas-seats), cus_rheinwerk (eur), cus_sakura
    // (jpy); each total the one its README works out (expected.json). The usage reports differ from the
    // fixtures' by design: a batch invoice never sees another customer's events.
    const order = ["currency-bhd", "saas-seats", "currency-eur-vat", "currency-jpy"];
    const lines = duckdb.stdout.trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line).total)).toEqual(
      order.map((fixture) => JSON.parse(readFileSync(`fixtures/${fixture}/expected.json`, "utf8")).total),
    );
    // the summary: BHD 22.475, EUR 55.17, JPY 15277 and USD 1454.63, the fixtures' totals
    expect(duckdb.stderr).toContain("BHD 22.475 over 1 invoice");
    expect(duckdb.stderr).toContain("USD 1,454.63 over 1 invoice");
  });

  it("aggregates the customers of one plan in one query: the in-memory batch's invoices, each customer's ids its own", () => {
    // Five copies of cdn-basic for cus_p1…cus_p5 (one plan: the same meters and period), its usage given
    // to cus_p1 whole and to cus_p2 and cus_p3 in part, under the same ids: ids repeated across
    // customers are not copies. cus_p4 and cus_p5 send nothing.
    const contracts = join(scratch, "plan", "contracts");
    mkdirSync(contracts, { recursive: true });
    const cdn = JSON.parse(readFileSync("fixtures/cdn-basic/contract.json", "utf8"));
    for (const n of [1, 2, 3, 4, 5])
      writeFileSync(
        join(contracts, `p${n}.json`),
        JSON.stringify({ ...cdn, id: `ctr_p${n}`, customer: { ...cdn.customer, id: `cus_p${n}` } }),
      );
    const lines = readFileSync("fixtures/cdn-basic/usage.ndjson", "utf8").trimEnd().split("\n");
    const as = (customer: string, keep: (at: number) => boolean) =>
      lines.filter((_, at) => keep(at)).map((line) => line.replaceAll('"cus_northwind"', `"${customer}"`));
    const usage = join(scratch, "plan", "usage.ndjson");
    writeFileSync(
      usage,
      `${[...as("cus_p1", () => true), ...as("cus_p2", (at) => at % 2 === 0), ...as("cus_p3", (at) => at % 7 === 3)].join("\n")}\n`,
    );
    const run = (engine: string) =>
      runCliWithEnv(
        {},
        "batch",
        "--contracts",
        contracts,
        "--usage",
        usage,
        "--period",
        "2026-02",
        "--workers",
        "1",
        "--engine",
        engine,
      );
    const [memory, duckdb] = [run("memory"), run("duckdb")];
    expect([duckdb.code, memory.code]).toEqual([0, 0]);
    expect(duckdb.stdout).toBe(memory.stdout);
    expect(duckdb.stderr).toBe(memory.stderr);
    const totals = duckdb.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line))
      .map((invoice) => [invoice.customer.id, invoice.total]);
    // cus_p1 has every event of cdn-basic's customer: the fixture's total, worked out in its README
    // (other customers' events there are never billed). cus_p4 and cus_p5: the platform fee alone, 500.00.
    expect(totals).toEqual([
      ["cus_p1", JSON.parse(readFileSync("fixtures/cdn-basic/expected.json", "utf8")).total],
      ["cus_p2", expect.any(String)],
      ["cus_p3", expect.any(String)],
      ["cus_p4", "500.00"],
      ["cus_p5", "500.00"],
    ]);
  });

  it("counts the events of customers no contract bills as the in-memory pass does", () => {
    // 3 more events of 2 unknown customers, added to the strays the fixtures already hold
    const stray = (id: string, customer: string) =>
      JSON.stringify({ id, type: "x", customer, timestamp: "2026-04-02T00:00:00Z", properties: {} });
    const files = april("strays", [stray("s1", "cus_zz"), stray("s2", "cus_yy"), stray("s3", "cus_yy")]);
    const memory = batch(files, "--engine", "memory", "--format", "json");
    const duckdb = batch(files, "--engine", "duckdb", "--format", "json");
    expect(duckdb.code).toBe(0);
    expect(duckdb.stdout).toBe(memory.stdout);
    const without = JSON.parse(batch(april("no-strays"), "--engine", "duckdb", "--format", "json").stdout);
    const { unknownCustomers } = JSON.parse(duckdb.stdout).summary;
    // three events and two customers more than without them
    expect(unknownCustomers.events).toBe(without.summary.unknownCustomers.events + 3);
    expect(unknownCustomers.customers).toBe(without.summary.unknownCustomers.customers + 2);
    expect(unknownCustomers.sampleCustomers).toEqual(expect.arrayContaining(["cus_yy", "cus_zz"]));
  });

  it("reads CSV and Parquet as the in-memory batch; under auto only Parquet goes to DuckDB (a note), NDJSON stays in memory at any size", async () => {
    const files = april("auto");
    const always = { RATECARD_AUTO_DUCKDB_BYTES: "0" };
    const memory = batch(files, "--engine", "memory");
    // the size that hands `ratecard invoice` to DuckDB does not apply: a query per contract costs more
    const auto = batchWith(always, files);
    expect([auto.code, auto.stdout, auto.stderr]).toEqual([0, memory.stdout, memory.stderr]);
    // Parquet, which ratecard's own reader does not read: DuckDB, with a note, the same invoices
    const parquet = join(scratch, "auto", "usage.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT * FROM read_json('${files.usage}', columns = {id: 'VARCHAR', type: 'VARCHAR', customer: 'VARCHAR', timestamp: 'VARCHAR', properties: 'JSON'})) TO '${parquet}' (FORMAT parquet)`,
    );
    // CSV too: the four fields, then each property a column (the four fixtures' properties)
    const csv = join(scratch, "auto", "usage.csv");
    const events = `read_json('${files.usage}', columns = {id: 'VARCHAR', type: 'VARCHAR', customer: 'VARCHAR', timestamp: 'VARCHAR', properties: 'JSON'})`;
    const keys = (
      await connection.runAndReadAll(
        `SELECT DISTINCT unnest(json_keys(properties)) AS k FROM ${events} ORDER BY 1`,
      )
    )
      .getRowObjectsJS()
      .map((row) => String(row.k));
    const columns = keys.map((key) => `properties->>'${key}' AS "${key}"`).join(", ");
    await connection.run(
      `COPY (SELECT id, type, customer, timestamp, ${columns} FROM ${events}) TO '${csv}' (HEADER, DELIMITER ',')`,
    );
    connection.closeSync();
    const csvFiles = { ...files, usage: csv };
    const csvDuckdb = batch(csvFiles, "--engine", "duckdb");
    expect([csvDuckdb.code, csvDuckdb.stdout]).toEqual([0, batch(csvFiles, "--engine", "memory").stdout]);
    const fromParquet = batch({ ...files, usage: parquet });
    expect(fromParquet.code).toBe(0);
    expect(fromParquet.stderr).toContain("is Parquet: aggregating with DuckDB");
    expect(fromParquet.stdout).toBe(memory.stdout);
  });

  it("rates a per-transaction price as the in-memory batch does", () => {
    const files = april("per-transaction");
    // currency-bhd's transfer priced at 2.9 % of each event's gb: DuckDB returns each counted value.
    const bhd = JSON.parse(readFileSync("fixtures/currency-bhd/contract.json", "utf8"));
    bhd.charges = bhd.charges.map((charge: { meter?: string }) =>
      charge.meter === "transfer" ? { ...charge, price: { model: "percentage", percent: "2.9" } } : charge,
    );
    writeFileSync(join(files.contracts, "currency-bhd.json"), JSON.stringify(bhd));
    const duckdb = batch(files, "--engine", "duckdb");
    expect(duckdb.code).toBe(0);
    expect(duckdb.stdout).toBe(batch(files, "--engine", "memory").stdout);
  });

  it("refuses, exit 2 and a sentence: a contract whose meter does not compile, a malformed event", () => {
    const files = april("refused");
    // cdn-basic with its requests a product of five properties (45 decimals, beyond DuckDB's 38), which
    // the SQL compiler does not compile for DuckDB: said, not approximated.
    writeFileSync(join(files.contracts, "too-many-decimals.json"), JSON.stringify(tooManyDecimalsCdn()));
    const wide = batch(files, "--engine", "duckdb");
    expect(wide.code).toBe(2);
    expect(wide.stderr).toContain(`--contracts ${join(files.contracts, "too-many-decimals.json")}: `);
    expect(wide.stderr).toContain('a meter value with 45 decimals (meter "requests"');
    expect(wide.stderr).not.toContain("    at ");
    // an event without a type, of a customer no contract bills: the in-memory reader refuses the file too
    const broken = april("broken", [
      JSON.stringify({ id: "b1", customer: "cus_nobody", timestamp: "2026-04-02T00:00:00Z" }),
    ]);
    const refused = batch(broken, "--engine", "duckdb");
    expect(refused.code).toBe(2);
    // The in-memory reader's sentence, with the line (before: "1 event(s) have no id, type or customer
    // … (first id "b1")").
    const memory = batch(broken, "--engine", "memory");
    expect([memory.code, refused.stderr]).toEqual([2, memory.stderr]);
    expect(refused.stderr).toMatch(/line \d+: type is required/);
  });

  it("names the --usage file first for a value DuckDB cannot compute exactly: the usage is what to fix", () => {
    // cus_dilmun's transfer meter summing gb³, and a transfer of 100,000 GB: 10^15, too wide for
    // DuckDB's DECIMAL(38,27) (docs/sql-engines.md); the sentence names the usage file first.
    const files = april("wide", [dilmunTransfer("100000")]);
    const bhd = join(files.contracts, "currency-bhd.json");
    writeFileSync(bhd, JSON.stringify(cubedGb(JSON.parse(readFileSync(bhd, "utf8")), "transfer")));
    const result = batch(files, "--engine", "duckdb");
    expect([result.code, result.stdout]).toEqual([2, ""]);
    const named = `ratecard: --usage ${files.usage}, for the contract of --contracts ${bhd}: 1 counted event(s) give a meter value computed from properties`;
    expect(result.stderr.slice(0, named.length)).toBe(named);
    expect(result.stderr).toContain('(first id "x1")');
  });

  it("bills decimal text with an exponent as the in-memory batch does", () => {
    // cus_dilmun's transfer of "1e2" GB: 1 × 10² = 100 GB, which DuckDB refused (sql_unsupported)
    const files = april("exponent", [dilmunTransfer("1e2")]);
    const duckdb = batch(files, "--engine", "duckdb");
    expect([duckdb.code, duckdb.stdout]).toEqual([0, batch(files, "--engine", "memory").stdout]);
  });
});
