import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { previewInvoice, rateInvoice } from "../../src/invoice/index.js";
import { Decimal, roundTo } from "../../src/money/index.js";
import { buildContract, flatCharge, sumMeter, unitCharge } from "../_support/contract.js";

// February 2026 in UTC: 28 days.
const START = Date.UTC(2026, 1, 1);
const END = Date.UTC(2026, 2, 1);
const contract = buildContract({
  meters: [sumMeter("use"), { id: "peak", eventType: "use", aggregation: "max", valueProperty: "v" }],
  charges: [
    unitCharge("gb", "Bandwidth", "use", "0.07"),
    unitCharge("seats", "Seats", "peak", "3"),
    flatCharge("platform", "Platform", "10"),
  ],
});
// Events anywhere in February (and a few beyond), whole units 0–1000, whole seconds.
const eventsArb = fc.array(
  fc.record({
    at: fc.integer({ min: START - 86_400, max: END + 86_400 - 1 }),
    v: fc.integer({ min: 0, max: 1000 }),
  }),
  { maxLength: 30 },
);
const asOfArb = fc.integer({ min: START / 1000 + 1, max: END / 1000 }).map((s) => s * 1000);
const toEvents = (raw: ReadonlyArray<{ at: number; v: number }>) =>
  raw.map((entry, i) => ({
    id: `e${i}`,
    type: "use",
    customer: "cus",
    timestamp: new Date(Math.floor(entry.at / 1000) * 1000).toISOString(),
    properties: { v: String(entry.v) },
  }));

describe("previewInvoice (laws)", () => {
  it("bills what the invoice of the events before asOf bills, and reports every later event of the period", () => {
    fc.assert(
      fc.property(eventsArb, asOfArb, (raw, asOf) => {
        const events = toEvents(raw);
        const preview = previewInvoice(contract, events, "2026-02", new Date(asOf).toISOString());
        const before = events.filter((event) => Date.parse(event.timestamp) < asOf);
        const invoice = rateInvoice(contract, before, "2026-02");
        expect(preview.lines).toEqual(invoice.lines);
        expect(preview.total).toBe(invoice.total);
        const after = events.filter((e) => Date.parse(e.timestamp) >= asOf && Date.parse(e.timestamp) < END);
        const reported = preview.usage.excluded.find((entry) => entry.reason === "after_as_of")?.events ?? 0;
        expect(reported).toBe(after.length);
        expect(preview.usage.eventsRead).toBe(events.length);
      }),
    );
  });

  it("projects a unit line to so far × period ÷ elapsed, holds the peak and keeps the fee", () => {
    fc.assert(
      fc.property(eventsArb, asOfArb, (raw, asOf) => {
        const preview = previewInvoice(contract, toEvents(raw), "2026-02", new Date(asOf).toISOString());
        const byId = new Map(preview.preview!.projection.lines.map((line) => [line.line, line]));
        const soFar = new Decimal(preview.lines.find((line) => line.id === "gb")!.quantity);
        // usage so far continued at the same rate per millisecond over the whole 28 days, kept to six
        // decimals (half-even), then priced at 0.07 and rounded to the cent
        const quantity = roundTo(soFar.times(END - START).div(asOf - START), 6, "half_even");
        const expected = roundTo(quantity.times("0.07"), 2, "half_even");
        expect(byId.get("gb")!.quantity).toBe(quantity.toFixed());
        expect(byId.get("gb")!.projected).toBe(expected.toFixed(2));
        expect(byId.get("seats")!.projected).toBe(byId.get("seats")!.soFar);
        expect(byId.get("platform")!.projected).toBe("10.00");
      }),
    );
  });

  it("projects nothing more when asOf is the period's end: the projection is the invoice", () => {
    fc.assert(
      fc.property(eventsArb, (raw) => {
        const events = toEvents(raw);
        const preview = previewInvoice(contract, events, "2026-02", new Date(END).toISOString());
        expect(preview.lines).toEqual(rateInvoice(contract, events, "2026-02").lines);
        expect(preview.preview!.projection.total).toBe(preview.total);
      }),
    );
  });

  it("is deterministic: the same input gives the same bytes", () => {
    fc.assert(
      fc.property(eventsArb, asOfArb, (raw, asOf) => {
        const events = toEvents(raw);
        const iso = new Date(asOf).toISOString();
        const once = JSON.stringify(previewInvoice(contract, events, "2026-02", iso));
        expect(JSON.stringify(previewInvoice(contract, [...events].reverse(), "2026-02", iso))).toBe(once);
      }),
      { numRuns: 30 },
    );
  });
});
