import { describe, expect, it } from "vitest";
import {
  type InvoiceWorkbook,
  invoiceWorkbook,
  rateClosingInvoice,
  rateProgressiveInvoice,
} from "../../../src/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../../_support/contract.js";

// The workbook's "Already billed" row names what earlier invoices billed in the line's own unit, by the
// rule the credit notes use (unitsInWords): "(61400 GB)", "(1 transfer)", "(1 unit)". Before 7 December
// 2026 it read "(61400 units)" on a GB line and "(1 units)" for one (docs/explain.md, "Excel workbook").
const contract = buildContract({
  meters: [
    sumMeter("gb", { unit: "GB" }),
    sumMeter("tx", { unit: "transfers", unitSingular: "transfer" }),
    sumMeter("calls"),
  ],
  charges: [
    unitCharge("bw", "Bandwidth", "gb", "0.01"),
    unitCharge("moves", "Transfers", "tx", "2"),
    unitCharge("api", "API calls", "calls", "1"),
  ],
});
// By 10 March: 61400 GB, 1 transfer, 1 call; after it 600 GB, 4 transfers, 2 calls more.
const usage = [
  usageEvent("g1", "gb", "2026-03-05T00:00:00Z", { v: "61400" }),
  usageEvent("t1", "tx", "2026-03-05T00:00:00Z", { v: "1" }),
  usageEvent("c1", "calls", "2026-03-05T00:00:00Z", { v: "1" }),
  usageEvent("g2", "gb", "2026-03-15T00:00:00Z", { v: "600" }),
  usageEvent("t2", "tx", "2026-03-15T00:00:00Z", { v: "4" }),
  usageEvent("c2", "calls", "2026-03-15T00:00:00Z", { v: "2" }),
];
const first = rateProgressiveInvoice(contract, usage, "2026-03", "2026-03-10T00:00:00Z");
const closing = rateClosingInvoice(contract, usage, "2026-03", { earlier: [first] });

// Column F of each line's "Already billed on …" row, by line id (column A).
function billedNotes(book: InvoiceWorkbook): Record<string, string> {
  return Object.fromEntries(
    book.rows.flatMap((row) => {
      const [line, step, , , , note] = row.cells;
      return step?.kind === "text" && step.text.startsWith("Already billed on ") && line?.kind === "text"
        ? [[line.text, note?.kind === "text" ? note.text : ""]]
        : [];
    }),
  );
}

describe("the workbook's row of what earlier invoices billed", () => {
  it("names the units in the line's unit, and one in the singular", () => {
    // The close: 62000 GB × 0.01 = 620.00 less 61400 × 0.01 = 614.00 billed, 6.00; 5 transfers × 2 =
    // 10.00 less 1 × 2 = 2.00, 8.00; 3 calls × 1 = 3.00 less 1.00, 2.00.
    expect(closing.lines.map((line) => [line.id, line.amount])).toEqual([
      ["bw", "6.00"],
      ["moves", "8.00"],
      ["api", "2.00"],
    ]);
    const said = (units: string) =>
      `C: the amount so far this period; D: what earlier invoices billed (${units}), taken off.`;
    expect(billedNotes(invoiceWorkbook(closing))).toEqual({
      bw: said("61400 GB"),
      moves: said("1 transfer"),
      api: said("1 unit"),
    });
  });
});
