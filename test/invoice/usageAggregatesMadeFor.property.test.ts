import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  parseContract,
  prepareRating,
  rateFromAggregates,
  rateInvoice,
} from "../../src/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { canonicalDecimalTextArb } from "../_arbitraries/money.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { egressContractJson, egressEvent, filteredEgressMeter } from "../_support/egressContract.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

const FIRST = { creditsStartFull: true } as const;

// Aggregates travel as JSON (a file, a queue, another process): the laws hold for the text.
const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe("what usage aggregates were made for (fuzzing)", () => {
  it("survives JSON, is the same for every preparation of the contract, and rates as rateInvoice does", {
    timeout: fuzzTimeout(),
  }, () => {
    let rated = 0;
    const parameters = fuzzParameters(30);
    fc.assert(
      fc.property(contractScenarioArb(), streamArb(), (scenario, stream) => {
        const { contract, period } = materialize(deepFreeze(scenario));
        const events = eventsIn(stream, period);
        const made = attempt(() => prepareRating(contract, period));
        if (made === undefined) return;
        const aggregates = attempt(() => aggregateForRating(made, events));
        if (aggregates === undefined) return;
        const text = viaJson(aggregates) as typeof aggregates;
        expect(text.madeFor).toEqual(aggregates.madeFor);
        expect(text.madeFor?.meters.map((entry) => entry.meter)).toEqual(
          contract.meters.map((meter) => meter.id),
        );
        // Another preparation (another process, the next morning) of the same contract and period.
        const rating = prepareRating(contract, period);
        expect(aggregateForRating(rating, []).madeFor).toEqual(aggregates.madeFor);
        const direct = attempt(() => rateInvoice(contract, events, period, FIRST));
        if (direct === undefined) return;
        expect(JSON.stringify(rateFromAggregates(rating, text, FIRST))).toBe(JSON.stringify(direct));
        // Without the field (an older ratecard), the same invoice: it refuses, it never changes a number.
        const { madeFor: _madeFor, ...unnamed } = text;
        expect(JSON.stringify(rateFromAggregates(rating, unnamed, FIRST))).toBe(JSON.stringify(direct));
        rated += 1;
      }),
      parameters,
    );
    expect(rated).toBeGreaterThan(parameters.numRuns / 6);
  });

  it("rates aggregates made at one price at any other price as rateInvoice does at that price", () => {
    const priceArb = canonicalDecimalTextArb({ maxScale: 6, maxUnits: 10n ** 7n, signed: false });
    const gbArb = canonicalDecimalTextArb({ maxScale: 3, maxUnits: 10n ** 6n, signed: false });
    const eventArb = fc.record({
      gb: gbArb,
      region: fc.constantFrom("eu", "us"),
      day: fc.integer({ min: 1, max: 28 }),
    });
    const contractAt = (unitPrice: string) =>
      parseContract(
        egressContractJson("acme", "USD", {
          meters: [filteredEgressMeter()],
          charges: [{ id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice } }],
        }),
      );
    fc.assert(
      fc.property(priceArb, priceArb, fc.array(eventArb, { maxLength: 8 }), (before, after, list) => {
        const events = list.map((event, index) =>
          egressEvent(`e${index}`, event.gb, event.region, String(event.day).padStart(2, "0")),
        );
        const aggregates = viaJson(aggregateForRating(prepareRating(contractAt(before), "2026-02"), events));
        const repriced = contractAt(after);
        expect(JSON.stringify(rateFromAggregates(prepareRating(repriced, "2026-02"), aggregates))).toBe(
          JSON.stringify(rateInvoice(repriced, events, "2026-02")),
        );
      }),
      { numRuns: 40 },
    );
  });
});
