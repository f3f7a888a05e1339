import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  buildContractJson,
  flatCharge,
  seatsCharge,
  sumMeter,
  unitCharge,
} from "../_support/contract.js";
import { withoutDigests } from "../_support/withoutDigests.js";

// Seats billed in advance at 12.00 a seat, a support fee and compute usage in arrears (as
// subscriptions.test.ts), so a seat change on 21 April can be billed with or without proration.
const seats = seatsCharge;
const base = buildContractJson({
  id: "ctr_no_proration",
  term: { start: "2026-03-10" },
  meters: [sumMeter("cpu")],
  charges: [seats("10"), flatCharge("support", "Support", "50"), unitCharge("compute", "Compute", "cpu")],
});
const table = (invoice: Invoice) => invoice.lines.map((line) => [line.id, line.amount]);

describe('a plan change without proration (amendments[].proration: "none", Stripe proration_behavior=none)', () => {
  it("bills no unused-time credit and no prorated new seats; May is billed at 15 seats", () => {
    const contract = buildContract(base, {
      amendments: [{ id: "more-seats", effective: "2026-04-21", charges: [seats("15")], proration: "none" }],
    });
    const invoice = rateInvoice(contract, [], "2026-04");
    // Stripe: with proration_behavior=none the change creates no proration items; the next invoice bills
    // the new quantity. April's 10 seats were billed on March's invoice and stand; May in advance:
    // 15 × 12.00 = 180.00; support 50.00 → 230.00 (with proration: −40.00 + 60.00 more, 250.00)
    expect(table(invoice)).toEqual([
      ["support", "50.00"],
      ["compute", "0.00"],
      ["seats", "180.00"],
    ]);
    expect(invoice.total).toBe("230.00");
  });

  it("keeps prorating the changes of an amendment with the default", () => {
    const contract = buildContract(base, {
      charges: [
        seats("10"),
        flatCharge("platform", "Platform", "300", { billed: "in_advance" }),
        flatCharge("support", "Support", "50"),
      ],
      amendments: [
        {
          id: "platform",
          effective: "2026-04-11",
          charges: [flatCharge("platform", "Platform", "450", { billed: "in_advance" })],
        },
        { id: "seats", effective: "2026-04-21", charges: [seats("15")], proration: "none" },
      ],
    });
    const invoice = rateInvoice(contract, [], "2026-04");
    // platform from 11 April (20 of 30 days): 300.00 × 20/30 = 200.00 credited, 450.00 × 20/30 = 300.00
    // billed; seats on 21 April: nothing mid-period
    expect(table(invoice)).toEqual([
      ["support", "50.00"],
      ["platform:unused@2026-04-11", "-200.00"],
      ["platform@2026-04-11", "300.00"],
      ["seats", "180.00"],
      ["platform", "450.00"],
    ]);
  });

  it('"prorate" written out gives the invoice of the default', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 40 }), (day, count) => {
        const effective = `2026-04-${String(day).padStart(2, "0")}`;
        const amendment = { id: "a", effective, charges: [seats(String(count))] };
        const written = buildContract(base, { amendments: [{ ...amendment, proration: "prorate" }] });
        const implied = buildContract(base, { amendments: [amendment] });
        const a = withoutDigests(rateInvoice(written, [], "2026-04"));
        const b = withoutDigests(rateInvoice(implied, [], "2026-04"));
        expect(a).toEqual(b);
      }),
      { numRuns: 20 },
    );
  });

  it("without proration, the period's total is the list price of what was in force at its start", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 40 }), (day, count) => {
        const effective = `2026-04-${String(day).padStart(2, "0")}`;
        const contract = buildContract(base, {
          amendments: [{ id: "a", effective, charges: [seats(String(count))], proration: "none" }],
        });
        // support 50.00 + May's seats count × 12.00: nothing for the change itself
        expect(rateInvoice(contract, [], "2026-04").total).toBe((50 + count * 12).toFixed(2));
      }),
      { numRuns: 20 },
    );
  });
});
