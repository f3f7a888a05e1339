import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { type Period, periodOf, prorationRatio } from "../../src/time/index.js";
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
