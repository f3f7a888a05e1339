import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  type ContractOverrides,
  flatCharge,
  sumMeter,
  unitCharge,
} from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Two bandwidth lines (unit 1.00 per GB, so a line's amount is its GB) and a 100.00 platform fee.
function contractWith(discounts: ContractInput["discounts"], extra: ContractOverrides = {}) {
  const bandwidth = (region: string) =>
    sumMeter(region, {
      eventType: "bw",
      valueProperty: "gb",
      filters: [{ property: "r", op: "equals", value: region }],
    });
  return buildContract(
    {
      id: "ctr_disc",
      meters: [bandwidth("na"), bandwidth("eu")],
      charges: [
        unitCharge("bandwidth_na", "Bandwidth NA", "na"),
        unitCharge("bandwidth_eu", "Bandwidth EU", "eu"),
        flatCharge("platform", "Platform", "100"),
      ],
      discounts,
    },
    extra,
  );
}
const usage = (na: string, eu: string) => [
  {
    id: "a",
    type: "bw",
    customer: "cus",
    timestamp: "2026-03-02T00:00:00Z",
    properties: { r: "na", gb: na },
  },
  {
    id: "b",
    type: "bw",
    customer: "cus",
    timestamp: "2026-03-02T00:00:00Z",
    properties: { r: "eu", gb: eu },
  },
];
const bw10 = {
  id: "bw10",
  name: "Bandwidth 10% off",
  percent: "10",
  charges: ["bandwidth_na", "bandwidth_eu"],
};

describe("discounts", () => {
  it("takes a percentage of the selected lines and spreads it by largest remainder (docs/contracts.md)", () => {
    const invoice = rateInvoice(contractWith([bw10]), usage("2369", "1030.75"), "2026-03");
    // base 2,369.00 + 1,030.75 = 3,399.75; 10 % = 339.975 → 339.98 (half-even tie to the even 8)
    // shares 236.9034… and 103.0765…: floors 236.90 and 103.07, the leftover cent to the larger
    // remainder (eu): 236.90 + 103.08 = 339.98
    expect(invoice.discounts).toEqual([
      {
        id: "bw10",
        name: "Bandwidth 10% off",
        percent: "10",
        base: "3399.75",
        amount: "-339.98",
        allocation: [
          { line: "bandwidth_na", amount: "-236.90" },
          { line: "bandwidth_eu", amount: "-103.08" },
        ],
      },
    ]);
    expect(invoice.lines[0]).toMatchObject({
      net: "2132.10",
      adjustments: [{ kind: "discount", source: "bw10", amount: "-236.90" }],
    });
    // subtotal 3,499.75; total 3,499.75 − 339.98 = 3,159.77; the platform line is untouched
    expect(invoice.subtotal).toBe("3499.75");
    expect(invoice.total).toBe("3159.77");
    expect(invoice.lines[2]!.net).toBeUndefined();
  });

  it("compounds percentages: two 10 % invoice discounts take 19 %", () => {
    const invoice = rateInvoice(
      contractWith([
        { id: "d1", name: "First", percent: "10" },
        { id: "d2", name: "Second", percent: "10" },
      ]),
      usage("450", "450"),
      "2026-03",
    );
    // subtotal 1,000: first 100.00, then 10 % of 900 = 90.00; total 810.00 (19 % off)
    expect(invoice.discounts?.map((discount) => discount.amount)).toEqual(["-100.00", "-90.00"]);
    expect(invoice.total).toBe("810.00");
  });

  it("applies line discounts before invoice discounts, and percentages before fixed amounts", () => {
    const invoice = rateInvoice(
      contractWith([
        { id: "flat50", name: "50 off", amount: "50" },
        { id: "pct", name: "10% off", percent: "10" },
        bw10,
      ]),
      usage("450", "450"),
      "2026-03",
    );
    // bw10 first (line): 10 % of 900 = 90 → 810 + 100 platform = 910; then pct: 91.00 → 819; then 50 → 769
    expect(invoice.discounts?.map((discount) => [discount.id, discount.amount])).toEqual([
      ["bw10", "-90.00"],
      ["pct", "-91.00"],
      ["flat50", "-50.00"],
    ]);
    expect(invoice.total).toBe("769.00");
  });

  it("never takes more than the lines' net: a fixed amount is capped at its base", () => {
    const invoice = rateInvoice(
      contractWith([{ id: "big", name: "Big", amount: "5000", charges: ["bandwidth_na"] }]),
      usage("30", "0"),
      "2026-03",
    );
    // bandwidth_na is 30.00: the discount is 30.00, the line's net 0.00
    expect(invoice.discounts?.[0]).toMatchObject({ fixed: "5000.00", base: "30.00", amount: "-30.00" });
    expect(invoice.lines[0]!.net).toBe("0.00");
  });

  it("prorates a fixed amount on a partial period", () => {
    const invoice = rateInvoice(
      contractWith([{ id: "f", name: "Monthly 31 off", amount: "31" }], { term: { start: "2026-03-17" } }),
      usage("0", "0"),
      "2026-03",
    );
    // service 17–31 March = 15 of 31 days by seconds: 31 × 15 ÷ 31 = 15.00 off; the platform fee 100 × 15 ÷ 31 = 48.387… → 48.39
    expect(invoice.discounts?.[0]).toMatchObject({ fixed: "15.00", amount: "-15.00" });
    expect(invoice.total).toBe("33.39");
  });

  it("applies only in its periods and dates", () => {
    const firstTwo = contractWith([{ id: "intro", name: "Intro", percent: "50", periods: 2 }]);
    // term starts January: January and February are periods 1 and 2, March is the third
    expect(rateInvoice(firstTwo, [], "2026-02").discounts).toHaveLength(1);
    expect(rateInvoice(firstTwo, [], "2026-03").discounts).toBeUndefined();
    const spring = contractWith([
      { id: "spring", name: "Spring", percent: "5", from: "2026-03-01", until: "2026-06-01" },
    ]);
    expect(rateInvoice(spring, [], "2026-02").discounts).toBeUndefined();
    expect(rateInvoice(spring, [], "2026-05").discounts).toHaveLength(1);
  });

  it("counts its periods from the term's first billing period, not from the cycle's first of the year", () => {
    // Monthly calendar periods are numbered from January of the term's year: a term starting on
    // 17 March has March as its period 1 (partial), April as 2, May as 3.
    const fromMarch = contractWith([{ id: "intro", name: "Intro", percent: "50", periods: 2 }], {
      term: { start: "2026-03-17" },
    });
    // March: platform 100 × 15 ÷ 31 = 48.387… → 48.39; 50 % = 24.195 → 24.20 (half-even: 24.20's cent is even)
    expect(rateInvoice(fromMarch, [], "2026-03").discounts?.[0]).toMatchObject({
      base: "48.39",
      amount: "-24.20",
    });
    // April: 50 % of 100.00 = 50.00; May is period 3: no discount, the whole 100.00
    expect(rateInvoice(fromMarch, [], "2026-04").discounts?.[0]).toMatchObject({ amount: "-50.00" });
    const may = rateInvoice(fromMarch, [], "2026-05");
    expect(may.discounts).toBeUndefined();
    expect(may.total).toBe("100.00");
  });

  it("charges tax on the discounted lines", () => {
    const invoice = rateInvoice(
      contractWith([bw10], {
        tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] },
      }),
      usage("100", "100"),
      "2026-03",
    );
    // lines 100, 100, 100; bw10 takes 20.00 (10.00 each): nets 90, 90, 100 → VAT 18 + 18 + 20 = 56.00
    // total 300 − 20 + 56 = 336.00
    expect(invoice.tax?.total).toBe("56.00");
    expect(invoice.total).toBe("336.00");
    expect(explainText(invoice)).toContain(
      "Bandwidth 10% off: 10% of $200.00 = -$20.00, spread over Bandwidth NA -$10.00, Bandwidth EU -$10.00.",
    );
  });

  it("refuses a discount with both or neither of percent and amount, an unknown charge, or sub-cent amounts", () => {
    expect(thrown(() => contractWith([{ id: "x", name: "X" }]))).toMatchObject({
      code: "invalid_field",
      path: "discounts[0].percent",
    });
    expect(
      thrown(() => contractWith([{ id: "x", name: "X", percent: "5", charges: ["nope"] }])),
    ).toMatchObject({
      code: "invalid_field",
      path: "discounts[0].charges[0]",
    });
    expect(thrown(() => contractWith([{ id: "x", name: "X", amount: "0.001" }]))).toMatchObject({
      code: "amount_not_in_minor_units",
      path: "discounts[0].amount",
    });
  });
});
