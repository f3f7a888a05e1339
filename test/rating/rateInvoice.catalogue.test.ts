import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { ContractError } from "../../src/errors/index.js";
import { invoiceSchema, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, type ChargeInput } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Matrix, grouped, percentage, capacity and dynamic prices and a quantity transform end to end:
// contract JSON → parseContract → rateInvoice, for March 2026 (UTC).

const METERS = [
  { id: "bandwidth", eventType: "cdn.bandwidth", aggregation: "sum", valueProperty: "gb", unit: "GB" },
  { id: "payments", eventType: "payment", aggregation: "sum", valueProperty: "amount" },
  { id: "requests", eventType: "api.request", aggregation: "count" },
  { id: "ai", eventType: "ai.call", aggregation: "sum", valueProperty: "cost" },
  { id: "bytes", eventType: "storage", aggregation: "sum", valueProperty: "bytes" },
] as const;

function contractJson(charges: ReadonlyArray<ChargeInput>, termStart = "2026-01-01"): ContractInput {
  return buildContractJson({
    id: "ctr_catalogue",
    customer: { id: "cus_a" },
    term: { start: termStart },
    meters: METERS.map((meter) => ({ ...meter })),
    charges: [...charges],
  });
}
const contractWith = (charges: ReadonlyArray<ChargeInput>, termStart?: string) =>
  buildContract(contractJson(charges, termStart));

const event = (
  id: string,
  type: string,
  day: number,
  properties: Record<string, string | number | boolean>,
) => ({
  id,
  type,
  customer: "cus_a",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties,
});
const gb = (id: string, amount: number, properties: Record<string, string | number | boolean>) =>
  event(id, "cdn.bandwidth", 5, { gb: amount, ...properties });

const catalogue: ReadonlyArray<ChargeInput> = [
  {
    id: "bandwidth",
    name: "Bandwidth by region and service",
    meter: "bandwidth",
    price: {
      model: "matrix",
      dimensions: ["region", "service"],
      cells: [
        { match: { region: "na", service: "http" }, price: { model: "unit", unitPrice: "0.08" } },
        { match: { region: "eu", service: "http" }, price: { model: "unit", unitPrice: "0.06" } },
      ],
      defaultPrice: { model: "unit", unitPrice: "0.10" },
    },
  },
  {
    id: "projects",
    name: "Bandwidth per project",
    meter: "bandwidth",
    price: {
      model: "grouped",
      groupBy: ["project"],
      price: { model: "graduated", tiers: [{ upTo: "1000", unitPrice: "0.05" }, { unitPrice: "0.02" }] },
    },
  },
  {
    id: "card_fees",
    name: "Card fees",
    meter: "payments",
    price: { model: "percentage", basisPoints: "290", fixedFee: "0.30", freeEvents: 1 },
  },
  {
    id: "plan",
    name: "Plan",
    meter: "requests",
    price: {
      model: "capacity",
      tiers: [
        {
          limits: [
            { meter: "bandwidth", max: "1000" },
            { meter: "requests", max: "2" },
          ],
          amount: "20",
        },
        {
          limits: [
            { meter: "bandwidth", max: "5000" },
            { meter: "requests", max: "10" },
          ],
          amount: "150",
        },
      ],
    },
  },
  { id: "ai", name: "AI calls", meter: "ai", price: { model: "dynamic", multiplier: "1.2" } },
  {
    id: "storage",
    name: "Storage",
    meter: "bytes",
    price: { model: "unit", unitPrice: "0.10" },
    transform: { divideBy: "1000000000", included: "1", round: "up" },
  },
];

// Sent out of order on purpose: per-event values are ordered by timestamp (then id), not by arrival.
const events = [
  gb("b1", 1000, { region: "na", service: "http", project: "a" }),
  gb("b2", 500, { region: "na", service: "http", project: "b" }),
  gb("b3", 200, { region: "eu", service: "http", project: "a" }),
  gb("b4", 300, { region: "na", service: "video", project: "b" }),
  event("p3", "payment", 4, { amount: 5 }),
  event("p2", "payment", 3, { amount: 20 }),
  event("p1", "payment", 2, { amount: 100 }),
  event("r1", "api.request", 6, {}),
  event("r2", "api.request", 6, {}),
  event("r3", "api.request", 7, {}),
  event("a1", "ai.call", 8, { cost: "0.70" }),
  event("a2", "ai.call", 8, { cost: "0.55" }),
  event("a3", "ai.call", 9, { cost: "2.20" }),
  event("s1", "storage", 10, { bytes: "2500000000" }),
];

describe("rateInvoice with matrix, grouped, percentage, capacity and dynamic prices and a transform", () => {
  // Rated inside each test, not once here: Stryker's per-test coverage counts code run while the file
  // loads as no test's, so a mutant reached only here would never meet these tests.
  const rated = () => rateInvoice(contractWith(catalogue), events, "2026-03");

  it("splits a matrix charge into one line per combination, each with its group", () => {
    const invoice = rated();
    // eu/http: 200 × 0.06 = 12.00; na/http: (1,000 + 500) × 0.08 = 120.00;
    // na/video has no cell: default 300 × 0.10 = 30.00. Lines ordered by the combination's values.
    const lines = invoice.lines.filter((line) => line.chargeId === "bandwidth");
    expect(lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ['bandwidth[region="eu",service="http"]', "200", "12.00"],
      ['bandwidth[region="na",service="http"]', "1500", "120.00"],
      ['bandwidth[region="na",service="video"]', "300", "30.00"],
    ]);
    expect(lines.map((line) => line.group)).toEqual([
      { region: "eu", service: "http" },
      { region: "na", service: "http" },
      { region: "na", service: "video" },
    ]);
  });

  it("restarts a grouped charge's tiers in each group", () => {
    const invoice = rated();
    // project a: 1,000 + 200 = 1,200 → 1,000 × 0.05 = 50 + 200 × 0.02 = 4 → 54.00
    // project b: 500 + 300 = 800 → 800 × 0.05 = 40.00
    const lines = invoice.lines.filter((line) => line.chargeId === "projects");
    expect(lines.map((line) => [line.id, line.group, line.amount])).toEqual([
      ['projects[project="a"]', { project: "a" }, "54.00"],
      ['projects[project="b"]', { project: "b" }, "40.00"],
    ]);
  });

  it("rates a percentage per transaction in timestamp order, the first one free", () => {
    const invoice = rated();
    // by timestamp: 100 (free: freeEvents 1), 20 → 20 × 0.029 + 0.30 = 0.88, 5 → 0.145 + 0.30 = 0.445;
    // 0.88 + 0.445 = 1.325 → half-even to cents 1.32
    const line = invoice.lines.find((candidate) => candidate.id === "card_fees")!;
    expect(line.amount).toBe("1.32");
    expect(line.steps).toContainEqual(
      expect.objectContaining({ kind: "percentage", freeEvents: 1, free: "100" }),
    );
  });

  it("prices capacity from every meter's quantity", () => {
    const invoice = rated();
    // bandwidth 2,000 > 1,000 breaks tier 1; tier 2: 2,000 ≤ 5,000 and 3 requests ≤ 10 → 150.00
    const line = invoice.lines.find((candidate) => candidate.id === "plan")!;
    expect(line.amount).toBe("150.00");
  });

  it("marks up the summed dynamic amounts", () => {
    const invoice = rated();
    // 0.70 + 0.55 + 2.20 = 3.45 × 1.2 = 4.14
    expect(invoice.lines.find((line) => line.id === "ai")!.amount).toBe("4.14");
  });

  it("transforms the measured quantity before pricing it", () => {
    const invoice = rated();
    // 2,500,000,000 bytes ÷ 10^9 = 2.5 − 1 = 1.5 → up 2 GB × 0.10 = 0.20
    const line = invoice.lines.find((candidate) => candidate.id === "storage")!;
    expect([line.quantity, line.amount]).toEqual(["2", "0.20"]);
  });

  it("totals the rounded lines", () => {
    const invoice = rated();
    // 12 + 120 + 30 + 54 + 40 + 1.32 + 150 + 4.14 + 0.20 = 411.66
    expect(invoice.subtotal).toBe("411.66");
    expect(invoice.warnings).toEqual([]);
  });

  it("produces an invoice the invoice schema accepts, steps included", () => {
    const invoice = rated();
    expect(invoiceSchema.safeParse(invoice).success).toBe(true);
  });
});

describe("rateInvoice: unpriced matrix combinations", () => {
  const strict: ChargeInput = {
    id: "bandwidth",
    name: "Bandwidth",
    meter: "bandwidth",
    price: {
      model: "matrix",
      dimensions: ["region"],
      cells: [{ match: { region: "na" }, price: { model: "unit", unitPrice: "0.08" } }],
    },
  };
  const usage = [gb("b1", 100, { region: "na" }), gb("b2", 50, { region: "eu" })];

  it("refuses usage with no cell and no default with unpriced_combination at the price", () => {
    const error = thrown(() => rateInvoice(contractWith([strict]), usage, "2026-03"));
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: "unpriced_combination", path: "charges[0].price" });
  });

  it("with onUnpriced warn, bills the priced combinations and warns about the rest", () => {
    // na: 100 × 0.08 = 8.00; eu: not billed, one warning
    const lenient = { ...strict, price: { ...strict.price, onUnpriced: "warn" } } as ChargeInput;
    const invoice = rateInvoice(contractWith([lenient]), usage, "2026-03");
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([['bandwidth[region="na"]', "8.00"]]);
    expect(invoice.subtotal).toBe("8.00");
    expect(invoice.warnings).toHaveLength(1);
    expect(invoice.warnings[0]).toContain('region="eu"');
  });

  it("bills usage without the property through the default cell, as null", () => {
    // no region: default 40 × 0.10 = 4.00
    const withDefault = {
      ...strict,
      price: { ...strict.price, defaultPrice: { model: "unit", unitPrice: "0.10" } },
    } as ChargeInput;
    const invoice = rateInvoice(contractWith([withDefault]), [gb("b1", 40, {})], "2026-03");
    expect(invoice.lines.map((line) => [line.id, line.group, line.amount])).toEqual([
      ["bandwidth[region=null]", { region: null }, "4.00"],
    ]);
  });
});

describe("rateInvoice: line minimum and maximum", () => {
  const limited: ChargeInput = {
    id: "bandwidth",
    name: "Bandwidth",
    meter: "bandwidth",
    price: { model: "unit", unitPrice: "1" },
    minimum: "31",
    maximum: "62",
  };

  it("applies the whole minimum and maximum on a whole period", () => {
    // March: 10 GB × 1 = 10 → 31.00; 100 GB → 62.00
    expect(rateInvoice(contractWith([limited]), [gb("b1", 10, {})], "2026-03").lines[0]!.amount).toBe(
      "31.00",
    );
    expect(rateInvoice(contractWith([limited]), [gb("b1", 100, {})], "2026-03").lines[0]!.amount).toBe(
      "62.00",
    );
  });

  it("prorates them on the partial first period", () => {
    // The term starts January 15: [Jan 15, Feb 1) is 1,468,800 of January's 2,678,400 seconds = 17/31.
    // minimum 31 × 17 ÷ 31 = 17; maximum 62 × 17 ÷ 31 = 34.
    const january = (amount: number) => [{ ...gb("j1", amount, {}), timestamp: "2026-01-20T00:00:00Z" }];
    const contract = contractWith([limited], "2026-01-15");
    // 5 GB × 1 = 5 < 17 → 17.00
    const low = rateInvoice(contract, january(5), "2026-01").lines[0]!;
    expect(low.amount).toBe("17.00");
    expect(low.steps).toContainEqual(
      expect.objectContaining({ kind: "line_limit", limit: "minimum", value: "17" }),
    );
    // 40 GB × 1 = 40 > 34 → 34.00
    expect(rateInvoice(contract, january(40), "2026-01").lines[0]!.amount).toBe("34.00");
  });
});

describe("rateInvoice: credits and capacity limits", () => {
  it("bills a credit charge's negative price as a negative line", () => {
    // 30 GB: 10 × 1 + 20 × (−0.5) = 10 − 10 = 0.00; 40 GB: 10 − 15 = −5.00
    const credit: ChargeInput = {
      id: "bandwidth",
      name: "Bandwidth with a volume rebate",
      meter: "bandwidth",
      credit: true,
      price: { model: "graduated", tiers: [{ upTo: "10", unitPrice: "1" }, { unitPrice: "-0.5" }] },
    };
    expect(rateInvoice(contractWith([credit]), [gb("b1", 30, {})], "2026-03").lines[0]!.amount).toBe("0.00");
    expect(rateInvoice(contractWith([credit]), [gb("b1", 40, {})], "2026-03").lines[0]!.amount).toBe("-5.00");
  });

  it("refuses usage above every capacity tier with capacity_exceeded", () => {
    // 2,000 GB > 1,000, the only tier's limit
    const capped: ChargeInput = {
      id: "plan",
      name: "Plan",
      meter: "bandwidth",
      price: { model: "capacity", tiers: [{ limits: [{ meter: "bandwidth", max: "1000" }], amount: "20" }] },
    };
    const error = thrown(() => rateInvoice(contractWith([capped]), [gb("b1", 2000, {})], "2026-03"));
    // The model's error is given the charge's path and id by the rating layer.
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: "capacity_exceeded", path: "charges[0].price" });
  });
});

describe("rateInvoice: line ids of groups", () => {
  it("gives every group line a distinct id, even when a number and a text print alike", () => {
    // tier 1 (a number) and tier "1" (a text) are different groups (the meter keeps them apart and
    // a cell matching one does not match the other), so their two lines need two different ids.
    // (Regression: ids were once `bandwidth[tier=1]` for both.)
    const grouped: ChargeInput = {
      id: "bandwidth",
      name: "Bandwidth",
      meter: "bandwidth",
      price: { model: "grouped", groupBy: ["tier"], price: { model: "unit", unitPrice: "1" } },
    };
    const invoice = rateInvoice(
      contractWith([grouped]),
      [gb("b1", 2, { tier: 1 }), gb("b2", 3, { tier: "1" })],
      "2026-03",
    );
    expect(invoice.lines).toHaveLength(2);
    const ids = invoice.lines.map((line) => line.id);
    expect(new Set(ids).size).toBe(2);
  });

  it("gives every group line a distinct id, even when a value is the text (none)", () => {
    // a missing region (null) and the text "(none)" are different groups
    // (regression: both were once `bandwidth[region=(none)]`)
    const grouped: ChargeInput = {
      id: "bandwidth",
      name: "Bandwidth",
      meter: "bandwidth",
      price: { model: "grouped", groupBy: ["region"], price: { model: "unit", unitPrice: "1" } },
    };
    const invoice = rateInvoice(
      contractWith([grouped]),
      [gb("b1", 2, {}), gb("b2", 3, { region: "(none)" })],
      "2026-03",
    );
    expect(invoice.lines).toHaveLength(2);
    expect(new Set(invoice.lines.map((line) => line.id)).size).toBe(2);
  });
});
