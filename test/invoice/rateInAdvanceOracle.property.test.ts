import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInAdvance, rateInvoice } from "../../src/invoice/index.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import {
  centsAt,
  compareRatio,
  decimalArb,
  INVALID_NUMBERS,
  instantOf,
  outcomesOf,
  type Ratio,
  type RawEvent,
  ratio,
  ratioOfUnits,
  rawEventsArb,
  SCALE,
  unitsOf,
} from "../_support/meterOracle.js";

// Usage billed in advance, event by event (docs/usage-in-advance.md), against an oracle on BigInts:
// the events in time order (then id, copies in the order given), each prefix's usage report worked out
// by hand (a duplicate id counts once, conflicting copies not at all, other customers, types, instants
// outside the period and unreadable values not at all), the mark the highest quantity so far (0
// first), each fee A(mark after) − A(mark before) with A(q) = q × 0.004 half-even to cents, never below
// 0; arrears A(the period's quantity), the invoice's line. Sums of values of either sign, and averages
// (quotients that need not end).

const START = Date.UTC(2026, 2, 1);
const END = Date.UTC(2026, 3, 1);
const PRICE_TENTHS_OF_CENTS = 4n; // 0.004 a unit

const scenarioArb = fc.record({
  aggregation: fc.constantFrom("sum" as const, "avg" as const),
  events: rawEventsArb({
    ids: ["a", "b", "c", "d", "e", "f"],
    type: "e",
    instants: fc.oneof(
      fc.constantFrom(START, END - 1, START - 1, END),
      fc.integer({ min: 0, max: 5 }).map((day) => START + day * 86_400_000),
    ),
    properties: fc.record({
      v: fc.oneof(
        { weight: 8, arbitrary: decimalArb({ negative: true, digits: 5 }) },
        fc.constantFrom(...INVALID_NUMBERS),
      ),
    }),
    conflict: { v: "3" },
    maxLength: 8,
  }),
});

// A(q): q × 0.004 to cents, half-even, 0 below zero (a charge that is not a credit).
function amountAt(quantity: Ratio): string {
  const cents = centsAt([quantity[0] * PRICE_TENTHS_OF_CENTS, quantity[1] * 10n], 1n);
  return cents.startsWith("-") ? "0.00" : cents;
}
const toCents = (text: string) => BigInt(text.replace(".", ""));
const centsText = (cents: bigint) =>
  `${cents < 0n ? "-" : ""}${(cents < 0n ? -cents : cents) / 100n}.${String((cents < 0n ? -cents : cents) % 100n).padStart(2, "0")}`;

function quantityOf(events: ReadonlyArray<RawEvent>, aggregation: "sum" | "avg"): Ratio {
  const outcomes = outcomesOf(events, {
    customer: "cus",
    eventTypes: ["e"],
    period: [START, END],
    isRead: (event) => event.type === "e",
    isReadable: (event) => unitsOf(event.properties.v) !== undefined,
  });
  const values = events
    .filter((_, i) => outcomes[i] === "counted")
    .map((event) => unitsOf(event.properties.v)!);
  const sum = values.reduce((a, b) => a + b, 0n);
  if (aggregation === "sum") return ratioOfUnits(sum);
  return values.length === 0 ? [0n, 1n] : ratio(sum, SCALE * BigInt(values.length));
}

describe("usage billed in advance against a BigInt oracle (property)", () => {
  it("bills each event what it adds above the mark, and arrears the invoice's line", () => {
    fc.assert(
      fc.property(scenarioArb, ({ aggregation, events }) => {
        const contract = buildContract({
          meters: [{ id: "m", eventType: "e", aggregation, valueProperty: "v" }],
          charges: [{ id: "api", name: "API", meter: "m", price: { model: "unit", unitPrice: "0.004" } }],
        });
        const ordered = events
          .map((event, index) => ({ event, index }))
          .sort((x, y) => {
            const [s, t] = [instantOf(x.event.timestamp), instantOf(y.event.timestamp)];
            return s - t || (x.event.id < y.event.id ? -1 : x.event.id > y.event.id ? 1 : x.index - y.index);
          })
          .map(({ event }) => event);
        let mark: Ratio = [0n, 1n];
        const fees = ordered.map((_, at) => {
          const quantity = quantityOf(ordered.slice(0, at + 1), aggregation);
          const before = amountAt(mark);
          if (compareRatio(quantity, mark) > 0) mark = quantity;
          return centsText(toCents(amountAt(mark)) - toCents(before));
        });
        const result = rateInAdvance(contract, "api", events, "2026-03");
        expect(result.fees.map((fee) => fee.fee)).toEqual(fees);
        const arrears = amountAt(quantityOf(events, aggregation));
        expect(result.arrears).toBe(arrears);
        expect(result.billedInAdvance).toBe(amountAt(mark));
        expect(
          rateInvoice(contract, events, "2026-03").lines.find((line) => line.chargeId === "api")?.amount,
        ).toBe(arrears);
      }),
      { numRuns: fuzzRuns(100) },
    );
  });
});
