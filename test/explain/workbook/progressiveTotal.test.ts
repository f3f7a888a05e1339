import { describe, expect, it } from "vitest";
import { rateClosingInvoice, rateProgressiveInvoice } from "../../../src/index.js";
import { buildContract, sumMeter, usageEvent } from "../../_support/contract.js";
import {
  LINE_DECIMALS_USAGE,
  lineDecimalsContract,
  PREPAID_033,
} from "../../_support/progressiveLineDecimals.js";
import { calcValuesOf, expectCalcMatches, workbooksOf } from "./workbookHelpers.js";

// The workbook of a progressive or closing invoice with lines finer than the currency: its total is the
// period's total so far, rounded, less what the earlier invoices billed, not its own part rounded alone
// (docs/explain.md, "The workbook"). LibreOffice Calc recalculates it (one run for the file).
const CALC_TIMEOUT = 180_000;

// GB at 0.144, lines to 3 decimals, no tax: 1 GB on 5 March, 1 GB on the 15th.
const contract = buildContract({
  meters: [sumMeter("gb", { unit: "GB" })],
  charges: [{ id: "bw", name: "Bandwidth", meter: "gb", price: { model: "unit", unitPrice: "0.144" } }],
  rounding: { lineDecimals: 3 } as never,
});
const usage = [
  usageEvent("a", "gb", "2026-03-05T00:00:00Z", { v: "1" }),
  usageEvent("b", "gb", "2026-03-15T00:00:00Z", { v: "1" }),
];

describe("the workbook of a progressive sequence with lines finer than the currency", () => {
  it("totals the close as the period so far rounded, less what was billed: 0.29 − 0.14 = 0.15", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    // Invoice 1 (as of 10 March): 0.144 → 0.14. The month: 0.288 → 0.29. The close bills 0.29 − 0.14
    // = 0.15 on 0.144 of its own; its own 0.144 rounded alone is 0.14, a cent short.
    const first = rateProgressiveInvoice(contract, usage, "2026-03", "2026-03-10T00:00:00Z");
    const closing = rateClosingInvoice(contract, usage, "2026-03", { earlier: [first] });
    expect([first.total, closing.total]).toEqual(["0.14", "0.15"]);
    // The 4-decimal example with VAT and a prepaid grant after tax: 0.89, 0.71 due.
    const options = { creditsStartFull: true } as const;
    const firstVat = rateProgressiveInvoice(
      lineDecimalsContract(PREPAID_033),
      LINE_DECIMALS_USAGE,
      "2026-03",
      "2026-03-10T00:00:00Z",
      options,
    );
    const closingVat = rateClosingInvoice(lineDecimalsContract(PREPAID_033), LINE_DECIMALS_USAGE, "2026-03", {
      ...options,
      earlier: [firstVat],
    });
    expect([closingVat.total, closingVat.amountDue]).toEqual(["0.89", "0.71"]);
    const books = workbooksOf(
      new Map([
        ["first", first],
        ["closing", closing],
        ["closingVat", closingVat],
      ]),
    );
    const values = await calcValuesOf(books);
    for (const [name, book] of books) expectCalcMatches(name, book, values.get(name)!);
  });
});
