import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCliWithEnv } from "../_support/runCli.js";
import { contractFile, cubedGb, perTransactionCdn, tooManyDecimalsCdn } from "../_support/sqlContracts.js";

// `--engine auto`, the default: DuckDB for a local file at least RATECARD_AUTO_DUCKDB_BYTES large (32
// MiB unless set; 0 here, so that the fixtures qualify) when it can aggregate it exactly, else the
// in-memory engine. Either way the invoice is the same bytes; stderr says which engine ran.
const CDN = ["--contract", "fixtures/cdn-basic/contract.json", "--period", "2026-02", "--format", "json"];
const CDN_USAGE = "fixtures/cdn-basic/usage.ndjson";
const ALWAYS = { RATECARD_AUTO_DUCKDB_BYTES: "0" };
const invoice = (env: Record<string, string>, ...args: string[]) => runCliWithEnv(env, "invoice", ...args);

describe("ratecard invoice --engine auto", () => {
  beforeAll(() => assertCliBuilt());

  it("keeps the in-memory engine, silently, for a file below the size", () => {
    const auto = invoice({}, ...CDN, "--usage", CDN_USAGE);
    const memory = invoice({}, ...CDN, "--usage", CDN_USAGE, "--engine", "memory");
    expect([auto.code, auto.stderr]).toEqual([0, ""]);
    expect(auto.stdout).toBe(memory.stdout);
  });

  it("hands a file at or above the size to DuckDB, says so, and rates the same invoice", () => {
    const auto = invoice(ALWAYS, ...CDN, "--usage", CDN_USAGE);
    const memory = invoice(ALWAYS, ...CDN, "--usage", CDN_USAGE, "--engine", "memory");
    expect(auto.code).toBe(0);
    expect(auto.stderr).toContain("ratecard: note:");
    expect(auto.stderr).toContain("at least the 0.0 MiB above which --engine auto uses DuckDB");
    expect(auto.stderr).toContain("aggregating with DuckDB");
    // An explicit engine is no choice to report.
    expect(memory.stderr).toBe("");
    expect(auto.stdout).toBe(memory.stdout);
  });

  it("falls back to the in-memory engine, with a note, for a meter SQL does not compile", () => {
    // cdn-basic with its requests a product of five properties (45 decimals, beyond DuckDB's 38):
    // --engine duckdb refuses it (exit 2), auto does not.
    const args = ["--contract", contractFile(tooManyDecimalsCdn()), ...CDN.slice(2), "--usage", CDN_USAGE];
    const auto = invoice(ALWAYS, ...args);
    const memory = invoice(ALWAYS, ...args, "--engine", "memory");
    expect(auto.code).toBe(0);
    expect(auto.stderr).toContain("aggregating with ratecard's own engine instead, because");
    expect(auto.stderr).toContain('a meter value with 45 decimals (meter "requests"');
    expect(auto.stdout).toBe(memory.stdout);
    expect(invoice(ALWAYS, ...args, "--engine", "duckdb").code).toBe(2);
  });

  it("hands per-transaction prices to DuckDB, with the in-memory invoice", () => {
    // cdn-basic with its requests priced at 2.9 % of each event's value: each value comes back as a row.
    const args = ["--contract", contractFile(perTransactionCdn()), ...CDN.slice(2), "--usage", CDN_USAGE];
    const auto = invoice(ALWAYS, ...args);
    const memory = invoice(ALWAYS, ...args, "--engine", "memory");
    expect([auto.code, memory.code]).toEqual([0, 0]);
    expect(auto.stderr).toContain("aggregating with DuckDB");
    expect(auto.stdout).toBe(memory.stdout);
  });

  it("hands weighted_sum meters and --daily to DuckDB too, with the in-memory invoice", () => {
    // golden-rich bills a weighted_sum meter (storage, GB-month); --daily keeps each sum's local days.
    const args = [
      "--contract",
      "fixtures/golden-rich/contract.json",
      "--usage",
      "fixtures/golden-rich/usage.ndjson",
      "--period",
      "2026-03",
      "--credits-start-full",
      "--format",
      "json",
      "--daily",
    ];
    const auto = invoice(ALWAYS, ...args);
    const memory = invoice(ALWAYS, ...args, "--engine", "memory");
    expect([auto.code, auto.stderr]).toEqual([0, expect.stringContaining("aggregating with DuckDB")]);
    expect(auto.stdout).toContain('"daily"');
    expect(auto.stdout).toBe(memory.stdout);
  });

  it("reads text with an exponent in DuckDB, as in memory: no fallback", () => {
    // evt_000001's 28.037 GB written as "28037e-3": the same quantity, 28037 × 10^-3 = 28.037, so the
    // invoice is the fixture's own. DuckDB refused the exponent (sql_unsupported) and auto re-read the
    // file in memory; it now reads it as the in-memory engine does.
    const dir = mkdtempSync(join(tmpdir(), "ratecard-auto-"));
    const file = join(dir, "usage.ndjson");
    const original = readFileSync(CDN_USAGE, "utf8");
    const changed = original.replace('"gb":"28.037"', '"gb":"28037e-3"');
    expect(changed).not.toBe(original);
    writeFileSync(file, changed);
    const fixture = invoice({}, ...CDN, "--usage", CDN_USAGE, "--engine", "memory").stdout;
    const auto = invoice(ALWAYS, ...CDN, "--usage", file);
    expect([auto.code, auto.stderr]).toEqual([0, expect.stringContaining("aggregating with DuckDB")]);
    expect(auto.stderr).not.toContain("DuckDB did not aggregate");
    expect(auto.stdout).toBe(fixture);
    expect(invoice(ALWAYS, ...CDN, "--usage", file, "--engine", "duckdb").stdout).toBe(fixture);
  });

  it("falls back when DuckDB meets a value it cannot compute exactly (too wide for its decimals)", () => {
    // cdn-basic with bandwidth_na summing gb³, and evt_000001's gb 100,000: 10^15, beyond DuckDB's
    // DECIMAL(38,27) (sql_unsupported at run time); auto re-reads in memory, which leaves the event out
    // as invalid_value (a derived quantity must be below 10^15).
    const contract = contractFile(cubedGb(JSON.parse(readFileSync(CDN[1]!, "utf8")), "bandwidth_na"));
    const dir = mkdtempSync(join(tmpdir(), "ratecard-auto-"));
    const file = join(dir, "usage.ndjson");
    writeFileSync(file, readFileSync(CDN_USAGE, "utf8").replace('"gb":"28.037"', '"gb":"100000"'));
    const args = ["--contract", contract, ...CDN.slice(2), "--usage", file];
    const auto = invoice(ALWAYS, ...args);
    expect(auto.code).toBe(0);
    expect(auto.stderr).toContain(`DuckDB did not aggregate ${file}, because`);
    expect(auto.stderr).toContain("too large for the SQL engine's widest exact decimal");
    expect(auto.stdout).toBe(invoice({}, ...args, "--engine", "memory").stdout);
    expect(invoice(ALWAYS, ...args, "--engine", "duckdb").code).toBe(2);
  });

  it("keeps the in-memory engine for standard input, whatever the size", () => {
    const stdin = runCliWithEnv(ALWAYS, "invoice", ...CDN, "--usage", "-", "--usage-format", "ndjson");
    // No input on stdin: no events, and no DuckDB note.
    expect(stdin.stderr).not.toContain("DuckDB");
  });

  it("refuses a size that is not a whole number of bytes", () => {
    const bad = invoice({ RATECARD_AUTO_DUCKDB_BYTES: "1e6" }, ...CDN, "--usage", CDN_USAGE);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringContaining('RATECARD_AUTO_DUCKDB_BYTES must be a whole number of bytes, not "1e6"'),
    ]);
  });

  it("refuses a usage file that is not there in one sentence, whichever engine is asked for, invoice or batch", () => {
    // DuckDB's own failure was an internal error (exit 1, a stack) under invoice and uncaught under batch
    const missing = join(mkdtempSync(join(tmpdir(), "ratecard-missing-")), "usage.ndjson");
    for (const engine of ["duckdb", "memory", "auto"])
      for (const command of ["invoice", "batch"]) {
        const contract = command === "invoice" ? "--contract" : "--contracts";
        const run = runCliWithEnv(
          ALWAYS,
          command,
          contract,
          "fixtures/cdn-basic/contract.json",
          "--period",
          "2026-02",
          "--usage",
          missing,
          "--engine",
          engine,
        );
        expect([run.code, run.stderr]).toEqual([2, `ratecard: ${missing}: no such file.\n`]);
      }
  });
});
