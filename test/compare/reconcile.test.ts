import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  fromCsvInvoice,
  fromRatecardInvoice,
  fromStripeInvoice,
  reconcile,
  renderReconcile,
} from "../../src/compare/index.js";
import { parseInvoice, rateInvoice } from "../../src/index.js";
import { buildContract, meteredEvent, unitCharge } from "../_support/contract.js";
import { egressSwapped, GOLDEN_RICH_ROWS, goldenRichCsv } from "./goldenRichCsv.js";

// The cdn-basic fixture's February invoice (fixtures/cdn-basic/README.md works it out by hand):
// platform fee 500.00, NA 3,656.00, EU 2,242.04 (31,415.926 GB), APAC 1,200.00, requests 65.74; 7,663.78.
const recomputed = parseInvoice(JSON.parse(readFileSync("fixtures/cdn-basic/expected.json", "utf8")));
const stripe = JSON.parse(readFileSync("test/compare/data/cdn-basic.stripe.json", "utf8"));

describe("reconcile", () => {
  it("finds nothing between an invoice and itself", () => {
    const result = reconcile(recomputed, recomputed);
    expect(result.discrepancies).toEqual([]);
    expect(result.linesMatched).toBe(5);
  });

  it("reads a Stripe invoice in minor units and names each discrepancy's likely cause", () => {
    const result = reconcile(fromStripeInvoice(stripe), recomputed);
    // Issued total 643675 cents = 6,436.75.
    expect(result.issuedTotal).toBe("6436.75");
    expect(result.discrepancies.map((d) => [d.line, d.cause, d.matchedBy, d.amount])).toEqual([
      // EU issued for 31,000 GB: 10,000 × 0.085 + 21,000 × 0.065 = 850 + 1,365 = 2,215.00;
      // recomputed 2,242.04, so 27.04 more (the quantity differs: usage).
      ["bandwidth_eu", "usage", "description", "27.04"],
      // APAC (1,200.00) was not issued at all.
      ["bandwidth_apac", "missing_line", undefined, "1200.00"],
      // Requests: the same 87,654,321 requests, 65.75 issued, 65.745 rounds half-even to 65.74: −0.01.
      ["requests", "rounding", "description", "-0.01"],
    ]);
  });

  it("names an amount issued with the other sign a sign, not a price", () => {
    // cdn-basic's APAC line, 10,000 GB × 0.12 = 1,200.00, issued as "(1,200.00)": an accounting negative,
    // a credit of 1,200.00. recomputed − issued = 1,200.00 − (−1,200.00) = 2,400.00.
    const issued = fromRatecardInvoice(recomputed);
    const flipped = {
      ...issued,
      lines: issued.lines.map((line) =>
        line.id === "bandwidth_apac" ? { ...line, amount: `-${line.amount}` } : line,
      ),
    };
    const found = reconcile(flipped, recomputed).discrepancies.filter((d) => d.line === "bandwidth_apac");
    expect(found.map((d) => [d.cause, d.amount])).toEqual([["sign", "2400.00"]]);
    expect(found[0]?.sentence).toBe(
      '"Bandwidth (Asia Pacific)": issued -1200.00, recomputed 1200.00: the same amount with the other sign (a charge written as a credit, or a credit as a charge).',
    );
  });

  it("pairs lines that share a description with their own, whatever order the issuer listed them in", () => {
    // golden-rich's egress matrix gives two lines named "CDN egress": eu 1,500 GB = 1,000 × 0.05 +
    // 500 × 0.03 = 65.00, and us 350.5 GB × 0.05 = 17.525 → 17.53 (half-up). An issuer listing us first
    // issued the same invoice: nothing differs. Before, the two paired in document order and read as
    // two usage discrepancies of +47.47 and −47.47 (65.00 − 17.53).
    const golden = parseInvoice(JSON.parse(readFileSync("fixtures/golden-rich/expected.json", "utf8")));
    const lines = egressSwapped(GOLDEN_RICH_ROWS);
    const csv = (rows: ReadonlyArray<string>) => goldenRichCsv(rows);
    expect(reconcile(fromCsvInvoice(csv(lines)), golden).discrepancies).toEqual([]);
    // us issued at 17.63 (a wrong rate) and still listed first: one discrepancy, on the us line, −0.10.
    const wrong = lines.map((line) => (line === "CDN egress,350.5,17.53" ? "CDN egress,350.5,17.63" : line));
    expect(
      reconcile(fromCsvInvoice(csv(wrong)), golden).discrepancies.map((d) => [d.line, d.cause, d.amount]),
    ).toEqual([['egress[region="us"]', "price", "-0.10"]]);
  });

  it("says when the issued total is the amount due after prepaid credits, not the total", () => {
    // golden-rich: lines 687.25, the discount and the SLA credit −33.25 (8.25 + 25.00), tax 124.27: total
    // 687.25 − 33.25 + 124.27 = 778.27; the wallet paid 200.00 after tax, so 578.27 was due. A CSV whose Total row is 578.27: the lines and tax agree, and the
    // "adjustments" differ by the wallet's 200.00, which the sentence names.
    const golden = parseInvoice(JSON.parse(readFileSync("fixtures/golden-rich/expected.json", "utf8")));
    const csv = goldenRichCsv(GOLDEN_RICH_ROWS, ["Tax,,124.27", "Total,,578.27"]);
    const found = reconcile(fromCsvInvoice(csv), golden).discrepancies;
    expect(found.map((d) => [d.cause, d.amount])).toEqual([["adjustments", "200.00"]]);
    expect(found[0]?.sentence).toContain(
      "The issued total is the recomputed amount due, 578.27: the total 778.27 less 200.00 paid by credits after tax (Prepaid wallet).",
    );
    // A Total row of 778.27, the total: nothing differs, and no such sentence.
    const whole = goldenRichCsv(GOLDEN_RICH_ROWS, ["Tax,,124.27", "Total,,778.27"]);
    expect(reconcile(fromCsvInvoice(whole), golden).discrepancies).toEqual([]);
  });

  it("shows an issued amount with the currency's minor units, as the issuer wrote it", () => {
    // golden-rich in EUR (2 decimals), issued with us egress at 17.60 (recomputed 17.53: −0.07), an
    // extra "Support" line of 10.00 (−10.00) and tax 124.20 (recomputed 124.27: +0.07). Read as numbers
    // they are 17.6, 10 and 124.2; a sentence writes them as the invoice did.
    const golden = parseInvoice(JSON.parse(readFileSync("fixtures/golden-rich/expected.json", "utf8")));
    const rows = [
      ...GOLDEN_RICH_ROWS.map((row) => (row === "CDN egress,350.5,17.53" ? "CDN egress,350.5,17.60" : row)),
      "Support,1,10.00",
    ];
    const sentences = reconcile(
      fromCsvInvoice(goldenRichCsv(rows, ["Tax,,124.20"])),
      golden,
    ).discrepancies.map((d) => d.sentence);
    expect(sentences).toEqual([
      '"CDN egress [region us]": issued 17.60, recomputed 17.53 for the same quantity: the rate differs (a price change, override or amendment).',
      '"Support" (10.00) was issued, but ratecard computes no such line.',
      "Tax: issued 124.20, recomputed 124.27.",
    ]);
  });

  it("reads a CSV of line items through a column mapping, and its Tax and Total rows", () => {
    const csv = [
      "Line,Item,Units,Rate,Charge",
      "platform_fee,Platform fee,1,500,500.00",
      'bandwidth_na,"Bandwidth (North America)",61400,,"3,656.00"',
      "bandwidth_eu,Bandwidth (Europe),31415.926,,2242.04",
      "bandwidth_apac,Bandwidth (Asia Pacific),10000,,1200.00",
      'requests,"HTTPS requests (per 10,000)",87654321,,65.74',
      ",Tax,,,0.00",
      ",Total,,,7663.78",
    ].join("\r\n");
    const issued = fromCsvInvoice(csv, {
      id: "Line",
      description: "Item",
      quantity: "Units",
      unitPrice: "Rate",
      amount: "Charge",
    });
    expect(issued.total).toBe("7663.78");
    expect(reconcile(issued, recomputed).discrepancies).toEqual([]);
  });

  it("calls a different unit price a price difference, and a different tax a tax difference", () => {
    const csv = "Description,Quantity,Unit price,Amount\nPlatform fee,1,450,450.00\nTax,,,12.00\n";
    const result = reconcile(fromCsvInvoice(csv), recomputed);
    // The flat fee has no unit price of its own, so the amount at the same quantity decides: 500.00 − 450.00.
    expect(result.discrepancies[0]).toMatchObject({ cause: "price", line: "platform_fee", amount: "50.00" });
    // No tax on the recomputed invoice: 0.00 − 12.00.
    expect(result.discrepancies.at(-1)).toMatchObject({ cause: "tax", amount: "-12.00" });
  });

  it("writes an issued description with a line break escaped in the text, so it adds no line", () => {
    // A quoted CSV field may hold a line break: "Setup\nTotal 0.00" is one description, not two lines
    const csv = 'Description,Quantity,Unit price,Amount\n"Setup\nTotal 0.00",1,5,5.00\n';
    const text = renderReconcile(reconcile(fromCsvInvoice(csv), recomputed), "text");
    expect(text.split("\n").filter((line) => line.startsWith("Total 0.00"))).toEqual([]);
    expect(text).toContain("Setup\\nTotal 0.00");
  });

  it("writes Markdown a specialist pastes into a ticket", () => {
    const text = renderReconcile(reconcile(fromStripeInvoice(stripe), recomputed), "markdown");
    expect(text).toContain("| bandwidth_eu | usage | +27.04 |");
    expect(text).toContain("3 discrepancies found");
  });

  it("refuses a CSV with no amount column, naming its header and how to map one", () => {
    // "Item" is read as the description; nothing reads as the amount: "Cost" is not one of its names
    expect(() => fromCsvInvoice("Item,Cost\nFee,10.00\n")).toThrow(
      "The CSV has no column for the amount (its header is Item, Cost); say which of these holds the amount in the column mapping (on the CLI, --columns amount=<header> or --mapping FILE).",
    );
    // mapped, it reads: one line of 10.00 (amounts are read as decimals: "10")
    expect(fromCsvInvoice("Item,Cost\nFee,10.00\n", { description: "Item", amount: "Cost" }).lines).toEqual([
      { description: "Fee", amount: "10" },
    ]);
  });

  it("refuses a CSV whose amount is not a number, naming the row", () => {
    expect(() => fromCsvInvoice("Description,Amount\nFee,ten\n")).toThrow(
      expect.objectContaining({ code: "invalid_field", path: "[1].amount" }),
    );
  });

  it("refuses a document that is not a Stripe invoice, at its path", () => {
    expect(() =>
      fromStripeInvoice({ object: "invoice", currency: "usd", lines: { data: [{ amount: "5" }] } }),
    ).toThrow(expect.objectContaining({ path: "lines.data[0].amount" }));
  });

  it("says when the issued invoice was rated from another version of the contract", () => {
    const use = [meteredEvent("e1", "100")];
    // issued under 1.00 a unit: 100 × 1.00 = 100.00; the contract now says 1.20: 100 × 1.20 = 120.00
    const issued = rateInvoice(buildContract(), use, "2026-02");
    const now = rateInvoice(
      buildContract({ charges: [unitCharge("use", "Use", "m", "1.20")] }),
      use,
      "2026-02",
    );
    const result = reconcile(issued, now);
    expect(result.contractChanged).toEqual({
      issued: { contractId: "ctr", contractDigest: issued.contractDigest },
      recomputed: { contractId: "ctr", contractDigest: now.contractDigest },
    });
    expect(result.discrepancies.map((d) => [d.line, d.cause, d.amount])).toEqual([["use", "price", "20.00"]]);
    expect(renderReconcile(result, "text")).toContain(
      `The issued invoice was rated from another version of contract ctr (digest ${issued.contractDigest}); the recomputation uses ${now.contractDigest}: a discrepancy may be the contract's change since, not an error of the issued invoice.`,
    );
    // the same version: no such field
    expect(reconcile(issued, issued)).not.toHaveProperty("contractChanged");
  });
});
