import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateClosingInvoice, rateInvoice, rateProgressiveInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, flatCharge, sumMeter, unitCharge } from "../_support/contract.js";
import { withoutDigests } from "../_support/withoutDigests.js";

// A UTC contract with one usage charge at 1.00 a unit (its line is its usage), so tax is easy to redo.
function contractWith(tax: ContractInput["tax"], fields: Partial<ContractInput> = {}) {
  return buildContract(
    {
      id: "ctr_tax_dates",
      currency: "EUR",
      meters: [sumMeter("m", { eventType: "u" })],
      charges: [unitCharge("a", "A", "m")],
      tax,
    },
    fields,
  );
}
const usage = (value: string) => [
  { id: "e", type: "u", customer: "cus", timestamp: "2026-03-02T00:00:00Z", properties: { v: value } },
];
// VAT rises from 20 % to 21 % on 17 March: two rates, one ending and one starting that day.
const rising = [
  { id: "vat20", name: "VAT 20%", percent: "20", until: "2026-03-17" },
  { id: "vat21", name: "VAT 21%", percent: "21", from: "2026-03-17" },
];

describe("a tax rate that changes on a date (tax.rates[].from / until)", () => {
  it("taxes each part of the line's period at the rate in force on it: 32.00 + 31.50 on 310.00", () => {
    const invoice = rateInvoice(contractWith({ mode: "exclusive", rates: rising }), usage("310"), "2026-03");
    // March has 31 days: Mar 1–17 is 16 days, Mar 17–Apr 1 is 15 days (UTC, by seconds = by days).
    // 20 % × 310.00 × 16/31 = 20 % × 160.00 = 32.00; 21 % × 310.00 × 15/31 = 21 % × 150.00 = 31.50
    expect(invoice.tax?.rates.map((rate) => [rate.rate, rate.base, rate.amount])).toEqual([
      ["vat20", "310.00", "32.00"],
      ["vat21", "310.00", "31.50"],
    ]);
    expect(invoice.tax?.rates[0]?.lines[0]?.inForce).toEqual({
      basis: "second",
      elapsed: "1382400",
      total: "2678400",
    });
    // 310.00 + 32.00 + 31.50 = 373.50
    expect(invoice.total).toBe("373.50");
    expect(explainText(invoice)).toContain(
      "VAT 20%: 20% of €310.00, for the part of the lines' periods it was in force (1,382,400 of 2,678,400 seconds: a) = €32.00",
    );
  });

  it("takes inclusive tax out of each part's gross with the rates in force on it", () => {
    const invoice = rateInvoice(
      contractWith(
        { mode: "inclusive", rates: rising },
        { billing: { cadence: "monthly", proration: "day" } },
      ),
      usage("310"),
      "2026-03",
    );
    // gross 310.00: 160.00 for 16 days at 20 %, 150.00 for 15 days at 21 %
    // 160 × 20 ÷ 120 = 26.666… → 26.67; 150 × 21 ÷ 121 = 26.0330… → 26.03; tax 52.70, net 257.30
    expect(invoice.tax?.rates.map((rate) => rate.amount)).toEqual(["26.67", "26.03"]);
    expect(invoice.tax).toMatchObject({ total: "52.70", net: "257.30" });
    expect(invoice.total).toBe("310.00");
  });

  it("taxes a line that lies wholly after the change at the new rate only (April's fee in advance)", () => {
    const contract = contractWith(
      { mode: "exclusive", rates: rising },
      {
        charges: [
          unitCharge("a", "A", "m"),
          flatCharge("platform", "Platform", "100", { billed: "in_advance" }),
        ],
      },
    );
    const invoice = rateInvoice(contract, usage("0"), "2026-03");
    // The platform line covers April: VAT 20 % has ended, 21 % × 100.00 = 21.00; the usage line is 0.00
    const vat20 = invoice.tax?.rates.find((rate) => rate.rate === "vat20");
    const vat21 = invoice.tax?.rates.find((rate) => rate.rate === "vat21");
    expect(vat20?.lines.map((line) => line.line)).toEqual(["a"]);
    expect(vat21?.lines.find((line) => line.line === "platform")).toMatchObject({ exact: "21" });
    expect(vat21?.lines.find((line) => line.line === "platform")?.inForce).toBeUndefined();
    expect(invoice.total).toBe("121.00");
  });

  it("taxes only from a rate's start when it is its one date (a tax registered on the 17th)", () => {
    // 20 % from 17 March only: 310.00 × 15/31 = 150.00 taxed, 20 % = 30.00; total 340.00.
    const from = [{ id: "vat", name: "VAT", percent: "20", from: "2026-03-17" }];
    const invoice = rateInvoice(contractWith({ mode: "exclusive", rates: from }), usage("310"), "2026-03");
    expect(invoice.tax?.rates.map((rate) => rate.amount)).toEqual(["30.00"]);
    expect(invoice.total).toBe("340.00");
  });

  it("taxes only until a rate's end when it is its one date (a tax abolished on the 17th)", () => {
    // 20 % until 17 March only: 310.00 × 16/31 = 160.00 taxed, 20 % = 32.00; total 342.00.
    const until = [{ id: "vat", name: "VAT", percent: "20", until: "2026-03-17" }];
    const invoice = rateInvoice(contractWith({ mode: "exclusive", rates: until }), usage("310"), "2026-03");
    expect(invoice.tax?.rates.map((rate) => rate.amount)).toEqual(["32.00"]);
    expect(invoice.total).toBe("342.00");
  });

  it("keeps each line's part in force on progressive and closing invoices, and says it in words", () => {
    // 100 units on 2 March billed on a progressive invoice to 10 March, 55 more on 20 March at the close.
    // VAT 20 % is in force 16 of March's 31 days (1,382,400 of 2,678,400 s), 21 % the other 15
    // (1,296,000 s). Progressive: 100.00 × 20 % × 16/31 = 10.3225… → 10.32, 100.00 × 21 % × 15/31 =
    // 10.1612… → 10.16. Close: 155.00 × 20 % × 16/31 = 16.00 less 10.32 = 5.68; 155.00 × 21 % × 15/31 =
    // 15.75 less 10.16 = 5.59. The shares were dropped, and the words read "20% of €100.00 = €10.32".
    const contract = contractWith({ mode: "exclusive", rates: rising });
    const events = [...usage("100"), { ...usage("55")[0]!, id: "f", timestamp: "2026-03-20T00:00:00Z" }];
    const early = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10");
    const close = rateClosingInvoice(contract, events, "2026-03", { earlier: [early] });
    const shares = { basis: "second", total: "2678400" };
    for (const [invoice, amounts] of [
      [early, ["10.32", "10.16"]],
      [close, ["5.68", "5.59"]],
    ] as const) {
      expect(invoice.tax?.rates.map((rate) => [rate.amount, rate.lines[0]?.inForce])).toEqual([
        [amounts[0], { ...shares, elapsed: "1382400" }],
        [amounts[1], { ...shares, elapsed: "1296000" }],
      ]);
    }
    expect(explainText(early)).toContain(
      "VAT 20%: 20% of €100.00, for the part of the lines' periods it was in force (1,382,400 of 2,678,400 seconds: a) = €10.32",
    );
  });

  it("refuses a rate whose until is not after its from", () => {
    expect(() =>
      contractWith({
        mode: "exclusive",
        rates: [{ id: "v", name: "V", percent: "20", from: "2026-03-17", until: "2026-03-17" }],
      }),
    ).toThrow(expect.objectContaining({ code: "invalid_field", path: "tax.rates[0].until" }));
  });
});

describe("laws of dated tax rates", () => {
  const cents = fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n / 100).toFixed(2));
  const day = fc.integer({ min: 2, max: 31 }).map((d) => `2026-03-${String(d).padStart(2, "0")}`);
  const mode = fc.constantFrom("exclusive" as const, "inclusive" as const);

  it("a rate dated from the period's start until its end gives the invoice of the undated rate", () => {
    fc.assert(
      fc.property(cents, mode, (value, taxMode) => {
        const dated = contractWith({
          mode: taxMode,
          rates: [{ id: "v", name: "V", percent: "19", from: "2026-03-01", until: "2026-04-01" }],
        });
        const undated = contractWith({ mode: taxMode, rates: [{ id: "v", name: "V", percent: "19" }] });
        const a = withoutDigests(rateInvoice(dated, usage(value), "2026-03"));
        const b = withoutDigests(rateInvoice(undated, usage(value), "2026-03"));
        expect(a).toEqual(b);
      }),
      { numRuns: 30 },
    );
  });

  it("one rate split in two on any date: the parts' exact taxes sum to the undated rate's", () => {
    fc.assert(
      fc.property(cents, day, mode, (value, date, taxMode) => {
        const split = contractWith({
          mode: taxMode,
          rates: [
            { id: "v1", name: "V", percent: "19", until: date },
            { id: "v2", name: "V", percent: "19", from: date },
          ],
        });
        const whole = contractWith({ mode: taxMode, rates: [{ id: "v", name: "V", percent: "19" }] });
        const exact = (invoice: ReturnType<typeof rateInvoice>) =>
          (invoice.tax?.rates ?? [])
            .flatMap((rate) => rate.lines)
            .reduce((sum, line) => sum.plus(line.exact), new Decimal(0));
        const difference = exact(rateInvoice(split, usage(value), "2026-03")).minus(
          exact(rateInvoice(whole, usage(value), "2026-03")),
        );
        // Each part is divided once at 50 significant digits: equal far below a minor unit.
        expect(difference.abs().lessThan("1e-30")).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
