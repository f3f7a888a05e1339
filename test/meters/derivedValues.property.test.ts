import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { deriveValue } from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// Quantities as events carry them: up to 6 whole digits and 3 decimals, as text.
const quantityText = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999 }))
  .map(([whole, thousandths]) => new Decimal(whole).plus(new Decimal(thousandths).div(1000)).toFixed());

describe("laws of a derived value", () => {
  it("a product and a sum of properties are the exact product and sum, in any order", () => {
    fc.assert(
      fc.property(quantityText, quantityText, quantityText, (a, b, c) => {
        const props = { a, b, c };
        const product = deriveValue(
          { multiply: [{ property: "a" }, { property: "b" }, { property: "c" }] },
          props,
        );
        const reversed = deriveValue(
          { multiply: [{ property: "c" }, { property: "b" }, { property: "a" }] },
          props,
        );
        // beyond 10^15 a derived value is no quantity: the event is excluded, never a rounded value
        const exact = new Decimal(a).times(b).times(c);
        expect(product).toBe(exact.abs().lessThan("1e15") ? exact.toFixed() : undefined);
        expect(reversed).toBe(product);
        const sum = deriveValue({ add: [{ property: "a" }, { property: "b" }, { property: "c" }] }, props);
        expect(sum).toBe(new Decimal(a).plus(b).plus(c).toFixed());
      }),
    );
  });

  it("a sum meter of a derived value totals each event's derived value, the excluded events left out", () => {
    const value = {
      multiply: [{ property: "n" }, { weightBy: { property: "kind", weights: { ws: "0.05", http: "1" } } }],
    };
    const eventArb = fc.record({
      n: fc.option(quantityText, { nil: undefined }),
      kind: fc.constantFrom("ws", "http", "other"),
    });
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 20 }), (events) => {
        const contract = buildContract({
          meters: [{ id: "m", eventType: "e", aggregation: "sum", value }],
          charges: [{ id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "1" } }],
        });
        const usage = events.map(({ n, kind }, i) =>
          usageEvent(`e${i}`, "e", "2026-02-03T00:00:00Z", n === undefined ? { kind } : { n, kind }),
        );
        const invoice = rateInvoice(contract, usage, "2026-02");
        // by hand: n × (0.05 for ws, 1 for http); no n, or kind "other" (no weight, no default): excluded
        const counted = events.filter((event) => event.n !== undefined && event.kind !== "other");
        const expected = counted.reduce(
          (sum, event) => sum.plus(new Decimal(event.n!).times(event.kind === "ws" ? "0.05" : "1")),
          new Decimal(0),
        );
        expect(new Decimal(invoice.usage.meters[0]!.quantity).equals(expected)).toBe(true);
        expect(invoice.usage.eventsCounted).toBe(counted.length);
      }),
      { numRuns: 40 },
    );
  });
});
