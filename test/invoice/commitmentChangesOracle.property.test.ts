import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";

// An independent oracle of a commitment per billing period whose minimum and maximum change on dates
// (docs/contracts.md, "A minimum or maximum that changes on a date"), over a year of monthly invoices,
// in plain BigInt cents: up to three changes on any day of 2026, a term that may start mid-month (the
// first invoice a partial period). Each month owes Σ limitᵢ × elapsedᵢ ÷ the billing period's length,
// one division, rounded half-even once (UTC: the seconds basis is a share of days); below the minimum a
// true-up, above the maximum a cap. Nothing of ratecard is used but producing the invoices.

const DAYS_IN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number) => String(n).padStart(2, "0");
const dateOf = (month: number, day: number) => `2026-${pad(month + 1)}-${pad(day)}`;
const cents = (value: bigint) => `${value / 100n}.${pad(Number(value % 100n))}`;
const ordinal = (month: number, day: number) => DAYS_IN.slice(0, month).reduce((a, b) => a + b, 0) + day;
const halfEven = (n: bigint, d: bigint) => {
  const q = n / d;
  const r = n % d;
  return 2n * r > d || (2n * r === d && q % 2n === 1n) ? q + 1n : q;
};

const dayArb = fc
  .integer({ min: 0, max: 11 })
  .chain((month) => fc.integer({ min: 1, max: DAYS_IN[month]! }).map((day) => ({ month, day })));
// minimums below every maximum, so no change can put the minimum in force above the maximum in force
const minimumArb = fc.bigInt({ min: 1n, max: 100_000n });
const maximumArb = fc.bigInt({ min: 100_000n, max: 300_000n });

const caseArb = fc.record({
  minimum: minimumArb,
  maximum: maximumArb,
  changes: fc.uniqueArray(
    fc.record({
      at: dayArb,
      minimum: fc.option(minimumArb, { nil: undefined }),
      maximum: fc.option(maximumArb, { nil: undefined }),
    }),
    { maxLength: 3, selector: (change) => ordinal(change.at.month, change.at.day) },
  ),
  termStart: fc.option(fc.integer({ min: 2, max: 28 }), { nil: undefined }), // a day of January
  spends: fc.array(fc.bigInt({ min: 0n, max: 400_000n }), { minLength: 12, maxLength: 12 }),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

// The changes in date order, each with both limits in force from its date.
function scheduleOf(c: Case) {
  const sorted = [...c.changes]
    .filter((change) => change.minimum !== undefined || change.maximum !== undefined)
    .sort((a, b) => ordinal(a.at.month, a.at.day) - ordinal(b.at.month, b.at.day));
  return sorted;
}

function contractOf(c: Case) {
  return buildContract({
    id: "ctr_changes",
    term: { start: dateOf(0, c.termStart ?? 1) },
    commitments: [
      {
        id: "limits",
        name: "Limits",
        minimum: cents(c.minimum),
        maximum: cents(c.maximum),
        ...(scheduleOf(c).length === 0
          ? {}
          : {
              changes: scheduleOf(c).map((change) => ({
                effective: dateOf(change.at.month, change.at.day),
                ...(change.minimum === undefined ? {} : { minimum: cents(change.minimum) }),
                ...(change.maximum === undefined ? {} : { maximum: cents(change.maximum) }),
              })),
            }),
      },
    ],
  });
}

// The limits in force on a day of the year (its ordinal).
function limitsOn(c: Case, day: number) {
  let { minimum, maximum } = c;
  for (const change of scheduleOf(c)) {
    if (ordinal(change.at.month, change.at.day) > day) break;
    minimum = change.minimum ?? minimum;
    maximum = change.maximum ?? maximum;
  }
  return { minimum, maximum };
}

// The month's limits: Σ over its days of the limit in force that day (a day is a part's elapsed share)
// ÷ the month's days, rounded once; the first month starts on the term's day.
function oracleMonth(c: Case, month: number) {
  const first = month === 0 ? (c.termStart ?? 1) : 1;
  let minimum = 0n;
  let maximum = 0n;
  for (let day = first; day <= DAYS_IN[month]!; day++) {
    const limits = limitsOn(c, ordinal(month, day));
    minimum += limits.minimum;
    maximum += limits.maximum;
  }
  const days = BigInt(DAYS_IN[month]!);
  const owed = { minimum: halfEven(minimum, days), maximum: halfEven(maximum, days) };
  const spend = c.spends[month]!;
  const trueUp = spend < owed.minimum ? owed.minimum - spend : 0n;
  const cap = spend > owed.maximum ? spend - owed.maximum : 0n;
  return { ...owed, trueUp, cap, total: spend + trueUp - cap };
}

describe("a commitment whose limits change on dates, over a year, against a BigInt oracle", () => {
  it("owes each month the day-weighted limits rounded once: true-up, cap and total as the oracle's", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const contract = contractOf(c);
        const events = c.spends.map((spend, m) =>
          usageEvent(`u${m}`, "e", `${dateOf(m, 28)}T00:00:00Z`, { v: cents(spend) }),
        );
        for (let month = 0; month < 12; month++) {
          const period = `2026-${pad(month + 1)}`;
          const invoice = rateInvoice(contract, events, period);
          const want = oracleMonth(c, month);
          const applied = invoice.commitments![0]!;
          expect(applied.minimum, period).toBe(cents(want.minimum));
          expect(applied.maximum, period).toBe(cents(want.maximum));
          expect(applied.trueUp ?? "0.00", period).toBe(cents(want.trueUp));
          expect(applied.cap ?? "0.00", period).toBe(want.cap === 0n ? "0.00" : `-${cents(want.cap)}`);
          expect(invoice.total, period).toBe(cents(want.total));
        }
      }),
      { numRuns: fuzzRuns(25) },
    );
  });
});
