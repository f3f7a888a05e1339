import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import type { InvoiceLine } from "../../src/invoice/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { taxParts } from "../../src/invoice/stages/taxParts.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";

// A UTC contract with one usage charge at 1.00 a unit: its line is its usage, 310.00 over March.
function contractWith(rates: NonNullable<ContractInput["tax"]>["rates"]) {
  return buildContract({
    id: "ctr_tax_mixed",
    currency: "EUR",
    meters: [sumMeter("m", { eventType: "u" })],
    charges: [unitCharge("a", "A", "m")],
    tax: { mode: "exclusive", rates },
  });
}
const usage = [
  { id: "e", type: "u", customer: "cus", timestamp: "2026-03-02T00:00:00Z", properties: { v: "310" } },
];

describe("dated tax rates beside undated ones, and dates given out of order", () => {
  it("taxes an undated rate on the whole line and a dated one on its part only: 15.50 + 3.00", () => {
    const invoice = rateInvoice(
      contractWith([
        { id: "state", name: "State 5%", percent: "5" },
        { id: "city", name: "City 2%", percent: "2", from: "2026-03-17" },
      ]),
      usage,
      "2026-03",
    );
    // state: 5 % × 310.00 = 15.50 over the whole month;
    // city: from 17 March, 15 of 31 days: 310.00 × 15/31 = 150.00, 2 % = 3.00 (not 2 % × 310.00 = 6.20)
    expect(invoice.tax?.rates.map((rate) => [rate.rate, rate.amount])).toEqual([
      ["state", "15.50"],
      ["city", "3.00"],
    ]);
    expect(invoice.tax?.rates[0]?.lines[0]?.inForce).toBeUndefined();
    // 310.00 + 15.50 + 3.00 = 328.50
    expect(invoice.total).toBe("328.50");
  });

  it("cuts the line at the rates' dates in time order when the later date is listed first", () => {
    const invoice = rateInvoice(
      contractWith([
        { id: "late", name: "Late 10%", percent: "10", from: "2026-03-21" },
        { id: "early", name: "Early 20%", percent: "20", from: "2026-03-11" },
      ]),
      usage,
      "2026-03",
    );
    // late: 21 March to 1 April is 11 of 31 days: 310.00 × 11/31 = 110.00, 10 % = 11.00
    // early: 11 March to 1 April is 21 of 31 days: 310.00 × 21/31 = 210.00, 20 % = 42.00
    expect(invoice.tax?.rates.map((rate) => [rate.rate, rate.amount])).toEqual([
      ["late", "11.00"],
      ["early", "42.00"],
    ]);
    // 11 days = 950,400 s and 21 days = 1,814,400 s of March's 2,678,400 s
    expect(invoice.tax?.rates.map((rate) => rate.lines[0]?.inForce?.elapsed)).toEqual(["950400", "1814400"]);
    // 310.00 + 11.00 + 42.00 = 363.00
    expect(invoice.total).toBe("363.00");
  });
});

describe("taxParts on a line the proration basis measures as no time at all", () => {
  // On the 30-day calendar the 30th and the 31st of a month are the same day (30E/360), so a line from
  // noon on 30 March to noon on 31 March is 0 days long there: its parts are measured by seconds.
  const line = {
    period: { start: "2026-03-30T12:00:00.000Z", end: "2026-03-31T12:00:00.000Z" },
  } as unknown as InvoiceLine;
  const rates = [{ id: "v", name: "V", percent: new Decimal("20"), from: "2026-03-31" }];

  it("splits it at the rate's midnight by seconds: 43,200 of 86,400 before and after", () => {
    const parts = taxParts(line, rates, { timeZone: "UTC", proration: "month_30_days" });
    // 12:00 to 24:00 on the 30th is 12 h = 43,200 s of the line's 24 h = 86,400 s; the rate is not yet
    // in force; from midnight to 12:00 on the 31st, the other 43,200 s, it is.
    expect(
      parts.map((part) => [part.ratio?.basis, part.ratio?.elapsed.toString(), part.rates.length]),
    ).toEqual([
      ["second", "43200", 0],
      ["second", "43200", 1],
    ]);
    expect(parts.map((part) => part.ratio?.total.toString())).toEqual(["86400", "86400"]);
  });
});
