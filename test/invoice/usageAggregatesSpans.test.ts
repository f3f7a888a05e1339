import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  mergeUsageAggregates,
  type PreparedRating,
  prepareRating,
  RatecardError,
  rateFromAggregates,
  rateInvoice,
} from "../../src/index.js";
import { aggregatedPeriods } from "../../src/invoice/index.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Usage aggregates of a period with stretches of several pieces (PeriodInForce.spans, chargeRuns.ts):
// one set of states per stretch, the state each stretch opens with, merging them across shards, and the
// periods an engine queries (aggregatedPeriods). UTC, March 2026 (31 days).
//
// storage (a weighted_sum of GB, in GB-month) goes from 0.50 to 1.00 a GB-month on the 10th; rq (the
// sum of `gb`) from 1 to 2 on the 20th. Pieces 1–10, 10–20, 20–1 April. Stretches, by start: rq's run
// 1–20 (pieces 0 and 1), storage's run 10–1 April (pieces 1 and 2).
const contract = buildContract({
  id: "ctr_spans",
  meters: [
    { id: "storage", eventType: "storage.level", aggregation: "weighted_sum", valueProperty: "gb" },
    sumMeter("gb", { valueProperty: "gb" }),
  ],
  charges: [unitCharge("storage", "Storage", "storage", "0.50"), unitCharge("rq", "Requests", "gb")],
  amendments: [
    {
      id: "storage_up",
      effective: "2026-03-10",
      charges: [unitCharge("storage", "Storage", "storage", "1")],
    },
    { id: "rq_up", effective: "2026-03-20", charges: [unitCharge("rq", "Requests", "gb", "2")] },
  ],
} as never);
const uncut = buildContract({
  id: "ctr_spans",
  meters: [sumMeter("gb", { valueProperty: "gb" })],
  charges: [unitCharge("rq", "Requests", "gb")],
} as never);
const halved = buildContract({
  id: "ctr_spans",
  meters: [sumMeter("gb", { valueProperty: "gb" })],
  charges: [unitCharge("rq", "Requests", "gb")],
  amendments: [{ id: "rq_up", effective: "2026-03-20", charges: [unitCharge("rq", "Requests", "gb", "2")] }],
} as never);

const event = (id: string, type: string, at: string, gb: string) => ({
  id,
  type,
  customer: "cus",
  timestamp: `2026-03-${at}Z`,
  properties: { gb },
});
// Storage at 31 GB from the 5th; 1 GB read on the 5th, 10 on the 15th, 100 on the 25th.
const events = [
  event("l1", "storage.level", "05T00:00:00", "31"),
  event("e1", "gb", "05T12:00:00", "1"),
  event("e2", "gb", "15T12:00:00", "10"),
  event("e3", "gb", "25T12:00:00", "100"),
];
// February closed with storage at 62 GB.
const carried = { storage: { level: "62" } };

const days = (period: { readonly start: number; readonly end: number }) =>
  `${new Date(period.start).toISOString().slice(0, 10)}/${new Date(period.end).toISOString().slice(0, 10)}`;
const lines = (invoice: ReturnType<typeof rateInvoice>) =>
  invoice.lines.map((line) => [line.id, line.quantity, line.amount]);
const shard = (prepared: PreparedRating, index: number, count: number) =>
  aggregateForRating(prepared, events, { shard: { index, count } });

// The refusal's code and path (the error must be a RatecardError).
function refusal(run: () => unknown): { code: string; path: string | undefined } {
  const error = thrown(run);
  if (!(error instanceof RatecardError)) throw error;
  return { code: error.code, path: error.path };
}

describe("aggregatedPeriods: the periods aggregates list, in their order", () => {
  it("is the service period alone when nothing cuts it", () => {
    expect(aggregatedPeriods(prepareRating(uncut, "2026-03")).map(days)).toEqual(["2026-03-01/2026-04-01"]);
  });

  it("adds each piece of a period cut in two, and no stretch (each run is one piece)", () => {
    expect(aggregatedPeriods(prepareRating(halved, "2026-03")).map(days)).toEqual([
      "2026-03-01/2026-04-01",
      "2026-03-01/2026-03-20",
      "2026-03-20/2026-04-01",
    ]);
  });

  it("adds the pieces, then the stretches, of a period cut in three", () => {
    expect(aggregatedPeriods(prepareRating(contract, "2026-03")).map(days)).toEqual([
      "2026-03-01/2026-04-01",
      "2026-03-01/2026-03-10",
      "2026-03-10/2026-03-20",
      "2026-03-20/2026-04-01",
      "2026-03-01/2026-03-20",
      "2026-03-10/2026-04-01",
    ]);
  });
});

describe("rateFromAggregates over stretches of pieces", () => {
  it("opens a stretch with the level its first piece opened with, not the period's", () => {
    const prepared = prepareRating(contract, "2026-03");
    const invoice = rateFromAggregates(prepared, aggregateForRating(prepared, events), { carried });
    // storage 1–10: 62 GB for 4 days (1st–5th) + 31 GB for 5 days = 248 + 155 = 403 GB-days ÷ 31
    //   = 13 GB-month × 0.50 = 6.50
    // storage 10–1 April (the stretch of pieces 1 and 2): opens at the 31 GB piece 1 opened with,
    //   31 × 22 days ÷ 31 = 22 GB-month × 1.00 = 22.00 (opened at the carried 62 GB: 44, 44.00;
    //   at nothing: 0, 0.00)
    // rq 1–20 (the stretch of pieces 0 and 1): 1 + 10 = 11 × 1 = 11.00; 20–1 April: 100 × 2 = 200.00
    expect(lines(invoice)).toEqual([
      ["storage@2026-03-01", "13", "6.50"],
      ["storage@2026-03-10", "22", "22.00"],
      ["rq@2026-03-01", "11", "11.00"],
      ["rq@2026-03-20", "100", "200.00"],
    ]);
    // 6.50 + 22.00 + 11.00 + 200.00 = 239.50
    expect(invoice.total).toBe("239.50");
    expect(JSON.stringify(invoice)).toBe(
      JSON.stringify(rateInvoice(contract, events, "2026-03", { carried })),
    );
  });

  it("refuses a stretch's malformed state at its path", () => {
    const prepared = prepareRating(contract, "2026-03");
    const aggregates = aggregateForRating(prepared, events);
    const [first, second] = aggregates.spans ?? [];
    const broken = { ...aggregates, spans: [first, { ...second, eventsRead: -1 }] };
    expect(refusal(() => rateFromAggregates(prepared, broken))).toEqual({
      code: "invalid_field",
      path: "spans[1].eventsRead",
    });
  });
});

describe("mergeUsageAggregates over stretches of pieces", () => {
  it("merges each stretch's states, and lists the shards in order whichever comes first", () => {
    const prepared = prepareRating(contract, "2026-03");
    // shards 2 and 0 first, then 1: the merged list is 0, 1, 2 (shard numbers, ascending), not 2, 0, 1
    const merged = mergeUsageAggregates(
      prepared,
      mergeUsageAggregates(prepared, shard(prepared, 2, 3), shard(prepared, 0, 3)),
      shard(prepared, 1, 3),
    );
    expect(merged.shards).toEqual({ count: 3, indices: [0, 1, 2] });
    expect(merged).toEqual({
      ...aggregateForRating(prepared, events),
      shards: { count: 3, indices: [0, 1, 2] },
    });
    expect(merged.spans).toHaveLength(2);
    // the invoice of the merged shards is the one above: 239.50
    expect(rateFromAggregates(prepared, merged, { carried }).total).toBe("239.50");
  });

  it("refuses a malformed stretch state of the second aggregates at its path", () => {
    const prepared = prepareRating(contract, "2026-03");
    const second = shard(prepared, 1, 2);
    const [span] = second.spans ?? [];
    const broken = { ...second, spans: [{ ...span, eventsRead: -1 }, second.spans?.[1]] };
    expect(refusal(() => mergeUsageAggregates(prepared, shard(prepared, 0, 2), broken))).toEqual({
      code: "invalid_field",
      path: "b.spans[0].eventsRead",
    });
  });
});
