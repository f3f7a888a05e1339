import { expect, it } from "vitest";
import { parseContract, prepareRating, rateFromAggregates, type UsageAggregates } from "../../src/index.js";
import { type AggregatedOn, contractHead, eventAt, type TableEvent } from "./engines.js";

// Hand-worked cases of per-transaction prices (percentage), run on each engine by sqlCases.ts:
// `aggregatedOn` loads the events, aggregates them in the engine and checks the result equal to the
// in-memory aggregates (whole period and each piece), values and their order included.

const at = (day: number, hour: number) => new Date(Date.UTC(2026, 1, day, hour)).toISOString();
const ms = (day: number, hour: number) => Date.UTC(2026, 1, day, hour);
const event = eventAt;
const payments = { id: "payments", eventType: "pay", aggregation: "sum", valueProperty: "amount" };
// 2.9 % + $0.30 a payment, at least $0.50 a payment, the first 2 payments free.
const card = {
  model: "percentage",
  percent: "2.9",
  fixedFee: "0.30",
  minimumPerEvent: "0.50",
  freeEvents: 2,
};

const paymentsPrepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_payments",
    meters: [payments],
    charges: [
      { id: "fees", name: "fees", meter: "payments", price: card },
      {
        id: "by_method",
        name: "by_method",
        meter: "payments",
        price: { model: "grouped", groupBy: ["method"], price: { model: "percentage", basisPoints: "100" } },
      },
    ],
  }),
  "2026-02",
);
const paymentEvents: TableEvent[] = [
  event("p1", "pay", at(2, 10), { amount: "100", method: "card" }),
  // A copy of p1 (one payment), a value no meter reads, one before the period, another customer's.
  event("p1", "pay", at(2, 10), { amount: "100", method: "card" }),
  event("p7", "pay", at(3, 10), { amount: "lots", method: "card" }),
  event("p8", "pay", "2026-03-01T00:00:00Z", { amount: "1", method: "card" }),
  { ...event("p9", "pay", at(4, 10), { amount: "1", method: "card" }), customer: "cus_b" },
  // Two payments at one instant: in event order by id, in code units: "p10" before "p3" ("1" < "3").
  event("p3", "pay", at(5, 12), { amount: "40", method: "card" }),
  event("p10", "pay", at(5, 12), { amount: "5", method: "card" }),
  event("p2", "pay", at(7, 9), { amount: 20.5, method: "card" }),
  // A refund.
  event("p4", "pay", at(10, 8), { amount: "-15", method: "card" }),
  event("p5", "pay", at(20, 0), { amount: "6", method: "bank" }),
];

// The same payments with the card price amended from February 15 to 3.5 %, nothing else: two pieces.
const amendedPrepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_payments_amended",
    meters: [payments],
    charges: [{ id: "fees", name: "fees", meter: "payments", price: card }],
    amendments: [
      {
        id: "cheaper",
        effective: "2026-02-15",
        charges: [
          { id: "fees", name: "fees", meter: "payments", price: { model: "percentage", percent: "3.5" } },
        ],
      },
    ],
  }),
  "2026-02",
);

// A sum whose value is computed from properties (quantity × unit price): each order is priced by its
// computed value, the exact decimal text the engine computes (meters/deriveValue.ts in memory).
const ordersPrepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_orders",
    meters: [
      {
        id: "orders",
        eventType: "order",
        aggregation: "sum",
        value: { multiply: [{ property: "quantity" }, { property: "unitPrice" }] },
      },
    ],
    charges: [
      { id: "orders", name: "orders", meter: "orders", price: { model: "percentage", percent: "10" } },
    ],
  }),
  "2026-02",
);
const orderEvents: TableEvent[] = [
  event("o1", "order", at(2, 1), { quantity: "3", unitPrice: "12.50" }),
  event("o2", "order", at(2, 2), { quantity: 2, unitPrice: "0.333" }),
  // No value to compute: both excluded as invalid_value, so neither is priced.
  event("o3", "order", at(2, 3), { quantity: "abc", unitPrice: "1" }),
  event("o4", "order", at(2, 4), { quantity: "1" }),
  event("o5", "order", at(2, 5), { quantity: "4", unitPrice: 2.5 }),
];

type Values = ReadonlyArray<readonly [number, string, string]>;
const valuesOf = (states: UsageAggregates["whole"] | undefined) =>
  (states?.meters as { values?: Values }[] | undefined)?.[0]?.values;

/** Percentage prices (free transactions, a minimum, groups, pieces), on the engine behind `aggregatedOn`. */
export function transactionCases(aggregatedOn: AggregatedOn, reload: () => Promise<void>) {
  it("keeps each payment's value in event order and rates the percentage as worked out by hand", async () => {
    const aggregates = await aggregatedOn(paymentsPrepared, paymentEvents);
    // Time, then id: p1, then p10 and p3 at one instant, p2, the refund p4, p5.
    expect(valuesOf(aggregates.whole)).toEqual([
      [ms(2, 10), "p1", "100"],
      [ms(5, 12), "p10", "5"],
      [ms(5, 12), "p3", "40"],
      [ms(7, 9), "p2", "20.5"],
      [ms(10, 8), "p4", "-15"],
      [ms(20, 0), "p5", "6"],
    ]);
    const groups = (aggregates.whole.meters as { groups?: { buckets: unknown[] }[] }[])[0]?.groups;
    // Buckets in the order of their values' JSON: ["bank"] before ["card"].
    expect(groups?.[0]?.buckets).toEqual([
      { group: ["bank"], state: { sum: "6", events: 1 }, values: [[ms(20, 0), "p5", "6"]] },
      {
        group: ["card"],
        // 100 + 5 + 40 + 20.5 − 15 = 150.5
        state: { sum: "150.5", events: 5 },
        values: [
          [ms(2, 10), "p1", "100"],
          [ms(5, 12), "p10", "5"],
          [ms(5, 12), "p3", "40"],
          [ms(7, 9), "p2", "20.5"],
          [ms(10, 8), "p4", "-15"],
        ],
      },
    ]);
    const invoice = rateFromAggregates(paymentsPrepared, aggregates);
    const amounts = invoice.lines.map((line) => line.amount);
    // fees: p1 and p10 free (the first two); p3 40 × 0.029 + 0.30 = 1.46; p2 20.5 × 0.029 + 0.30 =
    // 0.8945; p4 a refund, nothing; p5 6 × 0.029 + 0.30 = 0.474, raised to 0.50 (+0.026).
    // (40 + 20.5 + 6) × 0.029 = 1.9285, + 3 × 0.30 = 0.90, + 0.026 = 2.8545 → $2.85.
    // (p3 before p10 would have made p3 free and raised p10: 5 × 0.029 + 0.30 = 0.445 → +0.055; $1.89.)
    // by_method at 1 %: bank 6 × 0.01 = $0.06; card (100 + 5 + 40 + 20.5) × 0.01 = 1.655 → $1.66.
    expect(amounts).toEqual(["2.85", "0.06", "1.66"]);
    // 2.85 + 0.06 + 1.66 = 4.57
    expect(invoice.total).toBe("4.57");
    await reload();
  });

  it("keeps each piece's payments apart when an amendment cuts the period", async () => {
    const aggregates = await aggregatedOn(amendedPrepared, paymentEvents);
    // Feb 1–15: p1, p10, p3, p2, p4; Feb 15–Mar 1: p5.
    expect(valuesOf(aggregates.pieces?.[0])?.map(([, id]) => id)).toEqual(["p1", "p10", "p3", "p2", "p4"]);
    expect(valuesOf(aggregates.pieces?.[1])).toEqual([[ms(20, 0), "p5", "6"]]);
    const invoice = rateFromAggregates(amendedPrepared, aggregates);
    // Feb 1–15: p1 and p10 free; (40 + 20.5) × 0.029 = 1.7545, + 2 × 0.30 = 2.3545 → $2.35 (p3 1.46 and
    // p2 0.8945, neither below 0.50). Feb 15–Mar 1: 6 × 0.035 = 0.21 → $0.21.
    expect(invoice.lines.map((line) => line.amount)).toEqual(["2.35", "0.21"]);
    await reload();
  });

  it("prices each order by its computed value, exactly, as the in-memory engine does", async () => {
    const aggregates = await aggregatedOn(ordersPrepared, orderEvents);
    // 3 × 12.50 = 37.5; 2 × 0.333 = 0.666; 4 × 2.5 = 10; o3 and o4 left out.
    expect(valuesOf(aggregates.whole)).toEqual([
      [ms(2, 1), "o1", "37.5"],
      [ms(2, 2), "o2", "0.666"],
      [ms(2, 5), "o5", "10"],
    ]);
    // (37.5 + 0.666 + 10) × 10 % = 48.166 × 0.10 = 4.8166 → $4.82.
    expect(rateFromAggregates(ordersPrepared, aggregates).total).toBe("4.82");
    await reload();
  });
}
