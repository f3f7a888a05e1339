import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseContract, rateClosingInvoice, rateProgressiveInvoice } from "../../src/index.js";
import { buildContractJson, usageEvent } from "../_support/contract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// docs/credit-notes.md: a minimum of 100.00 a month at 1.00 a unit; 90 units by the 10th (progressive
// invoice 1, 90.00), 30 more by the end (the close, 30.00, no true-up): the period's spend is 120.00.
const json = buildContractJson({ commitments: [{ id: "min", name: "Monthly minimum", minimum: "100" }] });
const contract = parseContract(json);
const events = [
  usageEvent("a", "e", "2026-01-05T00:00:00Z", { v: "90" }),
  usageEvent("b", "e", "2026-01-20T00:00:00Z", { v: "30" }),
];
const first = rateProgressiveInvoice(contract, events, "2026-01", "2026-01-10");
const close = rateClosingInvoice(contract, events, "2026-01", { earlier: [first] });
const files = { contract: "", first: "", close: "" };
let unitsFile: (quantity: string) => string;
let scratch = "";

beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-note-earlier-"));
  const write = (name: string, value: unknown) => {
    const file = join(scratch, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  files.contract = write("contract.json", json);
  files.first = write("p1.json", first);
  files.close = write("close.json", close);
  unitsFile = (quantity) =>
    write(`units-${quantity}.json`, [{ kind: "quantity", line: "use", quantity, reason: "double-counted" }]);
});

function creditNote(quantity: string, ...extra: string[]) {
  return creditNoteOf(files.close, quantity, ...extra);
}

function creditNoteOf(invoice: string, quantity: string, ...extra: string[]) {
  return runCli(
    "credit-note",
    "--contract",
    files.contract,
    "--invoice",
    invoice,
    "--corrections",
    unitsFile(quantity),
    "--format",
    "json",
    ...extra,
  );
}

describe("ratecard credit-note --earlier: a note of units against a progressive close under a minimum", () => {
  it("credits 20 units (the period keeps 100.00) and refuses 25 (95.00), given the earlier invoice", () => {
    const kept = creditNote("20", "--earlier", files.first);
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.stdout).total).toBe("20.00");
    const refused = creditNote("25", "--earlier", files.first);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Line use counts toward Monthly minimum");
  });

  it("asks for the earlier invoices without them, and names the --earlier file that is not one", () => {
    const missing = creditNote("25");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--earlier FILE");
    const wrong = creditNote("20", "--earlier", files.close);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`--earlier ${files.close}`);
  });
});

describe("ratecard credit-note --closing: a note of units against the earlier invoice after the close", () => {
  it("credits 20 units of progressive invoice 1 (120.00 − 20.00 = 100.00) and refuses 25 (95.00)", () => {
    const closed = ["--closing", files.close, "--earlier", files.first];
    const kept = creditNoteOf(files.first, "20", ...closed);
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.stdout).total).toBe("20.00");
    const refused = creditNoteOf(files.first, "25", ...closed);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Line use counts toward Monthly minimum");
    // without --closing the note is issued as before the close (the close takes it)
    expect(JSON.parse(creditNoteOf(files.first, "25").stdout).total).toBe("25.00");
  });

  it("names the --closing file that is not the close of the invoice's period", () => {
    const wrong = creditNoteOf(files.first, "20", "--closing", files.first, "--earlier", files.first);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`--closing ${files.first}`);
  });
});
