import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice, rateOpeningInvoice } from "../../src/invoice/index.js";
import { centsText, daysLater, isoDate, monthsLater } from "../_support/calendarOracle.js";
import { buildContract, flatCharge, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

// A percentage discount reaches each line by the line's own service period. With fees billed in
// advance the invoice that closes March carries March's usage and April's fee: a discount for March
// only (`periods: 1`, or `until: "2026-04-01"`) takes its percent off March's usage, not off April's
// fee. Until 5 December 2026 it took it off everything on March's invoice, so a plan billed in advance
// got two months of a one-month discount (March's on the opening invoice, April's on March's).
//
// The contract (UTC, monthly, term from 1 March): a plan of 30.00 a month billed in advance, bandwidth
// at 0.10 a GB in arrears; 100 GB on 10 March (10.00). 20 % off the whole invoice.
const contractWith = (discount: Record<string, unknown>) =>
  buildContract({
    term: { start: "2026-03-01" },
    meters: [sumMeter("gb")],
    charges: [
      flatCharge("plan", "Plan", "30", { billed: "in_advance" }),
      unitCharge("bandwidth", "Bandwidth", "gb", "0.10"),
    ],
    discounts: [{ id: "launch", name: "Launch", percent: "20", ...discount }],
  });
const march = [usageEvent("e1", "gb", "2026-03-10T00:00:00Z", { v: 100 })];
const discountOf = (invoice: Invoice) => invoice.discounts?.find((entry) => entry.id === "launch");
const netOf = (invoice: Invoice, id: string) => {
  const line = invoice.lines.find((candidate) => candidate.id === id)!;
  return line.net ?? line.amount;
};

describe("a percentage discount for the first period, with a fee billed in advance", () => {
  const contract = contractWith({ periods: 1 });

  it("takes March's plan on the opening invoice: 30.00 × 20 % = 6.00", () => {
    const opening = rateOpeningInvoice(contract);
    expect(discountOf(opening)?.amount).toBe("-6.00");
    expect(opening.total).toBe("24.00");
  });

  it("takes March's usage on March's invoice, and leaves April's plan whole", () => {
    const invoice = rateInvoice(contract, march, "2026-03");
    // base: bandwidth 100 × 0.10 = 10.00 (April's plan is April's); 20 % = 2.00
    // (before: (10.00 + 30.00) × 20 % = 8.00, total 32.00)
    expect(discountOf(invoice)).toMatchObject({ base: "10.00", amount: "-2.00" });
    expect(netOf(invoice, "bandwidth")).toBe("8.00");
    expect(netOf(invoice, "plan")).toBe("30.00");
    // 10.00 − 2.00 + 30.00 = 38.00
    expect(invoice.total).toBe("38.00");
  });

  it("gives the plan one discounted month over the term's invoices, as the same contract in arrears", () => {
    const opening = rateOpeningInvoice(contract);
    const marchInvoice = rateInvoice(contract, march, "2026-03");
    const planDiscount = [opening, marchInvoice]
      .flatMap((invoice) => invoice.discounts ?? [])
      .flatMap((entry) => entry.allocation)
      .filter((share) => share.line === "plan");
    // 6.00 off March's plan on the opening invoice, nothing off April's
    expect(planDiscount).toEqual([{ line: "plan", amount: "-6.00" }]);
  });
});

describe("a percentage discount with dates, with a fee billed in advance", () => {
  it("ends with March (until 1 April): April's plan on March's invoice is whole", () => {
    const invoice = rateInvoice(contractWith({ until: "2026-04-01" }), march, "2026-03");
    // as periods: 1, 10.00 × 20 % = 2.00; total 38.00 (before: 8.00 off, 32.00)
    expect(discountOf(invoice)).toMatchObject({ base: "10.00", amount: "-2.00" });
    expect(invoice.total).toBe("38.00");
  });

  it("starts with April (from 1 April): April's plan on March's invoice has it", () => {
    const invoice = rateInvoice(contractWith({ from: "2026-04-01" }), march, "2026-03");
    // March's usage is before the discount; April's plan 30.00 × 20 % = 6.00 (before: no discount on
    // this invoice, and April's plan never had one)
    expect(discountOf(invoice)).toMatchObject({ base: "30.00", amount: "-6.00" });
    expect(netOf(invoice, "bandwidth")).toBe("10.00");
    expect(netOf(invoice, "plan")).toBe("24.00");
    expect(invoice.total).toBe("34.00");
  });

  it("starts inside March (from 17 March): April's plan whole, March's usage by its share", () => {
    const contract = contractWith({ from: "2026-03-17" });
    // no usage: the plan alone, wholly in force in April: 30.00 × 20 % = 6.00, no share of March's
    // period (before: 30.00 × 20 % × 15 ÷ 31 = 2.90)
    const quiet = rateInvoice(contract, [], "2026-03");
    expect(discountOf(quiet)).toMatchObject({ base: "30.00", amount: "-6.00" });
    expect(discountOf(quiet)?.inForce).toBeUndefined();
    // with March's 10.00 of bandwidth, in force 15 of March's 31 days (1,296,000 of 2,678,400 s):
    // covered = 10.00 × 15 ÷ 31 + 30.00 = 4.8387… + 30.00 = 34.8387… → 34.83 (rounded down);
    // 20 % = 6.966 → 6.97; spread 4.8387 : 30: 0.9681… and 6.0019… → 0.96 + 6.00, the last cent to
    // the larger remainder (bandwidth's .0081): 0.97 and 6.00. Total 40.00 − 6.97 = 33.03
    const invoice = rateInvoice(contract, march, "2026-03");
    expect(discountOf(invoice)).toMatchObject({
      base: "40.00",
      amount: "-6.97",
      inForce: { start: "2026-03-17T00:00:00.000Z", end: "2026-05-01T00:00:00.000Z", covered: "34.83" },
    });
    expect(netOf(invoice, "bandwidth")).toBe("9.03");
    expect(netOf(invoice, "plan")).toBe("24.00");
    expect(invoice.total).toBe("33.03");
  });

  it("ends inside April (until 16 April): April's plan is taken for the 15 of its 30 days in force", () => {
    const contract = contractWith({ until: "2026-04-16" });
    const invoice = rateInvoice(contract, march, "2026-03");
    // covered: March's bandwidth whole, 10.00, and April's plan 30.00 × 15 ÷ 30 = 15.00: 25.00;
    // 20 % = 5.00, spread 10 : 15 → bandwidth 2.00, plan 3.00 (before: 8.00 off both whole)
    expect(discountOf(invoice)).toMatchObject({
      base: "40.00",
      amount: "-5.00",
      inForce: { start: "2026-03-01T00:00:00.000Z", end: "2026-04-16T00:00:00.000Z", covered: "25.00" },
    });
    expect(discountOf(invoice)?.inForce?.partialPeriod).toBeUndefined();
    expect(netOf(invoice, "bandwidth")).toBe("8.00");
    expect(netOf(invoice, "plan")).toBe("27.00");
    expect(invoice.total).toBe("35.00");
    // April's invoice carries May's plan, which the discount does not reach (before: 30.00 × 20 % × 15
    // ÷ 30 = 3.00 off it); April had no usage, so nothing is taken
    const april = rateInvoice(contract, [], "2026-04");
    expect(discountOf(april)?.amount).toBe("0.00");
    expect(april.total).toBe("30.00");
  });

  it("with days_covered, takes April's plan by the days it covers in the same way", () => {
    const invoice = rateInvoice(
      contractWith({ until: "2026-04-16", partialPeriod: "days_covered" }),
      march,
      "2026-03",
    );
    // the same 10.00 + 15.00 = 25.00 covered, 5.00 off; the entry says days_covered
    expect(discountOf(invoice)).toMatchObject({
      amount: "-5.00",
      inForce: { partialPeriod: "days_covered", covered: "25.00" },
    });
    expect(invoice.total).toBe("35.00");
  });
});

describe("a fixed amount with a fee billed in advance", () => {
  it("stays the billing period's: from 17 March, March's share off the invoice's lines, April's plan included", () => {
    // 31.00 a month from 17 March: 31.00 × 15 ÷ 31 = 15.00 on March's invoice, which carries only April's
    // plan (no usage); not 31.00 for April being wholly in force (a fixed amount is not a line's)
    const invoice = rateInvoice(
      contractWith({ percent: undefined, amount: "31", from: "2026-03-17" }),
      [],
      "2026-03",
    );
    expect(discountOf(invoice)).toMatchObject({ fixed: "15.00", base: "30.00", amount: "-15.00" });
    expect(invoice.total).toBe("15.00");
  });
});

// The law behind the cases above: how a fee is timed does not change what a percentage takes off it.
// Over the same five months of a plan's fees, the discounts on the plan's lines add up to the same
// amount billed in advance (the opening invoice and March–June's, June's carrying July's fee) as in
// arrears (March–July's): each fee is discounted by its own period, rounded on its own line.
describe("a percentage discount on a fee billed in advance or in arrears (property)", () => {
  const planDiscount = (invoices: ReadonlyArray<Invoice>) =>
    invoices
      .flatMap((invoice) => invoice.discounts ?? [])
      .flatMap((entry) => entry.allocation)
      .reduce((sum, share) => sum + BigInt(share.amount.replace(".", "")), 0n);
  const month = (m: number) => `2026-0${m}`;

  it(
    "takes the same off the plan's fees of the same periods either way",
    () => {
      const reach = fc.oneof(
        fc.integer({ min: 1, max: 5 }).map((periods) => ({ periods })),
        // dates on any day, taken by the days they cover
        fc.tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 1, max: 150 })).map(([from, days]) => ({
          from: isoDate(daysLater({ y: 2026, m: 2, d: 20 }, from)),
          until: isoDate(daysLater({ y: 2026, m: 2, d: 20 }, from + days)),
          partialPeriod: "days_covered" as const,
        })),
        // dates on the first of a month, which cut no period
        fc.tuple(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 1, max: 5 })).map(([from, months]) => ({
          from: isoDate({ y: 2026, m: from, d: 1 }),
          until: isoDate(monthsLater(2026, from, months, 1)),
        })),
      );
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 28 }),
          fc.integer({ min: 1, max: 9_999 }),
          fc.integer({ min: 1, max: 1_000_000 }),
          fc.constantFrom("UTC", "America/New_York", "Australia/Lord_Howe"),
          fc.constantFrom("second" as const, "day" as const),
          reach,
          (day, basisPoints, cents, zone, basis, discount) => {
            const contractOf = (billed: "in_advance" | "in_arrears") =>
              buildContract({
                timeZone: zone,
                billing: { cadence: "monthly", ...(basis === "day" ? { proration: "day" as const } : {}) },
                term: { start: isoDate({ y: 2026, m: 3, d: day }) },
                meters: [],
                charges: [flatCharge("plan", "Plan", centsText(BigInt(cents)), { billed })],
                discounts: [
                  {
                    id: "d",
                    name: "D",
                    percent: centsText(BigInt(basisPoints)),
                    charges: ["plan"],
                    ...discount,
                  },
                ],
              });
            const advance = contractOf("in_advance");
            const arrears = contractOf("in_arrears");
            const inAdvance = [
              rateOpeningInvoice(advance),
              ...[3, 4, 5, 6].map((m) => rateInvoice(advance, [], month(m))),
            ];
            const inArrears = [3, 4, 5, 6, 7].map((m) => rateInvoice(arrears, [], month(m)));
            expect(planDiscount(inAdvance)).toBe(planDiscount(inArrears));
          },
        ),
        fuzzParameters(100),
      );
    },
    fuzzTimeout(),
  );
});
