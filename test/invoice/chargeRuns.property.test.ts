import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, matrixCharge, sumMeter, unitCharge } from "../_support/contract.js";
import { fuzzParameters } from "../_support/fuzzRuns.js";

// A cut made by another charge's amendment changes nothing of a charge whose terms it leaves alone:
// its lines (ids, quantities, amounts) are the same with or without that amendment.
const graduated = {
  id: "bw",
  name: "Bandwidth",
  meter: "gb",
  price: { model: "graduated" as const, tiers: [{ upTo: "500", unitPrice: "0.10" }, { unitPrice: "0.05" }] },
};
const day = (n: number) => `2026-03-${String(n).padStart(2, "0")}`;
// gb events of a region on days of March, at noon.
const regionalUsage = (events: ReadonlyArray<{ day: number; region: string; gb: number }>) =>
  events.map((item, i) => ({
    id: `g${i}`,
    type: "gb",
    customer: "cus",
    timestamp: `${day(item.day)}T12:00:00Z`,
    properties: { region: item.region, gb: item.gb },
  }));

function contractWith(tieredFrom: number, otherFrom: number | undefined) {
  return buildContract({
    meters: [
      sumMeter("gb", { eventType: "gb", valueProperty: "gb" }),
      sumMeter("req", { eventType: "req", valueProperty: "n" }),
    ],
    charges: [unitCharge("bw", "Bandwidth", "gb", "0.10"), unitCharge("rq", "Requests", "req", "1")],
    // amendments in date order, as a contract lists them
    amendments: [
      { id: "tiered", effective: day(tieredFrom), charges: [graduated] },
      ...(otherFrom === undefined
        ? []
        : [{ id: "other", effective: day(otherFrom), charges: [unitCharge("rq", "Requests", "req", "2")] }]),
    ].sort((a, b) => a.effective.localeCompare(b.effective)),
  } as never);
}

const caseArb = fc.record({
  tieredFrom: fc.integer({ min: 2, max: 28 }),
  otherFrom: fc.integer({ min: 2, max: 28 }),
  events: fc.array(
    fc.record({ day: fc.integer({ min: 1, max: 31 }), gb: fc.integer({ min: 0, max: 900 }) }),
    {
      maxLength: 8,
    },
  ),
});

describe("charge runs: laws", () => {
  it("another charge's amendment date never changes a charge's lines", () => {
    fc.assert(
      fc.property(caseArb, ({ tieredFrom, otherFrom, events }) => {
        fc.pre(otherFrom !== tieredFrom);
        const usage = events.map((item, i) => ({
          id: `g${i}`,
          type: "gb",
          customer: "cus",
          timestamp: `${day(item.day)}T12:00:00Z`,
          properties: { gb: item.gb },
        }));
        const bw = (otherDate: number | undefined) =>
          rateInvoice(contractWith(tieredFrom, otherDate), usage, "2026-03")
            .lines.filter((line) => line.chargeId === "bw")
            .map((line) => [line.id, line.quantity, line.amount]);
        expect(bw(otherFrom)).toEqual(bw(undefined));
        // and the graduated line is the tiers over everything from the amendment on
        const from = usage
          .filter((_, i) => events[i]!.day >= tieredFrom)
          .reduce((sum, e) => sum + e.properties.gb, 0);
        const expected = Decimal.min(from, 500)
          .times("0.10")
          .plus(Decimal.max(0, from - 500).times("0.05"));
        const tieredLine = bw(otherFrom).find(([id]) => id === `bw@${day(tieredFrom)}`);
        expect(new Decimal(tieredLine![2]!).eq(expected.toDecimalPlaces(2))).toBe(true);
      }),
    );
  });

  it("an override with where never changes the lines of a group it does not reach", () => {
    // a matrix on region with graduated cells; an override of eu from a day of March (or none)
    const matrixWith = (euFrom: number | undefined) =>
      buildContract({
        meters: [sumMeter("gb", { eventType: "gb", valueProperty: "gb" })],
        charges: [matrixCharge("bw", "Bandwidth", "gb", "region", ["na", "eu"], graduated.price)],
        ...(euFrom === undefined
          ? {}
          : {
              overrides: [
                { id: "eu", charge: "bw", from: day(euFrom), where: { region: "eu" }, multiplier: "0.5" },
              ],
            }),
      } as never);
    const regionalArb = fc.record({
      euFrom: fc.integer({ min: 2, max: 28 }),
      events: fc.array(
        fc.record({
          day: fc.integer({ min: 1, max: 31 }),
          region: fc.constantFrom("na", "eu"),
          gb: fc.integer({ min: 0, max: 900 }),
        }),
        { maxLength: 8 },
      ),
    });
    fc.assert(
      fc.property(regionalArb, ({ euFrom, events }) => {
        const usage = regionalUsage(events);
        const na = (from: number | undefined) =>
          rateInvoice(matrixWith(from), usage, "2026-03")
            .lines.filter((line) => line.group?.region === "na")
            .map((line) => [line.id, line.quantity, line.period, line.amount]);
        expect(na(euFrom)).toEqual(na(undefined));
      }),
    );
  });

  it("a group's lines are those of its own overrides, whatever the overrides on other groups", () => {
    // a matrix on region with graduated cells; eu at half and apac doubled, each from a day of March
    const matrixWith = (overrides: ReadonlyArray<{ region: string; from: number; multiplier: string }>) =>
      buildContract({
        meters: [sumMeter("gb", { eventType: "gb", valueProperty: "gb" })],
        charges: [matrixCharge("bw", "Bandwidth", "gb", "region", ["na", "eu", "apac"], graduated.price)],
        overrides: overrides.map(({ region, from, multiplier }) => ({
          id: region,
          charge: "bw",
          from: day(from),
          where: { region },
          multiplier,
        })),
      } as never);
    const regionalArb = fc.record({
      euFrom: fc.integer({ min: 2, max: 28 }),
      apacFrom: fc.integer({ min: 2, max: 28 }),
      events: fc.array(
        fc.record({
          day: fc.integer({ min: 1, max: 31 }),
          region: fc.constantFrom("na", "eu", "apac"),
          gb: fc.integer({ min: 0, max: 900 }),
        }),
        { maxLength: 10 },
      ),
    });
    fc.assert(
      fc.property(regionalArb, ({ euFrom, apacFrom, events }) => {
        const usage = regionalUsage(events);
        const eu = { region: "eu", from: euFrom, multiplier: "0.5" };
        const apac = { region: "apac", from: apacFrom, multiplier: "2" };
        const linesOf = (overrides: Parameters<typeof matrixWith>[0]) => {
          const lines = rateInvoice(matrixWith(overrides), usage, "2026-03").lines;
          return (region: string) =>
            lines
              .filter((line) => line.group?.region === region)
              .map((line) => [line.id, line.quantity, line.period, line.amount]);
        };
        const both = linesOf([eu, apac]);
        expect(both("eu")).toEqual(linesOf([eu])("eu"));
        expect(both("apac")).toEqual(linesOf([apac])("apac"));
        expect(both("na")).toEqual(linesOf([])("na"));
      }),
      // 50 runs in `npm test` (four invoices each; FC_NUM_RUNS scales it)
      fuzzParameters(50),
    );
  });
});
