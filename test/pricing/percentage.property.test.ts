import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ZERO } from "../../src/money/index.js";
import type { PercentageTerms, RatingContext } from "../../src/pricing/index.js";
import { percentage } from "../../src/pricing/index.js";
import { decimalArb, deepFreeze, eventValuesArb, frozenMap, percentageArb } from "../_arbitraries/prices.js";

const contextOf = (values: ReadonlyArray<Decimal>): RatingContext =>
  deepFreeze({ eventValues: values, meterQuantities: frozenMap<string, Decimal>([]) });
const sum = (values: ReadonlyArray<Decimal>) => values.reduce((total, value) => total.plus(value), ZERO);
const ratePercentage = (terms: PercentageTerms, values: ReadonlyArray<Decimal>) =>
  percentage.rate(terms, sum(values), contextOf(values)).amount;

describe("percentage (laws)", () => {
  it("charges every paying transaction within its minimum and maximum, recomputed event by event", () => {
    fc.assert(
      fc.property(percentageArb, eventValuesArb, (terms, values) => {
        const min = terms.minimumPerEvent;
        const max = terms.maximumPerEvent;
        const freeEvents = terms.freeEvents ?? Number.POSITIVE_INFINITY;
        let previous = ZERO;
        let cumulative = ZERO;
        values.forEach((value, index) => {
          // The charge of transaction i: what the first i + 1 cost minus what the first i cost.
          const upToHere = ratePercentage(terms, values.slice(0, index + 1));
          const charge = upToHere.minus(previous);
          previous = upToHere;
          cumulative = cumulative.plus(value);
          const withinLimits =
            (min === undefined || charge.greaterThanOrEqualTo(min)) &&
            (max === undefined || charge.lessThanOrEqualTo(max));
          // A free transaction pays 0 and must lie inside the allowance: among the first freeEvents,
          // and with the running total of values not above freeAmount.
          const couldBeFree =
            charge.isZero() &&
            index < freeEvents &&
            (terms.freeAmount === undefined || cumulative.lessThanOrEqualTo(terms.freeAmount));
          expect(withinLimits || couldBeFree).toBe(true);
        });
      }),
    );
  });

  it("without an allowance, charges each transaction clamp(value × rate + fee) and sums them", () => {
    const noAllowance = percentageArb.map((terms) => {
      const { freeEvents: _events, freeAmount: _amount, ...rest } = terms;
      return deepFreeze(rest);
    });
    fc.assert(
      fc.property(noAllowance, eventValuesArb, (terms, values) => {
        const rate =
          terms.percent !== undefined ? terms.percent.div(100) : (terms.basisPoints ?? ZERO).div(10_000);
        let expected = ZERO;
        for (const value of values) {
          // Independent restatement of one transaction's charge, clamped after the fixed fee.
          let charge = value.times(rate).plus(terms.fixedFee ?? ZERO);
          if (terms.minimumPerEvent !== undefined) charge = Decimal.max(charge, terms.minimumPerEvent);
          if (terms.maximumPerEvent !== undefined) charge = Decimal.min(charge, terms.maximumPerEvent);
          // Rated alone, the transaction costs exactly that.
          expect(ratePercentage(terms, [value]).equals(charge)).toBe(true);
          expect(charge.greaterThanOrEqualTo(terms.minimumPerEvent ?? charge)).toBe(true);
          expect(charge.lessThanOrEqualTo(terms.maximumPerEvent ?? charge)).toBe(true);
          expected = expected.plus(charge);
        }
        expect(ratePercentage(terms, values).equals(expected)).toBe(true);
      }),
    );
  });

  it("ignores refunds (negative values) wherever they fall: same amount as without them", () => {
    const refundArb = decimalArb({ digits: 4, scale: 2, min: 0 }).map((value) =>
      value.plus("0.01").negated(),
    );
    fc.assert(
      fc.property(
        percentageArb,
        eventValuesArb,
        fc.array(fc.tuple(fc.nat(), refundArb), { maxLength: 4 }),
        (terms, values, refunds) => {
          const withRefunds = [...values];
          for (const [position, refund] of refunds)
            withRefunds.splice(position % (withRefunds.length + 1), 0, refund);
          expect(ratePercentage(terms, deepFreeze(withRefunds)).equals(ratePercentage(terms, values))).toBe(
            true,
          );
        },
      ),
    );
  });

  it("gives the same amount for p percent as for 100 × p basis points", () => {
    fc.assert(
      fc.property(percentageArb, eventValuesArb, (terms, values) => {
        const { percent, basisPoints, ...rest } = terms;
        const p = percent ?? (basisPoints ?? ZERO).div(100);
        const inPercent = ratePercentage({ ...rest, percent: p }, values);
        const inBasisPoints = ratePercentage({ ...rest, basisPoints: p.times(100) }, values);
        expect(inPercent.equals(inBasisPoints)).toBe(true);
      }),
    );
  });
});
