import { parseContract, rateClosingInvoice, rateProgressiveInvoice } from "../../src/index.js";

/**
 * Usage at 1.00 and refunds at −1.00 (a credit charge) and a prepaid wallet of 5.00 taxed at use (paid
 * after tax), so an invoice of the period can total below zero. `rounding` adds, say, lineDecimals.
 */
export function refundsContract(rounding?: object) {
  return parseContract({
    schemaVersion: 1,
    id: "ctr_refunds",
    customer: { id: "cus_r", name: "R" },
    currency: "USD",
    timeZone: "UTC",
    billing: { cadence: "monthly", alignment: "calendar" },
    term: { start: "2026-01-01" },
    ...(rounding ? { rounding } : {}),
    meters: [
      { id: "use", eventType: "use", aggregation: "sum", valueProperty: "n" },
      { id: "refund", eventType: "refund", aggregation: "sum", valueProperty: "n" },
    ],
    charges: [
      { id: "use", name: "Use", meter: "use", price: { model: "unit", unitPrice: "1" } },
      {
        id: "refund",
        name: "Refunds",
        meter: "refund",
        price: { model: "unit", unitPrice: "-1" },
        credit: true,
      },
    ],
    credits: [{ id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "5" }],
  });
}

/** One event of `type` ("use" or "refund") of n units at noon UTC on `day` of March 2026. */
export const refundsEvent = (id: string, type: string, day: number, n: number) => ({
  id,
  type,
  customer: "cus_r",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties: { n },
});

/** 10 used on 2 March, 30 refunded on the 3rd, 50 used on the 20th: invoice 1 as of the 10th is −20.00. */
export const REFUND_USAGE = [
  refundsEvent("u1", "use", 2, 10),
  refundsEvent("r1", "refund", 3, 30),
  refundsEvent("u2", "use", 20, 50),
];

/** 20 used on 2 March, 30 refunded on the 20th: invoice 1 as of the 10th is +20.00, the month −10.00. */
export const REFUND_AFTER_USE = [refundsEvent("u1", "use", 2, 20), refundsEvent("r2", "refund", 20, 30)];

/**
 * March 2026 billed progressively on `contract` (refundsContract's, by default) over REFUND_AFTER_USE,
 * with the wallet's 5.00: invoice 1 as of 10 March (20 used: 20.00, the wallet pays 5.00, 15.00 due),
 * then the close (the month 20 − 30 = −10.00; the close −10.00 − 20.00 = −30.00, due 0 − 15.00 = −15.00).
 * The tests that read it work out what they check from these figures.
 */
export function closeAfterUse(contract = refundsContract()) {
  const wallet = { creditBalances: { wallet: "5" } } as const;
  const first = rateProgressiveInvoice(contract, REFUND_AFTER_USE, "2026-03", "2026-03-10T00:00:00Z", wallet);
  const closing = rateClosingInvoice(contract, REFUND_AFTER_USE, "2026-03", { ...wallet, earlier: [first] });
  return { first, closing };
}
