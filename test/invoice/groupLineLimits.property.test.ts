// Laws of a line maximum on a grouped charge (an hourly price capped per instance, issue 13): each group's
// line is at most the cap, equals round(min(hours × price, cap)) with hours = ⌈seconds ÷ 3,600⌉, and the
// invoice's total is the exact sum of its lines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

const contractOf = (unitPrice: string, cap: string) =>
  buildContract({
    meters: [{ id: "seconds", eventType: "runtime", aggregation: "sum", valueProperty: "seconds" }],
    charges: [
      {
        id: "vm",
        name: "VM",
        meter: "seconds",
        transform: { divideBy: "3600", round: "up" },
        price: { model: "grouped", groupBy: ["instance"], price: { model: "unit", unitPrice } },
        maximum: cap,
      },
    ],
  });

// Up to 12 instances, each with 1–3 run-time records inside February 2026 (672 hours in all).
const fleetArb = fc.array(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 3 }), {
  minLength: 1,
  maxLength: 12,
});
const priceArb = fc
  .integer({ min: 1, max: 200 })
  .map((tenThousandths) => new Decimal(tenThousandths).div(10_000));
const capArb = fc.integer({ min: 1, max: 1_000 }).map((cents) => new Decimal(cents).div(100));

describe("grouped line maximum: laws", () => {
  it("bills each instance round(min(⌈seconds ÷ 3,600⌉ × price, cap)), never above the cap; total = Σ lines", () => {
    fc.assert(
      fc.property(fleetArb, priceArb, capArb, (fleet, price, cap) => {
        const contract = contractOf(price.toFixed(), cap.toFixed());
        const usage = fleet.flatMap((records, instance) =>
          records.map((seconds, at) =>
            usageEvent(`i${instance}-${at}`, "runtime", "2026-02-10T00:00:00Z", {
              instance: `i${instance}`,
              seconds,
            }),
          ),
        );
        const invoice = rateInvoice(contract, usage, "2026-02");
        expect(invoice.lines).toHaveLength(fleet.length);
        let total = new Decimal(0);
        fleet.forEach((records, instance) => {
          const line = invoice.lines.find((candidate) => candidate.id === `vm[instance="i${instance}"]`)!;
          const hours = new Decimal(records.reduce((sum, seconds) => sum + seconds, 0)).div(3600).ceil();
          const uncapped = hours.times(price);
          const expected = Decimal.min(uncapped, cap).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
          expect(line.amount).toBe(expected.toFixed(2));
          expect(new Decimal(line.amount).lessThanOrEqualTo(cap)).toBe(true);
          expect(line.steps.some((step) => step.kind === "line_limit")).toBe(uncapped.greaterThan(cap));
          total = total.plus(line.amount);
        });
        expect(invoice.total).toBe(total.toFixed(2));
      }),
      { numRuns: 40 },
    );
  });
});
