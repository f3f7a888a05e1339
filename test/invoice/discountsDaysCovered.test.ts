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

// The worked example of docs/contracts.md ("A discount on the days it covers"): bandwidth at 0.05 per
// GB and a 31.00 monthly platform fee in March 2026 (31 days), 20 % off until 17 March.
function contractWith(discounts: ContractInput["discounts"], extra: ContractOverrides = {}) {
  return buildContract(
    {
      id: "ctr_days_covered",
      meters: [sumMeter("gb", { eventType: "bandwidth" })],
      charges: [
        unitCharge("bandwidth", "Bandwidth", "gb", "0.05"),
        flatCharge("platform", "Platform", "31.00"),
      ],
      discounts,
    },
    extra,
  );
}
const gbOn = (day: number, v: string) => ({
  id: `e${day}`,
  type: "bandwidth",
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties: { v },
});
const launch = (extra: Record<string, unknown> = {}) => ({
  id: "launch",
  name: "Launch 20%",
  percent: "20",
  until: "2026-03-17",
  partialPeriod: "days_covered" as const,
  ...extra,
});
const usage = [gbOn(10, "1000"), gbOn(20, "600")];
// 20 % until 17 March on a line that draws from a pool of `gb` GB.
const pooledBy = (gb: string) =>
  contractWith([launch()], {
    allowances: [{ id: "free_gb", name: "Free GB", quantity: gb, charges: ["bandwidth"] }],
  } as ContractOverrides);
// No usage line counts on the covered days: 20 % of the platform's 31.00 × 16/31 = 16.00 alone.
const PLATFORM_ALONE = {
  amount: "-3.20",
  inForce: { covered: "16.00" },
  allocation: [{ line: "platform", amount: "-3.20" }],
};
// Bandwidth amended to 0.04 on 10 March: its runs are 1–10 March and 10 March–1 April.
const CHEAPER_FROM_10_MARCH = {
  amendments: [
    { id: "cheaper", effective: "2026-03-10", charges: [unitCharge("bandwidth", "Bandwidth", "gb", "0.04")] },
  ],
} as ContractOverrides;

describe('a discount on the days it covers (partialPeriod: "days_covered")', () => {
  it("adds the lines' covered parts as fractions: fees of 1.00 and 27.00 cover 9.00 of 9 days in 28, not 8.99", () => {
    // February 2026 (28 days), 100 % off until 10 February: 9 days covered. The fees' parts do not end
    // (1.00 × 9/28 = 0.3214285…, 27.00 × 9/28 = 8.6785714…) but add up to 28.00 × 9/28 = 9.00 exactly.
    // Worked out to 50 digits each, both a hair short, their sum rounded down to 8.99.
    const contract = buildContract({
      charges: [flatCharge("f1", "F1", "1.00"), flatCharge("f2", "F2", "27.00")],
      discounts: [{ id: "d", name: "D", percent: "100", until: "2026-02-10", partialPeriod: "days_covered" }],
    } as ContractOverrides);
    const invoice = rateInvoice(contract, [], "2026-02");
    expect(invoice.discounts?.[0]?.inForce).toMatchObject({ covered: "9.00" });
    expect(invoice.discounts?.[0]?.amount).toBe("-9.00");
    // 28.00 − 9.00
    expect(invoice.total).toBe("19.00");
  });

  it("takes 20 % of the usage of the covered days and of the fee's share of them", () => {
    const invoice = rateInvoice(contractWith([launch()]), usage, "2026-03");
    // bandwidth: (1,000 + 600) GB × 0.05 = 80.00; platform 31.00; subtotal 111.00
    // covered 1–17 March: bandwidth rated on the 10th's 1,000 GB alone = 50.00;
    //   platform 31.00 × 16 of 31 days (1,382,400 of 2,678,400 s) = 16.00; covered 66.00
    // discount 20 % × 66.00 = 13.20, spread 50 : 16 → bandwidth 10.00, platform 3.20
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["bandwidth", "80.00"],
      ["platform", "31.00"],
    ]);
    expect(invoice.discounts).toEqual([
      {
        id: "launch",
        name: "Launch 20%",
        percent: "20",
        inForce: {
          start: "2026-03-01T00:00:00.000Z",
          end: "2026-03-17T00:00:00.000Z",
          basis: "second",
          elapsed: "1382400",
          total: "2678400",
          partialPeriod: "days_covered",
          covered: "66.00",
        },
        base: "111.00",
        amount: "-13.20",
        allocation: [
          { line: "bandwidth", amount: "-10.00" },
          { line: "platform", amount: "-3.20" },
        ],
      },
    ]);
    // 111.00 − 13.20
    expect(invoice.total).toBe("97.80");
  });

  it("differs from the default share of the period, which takes 20 % × 16/31 of every line", () => {
    const { partialPeriod: _default, ...share } = launch();
    const invoice = rateInvoice(contractWith([share]), usage, "2026-03");
    // 111.00 × 20 × 1,382,400 ÷ (2,678,400 × 100) = 11.4580… → 11.46
    expect(invoice.discounts?.[0]?.amount).toBe("-11.46");
    expect(invoice.discounts?.[0]?.inForce).not.toHaveProperty("covered");
  });

  it("takes nothing off usage that came after it ended", () => {
    const invoice = rateInvoice(contractWith([launch()]), [gbOn(20, "600")], "2026-03");
    // bandwidth 600 × 0.05 = 30.00, none of it on 1–16 March; platform covers 16.00 → 20 % = 3.20
    expect(invoice.discounts?.[0]).toMatchObject({
      amount: "-3.20",
      allocation: [{ line: "platform", amount: "-3.20" }],
    });
  });

  it("starting mid-period, covers the usage from its first day (from 17 March)", () => {
    const invoice = rateInvoice(
      contractWith([launch({ until: undefined, from: "2026-03-17" })]),
      usage,
      "2026-03",
    );
    // covered 17 March–1 April: bandwidth 600 × 0.05 = 30.00; platform 31.00 × 15/31 = 15.00
    // 20 % × 45.00 = 9.00, spread 30 : 15 → 6.00 and 3.00
    expect(invoice.discounts?.[0]).toMatchObject({
      amount: "-9.00",
      allocation: [
        { line: "bandwidth", amount: "-6.00" },
        { line: "platform", amount: "-3.00" },
      ],
    });
  });

  it("caps a fixed amount at what the covered days billed", () => {
    const fixed = launch({ percent: undefined, amount: "100.00" });
    const invoice = rateInvoice(contractWith([fixed]), [gbOn(10, "100"), gbOn(20, "600")], "2026-03");
    // fixed 100.00 × 16/31 = 51.612… → 51.61 (the period share of a fixed amount, as by default);
    // covered: bandwidth 100 × 0.05 = 5.00, platform 16.00 → 21.00 < 51.61, so 21.00 off
    expect(invoice.discounts?.[0]).toMatchObject({
      fixed: "51.61",
      amount: "-21.00",
      allocation: [
        { line: "bandwidth", amount: "-5.00" },
        { line: "platform", amount: "-16.00" },
      ],
    });
  });

  it("a fixed amount below the covered part is taken whole, spread by the covered parts", () => {
    const fixed = launch({ percent: undefined, amount: "31.00" });
    const invoice = rateInvoice(contractWith([fixed]), usage, "2026-03");
    // 31.00 × 16/31 = 16.00 ≤ covered 66.00; spread 50 : 16 → 16 × 50/66 = 12.1212… and 3.8787…
    // → largest remainder: 12.12 and 3.88 (sum 16.00)
    expect(invoice.discounts?.[0]).toMatchObject({
      amount: "-16.00",
      allocation: [
        { line: "bandwidth", amount: "-12.12" },
        { line: "platform", amount: "-3.88" },
      ],
    });
  });

  it("rates the covered days' usage with its own tiers, and never takes more than the line", () => {
    const tiered = {
      charges: [
        {
          id: "bandwidth",
          name: "Bandwidth",
          meter: "gb",
          price: {
            model: "graduated",
            tiers: [
              { upTo: "500", unitPrice: "0.10" },
              { upTo: null, unitPrice: "0.05" },
            ],
          },
        },
      ],
    } as ContractOverrides;
    const invoice = rateInvoice(contractWith([launch()], tiered), usage, "2026-03");
    // whole month 1,600 GB: 500 × 0.10 + 1,100 × 0.05 = 105.00
    // the covered days alone (1,000 GB on the 10th): 500 × 0.10 + 500 × 0.05 = 75.00 → 20 % = 15.00
    expect(invoice.lines[0]?.amount).toBe("105.00");
    expect(invoice.discounts?.[0]).toMatchObject({ amount: "-15.00" });
  });

  it("says in the explanation what the covered days billed", () => {
    const invoice = rateInvoice(contractWith([launch()]), usage, "2026-03");
    expect(explainText(invoice)).toContain(
      "Launch 20%: 20% of $66.00 billed on the days it covers (2026-03-01 to 2026-03-17) of $111.00 = -$13.20",
    );
  });

  it("refuses partialPeriod on a discount without from or until", () => {
    const error = thrown(() => contractWith([launch({ until: undefined })]));
    expect(error).toMatchObject({ code: "invalid_field", path: "discounts[0].partialPeriod" });
  });
});

describe("a discount on the days it covers, found by the laws", () => {
  it("never rounds above the covered part (seed 1220996158: 98 % of one day of a 1.08 fee)", () => {
    const contract = buildContract({
      meters: [sumMeter("units", { eventType: "u" })],
      charges: [flatCharge("fee", "Fee", "1.08")],
      discounts: [
        {
          id: "d",
          name: "D",
          percent: "98",
          from: "2026-03-08",
          until: "2026-04-02",
          partialPeriod: "days_covered",
        },
      ],
    });
    const invoice = rateInvoice(contract, [], "2026-04");
    // covered: 1.08 × 1 of 30 April days = 0.036 → 0.03 (rounded down, the figure shown);
    // 98 % × 0.03 = 0.0294 → 0.03 (98 % of the unrounded 0.036 would have rounded to 0.04, above it)
    expect(invoice.discounts?.[0]).toMatchObject({ amount: "-0.03", inForce: { covered: "0.03" } });
  });
});

describe("a discount on the days it covers, with an amendment in the same period", () => {
  it("rates an amended charge once from the amendment on, and discounts what its covered days billed", () => {
    const amended = contractWith([launch()], CHEAPER_FROM_10_MARCH);
    const invoice = rateInvoice(amended, usage, "2026-03");
    // lines: 1–10 March at 0.05 (no usage) and 10 March–1 April at 0.04, one line: the discount's
    // date (17 March) changes no term of the charge (1,600 GB × 0.04 = 64.00)
    // covered: the days to 17 March billed 1,000 GB × 0.04 = 40.00 + the platform's 31.00 × 16/31 =
    // 16.00 = 56.00; 20 % = 11.20, spread 40 : 16 → 8.00, 3.20
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["bandwidth@2026-03-01", "0.00"],
      ["bandwidth@2026-03-10", "64.00"],
      ["platform", "31.00"],
    ]);
    expect(invoice.discounts?.[0]).toMatchObject({
      amount: "-11.20",
      allocation: [
        { line: "bandwidth@2026-03-10", amount: "-8.00" },
        { line: "platform", amount: "-3.20" },
      ],
    });
  });

  it("keeps an amended charge's tiers running across the discount's date", () => {
    const graduated = {
      id: "bandwidth",
      name: "Bandwidth",
      meter: "gb",
      price: {
        model: "graduated" as const,
        tiers: [{ upTo: "500", unitPrice: "0.10" }, { unitPrice: "0.05" }],
      },
    };
    const amendments = [{ id: "tiered", effective: "2026-03-10", charges: [graduated] }];
    const invoice = rateInvoice(
      contractWith([launch()], { amendments } as ContractOverrides),
      usage,
      "2026-03",
    );
    // 10 March–1 April, 1,600 GB on one line: 500 × 0.10 + 1,100 × 0.05 = 50.00 + 55.00 = 105.00 (before
    // this fix the discount's date restarted the tiers: 75.00 + 55.00 = 130.00)
    // covered: the days to 17 March, 1,000 GB rated on their own: 500 × 0.10 + 500 × 0.05 = 75.00, and
    // the platform's 16.00: 91.00 × 20 % = 18.20, spread 75 : 16 → 15.00 and 3.20
    const bandwidth = invoice.lines.filter((line) => line.chargeId === "bandwidth");
    expect(bandwidth.map((line) => [line.id, line.amount])).toEqual([
      ["bandwidth@2026-03-01", "0.00"],
      ["bandwidth@2026-03-10", "105.00"],
    ]);
    expect(invoice.discounts?.[0]).toMatchObject({
      amount: "-18.20",
      allocation: [
        { line: "bandwidth@2026-03-10", amount: "-15.00" },
        { line: "platform", amount: "-3.20" },
      ],
    });
  });

  it("leaves an unamended charge on one line whatever the discount's dates", () => {
    const invoice = rateInvoice(
      contractWith([launch({ from: "2026-03-05", until: "2026-03-12" })]),
      usage,
      "2026-03",
    );
    // covered 5–12 March (7 days): bandwidth 1,000 GB on the 10th = 50.00; platform 31.00 × 7/31 = 7.00
    // 20 % × 57.00 = 11.40, spread 50 : 7 → 10.00 and 1.40
    expect(invoice.lines.map((line) => line.id)).toEqual(["bandwidth", "platform"]);
    expect(invoice.discounts?.[0]).toMatchObject({
      amount: "-11.40",
      allocation: [
        { line: "bandwidth", amount: "-10.00" },
        { line: "platform", amount: "-1.40" },
      ],
    });
  });
});

describe("a discount on the days it covers, on charges whose terms change inside the period", () => {
  it("reads a covered day late in an amended charge's run under the run's line, not the day's", () => {
    const amended = contractWith([launch({ until: undefined, from: "2026-03-17" })], CHEAPER_FROM_10_MARCH);
    const invoice = rateInvoice(amended, usage, "2026-03");
    // pieces 1–10, 10–17, 17 March–1 April; bandwidth's runs are 1–10 (0.05) and 10 March–1 April (0.04),
    // so its usage is on one line, bandwidth@2026-03-10: 1,600 GB × 0.04 = 64.00
    // covered 17 March–1 April, the last piece of that run: 600 GB × 0.04 = 24.00 of that line;
    //   platform 31.00 × 15/31 = 15.00; covered 39.00; 20 % = 7.80, spread 24 : 15 → 4.80 and 3.00
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["bandwidth@2026-03-01", "0.00"],
      ["bandwidth@2026-03-10", "64.00"],
      ["platform", "31.00"],
    ]);
    expect(invoice.discounts?.[0]).toMatchObject({
      amount: "-7.80",
      inForce: { covered: "39.00" },
      allocation: [
        { line: "bandwidth@2026-03-10", amount: "-4.80" },
        { line: "platform", amount: "-3.00" },
      ],
    });
  });

  it("skips the covered days before an amendment adds a charge", () => {
    const added = contractWith([launch()], {
      amendments: [
        { id: "storage", effective: "2026-03-10", charges: [unitCharge("storage", "Storage", "gb", "0.01")] },
      ],
    } as ContractOverrides);
    const invoice = rateInvoice(added, usage, "2026-03");
    // storage is in force from 10 March: 1,600 GB × 0.01 = 16.00; bandwidth 80.00; platform 31.00
    // covered 1–17 March: bandwidth 1,000 GB × 0.05 = 50.00; storage only 10–17 March (none before it
    //   was added), 1,000 GB × 0.01 = 10.00; platform 16.00; covered 76.00; 20 % = 15.20,
    //   spread 50 : 16 : 10 → 10.00, 3.20 and 2.00
    const storage = invoice.lines.find((line) => line.chargeId === "storage")!;
    expect(storage.amount).toBe("16.00");
    expect(invoice.discounts?.[0]).toMatchObject({
      amount: "-15.20",
      inForce: { covered: "76.00" },
      allocation: [
        { line: "bandwidth", amount: "-10.00" },
        { line: "platform", amount: "-3.20" },
        { line: storage.id, amount: "-2.00" },
      ],
    });
  });
});

describe("a discount on the days it covers, when the covered days' usage is a correction", () => {
  const correction = [gbOn(10, "-100"), gbOn(20, "1000")];

  it("takes nothing off a line whose covered days billed less than nothing", () => {
    const invoice = rateInvoice(contractWith([launch()]), correction, "2026-03");
    // bandwidth (−100 + 1,000) GB × 0.05 = 45.00; covered 1–17 March: −100 GB × 0.05 = −5.00, floored at
    // 0.00 as any line that is not a credit; platform 16.00; covered 16.00; 20 % = 3.20, all on the platform
    expect(invoice.lines[0]!.amount).toBe("45.00");
    expect(invoice.discounts?.[0]).toMatchObject(PLATFORM_ALONE);
  });

  it("counts a credit line's covered days that refunded as none of it (a part is never below 0)", () => {
    const withRefund = contractWith([launch()], {
      charges: [
        unitCharge("refund", "Refund", "gb", "-0.50", { credit: true }),
        flatCharge("platform", "Platform", "31.00"),
      ],
    } as ContractOverrides);
    // refund is a credit (not floored at 0): (100 − 300) GB × −0.50 = +100.00, a line with a net to discount
    // covered 1–17 March: the 10th's 100 GB × −0.50 = −50.00 → 0 of the line (not −50.00 off the covered
    //   total); platform 16.00; covered 16.00; 20 % = 3.20, all on the platform
    const invoice = rateInvoice(withRefund, [gbOn(10, "100"), gbOn(20, "-300")], "2026-03");
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["refund", "100.00"],
      ["platform", "31.00"],
    ]);
    expect(invoice.discounts?.[0]).toMatchObject(PLATFORM_ALONE);
  });

  it("gives covered days with fewer than no units no share of a pool's draw", () => {
    const pooled = pooledBy("252");
    const invoice = rateInvoice(pooled, correction, "2026-03");
    // bandwidth 900 GB − 252 drawn = 648 GB × 0.05 = 32.40; the covered days' −100 GB take no share of the
    // 252 GB (a share of a negative quantity would be a negative draw), rated −5.00 → 0 of the line;
    // platform 16.00; 20 % = 3.20
    expect(invoice.lines[0]!.amount).toBe("32.40");
    expect(invoice.discounts?.[0]).toMatchObject(PLATFORM_ALONE);
  });
});

describe("a discount on the days it covers, on a line that draws from an allowance pool", () => {
  it("gives the covered days their share of the line's free units, in proportion to their units", () => {
    const pooled = pooledBy("252");
    const invoice = rateInvoice(pooled, usage, "2026-03");
    // bandwidth: 1,600 GB − 252 GB drawn = 1,348 GB × 0.05 = 67.40; platform 31.00
    // covered 1–17 March: the 10th's 1,000 GB get 252 × 1,000 ÷ 1,600 = 157.5 GB of the draw:
    //   (1,000 − 157.5) × 0.05 = 842.5 × 0.05 = 42.125, rated as a piece's line is: rounded half-even
    //   to 42.12; platform 31.00 × 16/31 = 16.00; covered 42.12 + 16.00 = 58.12; 20 % = 11.624 → 11.62
    //   spread 42.12 : 16 → 11.62 × 42.12 ÷ 58.12 = 8.4211… and 3.1988…: 8.42 + 3.19 = 11.61,
    //   the last cent to the larger remainder (0.0088 > 0.0011) → platform 3.20
    // (without the share, the 1,000 GB would count 50.00 of the 67.40: 20 % × 66.00 = 13.20)
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["bandwidth", "67.40"],
      ["platform", "31.00"],
    ]);
    expect(invoice.discounts?.[0]).toMatchObject({
      amount: "-11.62",
      inForce: { partialPeriod: "days_covered", covered: "58.12" },
      allocation: [
        { line: "bandwidth", amount: "-8.42" },
        { line: "platform", amount: "-3.20" },
      ],
    });
  });

  it("gives usage after the discount ended no share: the covered days' units alone are counted", () => {
    const pooled = pooledBy("252");
    const invoice = rateInvoice(pooled, [gbOn(20, "600")], "2026-03");
    // bandwidth: 600 − 252 = 348 GB × 0.05 = 17.40, all after the 17th: no covered units, nothing off it;
    // platform 16.00 covered → 20 % = 3.20
    expect(invoice.discounts?.[0]).toMatchObject({
      amount: "-3.20",
      allocation: [{ line: "platform", amount: "-3.20" }],
    });
  });

  it("covers a line the pool makes free not at all", () => {
    const pooled = pooledBy("5000");
    const invoice = rateInvoice(pooled, usage, "2026-03");
    // bandwidth: 1,600 GB all drawn → 0.00; covered share 1,600 × 1,000 ÷ 1,600 = 1,000 → 0 billable
    // platform 16.00 → 20 % = 3.20
    expect(invoice.lines[0]!.amount).toBe("0.00");
    expect(invoice.discounts?.[0]).toMatchObject({ amount: "-3.20", inForce: { covered: "16.00" } });
  });
});

describe("a discount on the days it covers, on fees billed in advance and fixed amounts", () => {
  const inAdvance = {
    charges: [
      unitCharge("bandwidth", "Bandwidth", "gb", "0.05"),
      flatCharge("platform", "Platform", "30.00", { billed: "in_advance" }),
    ],
  } as ContractOverrides;

  it("covers a fee billed in advance by the days of its own period the discount covers", () => {
    // the March invoice bills April's platform fee (30.00) in advance: from 17 March on, the
    // discount covers all of April → 20 % × 30.00 = 6.00; bandwidth covers 600 GB × 0.05 = 30.00 → 6.00
    const from = rateInvoice(
      contractWith([launch({ until: undefined, from: "2026-03-17" })], inAdvance),
      usage,
      "2026-03",
    );
    expect(from.discounts?.[0]).toMatchObject({ amount: "-12.00", inForce: { covered: "60.00" } });
    // until 17 March it covers none of April: only bandwidth's 1,000 GB on the 10th, 50.00 → 10.00
    const until = rateInvoice(contractWith([launch()], inAdvance), usage, "2026-03");
    expect(until.discounts?.[0]).toMatchObject({
      amount: "-10.00",
      inForce: { covered: "50.00" },
      allocation: [{ line: "bandwidth", amount: "-10.00" }],
    });
  });

  it("covers a fee only for the days it billed after the free trial", () => {
    // trial until 10 March: the platform fee bills 31.00 × 22 ÷ 31 = 22.00 (10 March → 1 April)
    const contract = (until: string) =>
      contractWith([launch({ until })], { trial: { end: "2026-03-10" } } as ContractOverrides);
    // until 8 March: every covered day is in the trial, the fee billed none of them: nothing off
    // (before the fix 22.00 × 7 ÷ 31 = 4.967… → 4.96 covered, 0.99 off)
    expect(rateInvoice(contract("2026-03-08"), [], "2026-03").discounts?.[0]).toMatchObject({
      amount: "0.00",
      inForce: { covered: "0.00" },
    });
    // until 17 March: 10–17 March, 7 of the 22 days billed: 22.00 × 7 ÷ 22 = 7.00 (= 31.00 × 7 ÷ 31),
    // 20 % = 1.40 (before the fix 22.00 × 16 ÷ 31 = 11.35 covered, 2.27 off)
    expect(rateInvoice(contract("2026-03-17"), [], "2026-03").discounts?.[0]).toMatchObject({
      amount: "-1.40",
      inForce: { covered: "7.00" },
    });
  });

  it("explains a fixed amount capped at the covered days", () => {
    const fixed = launch({ percent: undefined, amount: "100.00" });
    const invoice = rateInvoice(contractWith([fixed]), [gbOn(10, "100")], "2026-03");
    // fixed 100.00 × 16/31 = 51.61; covered 5.00 + 16.00 = 21.00 → 21.00 off
    expect(explainText(invoice)).toContain(
      "Launch 20%: $100.00 a billing period × 1,382,400 ÷ 2,678,400 seconds = $51.6129032258…, rounded half-even: $51.61, in force 2026-03-01 to 2026-03-17 (at most the $21.00 billed on the days it covers) = -$21.00",
    );
  });
});
