import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromCsvInvoice, reconcile } from "../../src/compare/index.js";
import { parseInvoice } from "../../src/index.js";
import { GOLDEN_RICH_ROWS, goldenRichCsv } from "./goldenRichCsv.js";

// golden-rich, March 2026 (fixtures/golden-rich/README.md): lines 687.25; "Launch discount 10% on egress"
// takes 8.25 and the "SLA credit (February outage)" 25.00 before tax; tax 124.27; total 687.25 − 8.25 −
// 25.00 + 124.27 = 778.27. An issuer's CSV writes the discount and the credit as rows of their own,
// without a quantity. Until 6 December 2026 reconcile read them as lines ratecard computes none of:
// "extra_line ... was issued, but ratecard computes no such line" (+8.25, +25.00), while ratecard
// computes exactly that discount and that credit, and with a Total row an "adjustments" −33.25 beside
// them: three discrepancies (exit 3) for an invoice that agrees to the cent.
const goldenRich = parseInvoice(JSON.parse(readFileSync("fixtures/golden-rich/expected.json", "utf8")));
const WITH_ADJUSTMENT_ROWS = [
  ...GOLDEN_RICH_ROWS,
  "Launch discount 10% on egress,,-8.25",
  "SLA credit (February outage),,-25.00",
];

describe("reconcile: an issued CSV's rows of the discounts and credits ratecard computes", () => {
  it("reads them as those discounts and credits, not as lines: the invoice agrees", () => {
    const csv = goldenRichCsv(WITH_ADJUSTMENT_ROWS, ["Tax,,124.27", "Total,,778.27"]);
    const document = fromCsvInvoice(csv);
    const result = reconcile(document, goldenRich);
    expect(result.discrepancies).toEqual([]);
    expect(result.linesMatched).toBe(8);
  });

  it("agrees without a Total row too, and the rows are no extra lines", () => {
    const result = reconcile(
      fromCsvInvoice(goldenRichCsv(WITH_ADJUSTMENT_ROWS, ["Tax,,124.27"])),
      goldenRich,
    );
    expect(result.discrepancies).toEqual([]);
  });

  it("names the credit that was issued at another amount, by its name", () => {
    // the SLA credit issued at 20.00: the customer should have been credited 5.00 more, −5.00
    const rows = WITH_ADJUSTMENT_ROWS.map((row) =>
      row.startsWith("SLA credit") ? "SLA credit (February outage),,-20.00" : row,
    );
    const result = reconcile(fromCsvInvoice(goldenRichCsv(rows, ["Tax,,124.27"])), goldenRich);
    expect(result.discrepancies.map((d) => [d.cause, d.amount, d.sentence])).toEqual([
      [
        "adjustments",
        "-5.00",
        '"SLA credit (February outage)": issued -20.00, recomputed -25.00 (a credit before tax).',
      ],
    ]);
  });

  it("with a Total row, says the difference once, as the adjustments of the total", () => {
    // total 783.27: the lines and tax as recomputed, 5.00 less credit; adjustments issued 783.27 −
    // 687.25 − 124.27 = −28.25, recomputed −33.25
    const rows = WITH_ADJUSTMENT_ROWS.map((row) =>
      row.startsWith("SLA credit") ? "SLA credit (February outage),,-20.00" : row,
    );
    const result = reconcile(
      fromCsvInvoice(goldenRichCsv(rows, ["Tax,,124.27", "Total,,783.27"])),
      goldenRich,
    );
    expect(result.discrepancies.map((d) => [d.cause, d.amount])).toEqual([["adjustments", "-5.00"]]);
  });

  it("keeps a row that names no discount or credit ratecard computes a line", () => {
    const rows = [...GOLDEN_RICH_ROWS, "Goodwill credit,,-10.00"];
    const result = reconcile(fromCsvInvoice(goldenRichCsv(rows, ["Tax,,124.27"])), goldenRich);
    expect(result.discrepancies.map((d) => [d.cause, d.amount])).toEqual([["extra_line", "10.00"]]);
  });
});
