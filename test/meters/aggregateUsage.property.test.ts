import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateUsage, compileMeter } from "../../src/meters/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import { FEBRUARY_NY, uniqueEventsArb, usageEventArb } from "../_arbitraries/events.js";

const contract = fixtureContract("cdn-basic");
const options = { meters: contract.meters, customer: contract.customer.id, period: FEBRUARY_NY };

function snapshot(events: Parameters<typeof aggregateUsage>[0]) {
  const result = aggregateUsage(events, options);
  return JSON.stringify({
    ...result,
    meters: result.meters.map((entry) => [entry.meter.id, entry.events, entry.quantity.toFixed()]),
  });
}

describe("aggregation laws", () => {
  it("does not depend on event order", () => {
    fc.assert(
      fc.property(
        fc
          .array(usageEventArb, { maxLength: 80 })
          .chain((events) =>
            fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
          ),
        ([events, shuffled]) => {
          expect(snapshot(shuffled)).toBe(snapshot(events));
        },
      ),
    );
  });

  it("never double-counts an identical duplicate", () => {
    fc.assert(
      fc.property(uniqueEventsArb, fc.array(fc.nat()), (events, picks) => {
        const copies = events.length === 0 ? [] : picks.map((pick) => events[pick % events.length]!);
        const withCopies = aggregateUsage([...events, ...copies], options);
        const without = aggregateUsage(events, options);
        expect(withCopies.meters.map((m) => m.quantity.toFixed())).toEqual(
          without.meters.map((m) => m.quantity.toFixed()),
        );
        expect(withCopies.eventsCounted).toBe(without.eventsCounted);
      }),
    );
  });

  it("accounts for every event: read = counted + excluded", () => {
    fc.assert(
      fc.property(fc.array(usageEventArb, { maxLength: 80 }), (events) => {
        const result = aggregateUsage(events, options);
        const excluded = result.excluded.reduce((sum, entry) => sum + entry.events, 0);
        expect(result.eventsRead).toBe(events.length);
        expect(result.eventsCounted + excluded).toBe(result.eventsRead);
      }),
    );
  });

  it("gives the same sums over any split of the period into two parts", () => {
    fc.assert(
      fc.property(
        uniqueEventsArb,
        fc.integer({ min: FEBRUARY_NY.start + 1, max: FEBRUARY_NY.end - 1 }),
        (events, cut) => {
          const whole = aggregateUsage(events, options);
          const first = aggregateUsage(events, {
            ...options,
            period: { start: FEBRUARY_NY.start, end: cut },
          });
          const second = aggregateUsage(events, { ...options, period: { start: cut, end: FEBRUARY_NY.end } });
          whole.meters.forEach((entry, index) => {
            const parts = first.meters[index]!.quantity.plus(second.meters[index]!.quantity);
            expect(parts.equals(entry.quantity)).toBe(true);
          });
        },
      ),
    );
  });

  it("merges the states of any sharding into the state of one pass", () => {
    const meter = { id: "bw", eventType: "cdn.bandwidth", aggregation: "sum" as const, valueProperty: "gb" };
    const reducer = compileMeter(meter, FEBRUARY_NY, "America/New_York");
    const context = { period: FEBRUARY_NY, timeZone: "America/New_York", carried: undefined };
    fc.assert(
      fc.property(uniqueEventsArb, fc.array(fc.nat()), (events, cuts) => {
        const samples = events
          .filter((event) => event.type === "cdn.bandwidth" && typeof event.properties.gb === "string")
          .filter((event) => event.properties.gb !== "n/a")
          .map((event) => ({ event, raw: event.properties.gb }));
        const onePass = reducer.finalize(
          samples.reduce((state, sample) => reducer.add(state, sample), reducer.init()),
          context,
        );
        const points = [...new Set(cuts.map((c) => c % (samples.length + 1)))].sort((a, b) => a - b);
        const shards: (typeof samples)[] = [];
        let from = 0;
        for (const point of [...points, samples.length]) {
          shards.push(samples.slice(from, Math.max(from, point)));
          from = Math.max(from, point);
        }
        const merged = shards
          .map((shard) => shard.reduce((state, sample) => reducer.add(state, sample), reducer.init()))
          .reduce((a, b) => reducer.merge(a, b), reducer.init());
        const sharded = reducer.finalize(merged, context);
        expect(sharded.events).toBe(onePass.events);
        expect(sharded.quantity.equals(onePass.quantity)).toBe(true);
      }),
    );
  });

  it("counts, for a count meter, exactly the distinct accepted ids", () => {
    const countOptions = {
      ...options,
      meters: [{ id: "bw_events", eventType: "cdn.bandwidth", aggregation: "count" as const }],
    };
    fc.assert(
      fc.property(uniqueEventsArb, fc.array(fc.nat()), (events, picks) => {
        const copies = events.length === 0 ? [] : picks.map((pick) => events[pick % events.length]!);
        const accepted = new Set(
          events
            .filter((e) => e.customer === "cus_northwind" && e.type === "cdn.bandwidth")
            .filter((e) => e.timestamp >= FEBRUARY_NY.start && e.timestamp < FEBRUARY_NY.end)
            .map((e) => e.id),
        );
        expect(aggregateUsage([...events, ...copies], countOptions).meters[0]?.quantity.toNumber()).toBe(
          accepted.size,
        );
      }),
    );
  });
});
