import { describe, expect, it } from "vitest";
import type { ChargeTerms } from "../../src/contracts/index.js";
import { ContractError } from "../../src/errors/index.js";
import type { GroupQuantity, MeterQuantity } from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import { type RateChargeInput, rateCharge } from "../../src/rating/index.js";
import type { ProrationRatio } from "../../src/time/index.js";
import { buildContract } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string | number) => new Decimal(value);
const MARCH_2026 = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };

// One contract holding every charge these examples rate; each test picks its charge by id.
const contract = buildContract({
  id: "ctr_rate_charge",
  customer: { id: "cus_a" },
  meters: [
    { id: "bytes", eventType: "storage", aggregation: "sum", valueProperty: "bytes" },
    { id: "gb", eventType: "cdn.bandwidth", aggregation: "sum", valueProperty: "gb", unit: "GB" },
    { id: "payments", eventType: "payment", aggregation: "sum", valueProperty: "amount" },
  ],
  charges: [
    {
      id: "storage",
      name: "Storage",
      meter: "bytes",
      price: { model: "unit", unitPrice: "0.10" },
      transform: { divideBy: "1000000000", included: "1", round: "up", unit: "GB" },
    },
    { id: "plain", name: "Plain bandwidth", meter: "gb", price: { model: "unit", unitPrice: "2" } },
    {
      id: "bandwidth",
      name: "Bandwidth by region",
      meter: "gb",
      price: {
        model: "matrix",
        dimensions: ["region"],
        cells: [
          {
            match: { region: "na" },
            price: {
              model: "graduated",
              tiers: [{ upTo: "10000", unitPrice: "0.08" }, { unitPrice: "0.06" }],
            },
          },
          { match: { region: "eu" }, price: { model: "unit", unitPrice: "0.05" } },
        ],
        defaultPrice: { model: "unit", unitPrice: "0.10" },
      },
    },
    {
      id: "strict",
      name: "Bandwidth, listed regions only",
      meter: "gb",
      price: {
        model: "matrix",
        dimensions: ["region"],
        cells: [{ match: { region: "na" }, price: { model: "unit", unitPrice: "0.08" } }],
      },
    },
    {
      id: "lenient",
      name: "Bandwidth, unlisted regions warned",
      meter: "gb",
      price: {
        model: "matrix",
        dimensions: ["region"],
        onUnpriced: "warn",
        cells: [{ match: { region: "na" }, price: { model: "unit", unitPrice: "0.08" } }],
      },
    },
    {
      id: "projects",
      name: "Bandwidth per project",
      meter: "gb",
      price: {
        model: "grouped",
        groupBy: ["project"],
        price: { model: "graduated", tiers: [{ upTo: "10000", unitPrice: "0.08" }, { unitPrice: "0.06" }] },
      },
    },
    {
      id: "limited",
      name: "Bandwidth with a floor and a cap",
      meter: "gb",
      price: { model: "unit", unitPrice: "1" },
      minimum: "31",
      maximum: "62",
    },
    {
      id: "allowance_projects",
      name: "Bandwidth per project, 1,000 GB free in each",
      meter: "gb",
      transform: { included: "1000" },
      price: {
        model: "grouped",
        groupBy: ["project"],
        price: { model: "graduated", tiers: [{ upTo: "10000", unitPrice: "0.08" }, { unitPrice: "0.06" }] },
      },
    },
    {
      id: "refund",
      name: "Refund",
      meter: "gb",
      credit: true,
      price: { model: "unit", unitPrice: "-0.5" },
    },
    {
      id: "card_fees",
      name: "Card fees",
      meter: "payments",
      price: { model: "percentage", percent: "2.9", fixedFee: "0.30" },
    },
  ],
});

function chargeNamed(id: string): { charge: ChargeTerms; path: string } {
  const index = contract.charges.findIndex((charge) => charge.id === id);
  return { charge: contract.charges[index]!, path: `charges[${index}]` };
}

function meterNamed(id: string) {
  return contract.meters.find((meter) => meter.id === id)!;
}

function usage(
  meter: string,
  quantity: string | number,
  values?: ReadonlyArray<string | number>,
): MeterQuantity {
  return {
    meter: meterNamed(meter),
    events: values?.length ?? 1,
    quantity: d(quantity),
    ...(values !== undefined ? { values: values.map(d) } : {}),
  };
}

function input(id: string, overrides: Partial<RateChargeInput> = {}): RateChargeInput {
  return {
    ...chargeNamed(id),
    usage: undefined,
    groups: [],
    meterQuantities: new Map(),
    period: MARCH_2026,
    proration: undefined,
    currency: contract.currency,
    rounding: contract.rounding,
    ...overrides,
  };
}

const region = (name: string, quantity: number, events = 1): GroupQuantity => ({
  group: { region: name },
  events,
  quantity: d(quantity),
});

describe("rateCharge: one line per charge", () => {
  it("rates the billable quantity after the charge's transform", () => {
    // 2,500,000,000 bytes ÷ 10^9 = 2.5 GB − 1 included = 1.5 → up 2; 2 × 0.10 = 0.20
    const { lines, warnings } = rateCharge(input("storage", { usage: usage("bytes", "2500000000") }));
    expect(warnings).toEqual([]);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({ id: "storage", chargeId: "storage", quantity: "2", amount: "0.20" });
    expect(line).not.toHaveProperty("group");
    expect(line.steps.map((step) => step.kind)).toEqual(["usage", "billable_quantity", "unit", "rounding"]);
    expect(line.steps[1]).toMatchObject({ measured: "2500000000", billable: "2" });
    // the billable quantity is in the transform's unit
    expect(line.unit).toBe("GB");
  });

  it("bills a negative amount as 0.00 with a warning when the charge is not a credit", () => {
    // −5 GB (corrections exceeding usage) × 2 = −10 → not a credit → 0.00
    const { lines, warnings } = rateCharge(input("plain", { usage: usage("gb", -5) }));
    expect(lines[0]!.amount).toBe("0.00");
    expect(lines[0]!.steps).toContainEqual({
      kind: "line_limit",
      limit: "zero_floor",
      value: "0",
      before: "-10",
      amount: "10",
    });
    expect(warnings).toHaveLength(1);
  });

  it("raises a line to its minimum with a line_limit step", () => {
    // 12 GB × 1 = 12 < 31 → 31.00 (adjustment 19)
    const line = rateCharge(input("limited", { usage: usage("gb", 12) })).lines[0]!;
    expect(line.amount).toBe("31.00");
    expect(line.steps).toContainEqual({
      kind: "line_limit",
      limit: "minimum",
      value: "31",
      before: "12",
      amount: "19",
    });
  });

  it("caps a line at its maximum", () => {
    // 100 GB × 1 = 100 > 62 → 62.00 (adjustment −38)
    const line = rateCharge(input("limited", { usage: usage("gb", 100) })).lines[0]!;
    expect(line.amount).toBe("62.00");
    expect(line.steps).toContainEqual({
      kind: "line_limit",
      limit: "maximum",
      value: "62",
      before: "100",
      amount: "-38",
    });
  });

  it("prorates the minimum and maximum on a partial period", () => {
    // 17 of 31 days: minimum 31 × 17 ÷ 31 = 17, maximum 62 × 17 ÷ 31 = 34.
    // A unit price is not prorated: 5 GB × 1 = 5 < 17 → 17.00; 40 GB = 40 > 34 → 34.00
    const proration: ProrationRatio = { basis: "day", elapsed: d(17), total: d(31) };
    const low = rateCharge(input("limited", { usage: usage("gb", 5), proration })).lines[0]!;
    expect(low.amount).toBe("17.00");
    expect(low.steps.map((step) => step.kind)).not.toContain("proration");
    expect(low.steps).toContainEqual(
      expect.objectContaining({ kind: "line_limit", limit: "minimum", value: "17" }),
    );
    const high = rateCharge(input("limited", { usage: usage("gb", 40), proration })).lines[0]!;
    expect(high.amount).toBe("34.00");
  });

  it("bills a negative amount on a credit charge", () => {
    // 10 GB × −0.5 = −5.00
    const line = rateCharge(input("refund", { usage: usage("gb", 10) })).lines[0]!;
    expect(line.amount).toBe("-5.00");
  });

  it("rates a percentage from the meter's per-event values", () => {
    // 2.9 % + 0.30 on 100, 20 and 5: 3.2 + 0.88 + 0.445 = 4.525 → half-even to cents 4.52
    const line = rateCharge(input("card_fees", { usage: usage("payments", 125, [100, 20, 5]) })).lines[0]!;
    expect(line.amount).toBe("4.52");
    expect(line.steps.at(-1)).toMatchObject({ kind: "rounding", before: "4.525", amount: "4.52" });
  });
});

describe("rateCharge: matrix and grouped prices", () => {
  it("rates each combination with its cell's price (or the default) as its own line", () => {
    // apac (no cell): default 100 × 0.10 = 10.00
    // eu: 2,000 × 0.05 = 100.00
    // na: graduated 10,000 × 0.08 = 800 + 2,000 × 0.06 = 120 → 920.00
    const groups = [region("apac", 100), region("eu", 2000, 3), region("na", 12_000, 5)];
    const { lines, warnings } = rateCharge(input("bandwidth", { usage: usage("gb", 14_100), groups }));
    expect(warnings).toEqual([]);
    expect(lines.map((line) => [line.id, line.model, line.quantity, line.amount])).toEqual([
      ['bandwidth[region="apac"]', "unit", "100", "10.00"],
      ['bandwidth[region="eu"]', "unit", "2000", "100.00"],
      ['bandwidth[region="na"]', "graduated", "12000", "920.00"],
    ]);
    expect(lines.map((line) => line.group)).toEqual([{ region: "apac" }, { region: "eu" }, { region: "na" }]);
    expect(lines.every((line) => line.chargeId === "bandwidth")).toBe(true);
    // Each line's usage step reports its group's events and quantity.
    expect(lines[2]!.steps[0]).toMatchObject({ kind: "usage", events: 5, quantity: "12000" });
  });

  it("restarts the tiers of a grouped price in every group", () => {
    // project a: 8,000 × 0.08 = 640.00; project b: 8,000 × 0.08 = 640.00 (total 1,280.00;
    // one pool of 16,000 would have cost 800 + 6,000 × 0.06 = 1,160)
    const groups: GroupQuantity[] = [
      { group: { project: "a" }, events: 1, quantity: d(8000) },
      { group: { project: "b" }, events: 1, quantity: d(8000) },
    ];
    const { lines } = rateCharge(input("projects", { usage: usage("gb", 16_000), groups }));
    expect(lines.map((line) => [line.id, line.amount])).toEqual([
      ['projects[project="a"]', "640.00"],
      ['projects[project="b"]', "640.00"],
    ]);
  });

  it("rates zero, fractional, boundary and the largest group quantities, each from tier 1", () => {
    // tiers: up to 10,000 at 0.08, then 0.06
    // zero: 0 × 0.08 = 0.00
    // 10,000 (on the bound): 10,000 × 0.08 = 800.00
    // 10,000.5: 800 + 0.5 × 0.06 = 800.03
    // 10,001 (one past): 800 + 1 × 0.06 = 800.06
    // 10^15 − 1, the largest whole quantity (docs/decisions/numeric-bounds.md):
    // 800 + (999,999,999,999,999 − 10,000) × 0.06 = 800 + 59,999,999,999,399.94 = 60,000,000,000,199.94
    const quantities = ["0", "10000", "10000.5", "10001", "999999999999999"];
    const groups: GroupQuantity[] = quantities.map((quantity, index) => ({
      group: { project: `p${index}` },
      events: 1,
      quantity: d(quantity),
    }));
    const { lines } = rateCharge(input("projects", { usage: usage("gb", 1), groups }));
    expect(lines.map((line) => line.amount)).toEqual([
      "0.00",
      "800.00",
      "800.03",
      "800.06",
      "60000000000199.94",
    ]);
  });

  it("subtracts the transform's included quantity in each group's line (docs/pricing.md, grouped)", () => {
    // included 1,000 comes off each group: a 9,000 − 1,000 = 8,000 × 0.08 = 640.00;
    // b 13,000 − 1,000 = 12,000 → 10,000 × 0.08 + 2,000 × 0.06 = 800 + 120 = 920.00
    const groups: GroupQuantity[] = [
      { group: { project: "a" }, events: 1, quantity: d(9000) },
      { group: { project: "b" }, events: 1, quantity: d(13_000) },
    ];
    const { lines } = rateCharge(input("allowance_projects", { usage: usage("gb", 22_000), groups }));
    expect(lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ['allowance_projects[project="a"]', "8000", "640.00"],
      ['allowance_projects[project="b"]', "12000", "920.00"],
    ]);
  });

  it("gives no line at all when a grouped charge has no groups", () => {
    expect(rateCharge(input("projects", { usage: usage("gb", 0) })).lines).toEqual([]);
  });

  it("refuses usage in a combination with no cell and no default, when onUnpriced is error (the default)", () => {
    const groups = [region("eu", 10), region("na", 10)];
    const error = thrown(() => rateCharge(input("strict", { usage: usage("gb", 20), groups })));
    expect(error).toBeInstanceOf(ContractError);
    // "strict" is charges[3] (after storage, plain and bandwidth)
    expect(error).toMatchObject({ code: "unpriced_combination", path: "charges[3].price" });
  });

  it("warns about usage in an unpriced combination and leaves it unbilled, when onUnpriced is warn", () => {
    // eu has no cell: warned, not billed; na: 10 × 0.08 = 0.80
    const groups = [region("eu", 10), region("na", 10)];
    const { lines, warnings } = rateCharge(input("lenient", { usage: usage("gb", 20), groups }));
    expect(lines.map((line) => [line.id, line.amount])).toEqual([['lenient[region="na"]', "0.80"]]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: "unpriced_usage",
      // lenient is the fifth charge of the contract (storage, plain, bandwidth, strict, lenient)
      path: "charges[4]",
      chargeId: "lenient",
      details: { group: 'region="eu"' },
    });
    expect(warnings[0]?.message).toContain('region="eu"');
  });
});

describe("rateCharge without the contract's zone", () => {
  it("places windows in time-of-day buckets by UTC when no zone is given", () => {
    const zoned = buildContract({
      id: "ctr_buckets",
      meters: [
        {
          id: "gb",
          eventType: "cdn.bandwidth",
          aggregation: "sum",
          valueProperty: "gb",
          window: { size: "hour", aggregation: "sum" },
        },
      ],
      charges: [
        {
          id: "peak_priced",
          name: "Bandwidth, peak hours dearer",
          meter: "gb",
          price: { model: "unit", unitPrice: "0.05" },
          windows: {
            tiers: "each_window",
            buckets: [
              { id: "peak", from: "08:00", until: "20:00", price: { model: "unit", unitPrice: "0.10" } },
            ],
          },
        },
      ],
    } as never);
    const windows = [
      { start: Date.UTC(2026, 2, 2, 9), quantity: d(80) },
      { start: Date.UTC(2026, 2, 2, 23), quantity: d(100) },
    ];
    const { lines } = rateCharge({
      charge: zoned.charges[0]!,
      path: "charges[0]",
      usage: { meter: zoned.meters[0]!, events: 2, quantity: d(180), windows },
      groups: [],
      meterQuantities: new Map(),
      period: MARCH_2026,
      proration: undefined,
      currency: zoned.currency,
      rounding: zoned.rounding,
    });
    // 09:00 UTC is in peak: 80 × 0.10 = 8.00; 23:00 UTC is in no bucket, at the charge's price:
    // 100 × 0.05 = 5.00; the line 8.00 + 5.00 = 13.00
    expect(lines[0]!.amount).toBe("13.00");
  });
});
