import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  createRatingShare,
  prepareRating,
  type RatingShare,
  rateFromAggregates,
} from "../../src/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { type ContractScenario, contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

const FIRST = { creditsStartFull: true } as const;

// The invoice's JSON from the scenario's events, prepared with `share` (or none), or undefined when the
// contract or its events are refused (with a typed error).
function rated(scenario: ContractScenario, events: ReadonlyArray<unknown>, share?: RatingShare) {
  return attempt(() => {
    const { contract, period } = materialize(scenario);
    const prepared = prepareRating(contract, period, share === undefined ? {} : { share });
    return JSON.stringify(rateFromAggregates(prepared, aggregateForRating(prepared, events), FIRST));
  });
}

describe("prepareRating's share (fuzzing)", () => {
  it("changes no invoice: contracts prepared with one share rate as they do alone", {
    timeout: fuzzTimeout(),
  }, () => {
    let compared = 0;
    const parameters = fuzzParameters(15);
    fc.assert(
      fc.property(contractScenarioArb(), contractScenarioArb(), streamArb(), (first, second, stream) => {
        const a = deepFreeze(first);
        // The same pricing in the second contract's zone: its meters and charges are shared with the
        // first's, while periods, windows and local days are the second zone's.
        const sameInOtherZone = deepFreeze({ ...a, json: { ...a.json, timeZone: second.json.timeZone } });
        const b = deepFreeze(second);
        const share = createRatingShare();
        for (const scenario of [a, b, a, sameInOtherZone, b]) {
          const period = attempt(() => materialize(scenario).period);
          if (period === undefined) continue;
          const events = eventsIn(stream, period);
          const alone = rated(scenario, events);
          expect(rated(scenario, events, share)).toBe(alone);
          if (alone !== undefined) compared += 1;
        }
      }),
      parameters,
    );
    expect(compared).toBeGreaterThan(parameters.numRuns);
  });
});
