import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AggregateUsageOptions,
  aggregateUsage,
  aggregateUsageStates,
  type MeterRequest,
  mergeUsageStates,
  usageFromStates,
} from "../../src/meters/index.js";
import { ALL_METERS, CUSTOMER, FEBRUARY_UTC, meterEventsArb, resultJson } from "../_arbitraries/meters.js";
import { fuzzParameters } from "../_support/fuzzRuns.js";

// Every kind of meter at once (test/_arbitraries/meters.ts), with the carried state of those that take
// one: states written as JSON text and read back rate as the events do, and the states of two shards
// (split by id, as usage aggregates split them) merge into the states of all the events, byte for byte.
// The meters are copied inside each run: compileMeter keeps the reducer of a meter object it has seen,
// so a reducer built before a Stryker mutant was switched on would hide it.
const CARRIED = {
  m_weighted: { level: "12.5" },
  m_running: { total: "100" },
  m_seats: { active: ["s:alice", "n:7"] },
  m_prorated_running: { total: "40.5" },
  m_prorated_seats: { active: ["alice", "7"] },
};

function optionsFor(): AggregateUsageOptions {
  const meters = ALL_METERS.map((meter) => ({ ...meter }));
  // group the plain sum by region and keep its values, so groups and values go through the states too
  const requests = new Map<string, MeterRequest>([
    ["m_sum", { groupings: [["region"]], collectValues: true }],
  ]);
  return { meters, customer: CUSTOMER, period: FEBRUARY_UTC, timeZone: "UTC", requests, carried: CARRIED };
}

const throughText = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe("usage states laws", () => {
  it("rate, once written as JSON and read back, as the events they were made from", () => {
    fc.assert(
      fc.property(meterEventsArb(), (events) => {
        const options = optionsFor();
        const states = throughText(aggregateUsageStates(events, options));
        expect(resultJson(usageFromStates(states, options, []))).toBe(
          resultJson(aggregateUsage(events, options)),
        );
      }),
      // 100 runs of 15 meters each in `npm test` (FC_NUM_RUNS scales it: 10 under Stryker's 20)
      fuzzParameters(100),
    );
  });

  it("merge two shards split by id into the states of all the events", () => {
    fc.assert(
      fc.property(meterEventsArb(), fc.array(fc.boolean(), { maxLength: 60 }), (events, sides) => {
        const options = optionsFor();
        const left = events.filter((_, index) => sides[index] === true);
        const right = events.filter((_, index) => sides[index] !== true);
        const merged = mergeUsageStates(
          throughText(aggregateUsageStates(left, options)),
          throughText(aggregateUsageStates(right, options)),
          options,
          [["a"], ["b"]],
        );
        expect(JSON.stringify(merged)).toBe(JSON.stringify(aggregateUsageStates(events, options)));
      }),
      // 100 runs of 15 meters each in `npm test` (FC_NUM_RUNS scales it: 10 under Stryker's 20)
      fuzzParameters(100),
    );
  });
});
