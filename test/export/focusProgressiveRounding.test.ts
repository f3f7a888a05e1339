import { describe, expect, it } from "vitest";
import { type FocusRow, focusRows, rateClosingInvoice, rateProgressiveInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import {
  lineDecimalsContract as contract,
  PREPAID_033,
  LINE_DECIMALS_USAGE as USAGE,
} from "../_support/progressiveLineDecimals.js";
import { violations } from "./focusSpec.js";

// A period billed progressively under lines finer than the currency (rounding.lineDecimals): the
// invoice keeps the period's rounding so far (docs/explain.md), and each invoice's FOCUS rows must still
// add up to what that invoice bills (docs/focus-export.md, "Lines finer than the currency").
const PROVIDER = { provider: "Acme Cloud" };
const sum = (rows: ReadonlyArray<FocusRow>) =>
  rows.reduce((total, row) => total.plus(row.BilledCost ?? "NaN"), new Decimal(0));
const cells = (rows: ReadonlyArray<FocusRow>) => rows.map((row) => [row.x_LineId, row.BilledCost]);

describe("focusRows of a progressive sequence with lines finer than the currency", () => {
  it("writes each invoice's own rounding adjustment, not the period's so far", () => {
    // Invoice 1 (as of 10 March): 1 GB × 0.1234 = 0.1234, VAT 0.02468 → 0.0247; 0.1481 → 0.15 (+0.0019).
    // The month: 6 GB × 0.1234 = 0.7404, fee 0.1250, VAT 0.14808 → 0.1481 + 0.0250 = 0.1731;
    // 1.0385 → 1.04 (+0.0015). The close bills 1.04 − 0.15 = 0.89 on rows of 0.6170 + 0.1250 + 0.1484
    // = 0.8904, so its own adjustment is 0.89 − 0.8904 = −0.0004 (= 0.0015 − 0.0019); the period's
    // +0.0015 made its rows add up to 0.8919, not the 0.89 it bills.
    const first = rateProgressiveInvoice(contract(), USAGE, "2026-03", "2026-03-10T00:00:00Z");
    const closing = rateClosingInvoice(contract(), USAGE, "2026-03", { earlier: [first] });
    expect([first.total, closing.total]).toEqual(["0.15", "0.89"]);
    const firstRows = focusRows(first, PROVIDER);
    const closingRows = focusRows(closing, PROVIDER);
    expect(cells(firstRows)).toEqual([
      ["bw", "0.1234"],
      ["tax:vat", "0.0247"],
      ["rounding", "0.0019"],
    ]);
    expect(cells(closingRows)).toEqual([
      ["bw", "0.6170"],
      ["fee", "0.1250"],
      ["tax:vat", "0.1484"],
      ["rounding", "-0.0004"],
    ]);
    expect(sum(closingRows).toFixed(2)).toBe("0.89");
    // Together the month's 1.04, as one invoice for March bills.
    expect(sum([...firstRows, ...closingRows]).toFixed(2)).toBe("1.04");
    for (const row of [...firstRows, ...closingRows]) expect(violations(row)).toEqual([]);
  });

  it("reaches the amount due of a close that a prepaid grant paid part of", () => {
    // A 0.33 prepaid grant taxed at use pays after tax: invoice 1 is 0.15, all paid (0.18 left); the
    // close bills 0.89 and the grant pays the 0.18 left: 0.71 due. Rows: 0.8904 − 0.0004 − 0.1800 = 0.71
    // (with the period's +0.0015 they came to 0.7119).
    const grant = PREPAID_033;
    const options = { creditsStartFull: true } as const;
    const first = rateProgressiveInvoice(contract(grant), USAGE, "2026-03", "2026-03-10T00:00:00Z", options);
    const closing = rateClosingInvoice(contract(grant), USAGE, "2026-03", { ...options, earlier: [first] });
    expect([first.amountDue, closing.total, closing.amountDue]).toEqual(["0.00", "0.89", "0.71"]);
    const rows = focusRows(closing, PROVIDER);
    expect(cells(rows)).toEqual([
      ["bw", "0.6170"],
      ["fee", "0.1250"],
      ["tax:vat", "0.1484"],
      ["rounding", "-0.0004"],
      ["credit:pre", "-0.1800"],
    ]);
    expect(sum(rows).toFixed(2)).toBe("0.71");
  });
});
