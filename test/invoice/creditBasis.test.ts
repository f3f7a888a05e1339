import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, flatCharge, seatsCharge } from "../_support/contract.js";
import { withoutDigests } from "../_support/withoutDigests.js";

// Seats billed in advance at 12.00 a seat (April's 10 seats billed on March's closing invoice) and a
// support fee of 50.00 in arrears; April has 30 days, the proration basis is exact seconds.
const seats = seatsCharge;
const base = buildContractJson({
  id: "ctr_credit_basis",
  term: { start: "2026-03-10" },
  charges: [seats("10"), flatCharge("support", "Support", "50")],
});
const table = (invoice: Invoice) => invoice.lines.map((line) => [line.id, line.amount]);
const day = (d: number) => `2026-04-${String(d).padStart(2, "0")}`;

// 15 seats from 11 April without proration (April keeps its 10 seats billed), then 20 seats from
// 21 April with proration, the credit on the basis given.
function twoChanges(creditBasis?: "list_price" | "last_billed") {
  return buildContract(base, {
    amendments: [
      { id: "quiet", effective: "2026-04-11", charges: [seats("15")], proration: "none" },
      {
        id: "more",
        effective: "2026-04-21",
        charges: [seats("20")],
        ...(creditBasis === undefined ? {} : { creditBasis }),
      },
    ],
  });
}

describe("amendments[].creditBasis: what the unused-time credit of a prorated change is worked on", () => {
  it("list_price (default): the terms just before the change, 15 seats, though 10 were billed", () => {
    const invoice = rateInvoice(twoChanges(), [], "2026-04");
    // 21 → 30 April is 10 of 30 days. Credit −15 × 12.00 × 10/30 = −60.00; new 20 × 12.00 × 10/30 =
    // 80.00; May 20 × 12.00 = 240.00; support 50.00 → 50 − 60 + 80 + 240 = 310.00
    expect(table(invoice)).toEqual([
      ["support", "50.00"],
      ["seats:unused@2026-04-21", "-60.00"],
      ["seats@2026-04-21", "80.00"],
      ["seats", "240.00"],
    ]);
    expect(invoice.total).toBe("310.00");
  });

  it("last_billed: the 10 seats the time was billed at on March's invoice", () => {
    const invoice = rateInvoice(twoChanges("last_billed"), [], "2026-04");
    // Credit −10 × 12.00 × 10/30 = −40.00; the rest as above → 50 − 40 + 80 + 240 = 330.00. April's
    // seats cost 120.00 − 40.00 + 80.00 = 160.00 = 10 seats × 20 days + 20 seats × 10 days at 0.40 a
    // seat-day (80.00 + 80.00): nothing credited that was not billed.
    expect(table(invoice)).toEqual([
      ["support", "50.00"],
      ["seats:unused@2026-04-21", "-40.00"],
      ["seats@2026-04-21", "80.00"],
      ["seats", "240.00"],
    ]);
    expect(invoice.total).toBe("330.00");
  });

  it('"list_price" written out gives the invoice of the default', () => {
    const written = withoutDigests(rateInvoice(twoChanges("list_price"), [], "2026-04"));
    expect(written).toEqual(withoutDigests(rateInvoice(twoChanges(), [], "2026-04")));
  });

  it("last_billed credits nothing for a fee added without proration: nothing was billed", () => {
    const contract = buildContract(base, {
      amendments: [
        {
          id: "add",
          effective: "2026-04-11",
          charges: [flatCharge("platform", "Platform", "300", { billed: "in_advance" })],
          proration: "none",
        },
        {
          id: "raise",
          effective: "2026-04-21",
          charges: [flatCharge("platform", "Platform", "450", { billed: "in_advance" })],
          creditBasis: "last_billed",
        },
      ],
    });
    // platform from 21 April: 450.00 × 10/30 = 150.00 billed, no credit (list_price would credit
    // −300.00 × 10/30 = −100.00); May: seats 120.00, platform 450.00
    expect(table(rateInvoice(contract, [], "2026-04"))).toEqual([
      ["support", "50.00"],
      ["platform@2026-04-21", "150.00"],
      ["seats", "120.00"],
      ["platform", "450.00"],
    ]);
  });

  it("law: without an earlier unprorated change, last_billed gives the invoice of the default", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 40 }), (d, count) => {
        const amendment = { id: "a", effective: day(d), charges: [seats(String(count))] };
        const written = buildContract(base, { amendments: [{ ...amendment, creditBasis: "last_billed" }] });
        const implied = buildContract(base, { amendments: [amendment] });
        expect(withoutDigests(rateInvoice(written, [], "2026-04"))).toEqual(
          withoutDigests(rateInvoice(implied, [], "2026-04")),
        );
      }),
      { numRuns: 20 },
    );
  });

  it("law: last_billed credits the seats billed for the period, whatever the unprorated change", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 29 }),
        fc.integer({ min: 1, max: 29 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (d1, gap, quiet, more) => {
          const d2 = Math.min(30, d1 + gap);
          const count = quiet + more; // a change on d2, so it gives lines
          const contract = buildContract(base, {
            amendments: [
              { id: "quiet", effective: day(d1), charges: [seats(String(quiet))], proration: "none" },
              { id: "more", effective: day(d2), charges: [seats(String(count))], creditBasis: "last_billed" },
            ],
          });
          // the rest of April is 31 − d2 of 30 days; the credit is of the 10 seats billed in March
          const rest = new Decimal(31 - d2).div(30);
          const credit = new Decimal(-120).times(rest).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
          const charge = new Decimal(count * 12).times(rest).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
          const invoice = rateInvoice(contract, [], "2026-04");
          const line = (id: string) => invoice.lines.find((l) => l.id === id)?.amount;
          expect(line(`seats:unused@${day(d2)}`)).toBe(credit.toFixed(2));
          expect(line(`seats@${day(d2)}`)).toBe(charge.toFixed(2));
          expect(invoice.total).toBe(
            credit
              .plus(charge)
              .plus(50 + count * 12)
              .toFixed(2),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
