import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, type ContractOverrides, sumMeter, unitCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// The worked example of docs/contracts.md (step 1, "A pool resized on a date"): egress at 0.05 a GB
// and a 1,000 GB pool that becomes 1,500 GB on 16 March 2026 (March has 31 days: 15 at 1,000, 16 at 1,500).
const contractWith = (changes: unknown, extra: ContractOverrides = {}) =>
  buildContract(
    {
      id: "ctr_pool_resized",
      meters: [sumMeter("egress", { valueProperty: "gb", unit: "GB" })],
      charges: [unitCharge("egress", "Egress", "egress", "0.05")],
      allowances: [
        {
          id: "free",
          name: "Free egress",
          quantity: "1000",
          charges: ["egress"],
          ...(changes === undefined ? {} : { changes }),
        },
      ] as never,
    },
    extra,
  );
const egress = (gb: string, day = 2, month = "03") => [
  {
    id: `e${day}${gb}`,
    type: "egress",
    customer: "cus",
    timestamp: `2026-${month}-${String(day).padStart(2, "0")}T12:00:00Z`,
    properties: { gb },
  },
];
const resized = [{ effective: "2026-03-16", quantity: "1500" }];

describe("an allowance pool resized on a date", () => {
  it("holds each size for the days it was in force (1,000 GB for 15 days, 1,500 GB for 16)", () => {
    const invoice = rateInvoice(contractWith(resized), egress("2000"), "2026-03");
    // (1,000 × 15 + 1,500 × 16) ÷ 31 = 39,000 ÷ 31 = 1,258.0645… → 1,258 GB (half up, whole GB as written)
    // (the contract measures by seconds: 1,296,000 and 1,382,400 of 2,678,400 s, the same shares)
    // billable 2,000 − 1,258 = 742 GB × 0.05 = 37.10
    expect(invoice.allowances).toEqual([
      {
        id: "free",
        name: "Free egress",
        quantity: "1258",
        drawn: [{ line: "egress", quantity: "1258" }],
        remaining: "0",
        schedule: [
          {
            start: "2026-03-01T00:00:00.000Z",
            end: "2026-03-16T00:00:00.000Z",
            quantity: "1000",
            basis: "second",
            elapsed: "1296000",
            total: "2678400",
          },
          {
            start: "2026-03-16T00:00:00.000Z",
            end: "2026-04-01T00:00:00.000Z",
            quantity: "1500",
            basis: "second",
            elapsed: "1382400",
            total: "2678400",
          },
        ],
      },
    ]);
    expect(invoice.lines[0]).toMatchObject({ quantity: "742", amount: "37.10" });
  });

  it("holds the new size whole in the periods after the resize, and the old one before", () => {
    // April: 1,500 GB free, 2,000 − 1,500 = 500 GB × 0.05 = 25.00; February: 1,000 → 1,000 GB × 0.05 = 50.00
    const april = rateInvoice(contractWith(resized), egress("2000", 2, "04"), "2026-04");
    expect(april.allowances?.[0]).toMatchObject({ quantity: "1500" });
    expect(april.allowances?.[0]).not.toHaveProperty("schedule");
    expect(april.total).toBe("25.00");
    const february = rateInvoice(contractWith(resized), egress("2000", 2, "02"), "2026-02");
    expect(february.total).toBe("50.00");
  });

  it("keeps the decimals the sizes are written with (0.5 GB steps)", () => {
    const invoice = rateInvoice(
      contractWith([{ effective: "2026-03-16", quantity: "1500.5" }]),
      egress("2000"),
      "2026-03",
    );
    // (1,000 × 15 + 1,500.5 × 16) ÷ 31 = 39,008 ÷ 31 = 1,258.3225… → 1,258.3 (one decimal, as 1500.5)
    expect(invoice.allowances?.[0]).toMatchObject({ quantity: "1258.3" });
  });

  it("rounds a size that falls exactly on a half up, not to the even size: 1,000.5 → 1,001 GB", () => {
    // February 2026 has 28 days, resized on the 15th: 14 days at 1,000 GB and 14 at 1,001 GB
    // (1,000 × 14 + 1,001 × 14) ÷ 28 = 28,014 ÷ 28 = 1,000.5 → 1,001 (half up; half even would give 1,000)
    // billable 2,000 − 1,001 = 999 GB × 0.05 = 49.95
    const invoice = rateInvoice(
      contractWith([{ effective: "2026-02-15", quantity: "1001" }]),
      egress("2000", 2, "02"),
      "2026-02",
    );
    expect(invoice.allowances?.[0]).toMatchObject({ quantity: "1001" });
    expect(invoice.total).toBe("49.95");
  });

  it("changes nothing when resized to the same size", () => {
    const same = rateInvoice(
      contractWith([{ effective: "2026-03-16", quantity: "1000" }]),
      egress("2000"),
      "2026-03",
    );
    const plain = rateInvoice(contractWith(undefined), egress("2000"), "2026-03");
    // (1,000 × 15 + 1,000 × 16) ÷ 31 = 1,000 exactly
    expect(same.total).toBe(plain.total);
    expect(same.allowances?.[0]).toMatchObject({ quantity: "1000" });
  });

  it("says in the explanation how each size counted", () => {
    const invoice = rateInvoice(contractWith(resized), egress("2000"), "2026-03");
    expect(explainText(invoice)).toContain(
      "Shared allowance Free egress (free): 1,258 GB (1,000 GB for 2026-03-01 to 2026-03-16, 1,500 GB for 2026-03-16 to 2026-04-01, weighted by 1,296,000 and 1,382,400 of 2,678,400 seconds), drawn: 1,258 GB by Egress; nothing left.",
    );
  });

  it("refuses resizes out of date order", () => {
    const error = thrown(() =>
      contractWith([
        { effective: "2026-03-16", quantity: "1500" },
        { effective: "2026-03-10", quantity: "2000" },
      ]),
    );
    expect(error).toMatchObject({ code: "invalid_field", path: "allowances[0].changes[1].effective" });
  });
});

describe("an allowance pool resized on a date, refused", () => {
  it("refuses a negative size", () => {
    const error = thrown(() => contractWith([{ effective: "2026-03-16", quantity: "-1" }]));
    expect(error).toMatchObject({ path: "allowances[0].changes[0].quantity" });
  });

  it("refuses a date that does not exist", () => {
    const error = thrown(() => contractWith([{ effective: "2026-02-30", quantity: "10" }]));
    expect(error).toMatchObject({ code: "invalid_field", path: "allowances[0].changes[0].effective" });
  });
});
