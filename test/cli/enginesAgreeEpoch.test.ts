import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import {
  expectBothEnginesBill,
  expectBothEnginesRefuse,
  expectBothEnginesRefuseUsage,
} from "../_support/engineRefusals.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// --timestamps epoch_s and epoch_ms with --engine duckdb: DuckDB reads counts since 1970 as ratecard's own
// engine reads them (src/time/epochInstant.ts), exactly to the millisecond, finer digits floored, and
// refuses what it refuses in its sentence. Before, --engine duckdb refused --timestamps in words and auto
// fell back to the in-memory engine.

const scratch = scratchFolder("ratecard-epoch-engines-", assertCliBuilt);
// $0.05 per GB, UTC, monthly, customer cus_a.
let contract = "";
beforeAll(() => {
  contract = scratch.file("contract.json", JSON.stringify(egressContractJson("cus_a")));
});

const event = (id: string, timestamp: unknown, gb: string) =>
  JSON.stringify({ id, type: "egress", customer: "cus_a", timestamp, properties: { gb } });

// February 2026 in seconds: [1769904000, 1772323200) (20485 days × 86400 = 1769904000; + 28 × 86400).
// Counted: in1 10 GB at the first second; in2 20 GB at 1772323199.9995, floored to 23:59:59.999 on
// 28 February (rounded to the millisecond, or multiplied as a double, it is 1 March); in3 1 GB at
// "1770000000.005" (text), 1770000000005 ms. Left out: out1 at 1769903999.9999 (floored to
// 23:59:59.999 on 31 January, where rounding would count it), out2 at the period's end, tiny at
// 0.000015 s (0 ms, 1970: a number DuckDB writes "1.5e-05", read, not refused). 31 GB × $0.05 = $1.55.
const SECONDS: ReadonlyArray<readonly [string, number | string, string]> = [
  ["in1", 1769904000, "10"],
  ["out1", 1769903999.9999, "7"],
  ["in2", 1772323199.9995, "20"],
  ["out2", 1772323200, "40"],
  ["in3", "1770000000.005", "1"],
  ["tiny", 1.5e-5, "3"],
];
const ndjson = (rows: ReadonlyArray<readonly [string, unknown, string]>) =>
  `${rows.map(([id, at, gb]) => event(id, at, gb)).join("\n")}\n`;
const csv = (rows: ReadonlyArray<readonly [string, string, string]>) =>
  `id,type,customer,timestamp,gb\n${rows.map(([id, at, gb]) => `${id},egress,cus_a,${at},${gb}`).join("\n")}\n`;

describe("--engine duckdb reads epoch timestamps as the in-memory engine does", () => {
  it("bills seconds and milliseconds alike, byte for byte: NDJSON, a JSON array, CSV", () => {
    const s = ["--timestamps", "epoch_s"];
    expectBothEnginesBill(contract, scratch.file("s.ndjson", ndjson(SECONDS)), "1.55", s);
    expectBothEnginesBill(
      contract,
      scratch.file("s.json", `[${SECONDS.map(([id, at, gb]) => event(id, at, gb)).join(",\n")}]\n`),
      "1.55",
      s,
    );
    // CSV cells are text: the tiny one written out, as a spreadsheet would.
    const cells = SECONDS.map(([id, at, gb]) => [id, id === "tiny" ? "0.000015" : String(at), gb] as const);
    expectBothEnginesBill(contract, scratch.file("s.csv", csv(cells)), "1.55", s);
    // Milliseconds: 1769904000000 is in; 1769903999999.9 floors to the last millisecond of January.
    const ms = ndjson([
      ["in1", 1769904000000, "10"],
      ["out1", 1769903999999.9, "7"],
      ["in2", "1772323199999.999", "20"],
    ]);
    expectBothEnginesBill(contract, scratch.file("ms.ndjson", ms), "1.50", ["--timestamps", "epoch_ms"]);
  });

  it("gives the same usage evidence and batch invoices on both engines", () => {
    const file = scratch.file("evidence.ndjson", ndjson(SECONDS));
    const [memory, duckdb] = ["memory", "duckdb"].map((engine) =>
      runCli(
        ...["usage", "--contract", contract, "--usage", file, "--period", "2026-02"],
        ...["--format", "json", "--engine", engine, "--timestamps", "epoch_s"],
      ),
    );
    expect(memory?.stderr).toBe("");
    expect([duckdb?.code, duckdb?.stdout, duckdb?.stderr]).toEqual([0, memory?.stdout, ""]);
    const [memoryBatch, duckdbBatch] = ["memory", "duckdb"].map((engine) =>
      runCli(
        ...["batch", "--contracts", contract, "--usage", file, "--period", "2026-02"],
        ...["--engine", engine, "--workers", "1", "--timestamps", "epoch_s"],
      ),
    );
    expect(memoryBatch?.code).toBe(0);
    expect([duckdbBatch?.code, duckdbBatch?.stdout]).toEqual([0, memoryBatch?.stdout]);
  });

  it("refuses what the in-memory engine refuses, in its sentence: text with an exponent, below zero, past 9999", () => {
    const ok = ["ok", 1770000000, "1"] as const;
    const s = ["--timestamps", "epoch_s"];
    // Text "1e-07" is refused (a JSON number 1e-7 is read): an exponent is no plain count.
    const exponent = scratch.file("exponent.ndjson", ndjson([ok, ["e", "1e-07", "1"]]));
    expectBothEnginesRefuse(
      contract,
      exponent,
      'line 2: timestamp seconds since 1970 are expected, as a number such as 1770000000, not the text "1e-07".',
      s,
    );
    expectBothEnginesRefuseUsage(contract, exponent, s);
    expectBothEnginesRefuse(
      contract,
      scratch.file("negative.ndjson", ndjson([ok, ["n", -1, "1"]])),
      "line 2: timestamp -1 seconds since 1970 is before 1970, which ratecard does not bill",
      s,
    );
    // 253402300800 s is 10000-01-01T00:00:00Z (2,932,897 days × 86400).
    expectBothEnginesRefuse(
      contract,
      scratch.file(
        "late.csv",
        csv([
          ["ok", "1770000000", "1"],
          ["l", "253402300800", "1"],
        ]),
      ),
      "line 3: timestamp 253402300800 seconds since 1970 is after the year 9999, which ratecard does not read; if these are milliseconds since 1970, read them as epoch_ms",
      s,
    );
    expectBothEnginesRefuse(
      contract,
      scratch.file(
        "iso.json",
        `[${event("ok", 1770000000, "1")},\n${event("i", "2026-02-10T00:00:00Z", "1")}]`,
      ),
      'event [1]: timestamp seconds since 1970 are expected, as a number such as 1770000000, not the text "2026-02-10T00:00:00Z" (an ISO 8601 timestamp: read such events without --timestamps, or with timestamps "text")',
      s,
    );
  });

  it("reads Parquet counts from an integer or decimal column (only DuckDB reads Parquet)", async () => {
    // The NDJSON file's events, as a warehouse unloads them: a BIGINT of seconds and a DECIMAL(18,4).
    // BIGINT: in1 at 1769904000 (10 GB) and out1 at 1769903999 (7 GB, January): 10 × $0.05 = $0.50.
    // DECIMAL: in2 at 1772323199.9999 (20 GB, 28 February, floored) and out2 at 1772323200: $1.00.
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const write = async (
      name: string,
      type: string,
      rows: ReadonlyArray<readonly [string, string, string]>,
    ) => {
      const values = rows.map(
        ([id, at, gb]) => `('${id}', 'egress', 'cus_a', ${at}::${type}, '{"gb":"${gb}"}')`,
      );
      const file = scratch.path(name);
      await connection.run(
        `COPY (SELECT * FROM (VALUES ${values.join(", ")}) t(id, type, customer, timestamp, properties)) TO '${file}' (FORMAT parquet)`,
      );
      return file;
    };
    const bigint = await write("s.parquet", "BIGINT", [
      ["in1", "1769904000", "10"],
      ["out1", "1769903999", "7"],
    ]);
    const decimal = await write("d.parquet", "DECIMAL(18,4)", [
      ["in2", "1772323199.9999", "20"],
      ["out2", "1772323200", "40"],
    ]);
    connection.closeSync();
    for (const [file, total] of [
      [bigint, "0.50"],
      [decimal, "1.00"],
    ] as const) {
      const run = runCli(
        ...["invoice", "--contract", contract, "--usage", file, "--period", "2026-02"],
        ...["--format", "json", "--timestamps", "epoch_s"],
      );
      expect([run.code, (JSON.parse(run.stdout) as { total: string }).total]).toEqual([0, total]);
    }
  });
});
