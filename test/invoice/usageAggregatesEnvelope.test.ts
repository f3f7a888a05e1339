import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  mergeUsageAggregates,
  prepareRating,
  RatecardError,
  rateFromAggregates,
} from "../../src/index.js";
import { asClassInstances } from "../_support/classInstances.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// Hostile aggregate envelopes, one field at a time (issue 9, issue 14). rateFromAggregates reads a plain
// envelope by hand (the fast path) and leaves everything else to its zod schema; a malformed envelope
// must never get through the fast path: it gets the error the schema gives (code `invalid_field` or
// `missing_field`, the JSON path of the field), which `rated` checks against the same JSON handed as
// class instances, which only the schema reads. Every rating runs inside its `it`, so Stryker's
// per-test coverage sees it.

// One sum meter at 1.00 a unit, March 2026 in UTC (buildContract's zone and customer "cus").
const contract = buildContract({
  id: "ctr_env",
  meters: [sumMeter("cpu")],
  charges: [unitCharge("cpu", "CPU", "cpu")],
});
const event = (id: string, day: number, v: string) =>
  usageEvent(id, "cpu", `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`, { v });
// 5 + 2 = 7 units in March: the invoice is 7.00.
const events = [event("a", 10, "5"), event("b", 20, "2")];
const prepare = () => prepareRating(contract, "2026-03");
const valid = () => aggregateForRating(prepare(), events) as unknown as Record<string, unknown>;

type Outcome = string | { code: string; path: string | undefined; message: string };

function outcome(run: () => unknown): Outcome {
  try {
    return JSON.stringify(run());
  } catch (error) {
    if (!(error instanceof RatecardError)) throw error;
    return { code: error.code, path: error.path, message: error.message };
  }
}

// The outcome of rating `envelope`, checked equal to what the zod schema alone gives.
function rated(envelope: unknown): Outcome {
  const prepared = prepare();
  const result = outcome(() => rateFromAggregates(prepared, envelope));
  expect(result).toEqual(outcome(() => rateFromAggregates(prepared, asClassInstances(envelope))));
  return result;
}

describe("rateFromAggregates: a malformed envelope gets the schema's error, fast path or not", () => {
  it("rates the untouched envelope (7 units × 1.00 = 7.00) by either path", () => {
    const result = rated(valid());
    expect(typeof result).toBe("string");
    expect(JSON.parse(result as string).total).toBe("7.00");
  });

  it("refuses `daily: false` at daily (only `true` or no field), though the rating keeps no daily figures", () => {
    // The prepared rating keeps no daily quantities, so a `false` let through would rate as if absent.
    expect(rated({ ...valid(), daily: false })).toEqual({
      code: "invalid_field",
      path: "daily",
      message: "daily must be true, not the boolean false.",
    });
  });

  it('refuses `daily: "true"` and `daily: 1` at daily', () => {
    for (const daily of ["true", 1])
      expect(rated({ ...valid(), daily })).toMatchObject({ code: "invalid_field", path: "daily" });
  });

  it("refuses `pieces` that is not an array at pieces: an object, a string, a number", () => {
    // `{}` has no length (read as 0 pieces, what an uncut period wants); "ab" has length 2.
    for (const pieces of [{}, "ab", 2])
      expect(rated({ ...valid(), pieces })).toMatchObject({ code: "invalid_field", path: "pieces" });
  });

  it("refuses `spans` that is not an array at spans: an object, a string, a number", () => {
    // The prepared period has no stretch of pieces: `{}` and 2 have no length (read as 0 stretches, what
    // it wants) and "ab" has length 2, so each must be refused for what it is, not compared.
    for (const spans of [{}, "ab", 2])
      expect(rated({ ...valid(), spans })).toMatchObject({ code: "invalid_field", path: "spans" });
  });

  it("refuses a hole in the shard indices at its path, as a missing index", () => {
    // [0, , 1] has length 3 and no element at 1; `every` and `some` skip holes, zod reads it as absent.
    // Let through, a split in 2 would have "all" its shards ([0, 1] are both there) and rate.
    // biome-ignore lint/suspicious/noSparseArray: the hole is the hostile input under test
    const indices = [0, , 1];
    expect(rated({ ...valid(), shards: { count: 2, indices } })).toEqual({
      code: "missing_field",
      path: "shards.indices[1]",
      message: "shards.indices[1] is required.",
    });
  });

  it("refuses a hole in an exclusion's sample ids at its path, as a missing id", () => {
    // "a" sent twice with the same payload: one copy left out as duplicate_id, sample ["a"]. A hole at
    // sampleIds[1] (["a", , "b"]) is skipped by `every`; zod reads it as an absent id.
    const envelope = aggregateForRating(prepare(), [...events, events[0]]) as unknown as {
      whole: { excluded: Array<Record<string, unknown>> };
    };
    expect(envelope.whole.excluded).toEqual([{ reason: "duplicate_id", events: 1, sampleIds: ["a"] }]);
    // biome-ignore lint/suspicious/noSparseArray: the hole is the hostile input under test
    envelope.whole.excluded[0] = { reason: "duplicate_id", events: 1, sampleIds: ["a", , "b"] };
    expect(rated(envelope)).toEqual({
      code: "missing_field",
      path: "whole.excluded[0].sampleIds[1]",
      message: "whole.excluded[0].sampleIds[1] is required.",
    });
  });

  it("refuses a shard index that is not a whole number, even next to a good one, at its path", () => {
    // count 2 with [0, "1"]: "1" is text; 1.5 is no whole number; −1 is below 0.
    for (const bad of ["1", 1.5, -1])
      expect(rated({ ...valid(), shards: { count: 2, indices: [0, bad] } })).toMatchObject({
        code: "invalid_field",
        path: "shards.indices[1]",
      });
  });

  it("refuses a shard count of 0, a fraction or text at shards.count", () => {
    for (const count of [0, 1.5, "1"])
      expect(rated({ ...valid(), shards: { count, indices: [0] } })).toMatchObject({
        code: "invalid_field",
        path: "shards.count",
      });
  });

  it("refuses an empty or missing list of shard indices at shards.indices", () => {
    expect(rated({ ...valid(), shards: { count: 1, indices: [] } })).toMatchObject({
      code: "invalid_field",
      path: "shards.indices",
    });
    // a field left out is `missing_field`, not `invalid_field`
    expect(rated({ ...valid(), shards: { count: 1 } })).toMatchObject({
      code: "missing_field",
      path: "shards.indices",
    });
  });

  it("refuses a customer or period end that is not text, and an unknown field, at its path", () => {
    expect(rated({ ...valid(), customer: 7 })).toMatchObject({ code: "invalid_field", path: "customer" });
    const period = { start: "2026-03-01T00:00:00.000Z", end: 1 };
    expect(rated({ ...valid(), period })).toMatchObject({ code: "invalid_field", path: "period.end" });
    expect(rated({ ...valid(), extra: 1 })).toMatchObject({ path: "extra" });
  });
});

describe("readEnvelope: shard indices of the envelope's own split", () => {
  const sentence = (shards: unknown) =>
    `shard must name one shard of a split, { index, count } with count a whole number from 1 and index from 0 to count − 1, not ${JSON.stringify(shards)}.`;

  it("refuses [0, 2] of a split in 2: one good index does not excuse the other", () => {
    // index 2 is not below count 2; index 0 is. Every index must be a shard of the split.
    const shards = { count: 2, indices: [0, 2] };
    expect(rated({ ...valid(), shards })).toEqual({
      code: "invalid_argument",
      path: "shards",
      message: sentence(shards),
    });
  });
});

describe("aggregateForRating: the shard option", () => {
  const sentence = (shard: unknown) =>
    `shard must name one shard of a split, { index, count } with count a whole number from 1 and index from 0 to count − 1, not ${JSON.stringify(shard)}.`;
  const refusal = (shard: unknown) =>
    outcome(() => aggregateForRating(prepare(), events, { shard: shard as never }));

  it("refuses a negative index, text, fractions and an index past the split, at options.shard", () => {
    // −1 is below 0; "2" and "1" are text; 2.5 is no whole number; index 2 of a split in 2 is past it
    // (shards 0 and 1 only); count 0 has no shard at all.
    for (const shard of [
      { index: -1, count: 2 },
      { index: 0, count: "2" },
      { index: "1", count: 2 },
      { index: 1, count: "2" },
      { index: 1, count: 2.5 },
      { index: 0.5, count: 2 },
      { index: 2, count: 2 },
      { index: 0, count: 0 },
      {},
      null,
    ])
      expect(refusal(shard)).toEqual({
        code: "invalid_argument",
        path: "options.shard",
        message: sentence(shard),
      });
  });

  it("takes index 1 of a split in 2, and index 0 of a split in 1", () => {
    const half = aggregateForRating(prepare(), events, { shard: { index: 1, count: 2 } });
    expect(half.shards).toEqual({ count: 2, indices: [1] });
    const all = aggregateForRating(prepare(), events, { shard: { index: 0, count: 1 } });
    // a split in 1 holds every event: 5 + 2 = 7
    expect(all.shards).toEqual({ count: 1, indices: [0] });
    expect(all.whole.meters).toEqual([{ meter: "cpu", total: { sum: "7", events: 2 } }]);
  });
});

describe("rateFromAggregates and mergeUsageAggregates: an argument that is no object at all", () => {
  // Until 7 December 2026 (session 43) null read "the input must be an object ({ … }), not null." at
  // the path "", which names no argument; rateInvoice names its own (events, period).
  it("names the aggregates argument, and what makes one", () => {
    expect(outcome(() => rateFromAggregates(prepare(), null))).toEqual({
      code: "invalid_argument",
      path: "aggregates",
      message:
        "The usage aggregates must be an object, what aggregateForRating, usageAggregatesFromSql and mergeUsageAggregates return (or their JSON, parsed), not null.",
    });
  });

  it("tells JSON text passed unparsed, and a list, by what they are", () => {
    const text = JSON.stringify(valid());
    expect(outcome(() => rateFromAggregates(prepare(), text))).toMatchObject({
      path: "aggregates",
      message: expect.stringContaining('(or their JSON, parsed), not the text "{'),
    });
    expect(outcome(() => rateFromAggregates(prepare(), [valid()]))).toMatchObject({
      path: "aggregates",
      message: expect.stringMatching(/, not a list\.$/),
    });
  });

  it("names which of two shards to merge is not one (b)", () => {
    expect(outcome(() => mergeUsageAggregates(prepare(), valid(), undefined))).toMatchObject({
      code: "invalid_argument",
      path: "b",
      message: expect.stringMatching(/, not nothing \(undefined\)\.$/),
    });
  });
});
