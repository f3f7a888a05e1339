import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice, rateOpeningInvoice } from "../../src/invoice/index.js";
import {
  centsText,
  dayNumber,
  daysLater,
  isoDate,
  localDateOf,
  localMidnight,
  monthLength,
  monthsLater,
  ORACLE_ZONES,
  type OracleDate,
  shareOf,
} from "../_support/calendarOracle.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { roundFractionByHand } from "../_support/roundByHand.js";

// A per-period fee over every cadence, alignment, anchor day and anchor month, in zones with DST
// (New York, Berlin, Lord Howe's 30 minutes, Santiago's change at midnight) and without (Kathmandu's
// +05:45), terms that start or end mid-period (a date or an instant inside a day), by second, day or
// 30-day month, in arrears and in advance: each period's line is the fee × the part of the billing
// period inside the term, the periods and the share worked out apart from src/time (Intl's wall clock,
// dates added by hand, BigInt shares: test/_support/calendarOracle.ts).

const ZONES = [...ORACLE_ZONES, "America/St_Johns", "America/Santiago"];
type Cadence = "daily" | "weekly" | "monthly" | "quarterly" | "annual";
type Basis = "second" | "day" | "month_30_days";
interface Billing {
  readonly cadence: Cadence;
  readonly alignment: "calendar" | "anniversary";
  readonly anchorDay?: number;
  readonly anchorMonth?: number;
}
const MONTHS: Partial<Record<Cadence, number>> = { monthly: 1, quarterly: 3, annual: 12 };

// Boundary 0: the term's start date (anniversary, daily), the Monday on or before it (weekly), or the
// anchor day of January (monthly) or of the anchor month (quarterly, annual) of the start's year.
function referenceDate(billing: Billing, start: OracleDate): OracleDate {
  if (billing.alignment === "anniversary" || billing.cadence === "daily") return start;
  if (billing.cadence === "weekly")
    return daysLater(start, -((new Date(dayNumber(start) * 86_400_000).getUTCDay() + 6) % 7));
  const month = billing.cadence === "monthly" ? 1 : (billing.anchorMonth ?? 1);
  return { y: start.y, m: month, d: billing.anchorDay ?? 1 };
}

// Boundary n, counted from boundary 0 (never step after step: day 31 comes back after February).
function boundary(billing: Billing, reference: OracleDate, n: number): OracleDate {
  const months = MONTHS[billing.cadence];
  if (months !== undefined) return monthsLater(reference.y, reference.m, n * months, reference.d);
  return daysLater(reference, n * (billing.cadence === "daily" ? 1 : 7));
}

const billingArb: fc.Arbitrary<Billing> = fc
  .record({
    cadence: fc.constantFrom<Cadence>("daily", "weekly", "monthly", "quarterly", "annual"),
    alignment: fc.constantFrom("calendar" as const, "anniversary" as const),
    anchorDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }),
    anchorMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  })
  .map(({ cadence, alignment, anchorDay, anchorMonth }) => {
    const calendar = alignment === "calendar" && MONTHS[cadence] !== undefined;
    return {
      cadence,
      alignment,
      ...(calendar && anchorDay !== undefined ? { anchorDay } : {}),
      ...(calendar && cadence !== "monthly" && anchorMonth !== undefined ? { anchorMonth } : {}),
    };
  });

const caseArb = fc.record({
  billing: billingArb,
  zone: fc.constantFrom(...ZONES),
  start: fc.record({
    y: fc.integer({ min: 2023, max: 2027 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  }),
  startMinute: fc.option(fc.integer({ min: 1, max: 1439 }), { nil: undefined }),
  days: fc.option(fc.integer({ min: 1, max: 800 }), { nil: undefined }),
  endMinute: fc.option(fc.integer({ min: 1, max: 1439 }), { nil: undefined }),
  basis: fc.constantFrom<Basis>("second", "day", "month_30_days"),
  timing: fc.constantFrom("in_arrears" as const, "in_advance" as const),
  fee: fc.bigInt({ min: 1n, max: 100_000_000n }),
  mode: fc.constantFrom("half_even" as const, "half_up" as const),
});

describe("fees over every cadence, anchor and zone agree with a calendar worked out apart", () => {
  it("bills each period the fee × its part inside the term, rounded once", () => {
    fc.assert(
      fc.property(caseArb, (drawn) => {
        const { billing, zone, basis } = drawn;
        if (basis === "month_30_days" && MONTHS[billing.cadence] === undefined) return; // refused there
        const startDate = {
          ...drawn.start,
          d: Math.min(drawn.start.d, monthLength(drawn.start.y, drawn.start.m)),
        };
        const termStart = localMidnight(startDate, zone) + (drawn.startMinute ?? 0) * 60_000;
        const endDate = drawn.days === undefined ? undefined : daysLater(startDate, drawn.days);
        const termEnd =
          endDate === undefined
            ? Number.POSITIVE_INFINITY
            : localMidnight(endDate, zone) + (drawn.endMinute ?? 0) * 60_000;
        const contract = buildContract({
          timeZone: zone,
          billing: { ...billing, ...(basis === "second" ? {} : { proration: basis }) },
          term: {
            start: drawn.startMinute === undefined ? isoDate(startDate) : new Date(termStart).toISOString(),
            ...(endDate === undefined
              ? {}
              : { end: drawn.endMinute === undefined ? isoDate(endDate) : new Date(termEnd).toISOString() }),
          },
          rounding: { mode: drawn.mode },
          meters: [],
          charges: [
            {
              id: "fee",
              name: "Fee",
              billed: drawn.timing,
              price: { model: "flat", amount: centsText(drawn.fee) },
            },
          ],
        });
        const reference = referenceDate(billing, localDateOf(termStart, zone));
        const instantOf = (n: number) => localMidnight(boundary(billing, reference, n), zone);
        let n = -8; // the period that holds the term's start
        while (instantOf(n + 1) <= termStart) n += 1;
        for (let k = 0; k < 5 && instantOf(n + k) < termEnd; k += 1) {
          const whole = [instantOf(n + k), instantOf(n + k + 1)] as const;
          const part = [Math.max(whole[0], termStart), Math.min(whole[1], termEnd)] as const;
          const [elapsed, total] = shareOf(basis, part, whole, zone, reference.d);
          const expected = centsText(roundFractionByHand(drawn.fee * elapsed, total, drawn.mode));
          // In arrears the period's own invoice bills it; in advance the opening invoice (the first
          // period) or the invoice that closes the period before.
          const invoice =
            drawn.timing === "in_arrears"
              ? rateInvoice(contract, [], { start: whole[0], end: whole[1] })
              : k === 0
                ? rateOpeningInvoice(contract)
                : rateInvoice(contract, [], {
                    start: Math.max(instantOf(n + k - 1), termStart),
                    end: whole[0],
                  });
          const line = invoice.lines.find((candidate) => Date.parse(candidate.period.end) > whole[0]);
          expect(line?.period).toEqual({
            start: new Date(part[0]).toISOString(),
            end: new Date(part[1]).toISOString(),
          });
          expect(line?.amount).toBe(expected);
        }
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});
