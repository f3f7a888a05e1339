import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice, usageEvidence } from "../../src/index.js";
import { buildContract, matrixChargeOf, unitCharge, usageEvent } from "../_support/contract.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

// Bandwidth per region (a sum, a matrix whose eu cell is repriced) and the peak of the same events (a
// max, repriced), both amended on a random day of March 2026 (UTC): the evidence's stretches must be the
// invoice's lines per stretch, and they must compose to the whole period's quantity as their meter does.
function contractCutOn(day: number) {
  const matrix = (eu: string) =>
    matrixChargeOf("bandwidth", "Bandwidth", "bw", "region", [
      ["na", { model: "unit", unitPrice: "0.10" }],
      ["eu", { model: "unit", unitPrice: eu }],
    ]);
  return buildContract({
    meters: [
      { id: "bw", eventType: "cdn", aggregation: "sum", valueProperty: "gb" },
      { id: "peak", eventType: "cdn", aggregation: "max", valueProperty: "gb" },
    ],
    charges: [matrix("0.20"), unitCharge("peak", "Peak", "peak")],
    amendments: [
      {
        id: "up",
        effective: `2026-03-${String(day).padStart(2, "0")}`,
        charges: [matrix("0.40"), unitCharge("peak", "Peak", "peak", "2")],
      },
    ],
  });
}

const eventArb = fc.record({
  day: fc.integer({ min: 1, max: 31 }),
  hour: fc.integer({ min: 0, max: 23 }),
  region: fc.constantFrom("na", "eu"),
  // Whole and fractional gigabytes, zero included.
  gb: fc.integer({ min: 0, max: 5000 }).map((n) => (n / 8).toString()),
});

describe("usage evidence per stretch, over random usage and a random cut", () => {
  it(
    "lists the invoice's lines per stretch, whose quantities compose to the whole period's",
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 2, max: 31 }),
          fc.array(eventArb, { maxLength: 60 }),
          (cutDay, drawn) => {
            const contract = contractCutOn(cutDay);
            const events = drawn.map((event, index) =>
              usageEvent(
                `u${index}`,
                "cdn",
                `2026-03-${String(event.day).padStart(2, "0")}T${String(event.hour).padStart(2, "0")}:00:00Z`,
                { region: event.region, gb: event.gb },
              ),
            );
            const evidence = usageEvidence(contract, events, "2026-03");
            const invoice = rateInvoice(contract, events, "2026-03");
            const perStretch = new Map(
              invoice.lines.filter((line) => line.id.includes("@")).map((line) => [line.id, line.quantity]),
            );
            const listed = new Set<string>();
            for (const meter of evidence.meters)
              for (const group of meter.groups) {
                const stretches = group.stretches ?? [];
                for (const stretch of stretches) {
                  // The quantity the invoice's line of that stretch was rated from.
                  expect([stretch.line, stretch.quantity]).toEqual([
                    stretch.line,
                    perStretch.get(stretch.line),
                  ]);
                  listed.add(stretch.line);
                }
                if (meter.meter === "peak") {
                  // A peak per stretch: the period's is the larger of the stretches'.
                  const peaks = stretches.map((stretch) => Number(stretch.quantity));
                  expect(Math.max(...peaks)).toBe(Number(group.ratedQuantity));
                  continue;
                }
                // Only the repriced cell is cut; na's cell holds all period.
                expect(stretches.length > 0).toBe(group.group.region === "eu");
                if (stretches.length === 0) continue;
                // A sum: the stretches add up to the period (eighths: exact in binary floating point).
                expect(sum(stretches.map((stretch) => stretch.quantity))).toBe(Number(group.ratedQuantity));
                // And each is the part of the day list that falls in it, counted by the evidence's own pass.
                for (const stretch of stretches) {
                  const [start = "", end = ""] = stretch.period.label.split("/");
                  const days = group.byPeriod.filter((part) => part.start >= start && part.start < end);
                  expect(sum(days.map((part) => part.quantity ?? "0"))).toBe(Number(stretch.quantity));
                  expect(days.reduce((total, part) => total + part.events, 0)).toBe(stretch.events);
                }
              }
            // Every line per stretch with events of its group is listed (a group without events has no entry).
            for (const line of invoice.lines)
              if (
                line.id.includes("@") &&
                line.steps.some((step) => step.kind === "usage" && step.events > 0)
              )
                expect(listed.has(line.id)).toBe(true);
          },
        ),
        // 60 runs in `npm test` (two ratings of a cut period each; FC_NUM_RUNS scales it)
        fuzzParameters(60),
      );
    },
    fuzzTimeout(),
  );
});

// Sums of decimal texts that are multiples of 1/8: exact as numbers.
function sum(values: ReadonlyArray<string>): number {
  return values.reduce((total, value) => total + Number(value), 0);
}
