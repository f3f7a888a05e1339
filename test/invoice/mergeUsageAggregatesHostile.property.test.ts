import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  mergeUsageAggregates,
  prepareRating,
  RatecardError,
  rateFromAggregates,
} from "../../src/index.js";
import { applyEdit, editArb, pathsOf } from "../_arbitraries/hostileJson.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { threeMeterAggregates, threeMeterContract } from "../_support/threeMeterAggregates.js";

// mergeUsageAggregates reads two shards' aggregates as a billing service passes them (JSON from a
// queue, a file, a warehouse): for any hostile edit of one shard, it refuses with a typed error or
// merges, and merging a shard of no events changes nothing: the merge rates as the edited shard does
// when it is told it holds both shards.
const contract = threeMeterContract("merge");
const prepared = prepareRating(contract, "2026-02");

// Shard 0 of 2: 12 events read, 9 counted (4 calls, 1,500.4 GB, a load of 3.5 over 2 events).
const shard0 = threeMeterAggregates("merge", { count: 2, index: 0 });
// Shard 1 of 2, of no events, as aggregateForRating writes it.
const shard1 = JSON.parse(
  JSON.stringify(aggregateForRating(prepared, [], { shard: { index: 1, count: 2 } })),
) as unknown;

function outcome(run: () => unknown): unknown {
  try {
    return JSON.stringify(run());
  } catch (error) {
    // A typed refusal is an outcome; anything else (a TypeError) fails the property.
    if (!(error instanceof RatecardError)) throw error;
    return { refused: error.code };
  }
}

describe("mergeUsageAggregates of a hostile shard", () => {
  it("refuses it with a typed error or merges it, and a merge with no events rates as the shard alone", () => {
    let merged = 0;
    fc.assert(
      fc.property(fc.constantFrom(...pathsOf(shard0)), editArb, fc.boolean(), (path, edit, first) => {
        const edited = applyEdit(shard0, path, edit) as Record<string, unknown>;
        const merge = () =>
          first
            ? mergeUsageAggregates(prepared, edited, shard1)
            : mergeUsageAggregates(prepared, shard1, edited);
        const result = outcome(merge);
        if (typeof result !== "string" || path[0] === "shards") return;
        merged += 1;
        // The edited shard told it holds both: the same invoice as the merge.
        const whole = { ...edited, shards: { count: 2, indices: [0, 1] } };
        expect(outcome(() => rateFromAggregates(prepared, JSON.parse(result)))).toEqual(
          outcome(() => rateFromAggregates(prepared, whole)),
        );
      }),
      { numRuns: fuzzRuns(400) },
    );
    expect(merged).toBeGreaterThan(0);
  });
});
