import { describe, expect, it } from "vitest";
import { type InvoiceWorkbook, invoiceWorkbook, rateInvoice } from "../../../src/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../../_support/contract.js";

// A line whose numbers need more than the 14 significant digits a spreadsheet computes with is written as
// ratecard's values, not formulas. Its heading says so, and, as a live line's heading does ("unit price,
// quantity in GB"), what its quantity is counted in: before 7 December 2026 it did not, so a specialist
// read 123456789012345.5 with no unit anywhere on the line (docs/explain.md, "Excel workbook").
const contract = buildContract({
  meters: [sumMeter("gb", { unit: "GB" }), sumMeter("calls")],
  charges: [unitCharge("bw", "Bandwidth", "gb", "0.01"), unitCharge("api", "API calls", "calls", "1")],
});
// 123456789012345.5 GB has 16 significant digits: a value line. × 0.01 = 1234567890123.455 → 1234567890123.46
// (half-even, the 5 after 5 rounds to the even 6). 123456789012345 calls (15 digits) × 1 = 123456789012345.00,
// 17 significant digits as written: a value line too.
const invoice = rateInvoice(
  contract,
  [
    usageEvent("g1", "gb", "2026-03-05T00:00:00Z", { v: "123456789012345.5" }),
    usageEvent("c1", "calls", "2026-03-05T00:00:00Z", { v: "123456789012345" }),
  ],
  "2026-03",
);

// Column F of each line's heading row (the heading row whose column A is the line's id).
function headingNotes(book: InvoiceWorkbook): Record<string, string> {
  const ids = new Set(invoice.lines.map((line) => line.id));
  return Object.fromEntries(
    book.rows.flatMap((row) => {
      const [line, , , , , note] = row.cells;
      return row.style === "heading" && line?.kind === "text" && ids.has(line.text) && note?.kind === "text"
        ? [[line.text, note.text]]
        : [];
    }),
  );
}

describe("a line written as ratecard's values in the workbook", () => {
  it("says what its quantity is counted in, as a live line does", () => {
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["bw", "123456789012345.5", "1234567890123.46"],
      ["api", "123456789012345", "123456789012345.00"],
    ]);
    const valuesNote =
      "This line holds a number of more than 14 significant digits, beyond what a spreadsheet computes with reliably (it keeps 15): its steps are written as ratecard's exact values, not formulas.";
    expect(headingNotes(invoiceWorkbook(invoice))).toEqual({
      bw: `unit price, quantity in GB. ${valuesNote}`,
      // A meter without a unit: nothing to name, as on a live line.
      api: `unit price. ${valuesNote}`,
    });
  });
});
