import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContractJson, sumMeter } from "../_support/contract.js";
import { PROGRESSIVE_EXAMPLE_CHARGES } from "../_support/progressiveExample.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { asNdjson } from "../_support/usageFiles.js";

const gb = (id: string, timestamp: string, v: string) => ({
  id,
  type: "gb",
  customer: "cus",
  timestamp,
  properties: { v },
});
let dir = "";
let contract = "";
let usage = "";
beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), "ratecard-progressive-"));
  contract = join(dir, "contract.json");
  usage = join(dir, "usage.ndjson");
  // 0–1,000 GB at 0.10, above at 0.05 (graduated); a 20.00 platform fee
  const json = buildContractJson({
    meters: [sumMeter("gb", { unit: "GB" })],
    charges: PROGRESSIVE_EXAMPLE_CHARGES,
  });
  writeFileSync(contract, JSON.stringify(json));
  writeFileSync(usage, marchUsage("800"));
});
// March's usage: GB on the 5th (800 as counted), 600 on the 15th, 100 on the 25th, as NDJSON.
const marchUsage = (fifth: string) =>
  asNdjson([
    gb("a", "2026-03-05T10:00:00Z", fifth),
    gb("b", "2026-03-15T10:00:00Z", "600"),
    gb("c", "2026-03-25T10:00:00Z", "100"),
  ]);
const progressive = (...extra: string[]) =>
  runCli("progressive", "--contract", contract, "--usage", usage, "--period", "2026-03", ...extra);

describe("ratecard progressive", () => {
  it("issues one progressive invoice with --at, then closes the period less it", () => {
    const first = progressive("--at", "2026-03-10T00:00:00Z", "--format", "json");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    // 800 GB × 0.10 = 80.00, no fee yet
    expect(JSON.parse(first.stdout).total).toBe("80.00");
    const file = join(dir, "p1.json");
    writeFileSync(file, first.stdout);
    const closing = progressive("--close", "--earlier", file, "--format", "json");
    expect(closing.code).toBe(0);
    // 1,500 GB: 100.00 + 500 × 0.05 = 125.00 + 20.00 fee = 145.00, less 80.00 = 65.00
    expect(JSON.parse(closing.stdout).total).toBe("65.00");
    const text = progressive("--close", "--earlier", file);
    expect(text.stdout).toContain("minus $80.00 already billed on ctr:2026-03-01:progressive-1 = $65.00.");
  });

  it("issues the sequence a spend threshold triggers, as a JSON list", () => {
    const result = progressive("--threshold", "100", "--close", "--format", "json");
    expect(result.code).toBe(0);
    const invoices = JSON.parse(result.stdout);
    // spend so far 80.00 (5th), 120.00 (15th: crosses 100), 125.00 (25th: below 200); then the close
    // 120.00; closing 125.00 + 20.00 − 120.00 = 25.00
    expect(invoices.map((invoice: { total: string }) => invoice.total)).toEqual(["120.00", "25.00"]);
  });

  it("names a progressive invoice's own cut-off for the events it leaves out, in every format", () => {
    // --at the 10th: b (15th) and c (25th) are at or after it. Not a preview: no "as-of instant".
    const at = progressive("--at", "2026-03-10T00:00:00Z");
    expect(at.stdout).toContain(
      "- 2 events: at or after 2026-03-10T00:00:00.000Z, this progressive invoice's cut-off (billed by a later invoice of the period) (e.g. b, c).",
    );
    // --threshold 100: 80.00 on the 5th, 80.00 + 600 GB (200 × 0.10 + 400 × 0.05 = 40.00) = 120.00 on the
    // 15th at 10:00:00, so the cut is the end of that second, 10:00:01; c (25th) is left out.
    const file = join(dir, "cut-p1.json");
    const first = JSON.parse(progressive("--threshold", "100", "--format", "json").stdout)[0];
    expect(first.progressive.asOf).toBe("2026-03-15T10:00:01.000Z");
    writeFileSync(file, JSON.stringify(first));
    const words =
      "at or after 2026-03-15T10:00:01.000Z, this progressive invoice's cut-off: the end of the second in which the spend so far reached the threshold (billed by a later invoice of the period)";
    for (const format of ["text", "markdown", "html", "json"]) {
      const shown = runCli("explain", file, "--format", format).stdout;
      // the page escapes the apostrophe of "invoice's"
      expect(shown).toContain(format === "html" ? words.replace("'", "&#39;") : words);
      expect(shown).not.toContain("preview");
    }
  });

  it("refuses contradicting flags and a bad earlier invoice without a stack (exit 2)", () => {
    for (const flags of [[], ["--at", "2026-03-10", "--threshold", "5"], ["--at", "2026-03-10", "--close"]]) {
      const result = progressive(...flags);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toContain("    at ");
    }
    const unreadable = progressive("--at", "tomorrow");
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/^ratecard: --at must be a local date .* not "tomorrow"\.\n$/);
    const outside = progressive("--at", "2026-04-02T00:00:00Z");
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("must lie after the start of the period");
    const whole = join(dir, "whole.json");
    writeFileSync(
      whole,
      runCli("invoice", "--contract", contract, "--usage", usage, "--period", "2026-03", "--format", "json")
        .stdout,
    );
    const notProgressive = progressive("--close", "--earlier", whole);
    expect(notProgressive.code).toBe(2);
    expect(notProgressive.stderr).toContain("is not a progressive invoice");
    expect(notProgressive.stderr).not.toContain("    at ");
  });

  it("names the --earlier file an earlier invoice is refused from, and --threshold by its flag", () => {
    // p1 as of the 10th, p2 as of the 20th; given in the wrong order, the first file given (p2) is out of place.
    const p1 = join(dir, "named-p1.json");
    writeFileSync(p1, progressive("--at", "2026-03-10T00:00:00Z", "--format", "json").stdout);
    const p2 = join(dir, "named-p2.json");
    writeFileSync(
      p2,
      progressive("--at", "2026-03-20T00:00:00Z", "--earlier", p1, "--format", "json").stdout,
    );
    const swapped = progressive("--close", "--earlier", p2, "--earlier", p1);
    expect([swapped.code, swapped.stdout]).toEqual([2, ""]);
    expect(swapped.stderr).toBe(
      `ratecard: --earlier ${p2}: Invoice ctr:2026-03-01:progressive-2 is progressive invoice 2 of its period, where invoice 1 was expected: give every earlier progressive invoice of the period, in their order.\n`,
    );
    // The period's invoice has the id its closing invoice will have (ctr:2026-03-01): only the file tells
    // which of the two files given is not a progressive invoice.
    const whole = join(dir, "named-whole.json");
    writeFileSync(
      whole,
      runCli("invoice", "--contract", contract, "--usage", usage, "--period", "2026-03", "--format", "json")
        .stdout,
    );
    const notProgressive = progressive("--close", "--earlier", p1, "--earlier", whole);
    expect(notProgressive.code).toBe(2);
    const named = `ratecard: --earlier ${whole}: Invoice ctr:2026-03-01 is not a progressive invoice`;
    expect(notProgressive.stderr.slice(0, named.length)).toBe(named);
    const notAnInvoice = join(dir, "named-list.json");
    writeFileSync(notAnInvoice, "[]");
    expect(progressive("--close", "--earlier", notAnInvoice).stderr).toContain(
      `ratecard: --earlier ${notAnInvoice} is not a ratecard invoice`,
    );
    const threshold = progressive("--threshold", "abc");
    expect([threshold.code, threshold.stderr]).toEqual([
      2,
      "ratecard: --threshold: The progressive billing threshold abc must be an amount above zero in the contract's currency.\n",
    ]);
  });

  it("takes --credit-note: a note that took units off the first invoice lowers what the close subtracts", () => {
    const p1 = join(dir, "noted-p1.json");
    writeFileSync(p1, progressive("--at", "2026-03-10T00:00:00Z", "--format", "json").stdout);
    const fixes = join(dir, "noted-fixes.json");
    writeFileSync(
      fixes,
      JSON.stringify([{ kind: "quantity", line: "bw", quantity: "300", reason: "twice" }]),
    );
    const note = join(dir, "noted-note.json");
    const issued = runCli(
      "credit-note",
      "--contract",
      contract,
      "--invoice",
      p1,
      "--corrections",
      fixes,
      "--format",
      "json",
    );
    expect(issued.code).toBe(0);
    writeFileSync(note, issued.stdout);
    // the true usage: 500 GB on the 5th (300 of the 800 were counted twice), 600, 100: 1,200 GB
    const trueUsage = join(dir, "noted-usage.ndjson");
    writeFileSync(trueUsage, marchUsage("500"));
    const close = (...extra: string[]) =>
      runCli(
        "progressive",
        "--contract",
        contract,
        "--usage",
        trueUsage,
        "--period",
        "2026-03",
        "--close",
        ...extra,
      );
    const closing = close("--earlier", p1, "--credit-note", note, "--format", "json");
    expect(closing.stderr).toBe("");
    // 1,200 GB: 100.00 + 200 × 0.05 = 110.00 + 20.00 = 130.00, less 80.00 − 30.00 credited = 50.00:
    // 80.00 (without the note 130.00 − 80.00 = 50.00, and the month 80 − 30 + 50 = 100.00, not 130.00)
    expect(JSON.parse(closing.stdout).total).toBe("80.00");
    expect(close("--earlier", p1, "--credit-note", note).stdout).toContain(
      "minus $80.00 already billed on ctr:2026-03-01:progressive-1 plus $30.00 credited back for units taken off = $80.00.",
    );
    // a note given without the invoice it credits is refused in the note's file's name
    const orphan = close("--credit-note", note);
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toContain(`ratecard: --credit-note ${note} at invoiceId: Credit note`);
    expect(progressive("--threshold", "100", "--credit-note", note).code).toBe(2);
  });
});
