import { describe, expect, it } from "vitest";
import { percentExact } from "../../src/explain/percentExact.js";
import type { Invoice } from "../../src/index.js";

type InvoiceDiscount = NonNullable<Invoice["discounts"]>[number];
const discount = (fields: Partial<InvoiceDiscount>): InvoiceDiscount =>
  ({ id: "d", name: "D", base: "1000.00", amount: "-96.77", allocation: [], ...fields }) as InvoiceDiscount;
const inForce = { start: "2026-01-17T00:00:00.000Z", end: "2026-02-01T00:00:00.000Z", basis: "day" };
const exact = (fields: Partial<InvoiceDiscount>) => percentExact(discount(fields))?.toFixed();

// The figure a percentage discount rounds, exact: the explanation's words redo it, and the workbook's
// discount row shows ratecard's value where it lies too close to a rounding boundary (tooCloseToRound).
describe("percentExact", () => {
  it("is base × percent ÷ 100, and × elapsed ÷ total when in force for part of the period", () => {
    // 150,592,918,853.46 × 99.99 ÷ 100 = 150,592,918,853.46 − 15,059,291.885346
    expect(exact({ percent: "99.99", base: "150592918853.46" })).toBe("150577859561.574654");
    // 20 % for 15 of 31 days on 1,000.00: 1,000 × 20 ÷ 100 × 15 ÷ 31 = 3,000 ÷ 31 = 96.7741935…
    const part = exact({
      percent: "20",
      inForce: { ...inForce, elapsed: "15", total: "31" },
    } as Partial<InvoiceDiscount>);
    expect(part?.startsWith("96.774193548387096774")).toBe(true);
  });

  it("is percent of what the covered days billed, with no share of the period; none for a fixed amount", () => {
    // 20 % of the 480.50 the covered days billed: 96.1
    const covered = {
      ...inForce,
      elapsed: "15",
      total: "31",
      partialPeriod: "days_covered",
      covered: "480.50",
    };
    expect(exact({ percent: "20", inForce: covered } as Partial<InvoiceDiscount>)).toBe("96.1");
    expect(exact({ amount: "-50.00" })).toBeUndefined();
  });
});
