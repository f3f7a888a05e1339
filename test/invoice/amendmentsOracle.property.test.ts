import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  billingArb,
  periodOf,
  singleCharge,
  stretchCents,
  type Terms,
  termsArb,
} from "../_support/amendmentOracle.js";
import {
  centsText,
  daysLater,
  isoDate,
  localMidnight,
  monthsLater,
  ORACLE_ZONES,
} from "../_support/calendarOracle.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { roundFractionByHand } from "../_support/roundByHand.js";

// An amendment inside a billing period (a price or tier change, a charge added or removed), worked out
// by hand: each stretch is rated on its own events with its own tiers, its line minimum and maximum
// prorated by its share of the billing period, rounded once; a time-weighted seat count split at the
// amendment integrates level × milliseconds over each stretch, divided by the whole period. Periods,
// shares and amounts come from test/_support/calendarOracle.ts and amendmentOracle.ts and BigInts, not
// from ratecard. Amendments between a matrix and a single price: amendedGroupingOracle.property.test.ts.

describe("an amendment inside a billing period, against a hand-worked oracle (property)", () => {
  it("rates each stretch on its own usage, tiers and prorated line limits", () => {
    fc.assert(
      fc.property(
        fc.record({
          billing: billingArb,
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
          const { before, after } = drawn;
          if (before === undefined && after === undefined) return;
          const zone = drawn.billing.zone;
          const { termStart, start, end, billing, dayAt, share } = periodOf(drawn.billing);
          // the amendment on any day of the period but its first
          const cutDate = dayAt(drawn.cut);
          const contract = buildContract({
            timeZone: zone,
            billing,
            term: { start: isoDate(termStart) },
            charges: [
              ...(before === undefined ? [] : [singleCharge(before)]),
              { id: "fee", name: "Fee", price: { model: "flat", amount: "1.00" } },
            ],
            amendments: [
              {
                id: "change",
                effective: isoDate(cutDate),
                ...(after === undefined ? { remove: ["use"] } : { charges: [singleCharge(after)] }),
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
          // by hand: the stretch's usage priced by its terms, its share of the line limits (stretchCents)
          const stretch = (terms: Terms, from: number, to: number) => {
            const quantity = events.filter(({ t }) => t >= from && t < to).reduce((sum, { v }) => sum + v, 0);
            return centsText(stretchCents(terms, quantity, share([from, to], whole)));
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
