import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Invoice } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";
import { spendToDate } from "../_support/cumulativeCommitment.js";

// A commitment owed once over 2026, at 1.00 a unit so each month's usage is its spend. The year is billed
// monthly, quarterly or in one invoice, each invoice carrying the spend of the ones before it.
const CADENCES = {
  monthly: Array.from({ length: 12 }, (_, m) => [m, m + 1] as const),
  quarterly: [0, 3, 6, 9].map((m) => [m, m + 3] as const),
  annual: [[0, 12] as const],
};
type Cadence = keyof typeof CADENCES;
const day = (month: number) =>
  month === 12 ? "2027-01-01" : `2026-${String(month + 1).padStart(2, "0")}-01`;

function contractOf(cadence: Cadence, minimum: string, overageFactor?: string) {
  return buildContract({
    id: "ctr_year",
    billing: { cadence },
    commitments: [
      {
        id: "year",
        name: "Annual commitment",
        minimum,
        ...(overageFactor === undefined ? {} : { overageFactor }),
        cumulative: { from: "2026-01-01", until: "2027-01-01" },
      },
    ],
  });
}

// Each month's spend as one event on its 2nd day; every invoice of the cadence in turn, carrying spend.
function rateYear(cadence: Cadence, spends: ReadonlyArray<string>, minimum: string, factor?: string) {
  const contract = contractOf(cadence, minimum, factor);
  const events = spends.map((v, m) => usageEvent(`u${m}`, "e", `${day(m).slice(0, 8)}02T00:00:00Z`, { v }));
  const invoices: Invoice[] = [];
  for (const [from, until] of CADENCES[cadence]) {
    const before = invoices.at(-1);
    const carried = before === undefined ? {} : { commitmentSpendToDate: spendToDate(before) };
    invoices.push(rateInvoice(contract, events, `${day(from)}/${day(until)}`, carried));
  }
  return invoices;
}

const sum = (values: ReadonlyArray<string | undefined>) =>
  values.reduce((total, value) => total.plus(value ?? "0"), new Decimal(0));
const cents = fc.integer({ min: 0, max: 300_000 }).map((n) => new Decimal(n).div(100).toFixed(2));
// Spend is often nothing in a month: a quiet month must carry the spend to date unchanged.
const monthSpend = fc.oneof(fc.constant("0.00"), cents);
const year = fc.array(monthSpend, { minLength: 12, maxLength: 12 });
const minimumArb = fc.integer({ min: 1, max: 2_000_000 }).map((n) => new Decimal(n).div(100).toFixed(2));

describe("cumulative commitment laws", () => {
  it("bills the closed form however the year is split into invoices: S below M bills M, above it M + (S − M) × f", () => {
    // factors 2 and 3 keep every overage line exact (no rounding), so the split cannot change a cent;
    // 1.5 on whole cents can leave half a cent per invoice, so there the split may differ by its rounding
    const factorArb = fc.option(fc.constantFrom("2", "3", "1.5"), { nil: undefined });
    fc.assert(
      fc.property(year, minimumArb, factorArb, (spends, minimum, factor) => {
        const spend = sum(spends);
        const m = new Decimal(minimum);
        const f = new Decimal(factor ?? "1");
        const closed = spend.lessThan(m) ? m : m.plus(spend.minus(m).times(f));
        for (const cadence of Object.keys(CADENCES) as Cadence[]) {
          const invoices = rateYear(cadence, spends, minimum, factor);
          const billed = sum(invoices.map((invoice) => invoice.total));
          const tolerance = factor === "1.5" ? new Decimal("0.005").times(invoices.length) : new Decimal(0);
          expect(
            billed.minus(closed).abs().lessThanOrEqualTo(tolerance),
            `${cadence}: ${billed} vs ${closed}`,
          ).toBe(true);
          // the carried spend at the end is the year's spend, whatever the split
          expect(invoices.at(-1)!.commitments![0]!.cumulative!.spendAfter).toBe(spend.toFixed(2));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("never bills the overage before the commitment is used up, and splits spend into within + excess exactly", () => {
    const factorArb = fc
      .integer({ min: 10_001, max: 30_000 })
      .map((n) => new Decimal(n).div(10_000).toFixed(4));
    fc.assert(
      fc.property(year, minimumArb, factorArb, (spends, minimum, factor) => {
        const invoices = rateYear("monthly", spends, minimum, factor);
        const m = new Decimal(minimum);
        const records = invoices.map((invoice) => invoice.commitments![0]!);
        records.forEach((record, at) => {
          const period = record.cumulative!;
          // an overage only once the spend to date is past the minimum, and only on what lies past it
          if (record.overage !== undefined) expect(new Decimal(period.spendAfter).greaterThan(m)).toBe(true);
          const past = Decimal.max(new Decimal(period.spendAfter).minus(m), 0);
          expect(new Decimal(period.excess).equals(Decimal.min(new Decimal(record.spend), past))).toBe(true);
          expect(new Decimal(period.within).plus(period.excess).equals(record.spend)).toBe(true);
          // a true-up only on the invoice that closes the period
          expect(record.trueUp === undefined || at === records.length - 1).toBe(true);
        });
        const spend = sum(spends);
        expect(sum(records.map((record) => record.cumulative!.within)).equals(Decimal.min(spend, m))).toBe(
          true,
        );
        expect(
          sum(records.map((record) => record.cumulative!.excess)).equals(Decimal.max(spend.minus(m), 0)),
        ).toBe(true);
        expect(new Decimal(records.at(-1)!.trueUp ?? "0").equals(Decimal.max(m.minus(spend), 0))).toBe(true);
        // each overage line is its own excess × (f − 1) rounded once: within half a cent an invoice of the whole
        const overage = sum(records.map((record) => record.overage));
        const exact = Decimal.max(spend.minus(m), 0).times(new Decimal(factor).minus(1));
        expect(overage.minus(exact).abs().lessThanOrEqualTo(new Decimal("0.005").times(12))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
