import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, flatCharge, sumMeter, unitCharge } from "../_support/contract.js";

const base = buildContractJson({
  id: "ctr_cancel",
  term: { start: "2026-01-01" },
  meters: [sumMeter("cpu")],
  charges: [flatCharge("platform", "Platform", "310"), unitCharge("compute", "Compute", "cpu")],
});
const day = (n: number) => `2026-03-${String(n).padStart(2, "0")}`;

describe("cancellation (laws)", () => {
  it("bills the cancelled period exactly as a term that ends on the effective date", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 31 }),
        fc.integer({ min: 1, max: 31 }),
        fc.array(
          fc.record({ day: fc.integer({ min: 1, max: 31 }), units: fc.integer({ min: 0, max: 1000 }) }),
          {
            maxLength: 10,
          },
        ),
        (effective, requested, readings) => {
          const usage = readings.map((reading, index) => ({
            id: `e${index}`,
            type: "cpu",
            customer: "cus",
            timestamp: `${day(reading.day)}T06:00:00Z`,
            properties: { v: String(reading.units) },
          }));
          const cancelled = rateInvoice(
            buildContract(base, { cancellation: { requested: day(requested), effective: day(effective) } }),
            usage,
            "2026-03",
          );
          const ended = rateInvoice(
            buildContract(base, { term: { start: "2026-01-01", end: day(effective) } }),
            usage,
            "2026-03",
          );
          expect(cancelled.lines).toEqual(ended.lines);
          expect(cancelled.total).toBe(ended.total);
          expect(cancelled.cancellation?.effective).toBe(`${day(effective)}T00:00:00.000Z`);
        },
      ),
    );
  });
});
