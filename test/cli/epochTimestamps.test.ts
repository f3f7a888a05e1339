import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli, runCliWithEnv } from "../_support/runCli.js";

// Usage exported from Stripe (meter events) or Lago: `timestamp` in seconds since 1970. --timestamps
// epoch_s reads them; the invoice is the one the same events with ISO 8601 timestamps give, byte for byte.

let scratch = "";
let contract = "";
const CDN = ["--contract", "fixtures/cdn-basic/contract.json", "--period", "2026-02", "--format", "json"];
const ISO_FILE = "fixtures/cdn-basic/usage.ndjson";
let seconds = "";
let milliseconds = "";
let secondsCsv = "";
let isoCsv = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-epoch-"));
  // $0.05 per GB of egress, UTC, monthly, customer cus_a.
  contract = join(scratch, "contract.json");
  writeFileSync(contract, JSON.stringify(egressContractJson("cus_a")));
  // The fixture's events with each ISO timestamp written as its count of seconds (and of milliseconds).
  const events = readFileSync(ISO_FILE, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { timestamp: string; properties: Record<string, string> });
  const as = (unit: number) =>
    events
      .map((event) => JSON.stringify({ ...event, timestamp: Date.parse(event.timestamp) / unit }))
      .join("\n");
  seconds = join(scratch, "usage-s.ndjson");
  writeFileSync(seconds, `${as(1000)}\n`);
  milliseconds = join(scratch, "usage-ms.ndjson");
  writeFileSync(milliseconds, `${as(1)}\n`);
  // Some fixture events fall on a fraction of a second: "1769922000.123" is read exactly.
  // The same events as CSV, once with ISO timestamps and once with seconds (cells are text either way).
  const keys = [...new Set(events.flatMap((event) => Object.keys(event.properties)))];
  const quoted = (cell: unknown) => (cell === undefined ? "" : `"${String(cell).replaceAll('"', '""')}"`);
  const csv = (timestamp: (event: { timestamp: string }) => string) =>
    `id,type,customer,timestamp,${keys.join(",")}\n${events
      .map((event) => {
        const { id, type, customer } = event as unknown as Record<string, string>;
        return [id, type, customer, timestamp(event), ...keys.map((key) => event.properties[key])]
          .map(quoted)
          .join(",");
      })
      .join("\n")}\n`;
  isoCsv = join(scratch, "usage-iso.csv");
  writeFileSync(
    isoCsv,
    csv((event) => event.timestamp),
  );
  secondsCsv = join(scratch, "usage-s.csv");
  writeFileSync(
    secondsCsv,
    csv((event) => String(Date.parse(event.timestamp) / 1000)),
  );
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("--timestamps epoch_s and epoch_ms", () => {
  it("bills a Stripe-style export of seconds as the ISO file, byte for byte (NDJSON, CSV, milliseconds, stdin)", () => {
    const iso = runCli("invoice", ...CDN, "--usage", ISO_FILE);
    expect(iso.code).toBe(0);
    for (const [file, unit] of [
      [seconds, "epoch_s"],
      [milliseconds, "epoch_ms"],
    ] as const) {
      const epoch = runCli("invoice", ...CDN, "--usage", file, "--timestamps", unit, "--engine", "memory");
      expect(epoch.stderr).toBe("");
      expect(epoch.stdout).toBe(iso.stdout);
    }
    const csvIso = runCli("invoice", ...CDN, "--usage", isoCsv);
    expect(csvIso.stderr).toBe("");
    const csvSeconds = runCli("invoice", ...CDN, "--usage", secondsCsv, "--timestamps", "epoch_s");
    expect(csvSeconds.stderr).toBe("");
    expect(csvSeconds.stdout).toBe(csvIso.stdout);
    // Standard input, as a pipe from an export job.
    const stdin = spawnSync(
      process.execPath,
      ["dist/cli.js", "invoice", ...CDN, "--usage", "-", "--usage-format", "csv", "--timestamps", "epoch_s"],
      {
        cwd: join(import.meta.dirname, "..", ".."),
        encoding: "utf8",
        input: readFileSync(secondsCsv, "utf8"),
      },
    );
    expect(stdin.stderr).toBe("");
    expect(stdin.stdout).toBe(csvIso.stdout);
  });

  it("counts an event at the period's first second and leaves out the one a second before", () => {
    // 2026-02-01T00:00:00Z: 1970 to 2026 is 56 × 365 + 14 leap days = 20454 days, + 31 (January) = 20485
    // days × 86400 = 1769904000 s. 10 GB at that second are in February; 7 GB one second before are not:
    // 10 × $0.05 = $0.50.
    const file = join(scratch, "boundary.ndjson");
    writeFileSync(
      file,
      [
        '{"id":"in","type":"egress","customer":"cus_a","timestamp":1769904000,"properties":{"gb":"10"}}',
        '{"id":"out","type":"egress","customer":"cus_a","timestamp":1769903999,"properties":{"gb":"7"}}',
      ].join("\n"),
    );
    const run = runCli(
      "invoice",
      ...["--contract", contract, "--usage", file, "--period", "2026-02", "--format", "json"],
      "--timestamps",
      "epoch_s",
    );
    expect(run.stderr).toBe("");
    const invoice = JSON.parse(run.stdout) as { total: string; usage: { excluded: unknown } };
    expect(invoice.total).toBe("0.50");
    expect(JSON.stringify(invoice.usage)).toContain('"out"');
  });

  it("refuses a number without the flag, naming the flag", () => {
    const run = runCli("invoice", ...CDN, "--usage", seconds, "--engine", "memory");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "line 1: timestamp must be an ISO 8601 timestamp text, not the number 1769922000; if these are seconds since 1970 (Stripe meter events, Lago events), read them with --timestamps epoch_s",
    );
  });

  it("refuses numbers without the flag in the same sentence on both engines (NDJSON and CSV)", () => {
    const csv = join(scratch, "digits.csv");
    writeFileSync(csv, "id,type,customer,timestamp,gb\na,egress,cus_a,1770000000,5\n");
    for (const file of [seconds, csv]) {
      const [memory, duckdb] = (["memory", "duckdb"] as const).map((engine) =>
        runCli("invoice", ...CDN, "--usage", file, "--engine", engine),
      );
      expect(memory?.code).toBe(2);
      expect(memory?.stderr).toContain("if these are seconds since 1970 (Stripe meter events, Lago events)");
      expect(duckdb?.code).toBe(2);
      expect(duckdb?.stderr).toBe(memory?.stderr);
    }
  });

  it("refuses an unknown --timestamps in words; --engine duckdb and auto read epoch as the ISO file bills", () => {
    const unknown = runCli("invoice", ...CDN, "--usage", seconds, "--timestamps", "seconds");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--timestamps is "seconds"; ratecard reads usage timestamps as text, epoch_s, epoch_ms',
    );
    const iso = runCli("invoice", ...CDN, "--usage", ISO_FILE).stdout;
    // Before, --engine duckdb refused: "--engine duckdb reads usage timestamps as ISO 8601 text only".
    const duckdb = runCli(
      "invoice",
      ...CDN,
      "--usage",
      seconds,
      "--timestamps",
      "epoch_s",
      "--engine",
      "duckdb",
    );
    expect([duckdb.code, duckdb.stderr, duckdb.stdout]).toEqual([0, "", iso]);
    // Under auto, a file over the size (1 byte here) is DuckDB's, no longer handed back to the in-memory engine.
    const auto = runCliWithEnv(
      { RATECARD_AUTO_DUCKDB_BYTES: "1" },
      ...["invoice", ...CDN, "--usage", seconds, "--timestamps", "epoch_s"],
    );
    expect(auto.stderr).toContain("aggregating with DuckDB");
    expect(auto.stdout).toBe(iso);
  });

  it("reads epoch timestamps in every command that reads usage", () => {
    const preview = runCli(
      "preview",
      ...["--contract", "fixtures/cdn-basic/contract.json", "--usage", seconds, "--period", "2026-02"],
      ...["--as-of", "2026-02-10T00:00:00Z", "--format", "json", "--timestamps", "epoch_s"],
    );
    expect(preview.stderr).toBe("");
    const isoPreview = runCli(
      "preview",
      ...["--contract", "fixtures/cdn-basic/contract.json", "--usage", ISO_FILE, "--period", "2026-02"],
      ...["--as-of", "2026-02-10T00:00:00Z", "--format", "json"],
    );
    expect(preview.stdout).toBe(isoPreview.stdout);
    const usage = runCli(
      "usage",
      ...["--contract", "fixtures/cdn-basic/contract.json", "--usage", seconds, "--period", "2026-02"],
      ...["--format", "json", "--timestamps", "epoch_s"],
    );
    const isoUsage = runCli(
      "usage",
      ...["--contract", "fixtures/cdn-basic/contract.json", "--usage", ISO_FILE, "--period", "2026-02"],
      ...["--format", "json"],
    );
    expect(usage.stderr).toBe("");
    expect(usage.stdout).toBe(isoUsage.stdout);
  });
});
