import { describe, expect, it } from "vitest";
import { exactDiscount } from "../../../src/explain/workbook/exactDiscount.js";
import type { Invoice } from "../../../src/index.js";

type InvoiceDiscount = NonNullable<Invoice["discounts"]>[number];
const discount = (fields: Partial<InvoiceDiscount>): InvoiceDiscount =>
  ({ id: "d", name: "D", base: "1000.00", amount: "-96.77", allocation: [], ...fields }) as InvoiceDiscount;
const inForce = { start: "2026-01-17T00:00:00.000Z", end: "2026-02-01T00:00:00.000Z", basis: "day" };

// The figure the discount row's formula rounds, exact, for tooCloseToRound to judge.
describe("exactDiscount", () => {
  it("is base × percent ÷ 100, and × elapsed ÷ total when in force for part of the period", () => {
    // 150,592,918,853.46 × 99.99 ÷ 100 = 150,592,918,853.46 − 15,059,291.885346
    expect(exactDiscount(discount({ percent: "99.99", base: "150592918853.46" }), undefined)).toBe(
      "150577859561.574654",
    );
    // 20 % for 15 of 31 days on 1,000.00: 1,000 × 20 ÷ 100 × 15 ÷ 31 = 3,000 ÷ 31 = 96.7741935…
    const part = exactDiscount(
      discount({
        percent: "20",
        inForce: { ...inForce, elapsed: "15", total: "31" },
      } as Partial<InvoiceDiscount>),
      undefined,
    );
    expect(part.startsWith("96.774193548387096774")).toBe(true);
  });

  it("is percent of what the covered days billed, with no share of the period, and a fixed amount as it is", () => {
    // 20 % of the 480.50 the covered days billed: 96.1
    const covered = {
      ...inForce,
      elapsed: "15",
      total: "31",
      partialPeriod: "days_covered",
      covered: "480.50",
    };
    expect(
      exactDiscount(discount({ percent: "20", inForce: covered } as Partial<InvoiceDiscount>), "480.50"),
    ).toBe("96.1");
    expect(exactDiscount(discount({ amount: "-50.00" }), undefined)).toBe("-50.00");
  });
});
