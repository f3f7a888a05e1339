import fc from "fast-check";
import { describe, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import {
  decimalArb,
  expectAccounted,
  expectLinesBilled,
  groupKeyOf,
  INVALID_NUMBERS,
  instantOf,
  outcomesOf,
  type Ratio,
  type RawEvent,
  type RawValue,
  ratio,
  ratioOfUnits,
  rawEventsArb,
  uniqueKeyOf,
  unitsOf,
} from "../_support/meterOracle.js";

// The single-value aggregations (sum, count, unique_count, min, max, latest, avg), per period and per
// group, against an oracle on BigInts (test/_support/meterOracle.ts): random events with copies of the
// same id (identical, the instant written another way, or with another value), events at the period's
// first and last instants and just outside, in any order, other customers and types, a filter that
// leaves some out, regions missing, null or empty, values with up to 9 decimals of either sign, as text,
// JSON numbers or exponent text, and values no meter can read. Each line is priced at 0.37 a unit,
// half-even to cents.

const START = Date.UTC(2026, 1, 1);
const END = Date.UTC(2026, 2, 1);
const PRICE = { model: "unit", unitPrice: "0.37" } as const;
const PRICE_CENTS = 37n;

const keptBy = { property: "kind", op: "not_equals", value: "test" } as const;
const meter = (id: string, aggregation: string, valueProperty?: string) => ({
  id,
  eventType: "bw",
  aggregation,
  ...(valueProperty === undefined ? {} : { valueProperty }),
  filters: [keptBy],
});
const METERS = [
  meter("s", "sum", "v"),
  meter("c", "count"),
  meter("u", "unique_count", "user"),
  meter("mx", "max", "v"),
  meter("mn", "min", "v"),
  meter("lt", "latest", "v"),
  meter("av", "avg", "v"),
];
const grouped = { model: "grouped", groupBy: ["region"], price: PRICE } as const;
const CHARGES = [
  ...METERS.map(({ id }) => ({ id, name: id, meter: id, price: PRICE })),
  ...METERS.map(({ id }) => ({ id: `${id}_by_region`, name: id, meter: id, price: grouped })),
];
const CONTRACT = buildContract({ meters: METERS as never, charges: CHARGES as never });

const eventsArb = rawEventsArb({
  ids: ["a", "b", "c", "d", "e", "f", "g", "h", "B", "a1"],
  type: "bw",
  instants: fc.oneof(
    fc.constantFrom(START, END - 1, START - 1, END, START + 86_400_000),
    fc.integer({ min: START, max: END - 1 }),
    fc.integer({ min: 0, max: 3 }).map((k) => START + k * 1000),
  ),
  properties: fc.record({
    v: fc.oneof(
      { weight: 8, arbitrary: decimalArb({ negative: true }) },
      fc.constantFrom(...INVALID_NUMBERS),
    ),
    user: fc.constantFrom<RawValue | undefined>("u1", "u2", "1", 1, 1.0, true, "true", "U1", null, undefined),
    region: fc.constantFrom<RawValue | undefined>("na", "eu", "", null, undefined),
    kind: fc.constantFrom<RawValue | undefined>(undefined, undefined, undefined, "live", "test"),
  }),
  conflict: { v: "424242" },
});

const isRead = (event: RawEvent) => event.type === "bw" && event.properties.kind !== "test";
const isReadable = (event: RawEvent) =>
  unitsOf(event.properties.v) !== undefined && uniqueKeyOf(event.properties.user) !== undefined;

interface Counted {
  readonly id: string;
  readonly t: number;
  readonly units: bigint;
  readonly user: string;
}

/** Each aggregation's quantity over the counted events, by hand (docs/meters.md, single-value). */
function quantitiesOf(events: ReadonlyArray<Counted>): Record<string, Ratio> {
  const values = events.map(({ units }) => units);
  const sum = values.reduce((a, b) => a + b, 0n);
  const latest = [...events].sort((x, y) => x.t - y.t || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).at(-1);
  const pick = (better: (a: bigint, b: bigint) => boolean) =>
    values.reduce<bigint | undefined>(
      (best, v) => (best === undefined || better(v, best) ? v : best),
      undefined,
    ) ?? 0n;
  return {
    s: ratioOfUnits(sum),
    c: ratio(BigInt(events.length), 1n),
    u: ratio(BigInt(new Set(events.map(({ user }) => user)).size), 1n),
    mx: ratioOfUnits(pick((a, b) => a > b)),
    mn: ratioOfUnits(pick((a, b) => a < b)),
    lt: ratioOfUnits(latest?.units ?? 0n),
    av: events.length === 0 ? ratio(0n, 1n) : ratio(sum, 1_000_000_000n * BigInt(events.length)),
  };
}

describe("single-value aggregations against a BigInt oracle (property)", () => {
  it("bills each meter's quantity, per period and per region, and accounts for every event", () => {
    fc.assert(
      fc.property(eventsArb, (events) => {
        const outcomes = outcomesOf(events, {
          customer: "cus",
          eventTypes: ["bw"],
          period: [START, END],
          isRead,
          isReadable,
        });
        const counted: (Counted & { region: string })[] = events
          .filter((_, index) => outcomes[index] === "counted")
          .map((event) => ({
            id: event.id,
            t: instantOf(event.timestamp),
            units: unitsOf(event.properties.v)!,
            user: uniqueKeyOf(event.properties.user)!,
            region: groupKeyOf(event.properties.region),
          }));
        const expected = new Map<string, Ratio>();
        for (const [id, q] of Object.entries(quantitiesOf(counted))) expected.set(id, q);
        for (const region of new Set(counted.map(({ region }) => region)))
          for (const [id, q] of Object.entries(quantitiesOf(counted.filter((e) => e.region === region))))
            expected.set(`${id}_by_region ${region}`, q);

        const invoice = rateInvoice(CONTRACT, events, "2026-02");
        // a charge that is not a credit never bills below zero (docs/pricing.md, zero floor)
        expectLinesBilled(invoice.lines, expected, PRICE_CENTS);
        // every event counted or excluded with its reason
        expectAccounted(invoice.usage, events, outcomes);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
