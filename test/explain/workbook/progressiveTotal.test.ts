import { describe, expect, it } from "vitest";
import { rateClosingInvoice, rateProgressiveInvoice } from "../../../src/index.js";
import { buildContract, sumMeter, usageEvent } from "../../_support/contract.js";
import {
  LINE_DECIMALS_USAGE,
  lineDecimalsContract,
  PREPAID_033,
} from "../../_support/progressiveLineDecimals.js";
import {
  REFUND_AFTER_USE,
  REFUND_USAGE,
  refundsContract,
  refundsEvent,
} from "../../_support/refundsContract.js";
import { calcValuesOf, expectCalcMatches, workbooksOf } from "./workbookHelpers.js";

// The workbook of a progressive or closing invoice with lines finer than the currency: its total is the
// period's total so far, rounded, less what the earlier invoices billed, not its own part rounded alone
// (docs/explain.md, "The workbook"). LibreOffice Calc recalculates it (one run for the file).
const CALC_TIMEOUT = 180_000;
const MARCH_10 = "2026-03-10T00:00:00Z";

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

// Usage at 1.00 and refunds at -1.00 with a wallet paying after tax (test/_support/refundsContract.ts):
// a progressive invoice's amount due is the period's so far less what the earlier invoices made due, so
// it is not MAX(0, total) less the credits when a total of the period was below zero.
describe("the workbook of a progressive sequence whose totals go below zero", () => {
  it("reaches the amount due with what a total below zero left out", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    const sequence = (rounding: object | undefined, events: typeof REFUND_USAGE, balance: string) => {
      const options = { creditBalances: { wallet: balance } } as const;
      const first = rateProgressiveInvoice(refundsContract(rounding), events, "2026-03", MARCH_10, options);
      return [
        first,
        rateClosingInvoice(refundsContract(rounding), events, "2026-03", { ...options, earlier: [first] }),
      ] as const;
    };
    // Invoice 1 -20.00, nothing due: -20.00 + 20.00 (its own total lifted) = 0.00. The close: 50.00, the
    // wallet -5.00 and invoice 1's -20.00, not given back: 25.00 (MAX(0, 50.00) - 5.00 read 45.00).
    const [first, closing] = sequence(undefined, REFUND_USAGE, "5");
    // Invoice 1 20.00 - 5.00 = 15.00 due; the close -30.00 + 10.00 (the period's -10.00 not due) + 5.00
    // (the wallet given back) = -15.00 (MAX(0, -30.00) + 5.00 read 5.00).
    const [, givenBack] = sequence(undefined, REFUND_AFTER_USE, "5");
    // Lines to 3 decimals, the wallet at 4.995: 50.000 - 20.000 - 4.995 = 25.005 → 25.00 half-even.
    const [, fine] = sequence({ lineDecimals: 3 }, REFUND_USAGE, "4.995");
    expect([closing.amountDue, givenBack.amountDue, fine.amountDue]).toEqual(["25.00", "-15.00", "25.00"]);
    const books = workbooksOf(
      new Map([
        ["first", first],
        ["closing", closing],
        ["givenBack", givenBack],
        ["fine", fine],
      ]),
    );
    const values = await calcValuesOf(books);
    for (const [name, book] of books) expectCalcMatches(name, book, values.get(name)!);
  });
});

// The amount due likewise: ratecard rounds the period's amount due so far and takes off what the earlier
// invoices made due, so the close's own amount due rounded alone can be a minor unit off.
describe("the workbook of a progressive sequence whose amount due is rounded for the period", () => {
  it("reaches the close's amount due as the period's so far rounded, less what was made due: 20.00 − 10.00", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    // Lines to 3 decimals, the wallet (after tax) carried in at 0.005. Invoice 1 (10 used by 10 March):
    // total 10.000 → 10.00, less 0.005 = 9.995 → 10.00 due (half-even: 10.00's last digit is even). The
    // month (10.01 more used): 20.010 → 20.01, less 0.005 = 20.005 → 20.00 due. The close: total 20.01 −
    // 10.00 = 10.01, nothing left in the wallet, due 20.00 − 10.00 = 10.00; its own 10.01 rounded alone
    // read 10.01 in Calc, a cent over.
    const usage = [refundsEvent("u1", "use", 2, 10), refundsEvent("u2", "use", 20, 10.01)];
    const options = { creditBalances: { wallet: "0.005" } } as const;
    const contract = refundsContract({ lineDecimals: 3 });
    const first = rateProgressiveInvoice(contract, usage, "2026-03", MARCH_10, options);
    const closing = rateClosingInvoice(contract, usage, "2026-03", { ...options, earlier: [first] });
    expect([first.amountDue, closing.total, closing.amountDue]).toEqual(["10.00", "10.01", "10.00"]);
    const books = workbooksOf(
      new Map([
        ["first", first],
        ["closing", closing],
      ]),
    );
    const values = await calcValuesOf(books);
    for (const [name, book] of books) expectCalcMatches(name, book, values.get(name)!);
  });
});
