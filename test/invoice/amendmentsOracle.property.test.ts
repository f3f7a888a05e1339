import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  centsText,
  dayNumber,
  daysLater,
  isoDate,
  localMidnight,
  monthsLater,
  ORACLE_ZONES,
  type OracleDate,
  shareOf,
} from "../_support/calendarOracle.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { roundFractionByHand } from "../_support/roundByHand.js";

// An amendment inside a billing period (a price or tier change, a charge added or removed), worked out
// by hand: each stretch is rated on its own events with its own tiers, its line minimum and maximum
// prorated by its share of the billing period, rounded once; a time-weighted seat count split at the
// amendment integrates level × milliseconds over each stretch, divided by the whole period. Periods,
// shares and amounts come from test/_support/calendarOracle.ts and BigInts, not from ratecard.

interface Terms {
  readonly model: "graduated" | "volume";
  readonly tiers: ReadonlyArray<readonly [number, number]>; // [width in units, cents a unit]
  readonly minimum: number | undefined; // cents
  readonly maximum: number | undefined;
}
const termsArb: fc.Arbitrary<Terms> = fc.record({
  model: fc.constantFrom("graduated" as const, "volume" as const),
  tiers: fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 500 })), {
    minLength: 1,
    maxLength: 3,
  }),
  minimum: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
  maximum: fc.option(fc.integer({ min: 20_000, max: 40_000 }), { nil: undefined }),
});

// Tier bounds: the running sum of the widths, the last tier open.
const boundsOf = (terms: Terms) => {
  let upTo = 0;
  return terms.tiers.map(([width, cents], i) => {
    upTo += width;
    return { upTo: i === terms.tiers.length - 1 ? Number.POSITIVE_INFINITY : upTo, cents: BigInt(cents) };
  });
};
const priceOf = (terms: Terms) => ({
  model: terms.model,
  tiers: boundsOf(terms).map(({ upTo, cents }) =>
    Number.isFinite(upTo)
      ? { upTo: String(upTo), unitPrice: centsText(cents) }
      : { unitPrice: centsText(cents) },
  ),
});
// Cents for `quantity` units: graduated fills each tier in turn; volume prices them all at the tier
// the quantity falls in (upTo inclusive).
function amountOf(terms: Terms, quantity: number): bigint {
  const bounds = boundsOf(terms);
  if (terms.model === "volume") return BigInt(quantity) * bounds.find(({ upTo }) => quantity <= upTo)!.cents;
  let amount = 0n;
  let from = 0;
  for (const { upTo, cents } of bounds) {
    amount += BigInt(Math.max(0, Math.min(quantity, upTo) - from)) * cents;
    from = upTo;
  }
  return amount;
}
const charge = (terms: Terms) => ({
  id: "use",
  name: "Use",
  meter: "m",
  price: priceOf(terms),
  ...(terms.minimum === undefined ? {} : { minimum: centsText(BigInt(terms.minimum)) }),
  ...(terms.maximum === undefined ? {} : { maximum: centsText(BigInt(terms.maximum)) }),
});

type Cadence = "weekly" | "monthly" | "quarterly" | "annual";
const MONTHS: Partial<Record<Cadence, number>> = { monthly: 1, quarterly: 3, annual: 12 };
// Calendar alignment on day `anchorDay` of January, or anniversary from `start`; boundary n counted
// from boundary 0 (weekly: anniversary only here, every 7 days from the start).
function boundary(cadence: Cadence, reference: OracleDate, n: number): OracleDate {
  const months = MONTHS[cadence];
  return months === undefined
    ? daysLater(reference, 7 * n)
    : monthsLater(reference.y, reference.m, n * months, reference.d);
}

describe("an amendment inside a billing period, against a hand-worked oracle (property)", () => {
  it("rates each stretch on its own usage, tiers and prorated line limits", () => {
    fc.assert(
      fc.property(
        fc.record({
          zone: fc.constantFrom(...ORACLE_ZONES),
          cadence: fc.constantFrom<Cadence>("weekly", "monthly", "quarterly", "annual"),
          anniversary: fc.boolean(),
          anchorDay: fc.integer({ min: 1, max: 31 }),
          startDay: fc.integer({ min: 0, max: 400 }),
          later: fc.integer({ min: 0, max: 2 }),
          basis: fc.constantFrom("second" as const, "day" as const),
          before: fc.option(termsArb, { nil: undefined, freq: 6 }),
          after: fc.option(termsArb, { nil: undefined, freq: 6 }),
          cut: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
          events: fc.array(
            fc.tuple(
              fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
              fc.integer({ min: 1, max: 30 }),
            ),
            {
              maxLength: 10,
            },
          ),
        }),
        (drawn) => {
          const { zone, cadence, basis, before, after } = drawn;
          if (before === undefined && after === undefined) return;
          const anniversary = drawn.anniversary || cadence === "weekly";
          const termStart = daysLater({ y: 2025, m: 1, d: 1 }, drawn.startDay);
          const reference = anniversary ? termStart : { y: termStart.y, m: 1, d: drawn.anchorDay };
          let n = -13; // the first period that starts in the term, then 0–2 later
          while (dayNumber(boundary(cadence, reference, n)) < dayNumber(termStart)) n += 1;
          n += drawn.later;
          const start = boundary(cadence, reference, n);
          const end = boundary(cadence, reference, n + 1);
          // the amendment on any day of the period but its first
          const cutDate = daysLater(
            start,
            1 + Math.floor(drawn.cut * (dayNumber(end) - dayNumber(start) - 1)),
          );
          const contract = buildContract({
            timeZone: zone,
            billing: {
              cadence,
              alignment: anniversary ? "anniversary" : "calendar",
              ...(anniversary ? {} : { anchorDay: drawn.anchorDay }),
              ...(basis === "day" ? { proration: "day" as const } : {}),
            },
            term: { start: isoDate(termStart) },
            charges: [
              ...(before === undefined ? [] : [charge(before)]),
              { id: "fee", name: "Fee", price: { model: "flat", amount: "1.00" } },
            ],
            amendments: [
              {
                id: "change",
                effective: isoDate(cutDate),
                ...(after === undefined ? { remove: ["use"] } : { charges: [charge(after)] }),
              },
            ],
          });
          const whole = [localMidnight(start, zone), localMidnight(end, zone)] as const;
          const cut = localMidnight(cutDate, zone);
          const events = drawn.events.map(([at, v]) => ({
            t: whole[0] + Math.floor(at * (whole[1] - whole[0])),
            v,
          }));
          const invoice = rateInvoice(
            contract,
            events.map(({ t, v }, i) => ({
              id: `e${i}`,
              type: "e",
              customer: "cus",
              timestamp: new Date(t).toISOString(),
              properties: { v: String(v) },
            })),
            { start: whole[0], end: whole[1] },
          );
          // by hand: the stretch's amount, raised to its share of the minimum, cut to its share of the
          // maximum (fractions over the share's total), rounded half-even once
          const stretch = (terms: Terms, from: number, to: number) => {
            const quantity = events.filter(({ t }) => t >= from && t < to).reduce((sum, { v }) => sum + v, 0);
            const [elapsed, total] = shareOf(basis, [from, to], whole, zone);
            let scaled = amountOf(terms, quantity) * total;
            if (terms.minimum !== undefined && scaled < BigInt(terms.minimum) * elapsed)
              scaled = BigInt(terms.minimum) * elapsed;
            if (terms.maximum !== undefined && scaled > BigInt(terms.maximum) * elapsed)
              scaled = BigInt(terms.maximum) * elapsed;
            return centsText(roundFractionByHand(scaled, total, "half_even"));
          };
          const expected: [string, string][] =
            JSON.stringify(before) === JSON.stringify(after)
              ? [["use", stretch(before!, whole[0], whole[1])]]
              : [
                  ...(before === undefined
                    ? []
                    : [[`use@${isoDate(start)}`, stretch(before, whole[0], cut)] as [string, string]]),
                  ...(after === undefined
                    ? []
                    : [[`use@${isoDate(cutDate)}`, stretch(after, cut, whole[1])] as [string, string]]),
                ];
          const billed = invoice.lines
            .filter((line) => line.chargeId === "use")
            .map((line) => [line.id, line.amount]);
          expect(billed).toEqual(expected);
        },
      ),
      { numRuns: fuzzRuns(150) },
    );
  });

  it("splits a time-weighted seat count at the amendment: Σ seats × ms of each stretch ÷ the period", () => {
    fc.assert(
      fc.property(
        fc.record({
          zone: fc.constantFrom(...ORACLE_ZONES),
          month: fc.integer({ min: 1, max: 12 }),
          opening: fc.integer({ min: 0, max: 50 }),
          // seat counts set at (day, second of the day); sameDay puts every change on the amendment's day
          changes: fc.array(
            fc.tuple(
              fc.integer({ min: 0, max: 27 }),
              fc.integer({ min: 0, max: 86_399 }),
              fc.integer({ min: 0, max: 40 }),
            ),
            { maxLength: 10 },
          ),
          sameDay: fc.boolean(),
          cents: fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 })),
          cutDay: fc.integer({ min: 1, max: 27 }),
        }),
        ({ zone, month, opening, changes, sameDay, cents, cutDay }) => {
          const start = { y: 2026, m: month, d: 1 };
          const cutDate = daysLater(start, cutDay);
          const whole = [
            localMidnight(start, zone),
            localMidnight(monthsLater(2026, month, 1, 1), zone),
          ] as const;
          const cut = localMidnight(cutDate, zone);
          const seats = (price: number) => ({
            id: "seats",
            name: "Seats",
            meter: "s",
            price: { model: "unit" as const, unitPrice: centsText(BigInt(price)) },
          });
          const contract = buildContract({
            timeZone: zone,
            meters: [{ id: "s", eventType: "seat", aggregation: "weighted_sum", valueProperty: "n" }],
            charges: [seats(cents[0])],
            amendments: [{ id: "change", effective: isoDate(cutDate), charges: [seats(cents[1])] }],
          });
          const events = changes
            .map(([day, second, level], i) => ({
              id: `e${String(i).padStart(2, "0")}`,
              t:
                localMidnight(daysLater(start, sameDay ? cutDay : day), zone) +
                second * (sameDay ? 200 : 1000),
              level,
            }))
            .map((event) => ({ ...event, t: event.t - (event.t % 1000) }));
          const invoice = rateInvoice(
            contract,
            events.map(({ id, t, level }) => ({
              id,
              type: "seat",
              customer: "cus",
              timestamp: new Date(t).toISOString(),
              properties: { n: String(level) },
            })),
            { start: whole[0], end: whole[1] },
            { carried: { s: { level: String(opening) } } },
          );
          // by hand: in time order (ids break ties), each level holds until the next change
          const ordered = [...events].sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : 1));
          const seatMs = (from: number, to: number) => {
            let level = opening;
            let at = from;
            let sum = 0n;
            for (const event of ordered) {
              if (event.t >= to) break;
              if (event.t >= from) {
                sum += BigInt(level) * BigInt(event.t - at);
                at = event.t;
              }
              level = event.level;
            }
            return sum + BigInt(level) * BigInt(to - at);
          };
          const total = BigInt(whole[1] - whole[0]);
          const line = (ms: bigint, price: number) =>
            centsText(roundFractionByHand(ms * BigInt(price), total, "half_even"));
          const expected =
            cents[0] === cents[1]
              ? [["seats", line(seatMs(whole[0], whole[1]), cents[0])]]
              : [
                  [`seats@${isoDate(start)}`, line(seatMs(whole[0], cut), cents[0])],
                  [`seats@${isoDate(cutDate)}`, line(seatMs(cut, whole[1]), cents[1])],
                ];
          expect(invoice.lines.map((l) => [l.id, l.amount])).toEqual(expected);
        },
      ),
      { numRuns: fuzzRuns(100) },
    );
  });
});
