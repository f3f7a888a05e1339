import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateUsage, aggregateUsageAsync } from "../../src/meters/index.js";
import type { UsageEvent } from "../../src/schema/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import { FEBRUARY_NY, usageEventArb } from "../_arbitraries/events.js";
import { resultJson } from "../_arbitraries/meters.js";

const contract = fixtureContract("cdn-basic");
const CUSTOMER = contract.customer.id;
const options = { meters: contract.meters, customer: CUSTOMER, period: FEBRUARY_NY };
// Ids from a small range, so the customers' ids often collide (usageEventArb mixes cus_northwind and cus_contoso).
const eventsArb = fc.array(usageEventArb, { maxLength: 150 });

const quantities = (events: ReadonlyArray<UsageEvent>) =>
  aggregateUsage(events, options).meters.map((entry) => [
    entry.meter.id,
    entry.events,
    entry.quantity.toFixed(),
  ]);

describe("deduplication laws: each customer's events on their own", () => {
  it("gives the customer the same quantities whatever other customers send, with whichever ids", () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const own = events.filter((event) => event.customer === CUSTOMER);
        expect(quantities(events)).toEqual(quantities(own));
      }),
    );
  });

  it("reports as reused exactly the customer's ids that another customer's events carry", () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const own = new Set(events.filter((e) => e.customer === CUSTOMER).map((e) => e.id));
        const theirs = new Set(events.filter((e) => e.customer !== CUSTOMER).map((e) => e.id));
        const shared = [...own].filter((id) => theirs.has(id)).sort();
        const result = aggregateUsage(events, options);
        expect(result.idsReusedByOtherCustomers?.ids ?? 0).toBe(shared.length);
        expect(result.idsReusedByOtherCustomers?.sampleIds ?? []).toEqual(shared.slice(0, 5));
        // every other customer's event, copies included, is other_customer
        const others = events.length - events.filter((e) => e.customer === CUSTOMER).length;
        expect(result.excluded.find((entry) => entry.reason === "other_customer")?.events ?? 0).toBe(others);
        // and every event is accounted for
        const excluded = result.excluded.reduce((sum, entry) => sum + entry.events, 0);
        expect(result.eventsCounted + excluded).toBe(events.length);
      }),
    );
  });

  it("gives the same result in memory and streamed in two passes", async () => {
    await fc.assert(
      fc.asyncProperty(eventsArb, async (events) => {
        const streamed = await aggregateUsageAsync(() => events, options);
        expect(resultJson(streamed)).toBe(resultJson(aggregateUsage(events, options)));
        expect(streamed.idsReusedByOtherCustomers).toEqual(
          aggregateUsage(events, options).idsReusedByOtherCustomers,
        );
      }),
    );
  });

  it("refuses every source whose second read adds or drops an event", async () => {
    await fc.assert(
      fc.asyncProperty(eventsArb, usageEventArb, fc.boolean(), async (events, extra, drop) => {
        fc.pre(!drop || events.length > 0);
        const second = drop ? events.slice(1) : [...events, extra];
        let reads = 0;
        const source = () => {
          reads += 1;
          return reads === 1 ? events : second;
        };
        await expect(aggregateUsageAsync(source, options)).rejects.toMatchObject({
          code: "usage_changed_while_read",
        });
      }),
    );
  });
});
