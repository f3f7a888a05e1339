import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { MeterTerms } from "../../src/schema/index.js";
import { aggregateFor, EVENT_TYPE, FEBRUARY_UTC, usageEvent } from "../_arbitraries/meters.js";

const DAY = 86_400_000;
const FEBRUARY_DAYS = 28;

const sumMeter = (prorated?: boolean): MeterTerms => ({
  id: "units",
  eventType: EVENT_TYPE,
  aggregation: "sum",
  valueProperty: "v",
  persistent: true,
  ...(prorated === undefined ? {} : { prorated }),
});
const seatMeter = (prorated?: boolean): MeterTerms => ({
  id: "seats",
  eventType: EVENT_TYPE,
  aggregation: "unique_count",
  valueProperty: "user",
  persistent: true,
  operationProperty: "op",
  ...(prorated === undefined ? {} : { prorated }),
});

// Events anywhere in February (UTC), with values of up to 3 decimals, some negative.
const sumEventsArb = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 1_000_000 }).map(String),
    at: fc.integer({ min: FEBRUARY_UTC.start, max: FEBRUARY_UTC.end - 1 }),
    v: fc.integer({ min: -50_000, max: 500_000 }).map((n) => new Decimal(n).div(1000).toFixed()),
  }),
  { selector: (event) => event.id, maxLength: 30 },
);
const seatEventsArb = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 1_000_000 }).map(String),
    at: fc.integer({ min: FEBRUARY_UTC.start, max: FEBRUARY_UTC.end - 1 }),
    user: fc.constantFrom("ann", "bob", "cy", "dee"),
    op: fc.constantFrom("add", "add", "remove"),
  }),
  { selector: (event) => event.id, maxLength: 30 },
);
const carriedTotalArb = fc.integer({ min: 0, max: 100_000 }).map(String);

const toSumEvents = (events: ReadonlyArray<{ id: string; at: number; v: string }>) =>
  events.map((event) => usageEvent(event.id, event.at, { v: event.v }));
const toSeatEvents = (events: ReadonlyArray<{ id: string; at: number; user: string; op: string }>) =>
  events.map((event) => usageEvent(event.id, event.at, { user: event.user, op: event.op }));

const prorationOf = (result: ReturnType<typeof aggregateFor>) => {
  const computation = result.meters[0]!.computation;
  if (computation?.kind !== "persistent" || computation.prorated === undefined)
    throw new Error("not prorated");
  return computation.prorated;
};

describe("prorated persistent meters: laws", () => {
  it("leave a meter without `prorated`, or with `prorated: false`, as it was", () => {
    fc.assert(
      fc.property(sumEventsArb, seatEventsArb, carriedTotalArb, (sums, seats, total) => {
        const carried = { units: { total }, seats: { active: ["ann"] } };
        const plain = aggregateFor(
          [sumMeter(), seatMeter()],
          [...toSumEvents(sums), ...toSeatEvents(seats)],
          FEBRUARY_UTC,
          { carried },
        );
        const off = aggregateFor(
          [sumMeter(false), seatMeter(false)],
          [...toSumEvents(sums), ...toSeatEvents(seats)],
          FEBRUARY_UTC,
          { carried },
        );
        const readings = (result: typeof plain) =>
          result.meters.map((meter) => ({
            quantity: meter.quantity.toFixed(),
            computation: meter.computation,
            events: meter.events,
          }));
        expect(readings(off)).toEqual(readings(plain));
        expect(off.carryOut).toEqual(plain.carryOut);
        expect(
          plain.meters.every(
            (meter) => meter.computation?.kind === "persistent" && meter.computation.prorated === undefined,
          ),
        ).toBe(true);
      }),
    );
  });

  it("sum the unit-days of any split of the events, and round that sum up once", () => {
    fc.assert(
      fc.property(sumEventsArb, fc.nat(), (events, cut) => {
        const all = toSumEvents(events);
        const at = events.length === 0 ? 0 : cut % (events.length + 1);
        const whole = prorationOf(aggregateFor([sumMeter(true)], all, FEBRUARY_UTC));
        const first = prorationOf(aggregateFor([sumMeter(true)], all.slice(0, at), FEBRUARY_UTC));
        const second = prorationOf(aggregateFor([sumMeter(true)], all.slice(at), FEBRUARY_UTC));
        expect(new Decimal(first.unitDays).plus(second.unitDays).eq(whole.unitDays)).toBe(true);
        const quantity = aggregateFor([sumMeter(true)], all, FEBRUARY_UTC).meters[0]!.quantity;
        const exact = new Decimal(whole.unitDays).div(FEBRUARY_DAYS);
        expect(quantity.gte(exact) && quantity.minus(exact).lt("0.00001")).toBe(true);
        expect(quantity.decimalPlaces()).toBeLessThanOrEqual(5);
      }),
    );
  });

  it("weigh each event of a sum by its days left: the same values on day 1 give the full total", () => {
    fc.assert(
      fc.property(sumEventsArb, carriedTotalArb, (events, total) => {
        const onDayOne = toSumEvents(
          events.map((event) => ({ ...event, at: FEBRUARY_UTC.start + (event.at % DAY) })),
        );
        const carried = { units: { total } };
        const prorated = aggregateFor([sumMeter(true)], onDayOne, FEBRUARY_UTC, { carried }).meters[0]!;
        const full = aggregateFor([sumMeter()], onDayOne, FEBRUARY_UTC, { carried }).meters[0]!;
        expect(prorated.quantity.eq(full.quantity)).toBe(true);
      }),
    );
  });

  it("never bill a seat for more than the period, nor more seats than were active", () => {
    fc.assert(
      fc.property(seatEventsArb, fc.subarray(["ann", "bob"]), (events, active) => {
        const carried = { seats: { active } };
        const prorated = aggregateFor([seatMeter(true)], toSeatEvents(events), FEBRUARY_UTC, { carried });
        const full = aggregateFor([seatMeter()], toSeatEvents(events), FEBRUARY_UTC, { carried });
        const { unitDays, full: fullText } = prorationOf(prorated);
        // Each value is active at most every day of the period: unit-days ≤ values × 28
        expect(Number(unitDays)).toBeLessThanOrEqual(Number(fullText) * FEBRUARY_DAYS);
        expect(prorated.meters[0]!.quantity.lte(full.meters[0]!.quantity)).toBe(true);
        expect(fullText).toBe(full.meters[0]!.quantity.toFixed());
        // The active values carry out exactly as without proration.
        expect(prorated.carryOut).toEqual(full.carryOut);
      }),
    );
  });
});
