import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import {
  daysLater,
  isoDate,
  localMidnight,
  monthLength,
  monthsLater,
  ORACLE_ZONES,
} from "../_support/calendarOracle.js";
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
  type Ratio,
  ratio,
  ratioOfText,
  ratioOfUnits,
  rawEventsArb,
  SCALE,
  unitsOf,
} from "../_support/meterOracle.js";

// Storage as GB-month (a level held over time) and the period's sum and maximum, against an oracle on
// BigInts, with a price change inside the period that splits it into two pieces: each piece integrates
// level × milliseconds over its own stretch from the level the stretch opens with (the carried level at
// the period start), divided by the whole period (or a fixed hour, day, second, 730-hour or 30-day
// month); its sum and maximum count the events of its own stretch, an event at the change instant in
// the later one. Levels or changes, of either sign, at the same instant applied in id order; the level
// carried out is the last. Values below 10⁷ (at most 7 digits), so that a month of
// GB-seconds stays below a quantity's bound of 10¹⁵. Local months in zones with DST changes (New York, Berlin, Lord Howe).

type Per = "period" | "hour" | "day" | "second" | "month_730_hours" | "month_30_days";
const PER_MS: Record<Exclude<Per, "period">, bigint> = {
  hour: 3_600_000n,
  day: 86_400_000n,
  second: 1000n,
  month_730_hours: 730n * 3_600_000n,
  month_30_days: 30n * 86_400_000n,
};

interface Setup {
  readonly zone: string;
  readonly month: number;
  readonly per: Per;
  readonly values: "level" | "change";
  readonly opening: string | undefined;
  readonly cutDay: number | undefined; // the price change's day of the month (2…), or none
}
const setupArb: fc.Arbitrary<Setup> = fc.record({
  zone: fc.constantFrom(...ORACLE_ZONES, "Australia/Lord_Howe"),
  month: fc.constantFrom(2, 3, 4, 10, 11),
  per: fc.constantFrom<Per>("period", "hour", "day", "second", "month_730_hours", "month_30_days"),
  values: fc.constantFrom("level" as const, "change" as const),
  opening: fc.option(fc.constantFrom("0", "12.5", "-3", "1000000.000000001"), { nil: undefined }),
  cutDay: fc.option(fc.integer({ min: 2, max: 28 }), { nil: undefined }),
});

const unit = (unitPrice: string) => ({ model: "unit", unitPrice }) as const;
function contractOf(setup: Setup) {
  const meters = [
    {
      id: "gbm",
      eventType: "st",
      aggregation: "weighted_sum",
      valueProperty: "gb",
      weighted: { values: setup.values, per: setup.per },
    },
    { id: "total", eventType: "st", aggregation: "sum", valueProperty: "gb" },
    { id: "peak", eventType: "st", aggregation: "max", valueProperty: "gb" },
  ];
  const charges = (price: string) =>
    meters.map(({ id }) => ({ id, name: id, meter: id, price: unit(price) }));
  return buildContract({
    timeZone: setup.zone,
    meters: meters as never,
    charges: charges("0.37") as never,
    ...(setup.cutDay === undefined
      ? {}
      : {
          amendments: [
            {
              id: "raise",
              effective: isoDate({ y: 2026, m: setup.month, d: setup.cutDay }),
              charges: charges("0.53"),
            },
          ] as never,
        }),
  });
}

const scenarioArb = setupArb.chain((setup) => {
  const start = { y: 2026, m: setup.month, d: 1 };
  const [from, to] = [
    localMidnight(start, setup.zone),
    localMidnight(monthsLater(2026, setup.month, 1, 1), setup.zone),
  ];
  const cut = setup.cutDay === undefined ? from : localMidnight({ ...start, d: setup.cutDay }, setup.zone);
  const instantArb = fc.oneof(
    fc.constantFrom(from, to - 1, from - 1, to, cut, cut - 1, cut + 1),
    fc.integer({ min: from, max: to - 1 }),
    fc
      .integer({ min: 0, max: monthLength(2026, setup.month) })
      .map((day) => localMidnight(daysLater(start, day), setup.zone)),
  );
  return fc.record({
    setup: fc.constant(setup),
    events: rawEventsArb({
      ids: ["a", "b", "c", "d", "e", "f", "g", "h"],
      type: "st",
      instants: instantArb,
      properties: fc.record({
        gb: fc.oneof(
          { weight: 10, arbitrary: decimalArb({ negative: true, digits: 7 }) },
          fc.constantFrom(...INVALID_NUMBERS),
        ),
      }),
      conflict: { gb: "99" },
      maxLength: 12,
    }),
  });
});

interface Point {
  readonly id: string;
  readonly t: number;
  readonly units: bigint;
}

// Σ level × ms over [from, to), the level opening at `opening` and set (or changed) by each point of the
// stretch in time order, then id order; and the level after its last point.
function integrate(
  points: ReadonlyArray<Point>,
  opening: bigint,
  values: Setup["values"],
  from: number,
  to: number,
) {
  const sorted = [...points].sort((x, y) => x.t - y.t || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  let level = opening;
  let at = from;
  let area = 0n;
  for (const point of sorted) {
    if (point.t >= to) break;
    if (point.t < from) continue; // before the stretch: in its opening level already
    area += level * BigInt(point.t - at);
    at = point.t;
    level = values === "level" ? point.units : level + point.units;
  }
  area += level * BigInt(to - at);
  return { area, closing: level };
}

describe("time-weighted levels, sums and maxima across a price change, against a BigInt oracle (property)", () => {
  it("bills each piece its own stretch, divided as the meter says, and carries the closing level out", () => {
    fc.assert(
      fc.property(scenarioArb, ({ setup, events }) => {
        const start = { y: 2026, m: setup.month, d: 1 };
        const from = localMidnight(start, setup.zone);
        const to = localMidnight(monthsLater(2026, setup.month, 1, 1), setup.zone);
        const outcomes = outcomesOf(events, {
          customer: "cus",
          eventTypes: ["st"],
          period: [from, to],
          isRead: (event) => event.type === "st",
          isReadable: (event) => unitsOf(event.properties.gb) !== undefined,
        });
        const points: Point[] = events
          .filter((_, index) => outcomes[index] === "counted")
          .map((event) => ({
            id: event.id,
            t: instantOf(event.timestamp),
            units: unitsOf(event.properties.gb)!,
          }));
        const opening = setup.opening === undefined ? 0n : unitsOf(setup.opening)!;
        const divisorMs = setup.per === "period" ? BigInt(to - from) : PER_MS[setup.per];
        const pieces: [string, number, number, bigint][] =
          setup.cutDay === undefined
            ? [["", from, to, 37n]]
            : [
                [`@${isoDate(start)}`, from, localMidnight({ ...start, d: setup.cutDay }, setup.zone), 37n],
                [
                  `@${isoDate({ ...start, d: setup.cutDay })}`,
                  localMidnight({ ...start, d: setup.cutDay }, setup.zone),
                  to,
                  53n,
                ],
              ];
        // A maximum is a level: each piece of a cut period bills it for the piece's share of the
        // period, in exact seconds (the contract's default proration basis); a sum and a time-weighted
        // sum are already the piece's own.
        const expected = new Map<string, [Ratio, bigint, Ratio?]>();
        let level = opening;
        for (const [suffix, pieceFrom, pieceTo, cents] of pieces) {
          const { area, closing } = integrate(points, level, setup.values, pieceFrom, pieceTo);
          level = closing;
          const inPiece = points.filter(({ t }) => t >= pieceFrom && t < pieceTo).map(({ units }) => units);
          expected.set(`gbm${suffix}`, [ratio(area, SCALE * divisorMs), cents]);
          expected.set(`total${suffix}`, [ratioOfUnits(inPiece.reduce((a, b) => a + b, 0n)), cents]);
          expected.set(`peak${suffix}`, [
            ratioOfUnits(inPiece.reduce((a, b) => (b > a ? b : a), inPiece[0] ?? 0n)),
            cents,
            [BigInt(pieceTo - pieceFrom), BigInt(to - from)],
          ]);
        }

        const invoice = rateInvoice(
          contractOf(setup),
          events,
          `2026-${String(setup.month).padStart(2, "0")}`,
          setup.opening === undefined ? {} : { carried: { gbm: { level: setup.opening } } },
        );
        const billed = new Map(invoice.lines.map((line) => [line.id, line]));
        expect([...billed.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [key, [quantity, cents, share]] of expected) {
          expectBilled(billed.get(key)!, key, quantity, cents, share);
        }
        const carried = (invoice.usage.carryOut as Record<string, { level: string }> | undefined)?.gbm?.level;
        expect(compareRatio(ratioOfText(carried ?? "0"), ratioOfUnits(level))).toBe(0);
        expectAccounted(invoice.usage, events, outcomes);
      }),
      { numRuns: fuzzRuns(100) },
    );
  });
});
