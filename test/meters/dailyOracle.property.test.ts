import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import {
  daysLater,
  isoDate,
  localDateOf,
  localMidnight,
  monthLength,
  monthsLater,
} from "../_support/calendarOracle.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import {
  decimalArb,
  expectAccounted,
  INVALID_NUMBERS,
  instantOf,
  outcomesOf,
  ratioOfText,
  ratioOfUnits,
  rawEventsArb,
  unitsOf,
} from "../_support/meterOracle.js";

// Daily quantities (docs/meters.md, "Daily quantities"): a sum and a count per local day of the period,
// every day listed, in months whose DST change makes a day of 23 or 25 hours (or 23.5 and 24.5 in Lord
// Howe), against the local dates Intl gives each counted event; the days add up to the period's quantity.

const scenarioArb = fc
  .record({
    zone: fc.constantFrom("America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu"),
    month: fc.constantFrom(3, 4, 10, 11),
  })
  .chain(({ zone, month }) => {
    const start = { y: 2026, m: month, d: 1 };
    const [from, to] = [localMidnight(start, zone), localMidnight(monthsLater(2026, month, 1, 1), zone)];
    return fc.record({
      zone: fc.constant(zone),
      month: fc.constant(month),
      events: rawEventsArb({
        ids: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"],
        type: "e",
        instants: fc.oneof(
          fc.integer({ min: from, max: to - 1 }),
          fc.constantFrom(from - 1, to),
          // just before and at each local midnight
          fc
            .tuple(fc.integer({ min: 0, max: monthLength(2026, month) }), fc.constantFrom(-1, 0))
            .map(([day, nudge]) => localMidnight(daysLater(start, day), zone) + nudge),
        ),
        properties: fc.record({
          v: fc.oneof(
            { weight: 8, arbitrary: decimalArb({ negative: true }) },
            fc.constantFrom(...INVALID_NUMBERS),
          ),
        }),
        conflict: { v: "5" },
      }),
    });
  });

describe("daily quantities across DST changes against a BigInt oracle (property)", () => {
  it("puts each event's value in its local day, lists every day, and adds up to the period", () => {
    fc.assert(
      fc.property(scenarioArb, ({ zone, month, events }) => {
        const start = { y: 2026, m: month, d: 1 };
        const period = [
          localMidnight(start, zone),
          localMidnight(monthsLater(2026, month, 1, 1), zone),
        ] as const;
        const outcomes = outcomesOf(events, {
          customer: "cus",
          eventTypes: ["e"],
          period,
          isRead: (event) => event.type === "e",
          isReadable: (event) => unitsOf(event.properties.v) !== undefined,
        });
        const sums = new Map<string, bigint>();
        const counts = new Map<string, number>();
        for (let day = 0; day < monthLength(2026, month); day += 1) {
          sums.set(isoDate(daysLater(start, day)), 0n);
          counts.set(isoDate(daysLater(start, day)), 0);
        }
        events.forEach((event, i) => {
          if (outcomes[i] !== "counted") return;
          const date = isoDate(localDateOf(instantOf(event.timestamp), zone));
          sums.set(date, sums.get(date)! + unitsOf(event.properties.v)!);
          counts.set(date, counts.get(date)! + 1);
        });
        const contract = buildContract({
          timeZone: zone,
          meters: [
            { id: "s", eventType: "e", aggregation: "sum", valueProperty: "v" },
            { id: "n", eventType: "e", aggregation: "count" },
          ],
          charges: [{ id: "s", name: "s", meter: "s", price: { model: "unit", unitPrice: "1" } }],
        });
        const invoice = rateInvoice(contract, events, `2026-${String(month).padStart(2, "0")}`, {
          daily: true,
        });
        const [sum, count] = ["s", "n"].map(
          (id) => invoice.usage.meters.find((meter) => meter.meter === id)!,
        );
        expect(sum!.daily!.map(({ date }) => date)).toEqual([...sums.keys()]);
        for (const { date, quantity } of sum!.daily!)
          expect({ date, equal: ratioOfText(quantity).join("/") }).toEqual({
            date,
            equal: ratioOfUnits(sums.get(date)!).join("/"),
          });
        expect(count!.daily!.map(({ date, quantity }) => [date, quantity])).toEqual(
          [...counts].map(([date, n]) => [date, String(n)]),
        );
        expectAccounted(invoice.usage, events, outcomes);
      }),
      { numRuns: fuzzRuns(100) },
    );
  });
});
