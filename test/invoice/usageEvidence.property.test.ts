import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice, usageEvidence } from "../../src/index.js";
import { toInput, usageEventArb } from "../_arbitraries/events.js";
import { buildContract, perRegionCharge } from "../_support/contract.js";

// The customer and events of the shared arbitrary: bandwidth per region (a sum, a line per region),
// requests (a sum, one line) and log events (a count, one line), with other customers, unknown values,
// repeated and conflicting ids, and timestamps a day either side of February in New York.
const contract = buildContract({
  customer: { id: "cus_northwind" },
  timeZone: "America/New_York",
  meters: [
    { id: "bw", eventType: "cdn.bandwidth", aggregation: "sum", valueProperty: "gb" },
    { id: "req", eventType: "cdn.requests", aggregation: "sum", valueProperty: "requests" },
    { id: "logs", eventType: "cdn.logs", aggregation: "count" },
  ],
  charges: [
    perRegionCharge("bandwidth", "bw", "0.05"),
    { id: "requests", name: "Requests", meter: "req", price: { model: "unit", unitPrice: "0.000001" } },
    { id: "logs", name: "Log lines", meter: "logs", price: { model: "unit", unitPrice: "0.01" } },
  ],
});

const CHARGE_OF_METER: Record<string, string> = { bw: "bandwidth", req: "requests", logs: "logs" };

describe("usageEvidence, over random usage", () => {
  it("totals per meter and group equal the quantities the invoice's lines were rated from", () => {
    fc.assert(
      fc.property(
        fc.array(usageEventArb, { maxLength: 150 }),
        fc.constantFrom("day", "hour"),
        (events, by) => {
          const input = events.map(toInput);
          const evidence = usageEvidence(contract, input, "2026-02", { by: by as "day" | "hour" });
          const lines = rateInvoice(contract, input, "2026-02").lines.filter(
            (line) => line.quantity !== undefined,
          );
          const fromEvidence = new Map(
            evidence.meters.flatMap((meter) =>
              meter.groups.map((group) => [
                `${CHARGE_OF_METER[meter.meter]} ${JSON.stringify(group.group)}`,
                group.quantity,
              ]),
            ),
          );
          const fromInvoice = new Map(
            lines.map((line) => [`${line.chargeId} ${JSON.stringify(line.group ?? {})}`, line.quantity]),
          );
          // Each group listed is a line with the same quantity; each line with usage has its group listed
          // (a line at 0 without events has none; one whose events add up to 0 has one).
          for (const [key, quantity] of fromEvidence)
            expect([key, fromInvoice.get(key)]).toEqual([key, quantity]);
          for (const [key, quantity] of fromInvoice)
            if (quantity !== "0") expect([key, fromEvidence.get(key)]).toEqual([key, quantity]);
          for (const group of evidence.meters.flatMap((meter) => meter.groups)) {
            // Every listed event falls in one day (or hour): the parts add up to the whole.
            const sum = group.byPeriod.reduce((total, part) => total + Number(part.events), 0);
            expect(sum).toBe(group.events);
            const quantities = group.byPeriod.map((part) => part.quantity as string);
            expect(sumText(quantities)).toBe(sumText([group.quantity as string]));
            expect(group.quantity).toBe(group.ratedQuantity);
          }
          // Every event read is counted once or excluded with a reason.
          const excluded = evidence.excluded.reduce((total, entry) => total + entry.events, 0);
          expect(evidence.eventsCounted + excluded).toBe(evidence.eventsRead);
        },
      ),
      { numRuns: 60 },
    );
  });
});

// Exact sums of decimal texts with up to 3 decimals, in thousandths (BigInt, no float).
function sumText(values: ReadonlyArray<string>): bigint {
  return values.reduce((total, value) => {
    const [whole = "0", fraction = ""] = value.split(".");
    const sign = whole.startsWith("-") ? -1n : 1n;
    return total + sign * (BigInt(whole.replace("-", "")) * 1000n + BigInt(fraction.padEnd(3, "0") || "0"));
  }, 0n);
}
