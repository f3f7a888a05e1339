import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FOCUS_COLUMNS, issueCreditNote, parseContract, parseInvoice, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

const INVOICE = "fixtures/golden-rich/expected.json";
const CONTRACT = "fixtures/golden-rich/contract.json";

let scratch = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-export-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A record's fields, for CSV without quoted fields (the golden-rich names have no comma or quote).
const records = (csv: string) =>
  csv
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => line.split(","));
const billedSum = (rows: ReadonlyArray<ReadonlyArray<string>>) =>
  rows.reduce((sum, row) => sum.plus(row[0] ?? "NaN"), new Decimal(0)).toFixed(2);

describe("ratecard export --format focus", () => {
  it("writes the invoice's FOCUS rows as CSV, adding up to its amount due", () => {
    const result = runCli("export", "--format", "focus", "--provider", "Acme Cloud", INVOICE);
    expect(result.code).toBe(0);
    const [header, ...rows] = records(result.stdout);
    expect(header).toEqual([...FOCUS_COLUMNS]);
    // 8 lines, 2 credits, 1 tax rate; 679.00 − 25.00 + 124.27 − 200.00 = 578.27 (docs/focus-export.md).
    expect(rows).toHaveLength(11);
    expect(billedSum(rows)).toBe("578.27");
  });

  it("--format json writes the same rows as a list, and --output writes a file", () => {
    const output = join(scratch, "focus.json");
    const result = runCli(
      "export",
      "--format",
      "json",
      "--provider",
      "Acme Cloud",
      INVOICE,
      "--output",
      output,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    const rows = JSON.parse(readFileSync(output, "utf8")) as Array<Record<string, string | null>>;
    expect(rows).toHaveLength(11);
    expect(rows[0]).toMatchObject({
      BilledCost: "99.00",
      ChargeCategory: "Purchase",
      ProviderName: "Acme Cloud",
    });
  });

  it("writes a credit note's rows as corrections when its invoice and --correction-period are given", () => {
    const contract = parseContract(JSON.parse(readFileSync(CONTRACT, "utf8")));
    const invoice = parseInvoice(JSON.parse(readFileSync(INVOICE, "utf8")));
    const note = issueCreditNote(contract, invoice, [
      { kind: "line", line: "requests", reason: "Retries billed twice" },
    ]);
    const noteFile = join(scratch, "note.json");
    writeFileSync(noteFile, JSON.stringify(note));
    const period = "2026-04-30T22:00:00Z/2026-05-31T22:00:00Z";
    const result = runCli(
      "export",
      "--provider",
      "Acme Cloud",
      INVOICE,
      noteFile,
      "--correction-period",
      period,
    );
    expect(result.stderr).toBe("");
    const [, ...rows] = records(result.stdout);
    const corrections = rows.filter((row) => row[7] === "Correction");
    // The requests line billed 49.60 and its tax 9.42 (per line): −49.60 − 9.42 = −59.02.
    expect(corrections.map((row) => [row[6], row[0]])).toEqual([
      ["Usage", "-49.60"],
      ["Tax", "-9.42"],
    ]);
    expect(billedSum(corrections)).toBe("-59.02");
  });

  it("refuses, exit 2, a credit note without its invoice, a missing --provider and an unknown format", () => {
    const contract = parseContract(JSON.parse(readFileSync(CONTRACT, "utf8")));
    const invoice = parseInvoice(JSON.parse(readFileSync(INVOICE, "utf8")));
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "Cancelled" }]);
    const noteFile = join(scratch, "alone.json");
    writeFileSync(noteFile, JSON.stringify(note));
    const alone = runCli(
      "export",
      "--provider",
      "A",
      noteFile,
      "--correction-period",
      "2026-05-01T00:00:00Z/2026-06-01T00:00:00Z",
    );
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("give that invoice too");
    expect(alone.stderr).not.toContain("    at ");
    expect(runCli("export", INVOICE).code).toBe(2);
    const parquet = runCli("export", "--provider", "A", "--format", "parquet", INVOICE);
    expect(parquet.code).toBe(2);
    expect(parquet.stderr).toContain("--format must be focus or json");
  });
});

describe("ratecard export: a document given twice", () => {
  it("refuses an invoice given twice, exit 2, naming both places: its cost would count twice", () => {
    // golden-rich's rows add up to 578.27; given twice they added up to 2 × 578.27 = 1,156.54 for one
    // invoice of 578.27.
    const twice = runCli("export", "--provider", "A", INVOICE, INVOICE);
    expect([twice.code, twice.stdout]).toEqual([2, ""]);
    expect(twice.stderr).toContain(
      `ratecard: export ${INVOICE}: invoice ctr_helios_media:2026-03-01 is given twice`,
    );
    expect(twice.stderr).not.toContain("    at ");
  });

  it("refuses an invoice of a batch's NDJSON given again on its own", () => {
    const batch = join(scratch, "batch.ndjson");
    writeFileSync(
      batch,
      `${JSON.stringify(JSON.parse(readFileSync("fixtures/cdn-basic/expected.json", "utf8")))}\n`,
    );
    const result = runCli("export", "--provider", "A", batch, "fixtures/cdn-basic/expected.json");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "ratecard: export fixtures/cdn-basic/expected.json: invoice ctr_northwind_cdn:2026-02-01 is given twice",
    );
    expect(result.stderr).toContain(`${batch} line 1`);
  });
});

describe("ratecard export: a --correction-period that does not fit", () => {
  // golden-rich is March 2026 in Berlin: 2026-02-28T23:00:00Z to 2026-03-31T22:00:00Z. Its credit note is
  // booked in a later billing period, given as --correction-period START/END.
  const exportNote = (...period: string[]) => {
    const contract = parseContract(JSON.parse(readFileSync(CONTRACT, "utf8")));
    const invoice = parseInvoice(JSON.parse(readFileSync(INVOICE, "utf8")));
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "Cancelled" }]);
    const noteFile = join(scratch, "note.json");
    writeFileSync(noteFile, JSON.stringify(note));
    return runCli("export", "--provider", "A", INVOICE, noteFile, ...period);
  };

  it.each([
    [
      "one that starts inside the corrected period",
      "2026-03-15T00:00:00Z/2026-04-15T00:00:00Z",
      "ratecard: --correction-period's start 2026-03-15T00:00:00Z is before the corrected invoice's period ends (2026-03-31T22:00:00Z)",
    ],
    [
      "one that ends before it starts",
      "2026-05-01T00:00:00Z/2026-04-01T00:00:00Z",
      "ratecard: --correction-period's end 2026-04-01T00:00:00Z is not after its start 2026-05-01T00:00:00Z",
    ],
    [
      "months instead of instants",
      "2026-04/2026-05",
      'ratecard: --correction-period\'s start: "2026-04" is not an ISO 8601 timestamp with an offset',
    ],
  ])("refuses %s, exit 2, naming the flag", (_, period, said) => {
    const result = exportNote("--correction-period", period);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toContain(said);
    expect(result.stderr).not.toContain("correctionPeriod");
    expect(result.stderr).not.toContain("    at ");
  });

  it("leads a problem inside a document with its file: an invoice in a custom unit", () => {
    const contract = parseContract(
      egressContractJson("cus_points", "CREDITS", { customUnits: [{ code: "CREDITS", minorUnits: 0 }] }),
    );
    const file = join(scratch, "points.json");
    writeFileSync(file, JSON.stringify(rateInvoice(contract, [], "2026-02")));
    const result = runCli("export", "--provider", "A", file);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toContain(
      `ratecard: export ${file}: currency.code is CREDITS, which is not an ISO 4217`,
    );
  });

  it("refuses a preview, exit 2: it billed nothing, and its rows would be billed cost under the period's invoice id", () => {
    // cus_a's 100 GB on 10 February at $0.05: the preview as of 15 February bills 5.00 so far, which
    // FOCUS would read as billed cost (BilledCost 5.00) of invoice ctr_cus_a:2026-02-01.
    const contract = join(scratch, "preview-contract.json");
    writeFileSync(contract, JSON.stringify(egressContractJson("cus_a")));
    const usage = join(scratch, "preview-usage.ndjson");
    writeFileSync(
      usage,
      `${JSON.stringify({ id: "e1", type: "egress", customer: "cus_a", timestamp: "2026-02-10T00:00:00Z", properties: { gb: "100" } })}\n`,
    );
    const preview = runCli(
      ...["preview", "--contract", contract, "--usage", usage, "--period", "2026-02"],
      ...["--as-of", "2026-02-15", "--format", "json"],
    );
    expect(preview.code).toBe(0);
    const file = join(scratch, "preview.json");
    writeFileSync(file, preview.stdout);
    const result = runCli("export", "--provider", "A", file);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toContain(
      `ratecard: export ${file}: Invoice ctr_cus_a:2026-02-01 is a preview as of 2026-02-15T00:00:00.000Z, not an issued invoice`,
    );
    expect(result.stderr).not.toContain("    at ");
  });

  it("asks for --correction-period by its name when it is left out", () => {
    const result = exportNote();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ratecard: --correction-period is required: correction ");
    expect(result.stderr).not.toContain("correctionPeriod");
  });
});

describe("ratecard export: an invoice with lines finer than the currency", () => {
  it("writes the total's rounding adjustment as an Adjustment row: 0.1250 + 0.1264 − 0.0014 = 0.25", () => {
    // Azure's two lines kept to 4 decimals (rounding.lineDecimals); 0.2514 → 0.25 half-even.
    const contract = parseContract({
      schemaVersion: 1,
      id: "azure",
      customer: { id: "contoso" },
      currency: "USD",
      timeZone: "UTC",
      billing: { cadence: "monthly" },
      term: { start: "2026-01-01" },
      rounding: { lineDecimals: 4 },
      meters: [],
      charges: [
        { id: "a", name: "Reads", quantity: "1", price: { model: "unit", unitPrice: "0.125" } },
        { id: "b", name: "Writes", quantity: "1", price: { model: "unit", unitPrice: "0.1264" } },
      ],
    });
    const path = join(scratch, "azure.json");
    writeFileSync(path, JSON.stringify(rateInvoice(contract, [], "2026-03")));
    const result = runCli("export", "--provider", "Acme Cloud", path);
    expect(result.code).toBe(0);
    const rows = records(result.stdout).slice(1);
    const category = FOCUS_COLUMNS.indexOf("ChargeCategory");
    expect(rows.map((row) => [row[0], row[category]])).toEqual([
      ["0.1250", "Usage"],
      ["0.1264", "Usage"],
      ["-0.0014", "Adjustment"],
    ]);
    expect(billedSum(rows)).toBe("0.25");
  });
});
