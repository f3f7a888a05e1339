import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  mergeUsageAggregates,
  parseContract,
  prepareRating,
  RatecardError,
  rateFromAggregates,
} from "../../src/index.js";
import { scaleExampleAggregates, scaleExampleContractJson } from "../_support/egressContract.js";

// Aggregates written by hand by a developer (docs/scale.md, "Worked example"), wrong in a way no state
// shows: the account of the events. Every event read is either counted or left out with a reason, so
// eventsRead = eventsCounted + the excluded events; an invoice whose usage report says "7 events read,
// 120,001 counted" contradicts itself and must not be issued.
const contract = parseContract(scaleExampleContractJson);

// 120,004 read = 120,001 counted + 2 duplicate_id + 1 other_customer, with `whole`'s fields replaced.
const aggregates = (whole: Record<string, unknown> = {}) => ({
  ...scaleExampleAggregates,
  whole: { ...scaleExampleAggregates.whole, ...whole },
});

function refusal(run: () => unknown): { code: string; path: string | undefined; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof RatecardError) return { code: error.code, path: error.path, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("rateFromAggregates and the account of the events", () => {
  it("rates aggregates whose account adds up: 120,001 + 2 + 1 = 120,004", () => {
    // $12.00 + $75.02 = $87.02 (docs/scale.md)
    expect(rateFromAggregates(prepareRating(contract, "2026-02"), aggregates()).total).toBe("87.02");
  });

  it.each([
    ["more events counted than read", { eventsCounted: 999_999_999 }],
    ["fewer events read than counted and left out", { eventsRead: 7 }],
    ["more events read than counted and left out", { eventsRead: 120_005 }],
    [
      "exclusions that do not add up",
      { excluded: [{ reason: "duplicate_id", events: 5, sampleIds: ["evt_17"] }] },
    ],
  ])("refuses %s, at whole.eventsRead, with the three figures", (_, whole) => {
    const found = refusal(() => rateFromAggregates(prepareRating(contract, "2026-02"), aggregates(whole)));
    expect([found.code, found.path]).toEqual(["invalid_field", "whole.eventsRead"]);
    expect(found.message).toMatch(/counted/);
  });

  it("refuses more sample ids than the events they sample, at their path", () => {
    const excluded = [
      { reason: "duplicate_id", events: 2, sampleIds: ["evt_17", "evt_18", "evt_19"] },
      { reason: "other_customer", events: 1, sampleIds: ["evt_9"] },
    ];
    const found = refusal(() =>
      rateFromAggregates(prepareRating(contract, "2026-02"), aggregates({ excluded })),
    );
    expect([found.code, found.path]).toEqual(["invalid_field", "whole.excluded[0].sampleIds"]);
  });

  it("accepts every account ratecard writes itself, merged shards included", () => {
    const prepared = prepareRating(contract, "2026-02");
    const at = (id: string, type: string, customer = "cus_example", timestamp = "2026-02-03T10:00:00Z") => ({
      id,
      type,
      customer,
      timestamp,
      properties: { gb: "2" },
    });
    // e1 counted, its copy duplicate_id, e2 other_customer, e3 unknown_event_type, e4 outside_period
    const events = [
      at("e1", "egress"),
      at("e1", "egress"),
      at("e2", "egress", "cus_b"),
      at("e3", "x"),
      at("e4", "api.call", "cus_example", "2026-03-03T10:00:00Z"),
    ];
    const shards = [0, 1].map((index) =>
      aggregateForRating(prepared, events, { shard: { index, count: 2 } }),
    );
    const [first, second] = shards as [unknown, unknown];
    // 2 GB × $0.05 = $0.10
    expect(rateFromAggregates(prepared, mergeUsageAggregates(prepared, first, second)).total).toBe("0.10");
    expect(rateFromAggregates(prepared, aggregateForRating(prepared, events)).usage.eventsRead).toBe(5);
  });
});
