import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventHolder } from "../../src/cli/heldEvent.js";
import type { UsageEvent } from "../../src/index.js";

// `ratecard batch` holds each billed customer's events as copies that keep none of the file's text
// (src/cli/heldEvent.ts). A copy must be the same event, field by field and key by key in the same order
// (the invoice is rated from it), whatever the texts' lengths (under and over the 13 characters where V8
// starts keeping a cut text as a view of the longer one) and characters; the customer is the contract's
// id given. What the copies save is memory, measured in docs/scale.md, "What it costs", not here.
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ minLength: 13, maxLength: 60 }), fc.uuid());
const value = fc.oneof(text, fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
const eventArb = fc.record({
  id: text,
  type: fc.constantFrom("cdn.bandwidth", "cdn.requests", "api.call", "ai.tokens.cached_input"),
  customer: text,
  timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  // Names like any other, __proto__ included (docs/cli.md, "Property names are all alike").
  properties: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("0", "10", "gb", "__proto__")), value),
});

describe("the copies of the events a batch holds", () => {
  it("are the events as read, in the same key order, under the contract's customer id", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), (events) => {
        const hold = eventHolder();
        for (const event of events as UsageEvent[]) {
          // The contract's id: equal to the event's (the batch holds an event under its customer's id).
          const contractsId = ` ${event.customer}`.slice(1);
          const copy = hold(event, contractsId);
          expect(copy).toEqual(event);
          expect(JSON.stringify(copy)).toBe(JSON.stringify(event));
          expect(Object.keys(copy.properties)).toEqual(Object.keys(event.properties));
          expect(copy).not.toBe(event);
          // Without a customer id (readUsage): the event's own, kept once.
          expect(hold(event)).toEqual(event);
        }
      }),
    );
  });
});
