import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import {
  compareRatio,
  decimalArb,
  expectAccounted,
  expectBilled,
  INVALID_NUMBERS,
  instantOf,
  outcomesOf,
  type RawEvent,
  type RawValue,
  ratio,
  ratioOfText,
  ratioOfUnits,
  rawEventsArb,
  unitsOf,
} from "../_support/meterOracle.js";

// Persistent meters (docs/meters.md, "Persistent meters") against an oracle on BigInts: a running sum
// and count add the period's counted events to the carried total; seats (a unique count with add and
// remove) bill every value active at some point in the period (carried in, or added in it), compared
// by their text, and carry out the values still active at its end, the operations applied in time
// order, then id order. An operation other than "add", "remove", none or null makes the event
// invalid for every meter. A price change inside the period does not split the reading: the terms in
// force at the period's end price it once.

const START = Date.UTC(2026, 1, 1);
const END = Date.UTC(2026, 2, 1);
const CUT = Date.UTC(2026, 1, 15);

const unit = (unitPrice: string) => ({ model: "unit", unitPrice }) as const;
const METERS = [
  { id: "total", eventType: "e", aggregation: "sum", valueProperty: "v", persistent: true },
  { id: "events", eventType: "e", aggregation: "count", persistent: true },
  {
    id: "seats",
    eventType: "e",
    aggregation: "unique_count",
    valueProperty: "user",
    persistent: true,
    operationProperty: "op",
  },
];
const charges = (price: string) => METERS.map(({ id }) => ({ id, name: id, meter: id, price: unit(price) }));

const scenarioArb = fc.record({
  amended: fc.boolean(),
  carried: fc.record({
    total: fc.constantFrom("0", "700", "-150", "12.5"),
    events: fc.constantFrom("0", "3", "41"),
    seats: fc.subarray(["u1", "u2", "5", "true"]),
  }),
  events: rawEventsArb({
    ids: ["a", "b", "c", "d", "e", "f", "g", "h"],
    type: "e",
    instants: fc.oneof(
      fc.constantFrom(START, END - 1, START - 1, END, CUT, CUT - 1),
      fc.integer({ min: START, max: END - 1 }),
    ),
    properties: fc.record({
      v: fc.oneof(
        { weight: 8, arbitrary: decimalArb({ negative: true }) },
        fc.constantFrom(...INVALID_NUMBERS),
      ),
      user: fc.constantFrom<RawValue | undefined>("u1", "u2", "u3", 5, "5", "5.0", true, null, undefined),
      op: fc.constantFrom<RawValue | undefined>(undefined, "add", "remove", "remove", null, "Remove", 1),
    }),
    conflict: { op: "remove" },
  }),
});

const isOperation = (op: RawValue | undefined) =>
  op === undefined || op === null || op === "add" || op === "remove";

describe("persistent meters against a BigInt oracle (property)", () => {
  it("bills the carried state and the period's events, and carries the state out", () => {
    fc.assert(
      fc.property(scenarioArb, ({ amended, carried, events }) => {
        const outcomes = outcomesOf(events, {
          customer: "cus",
          eventTypes: ["e"],
          period: [START, END],
          isRead: (event) => event.type === "e",
          isReadable: ({ properties }) =>
            unitsOf(properties.v) !== undefined &&
            properties.user !== undefined &&
            properties.user !== null &&
            isOperation(properties.op),
        });
        const counted = events
          .filter((_, i) => outcomes[i] === "counted")
          .sort(
            (x, y) =>
              instantOf(x.timestamp) - instantOf(y.timestamp) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
          );
        const totalOut =
          unitsOf(carried.total)! + counted.reduce((sum, e) => sum + unitsOf(e.properties.v)!, 0n);
        const eventsOut = BigInt(carried.events) + BigInt(counted.length);
        const active = new Set(carried.seats);
        const billedSeats = new Set(carried.seats);
        for (const { properties } of counted as RawEvent[]) {
          const user = String(properties.user);
          if (properties.op === "remove") active.delete(user);
          else {
            active.add(user);
            billedSeats.add(user);
          }
        }
        const cents = amended ? 53n : 37n; // the terms in force at the period's end
        const expected = new Map([
          ["total", ratioOfUnits(totalOut)],
          ["events", ratio(eventsOut, 1n)],
          ["seats", ratio(BigInt(billedSeats.size), 1n)],
        ]);

        const contract = buildContract({
          meters: METERS as never,
          charges: charges("0.37") as never,
          ...(amended
            ? { amendments: [{ id: "raise", effective: "2026-02-15", charges: charges("0.53") }] as never }
            : {}),
        });
        const invoice = rateInvoice(contract, events, "2026-02", {
          carried: {
            total: { total: carried.total },
            events: { total: carried.events },
            seats: { active: carried.seats },
          },
        });
        expect(invoice.lines.map((line) => line.id).sort()).toEqual([...expected.keys()].sort());
        for (const line of invoice.lines) expectBilled(line, line.id, expected.get(line.id)!, cents);
        const out = invoice.usage.carryOut as {
          total: { total: string };
          events: { total: string };
          seats: { active: string[] };
        };
        expect(compareRatio(ratioOfText(out.total.total), ratioOfUnits(totalOut))).toBe(0);
        expect(out.events.total).toBe(String(eventsOut));
        expect(out.seats.active).toEqual([...active].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expectAccounted(invoice.usage, events, outcomes);
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});
