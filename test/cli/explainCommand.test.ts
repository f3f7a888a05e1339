import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CDN_BASIC_FEBRUARY } from "../_support/cdnBasicFebruary.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// `ratecard explain` reads an issued invoice and explains it without rating it again. cdn-basic's
// expected invoice totals 7,663.78 (fixtures/cdn-basic/README.md works it out by hand).
const INVOICE = "fixtures/cdn-basic/expected.json";

beforeAll(assertCliBuilt);

describe("ratecard explain", () => {
  it("writes the HTML page to --output and nothing to stdout", () => {
    const file = join(mkdtempSync(join(tmpdir(), "ratecard-explain-")), "evidence.html");
    const result = runCli("explain", INVOICE, "--format", "html", "--output", file);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    const page = readFileSync(file, "utf8");
    expect(page.startsWith("<!DOCTYPE html>") || page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain("7,663.78");
  });

  it("says which local dates a fee billed in advance covers, not UTC instants", () => {
    // golden-rich (Europe/Berlin) bills April's editor seats in advance on March's invoice: April runs
    // from 2026-04-01 00:00 in Berlin (2026-03-31T22:00:00.000Z, summer time) to 2026-05-01 00:00
    // (2026-04-30T22:00:00.000Z). "Billed in advance for 2026-03-31T22:00…" read as if 31 March were in it.
    const result = runCli("explain", "fixtures/golden-rich/expected.json");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "Editor seats: Billed in advance for 2026-04-01 to 2026-05-01. Quantity 12,",
    );
  });

  it("writes the usage step's row in the meter's unit in Markdown", () => {
    // saas-seats measures 2,344,321 requests and bills 2,344,321 ÷ 1,000 − 100 = 2,244.321 → 2,245
    // "1k requests" (rounded up): the measured row must not read "2,344,321 1k requests".
    const result = runCli("explain", "fixtures/saas-seats/expected.json", "--format", "markdown");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "| 1 | usage | Measured 2,344,321 requests from 240 events on meter api\\_requests (sum). |  |",
    );
    expect(result.stdout).not.toContain("2,344,321 1k requests");
  });

  it("gives the same page as ratecard invoice --format html for the invoice it explains", () => {
    const fromInvoice = runCli("invoice", ...CDN_BASIC_FEBRUARY, "--format", "html");
    const fromExplain = runCli("explain", INVOICE, "--format", "html");
    expect(fromExplain.code).toBe(0);
    expect(fromExplain.stdout).toBe(fromInvoice.stdout);
  });

  it("reads the invoice from stdin with -, and --format json is the explanation document", () => {
    const result = spawnSync(process.execPath, ["dist/cli.js", "explain", "-", "--format", "json"], {
      input: readFileSync(INVOICE, "utf8"),
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    const explanation = JSON.parse(result.stdout) as { total?: unknown; lines?: unknown[] };
    expect(JSON.stringify(explanation)).toContain("7663.78");
    expect(Array.isArray(explanation.lines)).toBe(true);
  });

  it("refuses a file that is not an invoice with exit 2 and no stack", () => {
    const result = runCli("explain", "fixtures/cdn-basic/contract.json");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ratecard: /);
    expect(result.stderr).not.toContain("    at ");
  });

  it("says a contract or a credit note given as the invoice is one, instead of listing missing fields", () => {
    // before: "explain contract.json is not a ratecard invoice: contractId is required. (and 10 more problems)"
    const contract = runCli("explain", "fixtures/cdn-basic/contract.json");
    expect(contract.code).toBe(2);
    expect(contract.stderr).toBe(
      "ratecard: explain fixtures/cdn-basic/contract.json is a contract (ctr_northwind_cdn), not a ratecard invoice: give the invoice rated from it (ratecard invoice --format json).\n",
    );
    const diff = runCli("diff", "fixtures/cdn-basic/contract.json", INVOICE);
    expect(diff.stderr).toContain("diff fixtures/cdn-basic/contract.json is a contract (ctr_northwind_cdn)");
    const directory = mkdtempSync(join(tmpdir(), "ratecard-explain-"));
    const corrections = join(directory, "corrections.json");
    writeFileSync(corrections, JSON.stringify([{ kind: "line", line: "platform_fee", reason: "waived" }]));
    const note = runCli(
      ...["credit-note", "--contract", "fixtures/cdn-basic/contract.json", "--invoice", INVOICE],
      ...["--corrections", corrections, "--format", "json"],
    );
    const noteFile = join(directory, "note.json");
    writeFileSync(noteFile, note.stdout);
    const explained = runCli("explain", noteFile);
    expect(explained.code).toBe(2);
    expect(explained.stderr).toContain(
      "is a credit note (ctr_northwind_cdn:2026-02-01:credit-note:1), not a ratecard invoice: give the invoice it corrects, ctr_northwind_cdn:2026-02-01.",
    );
  });
});
