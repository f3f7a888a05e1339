import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, flatCharge, sumMeter, unitCharge } from "../_support/contract.js";

// Usage at 1.00 a unit on days of March–April 2026 and a monthly fee, with a percent discount between
// two dates (local midnights, UTC). Days are counted from 1 March (day 0) to 1 May (day 61).
const MARCH_1 = Date.UTC(2026, 2, 1);
const dayDate = (day: number) => new Date(MARCH_1 + day * 86_400_000).toISOString().slice(0, 10);
const MONTHS = [
  { label: "2026-03", first: 0, end: 31 },
  { label: "2026-04", first: 31, end: 61 },
];

const caseArb = fc.record({
  percent: fc.integer({ min: 1, max: 100 }),
  fee: fc.integer({ min: 0, max: 10_000 }),
  usage: fc.array(
    fc.record({ day: fc.integer({ min: 0, max: 60 }), units: fc.integer({ min: 0, max: 5_000 }) }),
    {
      maxLength: 8,
    },
  ),
  from: fc.option(fc.integer({ min: -5, max: 65 }), { nil: undefined }),
  length: fc.integer({ min: 1, max: 70 }),
  openEnd: fc.boolean(),
  // An allowance pool on the usage charge (units free per billing period), or none.
  pool: fc.option(fc.integer({ min: 1, max: 8_000 }), { nil: undefined }),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function windowOf(c: Case): { from?: number; until?: number } {
  const from = c.from;
  const until = c.openEnd && from !== undefined ? undefined : (from ?? 0) + c.length;
  return { ...(from !== undefined ? { from } : {}), ...(until !== undefined ? { until } : {}) };
}

function invoiceOf(c: Case, month: string, partialPeriod?: "days_covered") {
  const { from, until } = windowOf(c);
  const contract = buildContract({
    meters: [sumMeter("units", { eventType: "u" })],
    charges: [unitCharge("usage", "Usage", "units"), flatCharge("fee", "Fee", (c.fee / 100).toFixed(2))],
    discounts: [
      {
        id: "d",
        name: "D",
        percent: String(c.percent),
        ...(from !== undefined ? { from: dayDate(from) } : {}),
        ...(until !== undefined ? { until: dayDate(until) } : {}),
        ...(partialPeriod !== undefined ? { partialPeriod } : {}),
      },
    ],
    ...(c.pool !== undefined
      ? { allowances: [{ id: "free", name: "Free", quantity: String(c.pool), charges: ["usage"] }] }
      : {}),
  });
  const events = c.usage.map((entry, i) => ({
    id: `e${i}`,
    type: "u",
    customer: "cus",
    timestamp: `${dayDate(entry.day)}T12:00:00Z`,
    properties: { v: String(entry.units) },
  }));
  return rateInvoice(contract, events, month);
}

describe("days_covered discount laws", () => {
  it("a period the window covers wholly, or misses wholly, is billed as under the period share", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { from = -1_000, until = 1_000 } = windowOf(c);
        for (const month of MONTHS) {
          const whole = from <= month.first && until >= month.end;
          const none = until <= month.first || from >= month.end;
          if (!whole && !none) continue;
          const covered = invoiceOf(c, month.label, "days_covered");
          const shared = invoiceOf(c, month.label);
          expect(covered.total).toBe(shared.total);
          expect(covered.lines).toEqual(shared.lines);
        }
      }),
    );
  });

  it("on a cut period takes the percent of what the covered days billed (their share of a pool's draw off), never more than the lines", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { from = -1_000, until = 1_000 } = windowOf(c);
        for (const month of MONTHS) {
          if (from <= month.first && until >= month.end) continue;
          if (until <= month.first || from >= month.end) continue;
          const invoice = invoiceOf(c, month.label, "days_covered");
          // the oracle: the units of the days in [from, until) at 1.00, and the fee × covered days ÷ month days
          const start = Math.max(from, month.first);
          const end = Math.min(until, month.end);
          const units = c.usage
            .filter((entry) => entry.day >= start && entry.day < end)
            .reduce((sum, entry) => sum + entry.units, 0);
          // with a pool, the covered units bear their share of the month's draw: drawn × units ÷ month units
          const monthUnits = c.usage
            .filter((entry) => entry.day >= month.first && entry.day < month.end)
            .reduce((sum, entry) => sum + entry.units, 0);
          const drawn = Math.min(c.pool ?? 0, monthUnits);
          const coveredUnits =
            monthUnits === 0
              ? new Decimal(0)
              : new Decimal(units).minus(new Decimal(drawn).times(units).div(monthUnits));
          const fee = new Decimal(c.fee)
            .div(100)
            .times(end - start)
            .div(month.end - month.first);
          // the covered days are rated as a piece is, their line rounded half-even to the cent
          const covered = fee.plus(coveredUnits.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN));
          // the covered part rounded down to the cent (the figure the invoice shows), × percent,
          // rounded half-even: never above it (1 day of a 1.08 fee in a 30-day April covers 0.036 →
          // 0.03; 98 % of 0.03 = 0.0294 → 0.03, where 98 % of 0.036 would round to 0.04)
          const shown = covered.toDecimalPlaces(2, Decimal.ROUND_DOWN);
          const expected = shown.times(c.percent).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
          const applied = invoice.discounts?.[0];
          expect(new Decimal(applied?.amount ?? "0").negated().toFixed(2)).toBe(expected.toFixed(2));
          // never more than the covered part, nor than any line's amount
          expect(expected.lessThanOrEqualTo(shown)).toBe(true);
          expect(applied?.inForce?.covered).toBe(shown.toFixed(2));
          for (const line of invoice.lines)
            expect(new Decimal(line.net ?? line.amount).isNegative()).toBe(false);
        }
      }),
    );
  });
});
