import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  mergeUsageAggregates,
  prepareRating,
  rateFromAggregates,
  rateInvoice,
  rateParsedForRating,
} from "../../src/index.js";
import { parseEvents } from "../../src/invoice/rateInvoice.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { buildContract, buildContractJson } from "../_support/contract.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

const FIRST = { creditsStartFull: true } as const;

// Aggregates travel as JSON (a file, a queue, another process): the laws hold for the text, not the object.
const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe("rating from usage aggregates (fuzzing)", () => {
  it("gives the invoice rateInvoice gives, byte for byte, for generated contracts and events (rateParsedForRating too)", {
    timeout: fuzzTimeout(),
  }, () => {
    let rated = 0;
    const parameters = fuzzParameters(40);
    fc.assert(
      fc.property(
        contractScenarioArb({ windowPricing: true }),
        streamArb(),
        fc.boolean(),
        (scenario, stream, daily) => {
          const { contract, period } = materialize(deepFreeze(scenario));
          const events = eventsIn(stream, period);
          const direct = attempt(() => rateInvoice(contract, events, period, { ...FIRST, daily }));
          const fromAggregates = attempt(() => {
            const prepared = prepareRating(contract, period, { daily });
            return rateFromAggregates(prepared, viaJson(aggregateForRating(prepared, events)), FIRST);
          });
          // In one process (rateMany, `ratecard batch`): the states rated without their envelope.
          const inProcess = attempt(() =>
            rateParsedForRating(prepareRating(contract, period, { daily }), [...parseEvents(events)], FIRST),
          );
          expect(fromAggregates === undefined).toBe(direct === undefined);
          expect(inProcess === undefined).toBe(direct === undefined);
          if (direct === undefined) return;
          expect(JSON.stringify(fromAggregates)).toBe(JSON.stringify(direct));
          expect(JSON.stringify(inProcess)).toBe(JSON.stringify(direct));
          rated += 1;
        },
      ),
      parameters,
    );
    // A quarter of the runs (10 of 40 in `npm test`): scaled, so that FC_NUM_RUNS=20 (Stryker, 4 runs)
    // does not fail a property that held on every run it made.
    expect(rated).toBeGreaterThan(parameters.numRuns / 4);
  });

  it("merges shards of any split, in any order, into the aggregates of all the events", {
    timeout: fuzzTimeout(),
  }, () => {
    let merged = 0;
    const parameters = fuzzParameters(30);
    fc.assert(
      fc.property(
        contractScenarioArb(),
        streamArb(),
        fc.integer({ min: 1, max: 5 }),
        fc.func(fc.integer()),
        (scenario, stream, count, order) => {
          const { contract, period } = materialize(deepFreeze(scenario));
          const events = eventsIn(stream, period);
          const prepared = attempt(() => prepareRating(contract, period));
          if (prepared === undefined) return;
          const all = attempt(() => aggregateForRating(prepared, events));
          if (all === undefined) return;
          const shards = Array.from({ length: count }, (_, index) =>
            viaJson(aggregateForRating(prepared, events, { shard: { index, count } })),
          );
          // Merged in an order the test picks: merging is associative and commutative.
          shards.sort((a, b) => order(a) - order(b));
          const whole = shards
            .slice(1)
            .reduce((acc, shard) => viaJson(mergeUsageAggregates(prepared, acc, shard)), shards[0]);
          expect(JSON.stringify(whole)).toBe(
            JSON.stringify({ ...all, shards: { count, indices: [...Array(count).keys()] } }),
          );
          const direct = attempt(() => rateInvoice(contract, events, period, FIRST));
          if (direct === undefined) return;
          expect(JSON.stringify(rateFromAggregates(prepared, whole, FIRST))).toBe(JSON.stringify(direct));
          merged += 1;
        },
      ),
      parameters,
    );
    // A sixth of the runs (5 of 30 in `npm test`), scaled like the one above.
    expect(merged).toBeGreaterThan(parameters.numRuns / 6);
  });

  // Window pricing reads each window's value at finalize, from the windowed state the aggregates carry:
  // hourly peaks priced window by window, in time-of-day buckets with a commitment, or at the running
  // total's tiers, rated from aggregates of any sharding give rateInvoice's invoice.
  it("gives rateInvoice's invoice for charges priced window by window, from shards in any order", () => {
    const contractOf = (windows: Record<string, unknown>) =>
      buildContract(
        buildContractJson({
          meters: [
            {
              id: "m",
              eventType: "e",
              aggregation: "sum",
              valueProperty: "v",
              window: { size: "hour", aggregation: "max", allowance: "1" },
            },
          ],
          charges: [
            {
              id: "use",
              name: "Use",
              meter: "m",
              windows: windows as never,
              price: { model: "graduated", tiers: [{ upTo: "10", unitPrice: "0.1" }, { unitPrice: "0.05" }] },
            },
          ],
        }),
      );
    const settings = [
      { tiers: "each_window" },
      { tiers: "running_total", rounding: "each_window" },
      {
        tiers: "each_window",
        buckets: [
          {
            id: "peak",
            from: "08:00",
            until: "20:00",
            commitment: { quantity: "5", overageFactor: "2", trueUp: true },
          },
        ],
      },
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            minute: fc.integer({ min: 0, max: 3 * 24 * 60 - 1 }),
            v: fc.integer({ min: 0, max: 40 }),
          }),
          { maxLength: 30 },
        ),
        fc.constantFrom(...settings),
        fc.integer({ min: 1, max: 4 }),
        (drawn, windows, count) => {
          const contract = contractOf(windows);
          const events = drawn.map((entry, index) => ({
            id: `e${index}`,
            type: "e",
            customer: "cus",
            timestamp: new Date(Date.UTC(2026, 2, 1) + entry.minute * 60_000).toISOString(),
            properties: { v: String(entry.v) },
          }));
          const prepared = prepareRating(contract, "2026-03");
          const shards = Array.from({ length: count }, (_, index) =>
            viaJson(aggregateForRating(prepared, events, { shard: { index, count } })),
          ).reverse();
          const whole = shards
            .slice(1)
            .reduce((acc, shard) => viaJson(mergeUsageAggregates(prepared, acc, shard)), shards[0]);
          const direct = rateInvoice(contract, events, "2026-03");
          expect(direct.lines[0]!.steps.some((step) => step.kind === "window_pricing")).toBe(true);
          expect(JSON.stringify(rateFromAggregates(prepared, whole))).toBe(JSON.stringify(direct));
        },
      ),
      fuzzParameters(30),
    );
  });
});
