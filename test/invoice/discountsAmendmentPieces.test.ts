import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { type Invoice, rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, flatCharge, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// A percentage discount reaches each line by the line's own service period (docs/contracts.md, "Which
// lines a percentage reaches"). An amendment cuts a charge into pieces, each a line with its own period:
// a discount from the amendment's date covers the new terms' piece wholly and the old terms' piece not
// at all. Until 6 December 2026 the default (`period_share`) took its percent × the share of the
// invoice's period off every line, pieces before its date included: 20 % from 17 March on a plan raised
// from 100.00 to 200.00 that day took 14.36, 4.99 of it off the old plan's 1–17 March.
//
// UTC, monthly, term from 1 January; March has 31 days (2,678,400 s).
const PLAN_RAISED_ON_17_MARCH = {
  amendments: [
    {
      id: "up",
      effective: "2026-03-17",
      charges: [flatCharge("plan", "Plan", "200.00")],
    },
  ],
};
const contractWith = (discount: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  buildContract({
    term: { start: "2026-01-01" },
    meters: [sumMeter("gb")],
    charges: [flatCharge("plan", "Plan", "100.00"), unitCharge("bandwidth", "Bandwidth", "gb", "0.10")],
    discounts: [{ id: "d", name: "20% off the new plan", percent: "20", ...discount }],
    ...PLAN_RAISED_ON_17_MARCH,
    ...extra,
  });
const netOf = (invoice: Invoice, id: string) => {
  const line = invoice.lines.find((candidate) => candidate.id === id)!;
  return line.net ?? line.amount;
};

describe("a percentage discount whose date cuts the period where an amendment cuts a charge", () => {
  it("takes the new terms' piece whole and leaves the old terms' piece alone", () => {
    const invoice = rateInvoice(contractWith({ from: "2026-03-17" }), [], "2026-03");
    // plan@2026-03-01: 100.00 × 16 ÷ 31 = 51.6129… → 51.61; plan@2026-03-17: 200.00 × 15 ÷ 31 =
    // 96.7741… → 96.77. The discount is in force for all of the second piece's period (17 March →
    // 1 April) and none of the first's: 20 % × 96.77 = 19.354 → 19.35 (before: (51.61 + 96.77) × 20 %
    // × 15 ÷ 31 = 14.359… → 14.36, spread 4.99 : 9.37)
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["plan@2026-03-01", "51.61"],
      ["plan@2026-03-17", "96.77"],
      ["bandwidth", "0.00"],
    ]);
    expect(invoice.discounts?.[0]).toMatchObject({
      base: "96.77",
      amount: "-19.35",
      allocation: [{ line: "plan@2026-03-17", amount: "-19.35" }],
    });
    expect(netOf(invoice, "plan@2026-03-01")).toBe("51.61");
    expect(netOf(invoice, "plan@2026-03-17")).toBe("77.42");
    // 51.61 + 96.77 − 19.35 = 129.03
    expect(invoice.total).toBe("129.03");
    expect(explainText(invoice)).not.toContain("Plan (2026-03-01 to 2026-03-17) -$");
  });

  it("gives what `days_covered` gives for fees, whose pieces accrue evenly", () => {
    const byShare = rateInvoice(contractWith({ from: "2026-03-17" }), [], "2026-03");
    const byDays = rateInvoice(
      contractWith({ from: "2026-03-17", partialPeriod: "days_covered" }),
      [],
      "2026-03",
    );
    expect(byShare.discounts?.[0]?.amount).toBe(byDays.discounts?.[0]?.amount);
    expect(byShare.total).toBe(byDays.total);
  });

  it("still takes a whole-period usage line by its share of the period (the default's approximation)", () => {
    // bandwidth 1,000 GB × 0.10 = 100.00, a line of all March; the plan's pieces as above.
    // Parts: plan@2026-03-17 96.77 whole; bandwidth 100.00 × 15 ÷ 31 = 48.387…; plan (1–17 March) none.
    // Covered 96.77 + 48.387… = 145.157… → 145.15 (rounded down, as every covered figure);
    // 20 % = 29.03, spread 96.77 : 48.387… → 19.35 : 9.68
    const invoice = rateInvoice(
      contractWith({ from: "2026-03-17" }),
      [usageEvent("e1", "gb", "2026-03-20T00:00:00Z", { v: 1000 })],
      "2026-03",
    );
    expect(invoice.discounts?.[0]).toMatchObject({ amount: "-29.03" });
    expect(invoice.discounts?.[0]?.inForce).toMatchObject({ covered: "145.15" });
    expect(netOf(invoice, "plan@2026-03-01")).toBe("51.61");
    expect(netOf(invoice, "plan@2026-03-17")).toBe("77.42");
    expect(netOf(invoice, "bandwidth")).toBe("90.32");
    // 51.61 + 96.77 + 100.00 − 29.03 = 219.35
    expect(invoice.total).toBe("219.35");
  });

  it("is unchanged where the discount's dates do not cut the period", () => {
    // from 1 March: in force for all of March, so every piece whole: (51.61 + 96.77) × 20 % = 29.676 → 29.68
    const invoice = rateInvoice(contractWith({ from: "2026-03-01" }), [], "2026-03");
    expect(invoice.discounts?.[0]).toMatchObject({ base: "148.38", amount: "-29.68" });
    expect(invoice.discounts?.[0]?.inForce).toBeUndefined();
  });

  it("never takes a piece the discount's dates miss, whatever the day of the amendment and of the discount", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 31 }), fc.integer({ min: 2, max: 31 }), (change, from) => {
        const day = (d: number) => `2026-03-${String(d).padStart(2, "0")}`;
        const contract = contractWith(
          { from: day(from) },
          {
            amendments: [
              { id: "up", effective: day(change), charges: [flatCharge("plan", "Plan", "200.00")] },
            ],
          },
        );
        const invoice = rateInvoice(contract, [], "2026-03");
        const taken = new Map(
          (invoice.discounts?.[0]?.allocation ?? []).map((share) => [share.line, share.amount]),
        );
        // the old plan's piece, 1 March → the change, is in force only when the discount starts before the change
        if (from >= change) expect(taken.has("plan@2026-03-01")).toBe(false);
        // a piece the discount covers wholly (it starts on or before the change) is taken 20 % of
        // itself: exactly, rounded once, when it starts with the piece; within a cent of it when the
        // old piece's part shares the one rounding
        const piece = invoice.lines.find((line) => line.id === `plan@${day(change)}`)!;
        const fifth = new Decimal(piece.amount).times(20).div(100);
        const off = new Decimal(taken.get(piece.id) ?? "0").negated();
        if (from === change)
          expect(off.toFixed(2)).toBe(fifth.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2));
        if (from < change) expect(off.minus(fifth).abs().lessThanOrEqualTo("0.01")).toBe(true);
      }),
    );
  });

  it("credits a piece billed in advance net of the discount that piece had (creditBasis net_of_discount)", () => {
    // A 30.00 plan billed in advance from 1 March, 20 % off from 11 April. April's invoice: the plan goes
    // to 60.00 on 6 April (prorated) and to 90.00 on 21 April, credited net of discount.
    const plan = (price: string) => flatCharge("plan", "Plan", price, { billed: "in_advance" });
    const contract = buildContract({
      term: { start: "2026-03-01" },
      meters: [],
      charges: [plan("30")],
      discounts: [{ id: "d", name: "20% from 11 April", percent: "20", from: "2026-04-11" }],
      amendments: [
        { id: "a", effective: "2026-04-06", charges: [plan("60")] },
        { id: "b", effective: "2026-04-21", charges: [plan("90")], creditBasis: "net_of_discount" },
      ],
    });
    const invoice = rateInvoice(contract, [], "2026-04");
    // plan@2026-04-06 bills 60.00 × 25 ÷ 30 = 50.00 for 6 April → 1 May, of which the discount covers
    // 11 April → 1 May, 20 of its 25 days: 20 % × 20 ÷ 25 = 16 % of it. Its unused 21 April → 1 May
    // is credited −60.00 × 10 ÷ 30 = −20.00 less 16 %: −20.00 × 0.84 = −16.80 (before: the invoice's
    // share, 20 % × 20 ÷ 30, −17.33, while the line itself was discounted by the invoice's share too)
    expect(invoice.lines.find((line) => line.id === "plan:unused@2026-04-21")?.amount).toBe("-16.80");
    // and the line took 16 % of its own part: its part 50.00 × 20 ÷ 25 = 40.00 of the covered figure
    const share = (invoice.discounts?.[0]?.allocation ?? []).find(
      (entry) => entry.line === "plan@2026-04-06",
    );
    // covered: plan@2026-04-06 40.00 + plan@2026-04-21 90.00 × 10 ÷ 30 = 30.00 + May's 90.00 = 160.00;
    // 20 % = 32.00, spread 40 : 30 : 90 → 8.00 : 6.00 : 18.00
    expect(share?.amount).toBe("-8.00");
    expect(invoice.discounts?.[0]?.amount).toBe("-32.00");
  });
});
