import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice, rateOpeningInvoice } from "../../src/invoice/index.js";
import { centsText, isoDate, localMidnight, monthsLater, shareOf } from "../_support/calendarOracle.js";
import { buildContract, flatCharge } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { roundFractionByHand } from "../_support/roundByHand.js";

// A fixed-amount discount is per billing period. With fees billed in advance the term's first period
// has two invoices, the opening one (its fees) and its own (its usage, the next period's fees): the
// amount is taken once, on the period's own invoice, as commitments are measured there.

const contractWith = (billed: "in_advance" | "in_arrears") =>
  buildContract({
    term: { start: "2026-03-17", end: "2026-06-11" },
    meters: [],
    charges: [flatCharge("platform", "Platform", "310", { billed })],
    discounts: [{ id: "welcome", name: "Welcome", amount: "31", periods: 2 }],
  });
const discountOf = (invoice: Invoice) => invoice.discounts?.map((discount) => [discount.id, discount.amount]);

describe("a fixed-amount discount with fees billed in advance", () => {
  it("is not taken on the opening invoice: the first period's own invoice takes it once", () => {
    const contract = contractWith("in_advance");
    // opening invoice: 310.00 × 15 ÷ 31 (17 March → 1 April) = 150.00, no discount
    // (before the fix: 31.00 × 15 ÷ 31 = 15.00 off here, and again on March's invoice)
    const opening = rateOpeningInvoice(contract);
    expect(opening.total).toBe("150.00");
    expect(discountOf(opening) ?? []).toEqual([]);
    // March's invoice bills April's 310.00 and takes March's share of the discount: 31.00 × 15 ÷ 31 = 15.00
    const march = rateInvoice(contract, [], "2026-03");
    expect(discountOf(march)).toEqual([["welcome", "-15.00"]]);
    expect(march.total).toBe("295.00");
    // April's invoice, the second period: 31.00 off May's fee
    expect(discountOf(rateInvoice(contract, [], "2026-04"))).toEqual([["welcome", "-31.00"]]);
    // 15.00 + 31.00 = 46.00 in all, what the same contract with the fee in arrears gets
    const arrears = contractWith("in_arrears");
    expect(discountOf(rateInvoice(arrears, [], "2026-03"))).toEqual([["welcome", "-15.00"]]);
    expect(discountOf(rateInvoice(arrears, [], "2026-04"))).toEqual([["welcome", "-31.00"]]);
  });

  it("takes a percentage on the opening invoice as before: it scales the lines it is taken of", () => {
    const contract = buildContract({
      term: { start: "2026-03-17" },
      meters: [],
      charges: [flatCharge("platform", "Platform", "310", { billed: "in_advance" })],
      discounts: [{ id: "welcome", name: "Welcome", percent: "10", periods: 1 }],
    });
    // 150.00 × 10 % = 15.00
    expect(discountOf(rateOpeningInvoice(contract))).toEqual([["welcome", "-15.00"]]);
  });
});

describe("a fixed-amount discount over a term with fees billed in advance (property)", () => {
  it("totals, over the opening and every period's invoice, the amount × each period's share in the term", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom("UTC", "America/New_York", "Australia/Lord_Howe"),
        fc.constantFrom("second" as const, "day" as const),
        (day, periods, cents, zone, basis) => {
          const start = { y: 2026, m: 3, d: day };
          const contract = buildContract({
            timeZone: zone,
            billing: { cadence: "monthly", ...(basis === "day" ? { proration: "day" as const } : {}) },
            term: { start: isoDate(start) },
            meters: [],
            charges: [flatCharge("platform", "Platform", "100000", { billed: "in_advance" })],
            discounts: [{ id: "fixed", name: "Fixed", amount: centsText(BigInt(cents)), periods }],
          });
          const invoices = [
            rateOpeningInvoice(contract),
            ...[3, 4, 5, 6].map((month) => rateInvoice(contract, [], `2026-0${month}`)),
          ];
          const taken = invoices
            .flatMap((invoice) => invoice.discounts ?? [])
            .reduce((sum, discount) => sum - BigInt(discount.amount.replace(".", "")), 0n);
          // by hand: the first period's share (the term from `day` to 1 April), then whole periods
          const edge = (month: number) => localMidnight(monthsLater(2026, month, 0, 1), zone);
          const [elapsed, total] = shareOf(
            basis,
            [localMidnight(start, zone), edge(4)],
            [edge(3), edge(4)],
            zone,
          );
          const first = roundFractionByHand(BigInt(cents) * elapsed, total, "half_even");
          expect(taken).toBe(first + BigInt(cents) * BigInt(periods - 1));
        },
      ),
      { numRuns: fuzzRuns(60) },
    );
  });
});
