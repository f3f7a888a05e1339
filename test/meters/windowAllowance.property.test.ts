import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { MeterTerms } from "../../src/schema/index.js";
import { aggregateFor, EVENT_TYPE, usageEvent } from "../_arbitraries/meters.js";

const DAY = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 2, 2) };
const meter = (allowance: string): MeterTerms => ({
  id: "m",
  eventType: EVENT_TYPE,
  aggregation: "sum",
  valueProperty: "v",
  window: { size: "hour", aggregation: "max", allowance: new Decimal(allowance) },
});
// Readings: an hour of the day (0–23), a minute, a value with up to 2 decimals, of either sign (a
// derived value, containers − 5 × hosts, goes below zero in an hour under its allotment).
const readingsFrom = (lowest: number) =>
  fc.array(
    fc.record({
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      cents: fc.integer({ min: lowest, max: 100_000 }),
    }),
    { maxLength: 40 },
  );
const readingsArb = readingsFrom(-100_000);

describe("window.allowance (laws)", () => {
  it("bills Σ over windows of max(0, window peak − allowance), and the allowance covers the rest above 0", () => {
    fc.assert(
      fc.property(readingsArb, fc.nat(50_000), (readings, allowanceCents) => {
        const allowance = new Decimal(allowanceCents).div(100);
        const events = readings.map((reading, index) =>
          usageEvent(`e${index}`, Date.UTC(2026, 2, 1, reading.hour, reading.minute), {
            v: new Decimal(reading.cents).div(100).toFixed(),
          }),
        );
        // the expected figure, worked out apart from the meter: each hour's peak, less the allowance
        const peaks = new Map<number, Decimal>();
        for (const reading of readings) {
          const value = new Decimal(reading.cents).div(100);
          const peak = peaks.get(reading.hour);
          if (peak === undefined || value.greaterThan(peak)) peaks.set(reading.hour, value);
        }
        const expected = [...peaks.values()].reduce(
          (sum, peak) => sum.plus(Decimal.max(0, peak.minus(allowance))),
          new Decimal(0),
        );
        const covered = [...peaks.values()].reduce(
          (sum, peak) => sum.plus(Decimal.max(0, Decimal.min(peak, allowance))),
          new Decimal(0),
        );
        const result = aggregateFor([meter(allowance.toFixed())], events, DAY).meters[0]!;
        expect(result.quantity.toFixed()).toBe(expected.toFixed());
        const computation = result.computation as { allowance: { free: string; above: unknown[] } };
        expect(computation.allowance.free).toBe(covered.toFixed());
        // billed + covered = the sum of the peaks above 0; a window below zero is neither billed nor
        // covered, so the allowance never covers less than nothing
        expect(expected.plus(covered).toFixed()).toBe(
          [...peaks.values()].reduce((sum, peak) => sum.plus(Decimal.max(0, peak)), new Decimal(0)).toFixed(),
        );
        expect(new Decimal(computation.allowance.free).isNegative()).toBe(false);
        expect(computation.allowance.above.length).toBe(
          [...peaks.values()].filter((peak) => peak.greaterThan(allowance)).length,
        );
      }),
    );
  });

  it("bills the same as no allowance when the allowance is 0 and no value is below zero", () => {
    fc.assert(
      fc.property(readingsFrom(0), (readings) => {
        const events = readings.map((reading, index) =>
          usageEvent(`e${index}`, Date.UTC(2026, 2, 1, reading.hour, reading.minute), {
            v: String(reading.cents),
          }),
        );
        const withZero = aggregateFor([meter("0")], events, DAY).meters[0]!.quantity;
        const without = aggregateFor(
          [{ ...meter("0"), window: { size: "hour", aggregation: "max" } }],
          events,
          DAY,
        ).meters[0]!.quantity;
        expect(withZero.toFixed()).toBe(without.toFixed());
      }),
    );
  });
});
