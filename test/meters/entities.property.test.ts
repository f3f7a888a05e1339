// Laws of events without the entity property (issue 13: "nothing silently merged"): the entities
// computation records exactly how many counted events lack it, the same in any event order and over any
// split into two shards whose states travel as JSON and merge.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateUsageStates, mergeUsageStates, usageFromStates } from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import type { MeterTerms, PropertyValue } from "../../src/schema/index.js";
import { aggregateFor, CUSTOMER, EVENT_TYPE, FEBRUARY_UTC, usageEvent } from "../_arbitraries/meters.js";

const METER = {
  id: "vm_hours",
  eventType: EVENT_TYPE,
  aggregation: "sum",
  valueProperty: "seconds",
  entity: { property: "instance", divideBy: new Decimal(3600), round: "up" },
} as MeterTerms;
const OPTIONS = { meters: [METER], customer: CUSTOMER, period: FEBRUARY_UTC, timeZone: "UTC" };

// Each event: an instance "i0".."i3", or the property missing, or null; a run time in seconds.
const eventsArb = fc.array(
  fc.record({
    instance: fc.constantFrom<PropertyValue | undefined>("i0", "i1", "i2", "i3", undefined, null),
    seconds: fc.integer({ min: 0, max: 20_000 }),
    shard: fc.boolean(),
  }),
  { maxLength: 30 },
);

describe("entities: events without the property", () => {
  it("records exactly the events lacking it, in any order and over any two shards", () => {
    fc.assert(
      fc.property(eventsArb, (drawn) => {
        const events = drawn.map((entry, i) =>
          usageEvent(`e${i}`, FEBRUARY_UTC.start + i * 1000, {
            seconds: entry.seconds,
            ...(entry.instance === undefined ? {} : { instance: entry.instance }),
          }),
        );
        const lacking = drawn.filter(
          (entry) => entry.instance === undefined || entry.instance === null,
        ).length;
        const whole = aggregateFor([METER], events).meters[0]!;
        const expected = lacking === 0 ? undefined : { property: "instance", events: lacking };
        expect(whole.computation).toMatchObject({ kind: "entities" });
        expect((whole.computation as { withoutProperty?: unknown }).withoutProperty).toEqual(expected);
        // the same in reverse order
        expect(aggregateFor([METER], [...events].reverse()).meters[0]!.computation).toEqual(
          whole.computation,
        );
        // and over two shards, their states serialized as JSON and merged
        const part = (inFirst: boolean) => events.filter((_, i) => drawn[i]!.shard === inFirst);
        const states = (list: typeof events) =>
          JSON.parse(JSON.stringify(aggregateUsageStates(list, OPTIONS)));
        const merged = mergeUsageStates(states(part(true)), states(part(false)), OPTIONS, [["a"], ["b"]]);
        const sharded = usageFromStates(JSON.parse(JSON.stringify(merged)), OPTIONS, []).meters[0]!;
        expect(sharded.computation).toEqual(whole.computation);
        expect(sharded.quantity.toFixed()).toBe(whole.quantity.toFixed());
      }),
      { numRuns: 60 },
    );
  });
});
