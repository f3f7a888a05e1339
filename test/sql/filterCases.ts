import { expect, it } from "vitest";
import { parseContract, prepareRating, rateFromAggregates } from "../../src/index.js";
import { type AggregatedOn, contractHead, eventAt, type TableEvent } from "./engines.js";

// Numeric filters (gt, gte, lt, lte) on values the engines' 18-decimal types cannot hold, run on each
// engine by sqlCases.ts: `aggregatedOn` checks the engine's aggregates equal to the in-memory ones.

// Four meters counting events of type "f" by their size: above 5, at most 5, above 10^14 and below
// 10^-9 (a filter's bound is a quantity: below 10^15, at most 9 decimals); $1 an event each.
const bounds = [
  { id: "above_5", op: "gt", value: "5" },
  { id: "up_to_5", op: "lte", value: "5" },
  { id: "above_1e14", op: "gt", value: "100000000000000" },
  { id: "below_1e-9", op: "lt", value: "0.000000001" },
] as const;
const filtersPrepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_filters",
    meters: bounds.map(({ id, op, value }) => ({
      id,
      eventType: "f",
      aggregation: "count",
      filters: [{ property: "size", op, value }],
    })),
    charges: bounds.map(({ id }) => ({ id, name: id, meter: id, price: { model: "unit", unitPrice: "1" } })),
  }),
  "2026-02",
);
const sizes: ReadonlyArray<readonly [string, unknown]> = [
  ["s01", "1e30"],
  ["s02", "123456789012345678901234"],
  ["s03", "5.0000000000000000001"],
  ["s04", "5"],
  ["s05", "4.9999999999999999999999"],
  ["s06", `0.${"0".repeat(399)}6e400`],
  ["s07", "-1e30"],
  ["s08", 1e30],
  ["s09", "0.0000000000000000000001"],
  ["s10", "0.0000000000000000000006"],
  ["s11", "1e99999999999999999999"],
  ["s12", "-0e99999999999999999999"],
  ["s13", "lots"],
  ["s14", "5e0"],
  ["s15", "0.0000000009999999999999"],
  ["s16", "100000000000000.0000000000000000001"],
  // The number 10^-249 (numericFilters.property.test.ts found it: 0 at 18 decimals, so not above 0).
  ["s17", 1e-249],
  ["s18", "-1e-99999999999999999999"],
];
const sized: TableEvent[] = sizes.map(([id, size]) => eventAt(id, "f", "2026-02-10T00:00:00Z", { size }));

// Long-context pricing: a request whose prompt (input + cached tokens, two properties) is longer than
// 200,000 tokens bills all its input at the higher rate; one meter each side of the threshold.
const PROMPT = { add: [{ property: "input" }, { property: "cached" }] };
const longContextPrepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_long_context",
    meters: [
      ["short", "lte"],
      ["long", "gt"],
    ].map(([id, op]) => ({
      id,
      eventType: "r",
      aggregation: "sum",
      valueProperty: "input",
      filters: [{ expression: PROMPT, op, value: "200000" }],
    })),
    charges: ["short", "long"].map((id) => ({
      id,
      name: id,
      meter: id,
      price: { model: "unit", unitPrice: "1" },
    })),
  }),
  "2026-02",
);
const prompts: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ["p1", { input: 150000, cached: 40000 }],
  ["p2", { input: "180000", cached: "20000" }],
  ["p3", { input: 170000, cached: 40000 }],
  ["p4", { input: 250000, cached: 0 }],
  ["p5", { input: 1000 }],
  ["p6", { input: 1000, cached: "lots" }],
  ["p7", { input: "200000.000000001", cached: 0 }],
  ["p8", { input: 1000, cached: "1e20" }],
];
const prompted: TableEvent[] = prompts.map(([id, properties]) =>
  eventAt(id, "r", "2026-02-10T00:00:00Z", properties),
);

/** The cases, as `it` blocks; `restore` puts the engine's usual events back. */
export function filterCases(aggregatedOn: AggregatedOn, restore: () => Promise<void>): void {
  it("compares values beyond the engines' 18-decimal types exactly in numeric filters, as in memory", async () => {
    const aggregates = await aggregatedOn(filtersPrepared, sized);
    const counts = (aggregates.whole.meters as { total: { events: number } }[]).map((m) => m.total.events);
    // Above 5: 10^30, 1.23… × 10^23, 5.0000000000000000001, 6 (6 × 10^-400 moved 400 places), the
    // number 10^30, 10^14 + 10^-19 = 6. At most 5: 5, 4.9999999999999999999999, −10^30, 10^-22,
    // 6 × 10^-22, −0, 5e0, 0.0000000009999999999999, the number 10^-249 = 9. Above 10^14: 10^30,
    // 1.23… × 10^23, the number 10^30, 10^14 + 10^-19 = 4. Below 10^-9: −10^30, 10^-22, 6 × 10^-22,
    // −0, 0.0000000009999999999999, 10^-249 = 6. 1e99999999999999999999 and
    // -1e-99999999999999999999 (beyond decimal.js: no number in memory) and "lots" match none.
    expect(counts).toEqual([6, 9, 4, 6]);
    // 6 + 9 + 4 + 6 = 25 events at $1.
    expect(rateFromAggregates(filtersPrepared, aggregates).total).toBe("25.00");
    await restore();
  });

  it("compares a value computed from properties with a threshold, as in memory", async () => {
    const aggregates = await aggregatedOn(longContextPrepared, prompted);
    const totals = (aggregates.whole.meters as { total: unknown }[]).map((m) => m.total);
    // At most 200,000: p1 150,000 + 40,000 = 190,000 and p2 180,000 + 20,000 = 200,000 (the text
    // adds as numbers): 150,000 + 180,000 = 330,000 input tokens. Above: p3 210,000, p4 250,000 and
    // p7 200,000.000000001: 170,000 + 250,000 + 200,000.000000001. p5 (no cached), p6 ("lots") and p8
    // (10^20 cached, a quantity beyond 10^15, so no value) have no prompt size: neither meter.
    expect(totals).toEqual([
      { sum: "330000", events: 2 },
      { sum: "620000.000000001", events: 3 },
    ]);
    await restore();
  });
}
