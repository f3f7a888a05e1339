import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, type ContractOverrides, sumMeter, unitCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// One usage charge at 1.00 per unit (a line's amount is its units) and no other line.
function contractWith(discounts: ContractInput["discounts"], extra: ContractOverrides = {}) {
  return buildContract(
    {
      id: "ctr_partial_discount",
      meters: [sumMeter("units", { eventType: "u" })],
      charges: [unitCharge("usage", "Usage", "units")],
      discounts,
    },
    extra,
  );
}
const usageOn = (day: number, v: string) => [
  {
    id: `e${day}`,
    type: "u",
    customer: "cus",
    timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
    properties: { v },
  },
];
const spring = (extra: Record<string, string>) => ({
  id: "spring",
  name: "Spring 20%",
  percent: "20",
  ...extra,
});

describe("a discount in force for part of the period", () => {
  it("takes its percent times the share of the period it is in force (20 % from 17 March)", () => {
    const invoice = rateInvoice(
      contractWith([spring({ from: "2026-03-17" })]),
      usageOn(20, "1000"),
      "2026-03",
    );
    // in force 17–31 March = 15 of 31 days = 1,296,000 of 2,678,400 s (UTC):
    // 20 % × 15/31 = 9.677419…%; 1,000.00 × 20 × 1,296,000 ÷ (2,678,400 × 100) = 96.774193… → 96.77
    expect(invoice.discounts).toEqual([
      {
        id: "spring",
        name: "Spring 20%",
        percent: "20",
        inForce: {
          start: "2026-03-17T00:00:00.000Z",
          end: "2026-04-01T00:00:00.000Z",
          basis: "second",
          elapsed: "1296000",
          total: "2678400",
        },
        base: "1000.00",
        amount: "-96.77",
        allocation: [{ line: "usage", amount: "-96.77" }],
      },
    ]);
    expect(invoice.total).toBe("903.23");
    // The sentence gives the exact take before its rounding (it read "= -$96.77", which 20 % of
    // 1,000.00 for 1,296,000 of 2,678,400 seconds is not): 96.774193548387… cut after 10 decimals
    expect(explainText(invoice)).toContain(
      "Spring 20%: 20% of $1,000.00, in force for 1,296,000 of 2,678,400 seconds (2026-03-17 to 2026-04-01) = $96.7741935483…, rounded half-even: -$96.77, spread over Usage -$96.77.",
    );
  });

  it("applies to the whole usage line, whatever day the usage was (an approximation)", () => {
    // the same 1,000 units on 2 March, before the discount starts, still get 96.77 off: usage is not
    // attributed to the discount's days
    const invoice = rateInvoice(
      contractWith([spring({ from: "2026-03-17" })]),
      usageOn(2, "1000"),
      "2026-03",
    );
    expect(invoice.discounts?.[0]?.amount).toBe("-96.77");
  });

  it("ends on its until date, and both dates may fall inside the period", () => {
    const until = rateInvoice(contractWith([spring({ until: "2026-03-17" })]), usageOn(2, "1000"), "2026-03");
    // 1–16 March = 16 of 31 days: 1,000 × 20 × 16 ÷ (31 × 100) = 103.2258… → 103.23
    expect(until.discounts?.[0]).toMatchObject({ amount: "-103.23", inForce: { elapsed: "1382400" } });
    const both = rateInvoice(
      contractWith([spring({ from: "2026-03-10", until: "2026-03-20" })]),
      usageOn(2, "1000"),
      "2026-03",
    );
    // 10–19 March = 10 of 31 days: 1,000 × 20 × 10 ÷ 3,100 = 64.5161… → 64.52
    expect(both.discounts?.[0]).toMatchObject({
      amount: "-64.52",
      inForce: { start: "2026-03-10T00:00:00.000Z", end: "2026-03-20T00:00:00.000Z", elapsed: "864000" },
    });
  });

  it("measures the share by the contract's basis: seconds or whole local days (New York, DST on 8 March)", () => {
    const ny = (proration: "second" | "day") =>
      rateInvoice(
        contractWith([spring({ from: "2026-03-17" })], {
          timeZone: "America/New_York",
          billing: { cadence: "monthly", proration },
        }),
        usageOn(20, "1000"),
        "2026-03",
      ).discounts?.[0];
    // March in New York has 743 hours = 2,674,800 s; 17 March 00:00 to 1 April 00:00 = 1,296,000 s:
    // 1,000 × 20 × 1,296,000 ÷ (2,674,800 × 100) = 96.9044… → 96.90
    expect(ny("second")).toMatchObject({
      amount: "-96.90",
      inForce: { basis: "second", elapsed: "1296000", total: "2674800" },
    });
    // by days: 15 of 31 → 96.77, as in UTC
    expect(ny("day")).toMatchObject({
      amount: "-96.77",
      inForce: { basis: "day", elapsed: "15", total: "31" },
    });
  });

  it("scales a percentage by its share of the invoice's period, a fixed amount by its share of the billing period", () => {
    // term from 10 March: the invoice covers 10–31 March (22 days) of the 31-day billing period
    const percent = rateInvoice(
      contractWith([{ id: "d", name: "10% from the 17th", percent: "10", from: "2026-03-17" }], {
        term: { start: "2026-03-10" },
      }),
      usageOn(20, "220"),
      "2026-03",
    );
    // in force 15 of the invoice's 22 days: 220 × 10 × 15 ÷ (22 × 100) = 15.00
    expect(percent.discounts?.[0]).toMatchObject({
      amount: "-15.00",
      inForce: { elapsed: "1296000", total: "1900800" },
    });
    const fixed = rateInvoice(
      contractWith([{ id: "d", name: "31 off a month from the 17th", amount: "31", from: "2026-03-17" }], {
        term: { start: "2026-03-10" },
      }),
      usageOn(20, "220"),
      "2026-03",
    );
    // a fixed 31.00 per billing period, in force 15 of its 31 days: 31 × 15 ÷ 31 = 15.00
    expect(fixed.discounts?.[0]).toMatchObject({
      fixed: "15.00",
      amount: "-15.00",
      inForce: { elapsed: "1296000", total: "2678400" },
    });
    expect(explainText(fixed)).toContain(
      "31 off a month from the 17th: $31.00 a billing period × 1,296,000 ÷ 2,678,400 seconds = $15.00, in force 2026-03-17 to 2026-04-01 (at most the $220.00 it applies to) = -$15.00",
    );
  });

  it("is absent when its dates miss the period, and whole (no inForce) when they cover it", () => {
    const usage = usageOn(2, "1000");
    expect(
      rateInvoice(contractWith([spring({ until: "2026-03-01" })]), usage, "2026-03").discounts,
    ).toBeUndefined();
    expect(
      rateInvoice(contractWith([spring({ from: "2026-04-01" })]), usage, "2026-03").discounts,
    ).toBeUndefined();
    const covering = rateInvoice(
      contractWith([spring({ from: "2026-03-01", until: "2026-04-01" })]),
      usage,
      "2026-03",
    );
    // 20 % of 1,000.00 = 200.00, the whole period: the entry has no inForce
    expect(covering.discounts?.[0]).toEqual({
      id: "spring",
      name: "Spring 20%",
      percent: "20",
      base: "1000.00",
      amount: "-200.00",
      allocation: [{ line: "usage", amount: "-200.00" }],
    });
  });

  it("refuses a date that does not exist", () => {
    expect(thrown(() => contractWith([spring({ from: "2026-02-30" })]))).toMatchObject({
      code: "invalid_field",
      path: "discounts[0].from",
    });
  });
});
