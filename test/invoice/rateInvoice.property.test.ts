import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invoiceSchema, rateInvoice } from "../../src/invoice/index.js";
import { Decimal, ZERO } from "../../src/money/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import { toInput, uniqueEventsArb, usageEventArb } from "../_arbitraries/events.js";

const contract = fixtureContract("cdn-basic");
const rate = (events: ReadonlyArray<unknown>) => rateInvoice(contract, events, "2026-02");
const eventsArb = fc.array(usageEventArb, { maxLength: 60 }).map((events) => events.map(toInput));

describe("invoice laws", () => {
  it("totals exactly the sum of the line amounts, each in whole minor units", () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const invoice = rate(events);
        const sum = invoice.lines.reduce((total, line) => total.plus(line.amount), ZERO);
        expect(new Decimal(invoice.total).equals(sum)).toBe(true);
        for (const line of invoice.lines)
          expect(new Decimal(line.amount).decimalPlaces()).toBeLessThanOrEqual(2);
      }),
    );
  });

  it("does not change when the events are shuffled", () => {
    fc.assert(
      fc.property(
        eventsArb.chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
        ),
        ([events, shuffled]) => {
          expect(JSON.stringify(rate(shuffled))).toBe(JSON.stringify(rate(events)));
        },
      ),
    );
  });

  it("does not change the lines when an event is sent twice", () => {
    fc.assert(
      fc.property(uniqueEventsArb, fc.nat(), (events, pick) => {
        fc.pre(events.length > 0);
        const inputs = events.map(toInput);
        const repeated = [...inputs, inputs[pick % inputs.length]!];
        const once = rate(inputs);
        const twice = rate(repeated);
        expect(JSON.stringify(twice.lines)).toBe(JSON.stringify(once.lines));
        expect(twice.total).toBe(once.total);
        expect(twice.usage.eventsRead).toBe(once.usage.eventsRead + 1);
      }),
    );
  });

  it("round-trips through JSON and the invoice schema unchanged", () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const invoice = rate(events);
        const text = JSON.stringify(invoice);
        expect(invoiceSchema.parse(JSON.parse(text))).toEqual(invoice);
        expect(JSON.stringify(invoiceSchema.parse(JSON.parse(text)))).toBe(text);
      }),
    );
  });

  it("ends every line's breakdown with a rounding step that gives the line amount", () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        for (const line of rate(events).lines) {
          const last = line.steps.at(-1);
          expect(last?.kind).toBe("rounding");
          expect(last && "amount" in last ? last.amount : undefined).toBe(line.amount);
        }
      }),
    );
  });
});
