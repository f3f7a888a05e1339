import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// A Parquet usage file's columns, as warehouse unloads write them: each property a column of its own
// (no `properties`), or every name in capitals (Snowflake's COPY INTO … FILE_FORMAT = (TYPE = PARQUET)).
// Two events of cus_a in February, e1 10 GB and e2 5 GB, at $0.05 per GB.
const ROWS = `VALUES ('e1', 'egress', 'cus_a', '2026-02-10T00:00:00Z', '10'), ('e2', 'egress', 'cus_a', '2026-02-11T00:00:00Z', '5')`;

describe("a Parquet usage file's columns", () => {
  const dir = mkdtempSync(join(tmpdir(), "ratecard-parquet-columns-"));
  const contract = join(dir, "egress.json");
  beforeAll(async () => {
    assertCliBuilt();
    writeFileSync(contract, JSON.stringify(egressContractJson("cus_a")));
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const write = (select: string, name: string) =>
      connection.run(`COPY (${select}) TO '${join(dir, name)}' (FORMAT parquet)`);
    await write(`SELECT * FROM (${ROWS}) AS t(id, type, customer, timestamp, gb)`, "flat.parquet");
    await write(
      `SELECT id, type, timestamp, gb FROM (${ROWS}) AS t(id, type, customer, timestamp, gb)`,
      "nocustomer.parquet",
    );
    await write(
      `SELECT id AS ID, type AS TYPE, customer AS CUSTOMER, timestamp AS TIMESTAMP, json_object('gb', gb) AS PROPERTIES FROM (${ROWS}) AS t(id, type, customer, timestamp, gb)`,
      "capitals.parquet",
    );
    await write(
      `SELECT id, type, customer, timestamp, MAP {'gb': gb} AS properties FROM (${ROWS}) AS t(id, type, customer, timestamp, gb)`,
      "map.parquet",
    );
    // A third event whose MAP is empty ({} to the query; DuckDB hands it over as an empty list).
    await write(
      `SELECT id, type, customer, timestamp, CASE WHEN gb = '0' THEN MAP {}::MAP(VARCHAR, VARCHAR) ELSE MAP {'gb': gb} END AS properties FROM (${ROWS}, ('e3', 'egress', 'cus_a', '2026-02-12T00:00:00Z', '0')) AS t(id, type, customer, timestamp, gb)`,
      "emptymap.parquet",
    );
    await write(
      `SELECT * FROM (VALUES ('z9', 'egress', 'cus_a', '2026-02-10T00:00:00Z', '{"gb":"1"}'), ('m5', 'egress', 'cus_a', '10/02/2026 00:00', '{"gb":"1"}'), ('b2', 'egress', 'cus_a', '2026-02-11', '{"gb":"1"}')) AS t(id, type, customer, timestamp, properties)`,
      "dayfirst.parquet",
    );
    connection.closeSync();
  });
  const run = (command: string, file: string) =>
    runCli(
      command,
      ...(command === "batch" ? ["--contracts", contract, "--workers", "1"] : ["--contract", contract]),
      ...["--usage", join(dir, file), "--period", "2026-02"],
      ...(command === "usage" ? ["--meter", "egress"] : command === "invoice" ? ["--format", "json"] : []),
    );

  it("refuses a file without the properties column with one sentence naming its columns and the fix, on invoice, batch and usage", () => {
    // Before: invoice and batch said "DuckDB could not read …: Binder Error: Referenced column
    // "properties" not found in FROM clause!", and usage listed e1 and e2 as invalid_value, exit 0.
    for (const command of ["invoice", "batch", "usage"]) {
      const refused = run(command, "flat.parquet");
      expect([command, refused.code, refused.stdout]).toEqual([command, 2, ""]);
      expect(refused.stderr).toContain(
        `ratecard: ${join(dir, "flat.parquet")} has no "properties" column (it has "gb": write them into one column of JSON text, such as {"gb":"10"}, with DuckDB's to_json({gb: gb}),`,
      );
      expect(refused.stderr).toContain(
        "a Parquet usage file needs the columns id, type, customer, timestamp and properties (the event's properties as JSON text).",
      );
      expect(refused.stderr).not.toMatch(/Binder| {4}at /);
    }
    // Before: invoice said 'Binder Error: Column "customer" referenced that exists in the SELECT clause
    // - but this column cannot be referenced before it is defined', usage "row 1: customer is required."
    for (const command of ["invoice", "batch", "usage"]) {
      const refused = run(command, "nocustomer.parquet");
      expect([command, refused.code]).toEqual([command, 2]);
      expect(refused.stderr).toContain(
        `${join(dir, "nocustomer.parquet")} has no "customer", "properties" columns (it has "gb":`,
      );
    }
  });

  it("reads columns named in capitals, as DuckDB's SQL finds them, on invoice, batch and usage", () => {
    // By hand: 10 GB + 5 GB = 15 GB × $0.05 = $0.75. Before: invoice and batch billed $0.75, and usage
    // refused the file ("row 1: id is required."), its rows carrying the names ID, TYPE, ….
    const billed = JSON.parse(run("invoice", "capitals.parquet").stdout) as { total: string };
    expect(billed.total).toBe("0.75");
    expect(JSON.parse(run("batch", "capitals.parquet").stdout.split("\n")[0] ?? "")).toEqual(billed);
    const usage = run("usage", "capitals.parquet");
    expect([usage.code, usage.stdout]).toEqual([0, expect.stringContaining("2 events read, 2 counted.")]);
  });

  it("reads properties written as a MAP column (a warehouse's MAP(VARCHAR, VARCHAR)), on invoice, batch and usage", () => {
    // By hand: 10 GB + 5 GB = 15 GB × $0.05 = $0.75. Before: invoice and batch billed $0.75 (the query
    // reads the MAP as a JSON object), and usage refused the file: "row 1: properties must be an object of
    // property names and values, not a list" (DuckDB hands a MAP's entries over as [{ key, value }]).
    const billed = JSON.parse(run("invoice", "map.parquet").stdout) as { total: string };
    expect(billed.total).toBe("0.75");
    expect(JSON.parse(run("batch", "map.parquet").stdout.split("\n")[0] ?? "")).toEqual(billed);
    const usage = run("usage", "map.parquet");
    expect([usage.code, usage.stderr]).toEqual([0, ""]);
    expect(usage.stdout).toContain("2 events read, 2 counted.");
    expect(usage.stdout).toMatch(/all events: 2 events, 15 GB/);
  });

  it("reads an empty MAP as no properties, on invoice and usage alike", () => {
    // e3's MAP is empty: an event with no gb, which the meter cannot count (the in-memory reader's
    // {} ). By hand: 10 GB + 5 GB = 15 GB × $0.05 = $0.75, 3 events read, 2 counted, e3 left out.
    // Before: invoice billed $0.75 and usage refused the file: "row 3: properties must be an object of
    // property names and values, not a list" (DuckDB hands an empty MAP over as []).
    const billed = JSON.parse(run("invoice", "emptymap.parquet").stdout) as { total: string };
    expect(billed.total).toBe("0.75");
    const usage = run("usage", "emptymap.parquet");
    expect([usage.code, usage.stderr]).toEqual([0, ""]);
    expect(usage.stdout).toContain("3 events read, 2 counted.");
    expect(usage.stdout).toMatch(/all events: 2 events, 15 GB/);
  });

  it("names the first event in file order whose timestamp is no instant, by its row, on invoice, batch and usage", () => {
    // m5 (row 2) is written day first, b2 (row 3) has no time. Before, invoice and batch named the
    // smallest id in text order: "2 event(s) have no id, type or customer … (first id "b2")".
    for (const command of ["invoice", "batch", "usage"]) {
      const refused = run(command, "dayfirst.parquet");
      expect([command, refused.code]).toEqual([command, 2]);
      expect(refused.stderr).toContain(
        `ratecard: ${join(dir, "dayfirst.parquet")} row 2: timestamp "10/02/2026 00:00" is not an ISO 8601 timestamp with an offset`,
      );
    }
  });
});
