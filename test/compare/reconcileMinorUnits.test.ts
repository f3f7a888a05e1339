// reconcile in a currency of 3 minor units, issued by a system that rounds it to 2 (Stripe bills BHD,
// KWD, JOD, OMR and TND in multiples of 10 fils): the same quantity and unit price is no price change,
// and the sentence must not say "unit price issued 0.0125, recomputed 0.0125: a price change".
import { describe, expect, it } from "vitest";
import { fromStripeInvoice, reconcile } from "../../src/compare/index.js";
import { rateInvoice } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

const contractAt = (unitPrice: string) =>
  buildContract({
    currency: "BHD",
    charges: [{ id: "transfer", name: "Data transfer", meter: "m", price: { model: "unit", unitPrice } }],
  });
// 1,234.6 GB × 0.0125 = 15.4325 → 15.432 (half-even, 3 decimals).
const recomputed = rateInvoice(
  contractAt("0.0125"),
  [usageEvent("e1", "e", "2026-02-03T00:00:00Z", { v: "1234.6" })],
  "2026-02",
);
const stripe = (amount: number, unitAmount: string) => ({
  object: "invoice",
  currency: "bhd",
  total: amount,
  lines: {
    data: [
      { amount, description: "Data transfer", quantity: 1234.6, price: { unit_amount_decimal: unitAmount } },
    ],
  },
});

describe("reconcile of an amount rounded to fewer decimals than the currency's", () => {
  it("calls 15.430 for 1,234.6 × 0.0125 = 15.4325 a rounding to 2 decimals", () => {
    // Stripe's 15430 fils = 15.430; 15.432 − 15.430 = +0.002, two minor units. Before: cause "price",
    // "unit price issued 0.0125, recomputed 0.0125: a price change, override or amendment."
    const [found] = reconcile(fromStripeInvoice(stripe(15430, "12.5")), recomputed).discrepancies;
    expect([found?.cause, found?.amount, found?.sentence]).toEqual([
      "rounding",
      "0.002",
      `"Data transfer": issued 15.430, recomputed 15.432: the same quantity and unit price, 1234.6 × 0.0125 = 15.4325, rounded to 2 decimals when issued and to 3 recomputed, a rounding difference.`,
    ]);
  });

  it("does not call an amount of the same quantity and unit price a price change", () => {
    // 15.500 issued: no rounding of 15.4325 gives it (15.43 or 15.44 to 2 decimals). +(15.432 − 15.5) = −0.068.
    const [found] = reconcile(fromStripeInvoice(stripe(15500, "12.5")), recomputed).discrepancies;
    expect([found?.cause, found?.amount, found?.sentence]).toEqual([
      "price",
      "-0.068",
      `"Data transfer": issued 15.500, recomputed 15.432 for the same quantity and unit price (1234.6 × 0.0125 = 15.4325): one of the amounts is not the quantity times the unit price (a proration, a minimum or another step of the line).`,
    ]);
  });
});
