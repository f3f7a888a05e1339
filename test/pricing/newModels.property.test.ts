import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ZERO } from "../../src/money/index.js";
import type { PercentageTerms, RatingContext, TermsOf } from "../../src/pricing/index.js";
import { NO_CONTEXT, percentage, ratePrice } from "../../src/pricing/index.js";
import {
  CAPACITY_METERS,
  capacityArb,
  decimalArb,
  deepFreeze,
  dynamicArb,
  eventValuesArb,
  frozenMap,
  frozenQuantityArb,
  graduatedPercentageArb,
  percentArb,
  percentageArb,
  ratablePriceArb,
  ratedInputArb,
  thresholdArb,
  tieredPackageArb,
  tieredWithMinimumArb,
} from "../_arbitraries/prices.js";
import { assertPriceModelLawsInContext } from "../_laws/contextPriceModelLaws.js";

const contextOf = (values: ReadonlyArray<Decimal>): RatingContext =>
  deepFreeze({ eventValues: values, meterQuantities: frozenMap<string, Decimal>([]) });
const sum = (values: ReadonlyArray<Decimal>) => values.reduce((total, value) => total.plus(value), ZERO);
const ratePercentage = (terms: PercentageTerms, values: ReadonlyArray<Decimal>) =>
  percentage.rate(terms, sum(values), contextOf(values)).amount;

describe("laws of every model, rated with a context", () => {
  it("is deterministic, non-negative, and its steps re-add to the amount exactly", () => {
    assertPriceModelLawsInContext(ratablePriceArb);
  });

  it("holds for the context-reading models in particular (percentage, capacity, dynamic)", () => {
    assertPriceModelLawsInContext(fc.oneof(percentageArb, capacityArb, dynamicArb));
  });
});

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

describe("tiered package (laws)", () => {
  it("graduated never costs less for more usage", () => {
    const graduated = tieredPackageArb.filter(
      (terms) => terms.model === "tiered_package" && terms.mode === "graduated",
    );
    fc.assert(
      fc.property(graduated, frozenQuantityArb, frozenQuantityArb, (terms, a, b) => {
        const [low, high] = a.lessThan(b) ? [a, b] : [b, a];
        expect(ratePrice(terms, low).amount.lessThanOrEqualTo(ratePrice(terms, high).amount)).toBe(true);
      }),
    );
  });

  it("volume costs ceil(quantity ÷ the reached tier's block size) × its block price", () => {
    const volume = tieredPackageArb.filter(
      (terms) => terms.model === "tiered_package" && terms.mode === "volume",
    );
    fc.assert(
      fc.property(volume, frozenQuantityArb, (terms, quantity) => {
        if (terms.model !== "tiered_package") return;
        const reached = terms.tiers.find(
          (tier) => tier.upTo == null || quantity.lessThanOrEqualTo(tier.upTo),
        )!;
        // Ceiling by integer division: blocks = q div size, plus one if anything is left over.
        const whole = quantity.divToInt(reached.packageSize);
        const blocks = whole.times(reached.packageSize).equals(quantity) ? whole : whole.plus(1);
        expect(ratePrice(terms, quantity).amount.equals(blocks.times(reached.packagePrice))).toBe(true);
      }),
    );
  });
});

describe("threshold (laws)", () => {
  it("costs exactly one of the band amounts: the first band whose upTo the quantity does not exceed", () => {
    fc.assert(
      fc.property(thresholdArb, frozenQuantityArb, (terms, quantity) => {
        const amount = ratePrice(terms, quantity).amount;
        if (quantity.isZero() && terms.flatFeeAtZeroUsage === false) {
          // The one exception: zero usage with flatFeeAtZeroUsage false bills nothing.
          expect(amount.isZero()).toBe(true);
          return;
        }
        expect(terms.bands.some((band) => band.amount.equals(amount))).toBe(true);
        const band = terms.bands.find((b) => b.upTo == null || quantity.lessThanOrEqualTo(b.upTo))!;
        expect(amount.equals(band.amount)).toBe(true);
      }),
    );
  });
});

describe("graduated percentage (laws)", () => {
  it("with one tier and no fee equals percent ÷ 100 × the amount", () => {
    fc.assert(
      fc.property(percentArb, frozenQuantityArb, (percent, quantity) => {
        const terms: TermsOf<"graduated_percentage"> = {
          model: "graduated_percentage",
          tiers: [{ percent }],
        };
        expect(ratePrice(terms, quantity).amount.equals(quantity.times(percent).div(100))).toBe(true);
      }),
    );
  });

  it("never costs less for a larger amount", () => {
    fc.assert(
      fc.property(graduatedPercentageArb, frozenQuantityArb, frozenQuantityArb, (terms, a, b) => {
        const [low, high] = a.lessThan(b) ? [a, b] : [b, a];
        expect(ratePrice(terms, low).amount.lessThanOrEqualTo(ratePrice(terms, high).amount)).toBe(true);
      }),
    );
  });
});

describe("tiered with minimum (laws)", () => {
  it("costs the larger of the graduated amount and the highest reached tier's minimum", () => {
    fc.assert(
      fc.property(tieredWithMinimumArb, frozenQuantityArb, (terms, quantity) => {
        if (terms.model !== "tiered_with_minimum") return;
        // Independent restatement: units in tier i = clamp(q, lower_i, upper_i) − lower_i.
        let graduatedAmount = ZERO;
        let lower = ZERO;
        let top = terms.tiers[0]!;
        for (const tier of terms.tiers) {
          if (!lower.isZero() && quantity.lessThanOrEqualTo(lower)) break;
          top = tier;
          const upper = tier.upTo ?? Decimal.max(quantity, lower);
          graduatedAmount = graduatedAmount.plus(
            Decimal.min(quantity, upper).minus(lower).times(tier.unitPrice),
          );
          lower = upper;
        }
        // No top-up at zero usage when flatFeeAtZeroUsage is false.
        const skipped = quantity.isZero() && terms.flatFeeAtZeroUsage === false;
        const expected = skipped ? graduatedAmount : Decimal.max(graduatedAmount, top.minimum ?? ZERO);
        expect(ratePrice(terms, quantity).amount.equals(expected)).toBe(true);
      }),
    );
  });
});

describe("dynamic (laws)", () => {
  it("equals the summed amounts times the multiplier (1 when absent)", () => {
    fc.assert(
      fc.property(dynamicArb, frozenQuantityArb, (terms, quantity) => {
        if (terms.model !== "dynamic") return;
        expect(ratePrice(terms, quantity).amount.equals(quantity.times(terms.multiplier ?? 1))).toBe(true);
      }),
    );
  });
});

describe("capacity (laws)", () => {
  it("charges the first tier whose every limit holds, or refuses with capacity_exceeded", () => {
    fc.assert(
      fc.property(capacityArb, ratedInputArb, (terms, { quantity, context }) => {
        if (terms.model !== "capacity") return;
        const measured = (meter: string) => context.meterQuantities.get(meter) ?? ZERO;
        const fits = terms.tiers.find((tier) =>
          (tier.limits ?? []).every((limit) => measured(limit.meter).lessThanOrEqualTo(limit.max)),
        );
        if (fits === undefined) {
          expect(() => ratePrice(terms, quantity, context)).toThrowError(
            expect.objectContaining({ code: "capacity_exceeded" }),
          );
        } else {
          // No usage of the charge's own meter bills nothing when flatFeeAtZeroUsage is false.
          const skipped = quantity.isZero() && terms.flatFeeAtZeroUsage === false;
          expect(ratePrice(terms, quantity, context).amount.equals(skipped ? ZERO : fits.amount)).toBe(true);
        }
      }),
    );
  });

  it("with no usage at all charges the first tier, or nothing when flatFeeAtZeroUsage is false", () => {
    fc.assert(
      fc.property(capacityArb, (terms) => {
        if (terms.model !== "capacity") return;
        const expected = terms.flatFeeAtZeroUsage === false ? ZERO : terms.tiers[0]!.amount;
        expect(ratePrice(terms, ZERO, NO_CONTEXT).amount.equals(expected)).toBe(true);
      }),
    );
  });

  it("only reads the meters its limits name", () => {
    fc.assert(
      fc.property(
        capacityArb,
        ratedInputArb,
        decimalArb({ digits: 9, scale: 0 }),
        (terms, { context }, extra) => {
          if (terms.model !== "capacity") return;
          const named = new Set(
            terms.tiers.flatMap((tier) => (tier.limits ?? []).map((limit) => limit.meter)),
          );
          const unnamed = CAPACITY_METERS.filter((meter) => !named.has(meter));
          const widened = deepFreeze({
            ...context,
            meterQuantities: frozenMap([
              ...context.meterQuantities,
              ...unnamed.map((m) => [m, extra] as const),
            ]),
          });
          const attempt = (ctx: RatingContext) => {
            try {
              return ratePrice(terms, ZERO, ctx).amount.toFixed();
            } catch (error) {
              return (error as { code: string }).code;
            }
          };
          expect(attempt(widened)).toBe(attempt(context));
        },
      ),
    );
  });
});
