import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice } from "../../src/invoice/index.js";
import {
  centsText,
  dayNumber,
  daysLater,
  isoDate,
  localMidnight,
  monthsLater,
  ORACLE_ZONES,
  shareOf,
} from "../_support/calendarOracle.js";
import { buildContract, seatsCharge } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { roundFractionByHand } from "../_support/roundByHand.js";

// A billing period invoiced in two parts (`2026-04-01/2026-04-16`, then `2026-04-16/2026-05-01`) with
// seats billed in advance that change inside it. The seats were billed for all of April on March's
// invoice, so the change is settled for the rest of the billing period, from the change to 1 May,
// whichever part holds it: the two parts bill what the whole month's invoice bills.

const contractWith = (effective: string) =>
  buildContract({
    term: { start: "2026-01-01" },
    meters: [],
    charges: [seatsCharge("10")],
    amendments: [{ id: "more_seats", effective, charges: [seatsCharge("15")] }],
  });
const table = (invoice: Invoice) => invoice.lines.map((line) => [line.id, line.amount]);

describe("a change to fees billed in advance, on an invoice for part of the billing period", () => {
  it("settles a change before the part's end up to the billing period's end", () => {
    const contract = contractWith("2026-04-10");
    // 10 April → 1 May is 21 of April's 30 days: credit −10 × 12.00 × 21 ÷ 30 = −84.00,
    // new seats 15 × 12.00 × 21 ÷ 30 = 126.00 (before the fix: 6 days to 16 April, −24.00 and 36.00)
    const first = rateInvoice(contract, [], "2026-04-01/2026-04-16");
    expect(table(first)).toEqual([
      ["seats:unused@2026-04-10", "-84.00"],
      ["seats@2026-04-10", "126.00"],
    ]);
    expect(first.lines[0]!.period).toEqual({
      start: "2026-04-10T00:00:00.000Z",
      end: "2026-05-01T00:00:00.000Z",
    });
    // the rest of April: May's seats, 15 × 12.00 = 180.00, and nothing more to settle
    const rest = rateInvoice(contract, [], "2026-04-16/2026-05-01");
    expect(table(rest)).toEqual([["seats", "180.00"]]);
    // −84.00 + 126.00 + 180.00 = 222.00 = the whole month's invoice
    expect(rateInvoice(contract, [], "2026-04").total).toBe("222.00");
  });

  it("settles a change on the day the part starts on that part", () => {
    const contract = contractWith("2026-04-16");
    // nothing changes before 16 April: the first part bills nothing
    expect(table(rateInvoice(contract, [], "2026-04-01/2026-04-16"))).toEqual([]);
    // 16 April → 1 May is 15 of 30 days: −120.00 × 15 ÷ 30 = −60.00 and 180.00 × 15 ÷ 30 = 90.00,
    // then May's 180.00 (before the fix the part saw no change: 180.00 alone, 30.00 never billed)
    expect(table(rateInvoice(contract, [], "2026-04-16/2026-05-01"))).toEqual([
      ["seats:unused@2026-04-16", "-60.00"],
      ["seats@2026-04-16", "90.00"],
      ["seats", "180.00"],
    ]);
  });
});

describe("the terms last billed, on an invoice for a later part of the billing period", () => {
  it("follow the changes before the part: an unprorated change leaves the 10 seats billed", () => {
    const contract = buildContract({
      term: { start: "2026-01-01" },
      meters: [],
      charges: [seatsCharge("10")],
      amendments: [
        { id: "fifteen", effective: "2026-04-05", charges: [seatsCharge("15")], proration: "none" },
        { id: "twenty", effective: "2026-04-21", charges: [seatsCharge("20")], creditBasis: "last_billed" },
      ],
    });
    // the change of 5 April is not prorated: the first part bills nothing, and April stays billed at 10
    expect(table(rateInvoice(contract, [], "2026-04-01/2026-04-16"))).toEqual([]);
    // 21 April → 1 May is 10 of 30 days: the credit is of the 10 seats last billed, −120.00 × 10 ÷ 30 =
    // −40.00, the 20 seats 240.00 × 10 ÷ 30 = 80.00, May's 240.00: as the whole month's invoice
    const rest = [
      ["seats:unused@2026-04-21", "-40.00"],
      ["seats@2026-04-21", "80.00"],
      ["seats", "240.00"],
    ];
    expect(table(rateInvoice(contract, [], "2026-04-16/2026-05-01"))).toEqual(rest);
    expect(table(rateInvoice(contract, [], "2026-04"))).toEqual(rest);
  });
});

// Up to three changes (price, seat count, removal, adding the fee back; prorated or not, credited at the
// list price or at the terms last billed) at any days of a billing period with any anchor day, in zones
// with DST, by seconds or days; the period invoiced in two parts split at any day. Oracle: each prorated
// change credits the terms before it (or those last billed) and bills the new ones from its day to the
// period's end (fee × share, rounded once), worked out by hand.
const termsArb = fc.record({
  cents: fc.integer({ min: 0, max: 5_000_000 }),
  seats: fc.integer({ min: 0, max: 300 }),
});
type Terms = { readonly cents: number; readonly seats: number } | undefined;

describe("a billing period invoiced in two parts (property)", () => {
  it("settles every change for the rest of the billing period, exactly once", () => {
    fc.assert(
      fc.property(
        fc.record({
          zone: fc.constantFrom(...ORACLE_ZONES),
          anchorDay: fc.integer({ min: 1, max: 31 }),
          month: fc.integer({ min: 1, max: 12 }),
          basis: fc.constantFrom("second" as const, "day" as const),
          first: termsArb,
          changes: fc.uniqueArray(
            fc.tuple(
              fc.integer({ min: 1, max: 30 }),
              fc.option(termsArb, { nil: undefined, freq: 5 }),
              fc.constantFrom("prorate" as const, "none" as const),
              fc.constantFrom("list_price" as const, "last_billed" as const),
            ),
            {
              selector: ([day]) => day,
              minLength: 1,
              maxLength: 3,
            },
          ),
          split: fc.integer({ min: 1, max: 30 }),
        }),
        ({ zone, anchorDay, month, basis, first, changes, split }) => {
          const start = monthsLater(2026, month, 0, anchorDay);
          const end = monthsLater(2026, month, 1, anchorDay);
          const length = dayNumber(end) - dayNumber(start);
          const dated = changes
            .filter(([day]) => day < length)
            .sort(([a], [b]) => a - b)
            .map(
              ([day, terms, proration, creditBasis]) =>
                [daysLater(start, day), terms, proration, creditBasis] as const,
            );
          if (dated.length === 0 || split >= length) return;
          const charge = (terms: NonNullable<Terms>) => ({
            id: "seats",
            name: "Seats",
            price: { model: "unit" as const, unitPrice: centsText(BigInt(terms.cents)) },
            quantity: String(terms.seats),
            billed: "in_advance" as const,
          });
          const contract = buildContract({
            timeZone: zone,
            billing: {
              cadence: "monthly",
              anchorDay,
              ...(basis === "day" ? { proration: "day" as const } : {}),
            },
            term: { start: "2025-01-01" },
            meters: [],
            charges: [
              charge(first),
              { id: "other", name: "Other", price: { model: "flat", amount: "1.00" } },
            ],
            amendments: dated.map(([date, terms, proration, creditBasis], i) => ({
              id: `change_${i}`,
              effective: isoDate(date),
              ...(terms === undefined ? { remove: ["seats"] } : { charges: [charge(terms)] }),
              proration,
              creditBasis,
            })),
          });
          const periodStart = localMidnight(start, zone);
          const periodEnd = localMidnight(end, zone);
          const splitAt = localMidnight(daysLater(start, split), zone);
          const parts = [
            rateInvoice(contract, [], { start: periodStart, end: splitAt }),
            rateInvoice(contract, [], { start: splitAt, end: periodEnd }),
          ];
          const billed = parts.flatMap((invoice) =>
            invoice.lines
              .filter((line) => line.chargeId === "seats")
              .map((line) => [line.id, line.amount] as const),
          );
          // by hand: fee × (change → period end) ÷ period, rounded half-even; May's fee in full
          const fee = (terms: NonNullable<Terms>, from: number) => {
            const [elapsed, total] = shareOf(
              basis,
              [from, periodEnd],
              [periodStart, periodEnd],
              zone,
              anchorDay,
            );
            return roundFractionByHand(BigInt(terms.cents * terms.seats) * elapsed, total, "half_even");
          };
          const same = (a: Terms, b: Terms) => a?.cents === b?.cents && a?.seats === b?.seats;
          const expected: [string, string][] = [];
          // a change with "proration": "none" bills nothing and leaves the terms billed as they were;
          // "last_billed" credits those, "list_price" the terms just before the change
          let before: Terms = first;
          let billedTerms: Terms = first;
          for (const [date, after, proration, creditBasis] of dated) {
            const from = localMidnight(date, zone);
            if (!same(before, after) && proration === "prorate") {
              const credited = creditBasis === "last_billed" ? billedTerms : before;
              if (credited !== undefined)
                expected.push([`seats:unused@${isoDate(date)}`, centsText(-fee(credited, from))]);
              if (after !== undefined) expected.push([`seats@${isoDate(date)}`, centsText(fee(after, from))]);
              billedTerms = after;
            }
            before = after;
          }
          if (before !== undefined) expected.push(["seats", centsText(BigInt(before.cents * before.seats))]);
          expect(new Map(billed)).toEqual(new Map(expected));
          expect(billed).toHaveLength(expected.length);
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });
});
