import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { anchorDayOf, applyRatio, type Period, periodOf, prorationRatio } from "../../src/time/index.js";
import { billingCycleArb, instantArb } from "../_arbitraries/time.js";

const SCALE = 1_000_000;
// Split points as fractions of the period (k / 1,000,000), turned into instants inside it.
const cutsArb = fc.array(fc.integer({ min: 0, max: SCALE }), { maxLength: 12 });

function pieces(whole: Period, cuts: ReadonlyArray<number>): Period[] {
  const length = whole.end - whole.start;
  const inside = cuts
    .map((k) => whole.start + 1 + Math.floor(((length - 2) * k) / SCALE))
    .filter((t) => t > whole.start && t < whole.end);
  const points = [whole.start, ...[...new Set(inside)].sort((a, b) => a - b), whole.end];
  return points.slice(1).map((end, index) => ({ start: points[index]!, end }));
}

describe("proration (laws)", () => {
  for (const basis of ["second", "day"] as const) {
    it(`adds the ${basis}-based pieces of a billing period up to exactly the whole`, () => {
      fc.assert(
        fc.property(billingCycleArb, instantArb, cutsArb, (cycle, instant, cuts) => {
          const whole = periodOf(cycle, instant);
          const parts = pieces(whole, cuts);
          const ratios = parts.map((part) => prorationRatio(part, whole, basis, cycle.timeZone));
          const elapsed = ratios.reduce((sum, r) => sum.plus(r.elapsed), new Decimal(0));
          const total = prorationRatio(whole, whole, basis, cycle.timeZone).total;
          // Σ elapsed == total, and every piece is measured against the same total.
          expect(elapsed.equals(total)).toBe(true);
          for (const ratio of ratios) {
            expect(ratio.total.equals(total)).toBe(true);
            expect(ratio.elapsed.isNegative()).toBe(false);
            expect(ratio.elapsed.lessThanOrEqualTo(ratio.total)).toBe(true);
          }
        }),
      );
    });
  }

  for (const basis of ["second", "day"] as const) {
    it(`splits a fee over ${basis}-based pieces whose exact prorated values add up to the fee`, () => {
      fc.assert(
        fc.property(
          billingCycleArb,
          instantArb,
          cutsArb,
          fc.integer({ min: 1, max: 10_000_000_000 }),
          (cycle, instant, cuts, cents) => {
            const fee = new Decimal(cents).div(100);
            const whole = periodOf(cycle, instant);
            const ratios = pieces(whole, cuts).map((part) =>
              prorationRatio(part, whole, basis, cycle.timeZone),
            );
            const total = ratios[0]!.total;
            // As fractions, Σ fee × elapsed ÷ total = fee exactly: Σ fee × elapsed = fee × total (no division).
            const numerators = ratios.reduce((sum, r) => sum.plus(fee.times(r.elapsed)), new Decimal(0));
            expect(numerators.equals(fee.times(total))).toBe(true);
            // As 50-digit decimals (applyRatio divides once per piece), each piece is off by less than a
            // unit in its 50th significant digit, so the sum is within that of the fee per piece — far
            // below a minor unit, which is where the invoice rounds.
            const sum = ratios.reduce((acc, r) => acc.plus(applyRatio(fee, r)), new Decimal(0));
            const unit = new Decimal(10).pow(fee.e - 49);
            expect(sum.minus(fee).abs().lessThanOrEqualTo(unit.times(ratios.length))).toBe(true);
          },
        ),
      );
    });
  }

  it("adds 30-day-month pieces of a monthly, quarterly or annual period up to exactly the whole", () => {
    const monthsArb = billingCycleArb.filter((cycle) => !["daily", "weekly"].includes(cycle.cadence));
    fc.assert(
      fc.property(monthsArb, instantArb, cutsArb, (cycle, instant, cuts) => {
        const whole = periodOf(cycle, instant);
        const anchorDay = anchorDayOf(cycle);
        const ratios = pieces(whole, cuts).map((part) =>
          prorationRatio(part, whole, "month_30_days", cycle.timeZone, anchorDay),
        );
        const elapsed = ratios.reduce((sum, r) => sum.plus(r.elapsed), new Decimal(0));
        const { total } = prorationRatio(whole, whole, "month_30_days", cycle.timeZone, anchorDay);
        // Σ elapsed == total: the 30-day scale is a function of the date, so piece counts telescope.
        expect(elapsed.equals(total)).toBe(true);
        for (const ratio of ratios) expect(ratio.elapsed.isNegative()).toBe(false);
        // Every billing period is 30 days a month on that scale (a quarter 90, a year 360), whatever its
        // real length and whatever the anchor: also 29 January → 28 February in a cycle anchored on the
        // 29th (until 6 December 2026 31 days, and 28 February → 29 March 29; only periods from the 1st
        // were checked).
        const months = { monthly: 1, quarterly: 3, annual: 12 }[cycle.cadence as "monthly"];
        expect(total.toNumber()).toBe(30 * months);
      }),
    );
  });

  it("measures a period by second as exactly its length in milliseconds / 1000", () => {
    fc.assert(
      fc.property(billingCycleArb, instantArb, (cycle, instant) => {
        const whole = periodOf(cycle, instant);
        const { total } = prorationRatio(whole, whole, "second", cycle.timeZone);
        expect(total.times(1000).equals(whole.end - whole.start)).toBe(true);
      }),
    );
  });
});
