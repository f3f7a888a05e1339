import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  mergeUsageAggregates,
  parseContract,
  prepareRating,
  RatecardError,
  rateFromAggregates,
  rateInvoice,
} from "../../src/index.js";
import { scaleExampleAggregates, scaleExampleContractJson } from "../_support/egressContract.js";

// The worked example of docs/scale.md, "Rate from aggregates".
const contract = parseContract(scaleExampleContractJson);
const prepared = prepareRating(contract, "2026-02");

// Written by hand, as a warehouse query would produce it: 120,000 API calls and 1,500.4 GB of egress,
// from 120,003 events read, of which 2 were copies of another and 1 belonged to another customer.
const byHand = scaleExampleAggregates;

const event = (
  id: string,
  type: string,
  properties: Record<string, string> = {},
  customer = "cus_example",
) => ({
  id,
  type,
  customer,
  timestamp: "2026-02-03T10:00:00Z",
  properties,
});

describe("rateFromAggregates", () => {
  it("rates aggregates written by hand", () => {
    const invoice = rateFromAggregates(prepared, byHand);
    // api: 120,000 calls × $0.0001 = $12.00; egress: 1,500.4 GB × $0.05 = $75.02; total $87.02.
    expect(invoice.lines.map((line) => [line.chargeId, line.quantity, line.amount])).toEqual([
      ["api", "120000", "12.00"],
      ["egress", "1500.4", "75.02"],
    ]);
    expect(invoice.total).toBe("87.02");
    // The account of the events comes from the aggregates: 120,004 read, 3 left out.
    expect(invoice.usage.eventsRead).toBe(120_004);
    expect(invoice.usage.excluded.map((entry) => [entry.reason, entry.events])).toEqual([
      ["duplicate_id", 2],
      ["other_customer", 1],
    ]);
  });

  it("aggregates events into the states a warehouse would write", () => {
    const aggregates = aggregateForRating(prepared, [
      event("e1", "api.call"),
      event("e2", "egress", { gb: "1500.4" }),
      event("e2", "egress", { gb: "1500.4" }),
      event("e3", "egress", { gb: "1" }, "cus_other"),
    ]);
    // 4 read: e2's copy is a duplicate, e3 is another customer's; 1 call and 1,500.4 GB counted.
    expect(aggregates.whole).toEqual({
      eventsRead: 4,
      eventsCounted: 2,
      excluded: [
        { reason: "duplicate_id", events: 1, sampleIds: ["e2"] },
        { reason: "other_customer", events: 1, sampleIds: ["e3"] },
      ],
      meters: [
        { meter: "api_calls", total: { events: 1 } },
        { meter: "egress", total: { sum: "1500.4", events: 1 } },
      ],
    });
  });

  it("refuses aggregates of another customer, with the path of the field", () => {
    const refusal = capture(() => rateFromAggregates(prepared, { ...byHand, customer: "cus_other" }));
    expect([refusal.code, refusal.path]).toEqual(["aggregates_mismatch", "customer"]);
  });

  it("refuses a malformed state with its path", () => {
    const meters = [byHand.whole.meters[0], { meter: "egress", total: { sum: "lots", events: 1 } }];
    const refusal = capture(() =>
      rateFromAggregates(prepared, { ...byHand, whole: { ...byHand.whole, meters } }),
    );
    expect([refusal.code, refusal.path]).toEqual(["invalid_field", "whole.meters[1].total.sum"]);
  });

  it("refuses a version it does not know", () => {
    const refusal = capture(() => rateFromAggregates(prepared, { ...byHand, aggregatesVersion: 2 }));
    expect(refusal.path).toBe("aggregatesVersion");
  });

  it("refuses to rate before every shard is merged", () => {
    const partial = aggregateForRating(prepared, [event("e1", "api.call")], {
      shard: { index: 1, count: 3 },
    });
    const refusal = capture(() => rateFromAggregates(prepared, partial));
    expect([refusal.code, refusal.path]).toEqual(["aggregates_shards", "shards"]);
    // shard 1 of 3 given: shards 0 and 2 are the ones missing, and the sentence names them
    expect(refusal.message).toContain("lack shard 0, 2 of 3");
  });

  it("refuses aggregates that name one shard twice, even as many times as the split has shards", () => {
    // shard 0 of 2, listed twice: two indices for two shards, but shard 1's events are missing
    const shard = aggregateForRating(prepared, [event("e1", "api.call")], { shard: { index: 0, count: 2 } });
    const twice = { ...shard, shards: { count: 2, indices: [0, 0] } };
    const refusal = capture(() => rateFromAggregates(prepared, twice));
    expect([refusal.code, refusal.path]).toEqual(["invalid_argument", "shards"]);
  });
});

describe("mergeUsageAggregates", () => {
  const events = [
    event("e1", "api.call"),
    event("e2", "egress", { gb: "2.5" }),
    event("e2", "egress", { gb: "2.5" }),
    event("e4", "egress", { gb: "0.25" }),
  ];
  const shard = (index: number) => aggregateForRating(prepared, events, { shard: { index, count: 2 } });

  it("merges two shards into the aggregates of all the events, copies counted once", () => {
    const merged = mergeUsageAggregates(prepared, shard(0), shard(1));
    expect(merged).toEqual({
      ...aggregateForRating(prepared, events),
      shards: { count: 2, indices: [0, 1] },
    });
    // e2 and its copy land in one shard: 2.5 + 0.25 = 2.75 GB, never 5.25.
    expect(rateFromAggregates(prepared, merged).lines[1]!.quantity).toBe("2.75");
    expect(JSON.stringify(rateFromAggregates(prepared, merged))).toBe(
      JSON.stringify(rateInvoice(contract, events, "2026-02")),
    );
  });

  it("refuses to merge a shard with itself: its events would count twice", () => {
    const refusal = capture(() => mergeUsageAggregates(prepared, shard(0), shard(0)));
    expect([refusal.code, refusal.path]).toEqual(["aggregates_shards", "b.shards.indices"]);
  });

  it("names the shard of a merge that was made for another rating, and both periods", () => {
    const ofOther = { ...shard(1), customer: "cus_other" };
    const customer = capture(() => mergeUsageAggregates(prepared, shard(0), ofOther));
    expect([customer.code, customer.path]).toEqual(["aggregates_mismatch", "b.customer"]);
    const period = { start: "2026-03-01T00:00:00.000Z", end: "2026-04-01T00:00:00.000Z" };
    const later = capture(() => mergeUsageAggregates(prepared, { ...shard(0), period }, shard(1)));
    expect([later.code, later.path]).toEqual(["aggregates_mismatch", "a.period"]);
    expect(later.message).toContain("2026-03-01T00:00:00.000Z to 2026-04-01T00:00:00.000Z");
    expect(later.message).toContain("2026-02-01T00:00:00.000Z to 2026-03-01T00:00:00.000Z");
    const daily = capture(() => mergeUsageAggregates(prepared, shard(0), { ...shard(1), daily: true }));
    expect([daily.code, daily.path]).toEqual(["aggregates_mismatch", "b.daily"]);
    const beyond = { ...shard(1), shards: { count: 2, indices: [2] } };
    const outside = capture(() => mergeUsageAggregates(prepared, shard(0), beyond));
    expect([outside.code, outside.path]).toEqual(["invalid_argument", "b.shards"]);
  });

  it("refuses to merge shards of different splits", () => {
    const other = aggregateForRating(prepared, events, { shard: { index: 1, count: 3 } });
    const refusal = capture(() => mergeUsageAggregates(prepared, shard(0), other));
    expect([refusal.code, refusal.path]).toEqual(["aggregates_shards", "b.shards.count"]);
  });

  it("refuses a shard that is not one of its split", () => {
    const refusal = capture(() => aggregateForRating(prepared, events, { shard: { index: 2, count: 2 } }));
    expect([refusal.code, refusal.path]).toEqual(["invalid_argument", "options.shard"]);
  });
});

function capture(run: () => unknown): RatecardError {
  try {
    run();
  } catch (error) {
    if (error instanceof RatecardError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("rateFromAggregates, meters", () => {
  it("refuses states of meters in another order than the contract's", () => {
    const [calls, egress] = byHand.whole.meters;
    const swapped = { ...byHand, whole: { ...byHand.whole, meters: [egress, calls] } };
    const refusal = capture(() => rateFromAggregates(prepared, swapped));
    // egress's state is a valid sum state, so the meter's name is what tells them apart
    expect([refusal.code, refusal.path]).toEqual(["aggregates_mismatch", "whole.meters[0].meter"]);
  });
});
