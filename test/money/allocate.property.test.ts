import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, Decimal } from "../../src/money/index.js";
import { currencyAndAmountArb, weightsArb } from "../_arbitraries/money.js";

const sum = (values: ReadonlyArray<Decimal>) => values.reduce((total, v) => total.plus(v), new Decimal(0));

describe("allocate (laws)", () => {
  it("returns one part per weight, summing exactly to the whole", () => {
    fc.assert(
      fc.property(currencyAndAmountArb, weightsArb, ({ currency, amount }, weights) => {
        const parts = allocate(amount, weights, currency);
        expect(parts).toHaveLength(weights.length);
        expect(sum(parts).equals(amount)).toBe(true);
      }),
    );
  });

  it("gives every part a whole number of minor units", () => {
    fc.assert(
      fc.property(currencyAndAmountArb, weightsArb, ({ currency, amount }, weights) => {
        for (const part of allocate(amount, weights, currency)) {
          expect(part.decimalPlaces()).toBeLessThanOrEqual(currency.minorUnits);
        }
      }),
    );
  });

  it("keeps each part within strictly less than one minor unit of its exact share", () => {
    fc.assert(
      fc.property(currencyAndAmountArb, weightsArb, ({ currency, amount }, weights) => {
        const parts = allocate(amount, weights, currency);
        const unit = new Decimal(10).pow(-currency.minorUnits);
        const weightSum = sum(weights);
        parts.forEach((part, index) => {
          const weight = weights[index]!;
          // |part − amount × w / Σw| < unit, multiplied through by Σw > 0 so nothing is divided:
          // |part × Σw − amount × w| < unit × Σw
          const gap = part.times(weightSum).minus(amount.times(weight)).abs();
          expect(gap.lessThan(unit.times(weightSum))).toBe(true);
        });
      }),
    );
  });

  it("gives zero to every part with zero weight", () => {
    fc.assert(
      fc.property(currencyAndAmountArb, weightsArb, ({ currency, amount }, weights) => {
        const parts = allocate(amount, weights, currency);
        weights.forEach((weight, index) => {
          if (weight.isZero()) expect(parts[index]!.isZero()).toBe(true);
        });
      }),
    );
  });

  it("never gives a part the opposite sign of the amount", () => {
    fc.assert(
      fc.property(currencyAndAmountArb, weightsArb, ({ currency, amount }, weights) => {
        for (const part of allocate(amount, weights, currency)) {
          if (!part.isZero()) expect(part.isNegative()).toBe(amount.isNegative());
        }
      }),
    );
  });

  it("is deterministic: the same inputs give the same parts", () => {
    fc.assert(
      fc.property(currencyAndAmountArb, weightsArb, ({ currency, amount }, weights) => {
        const first = allocate(amount, weights, currency).map((p) => p.toFixed());
        const second = allocate(amount, weights, currency).map((p) => p.toFixed());
        expect(second).toEqual(first);
      }),
    );
  });

  it("splits a negated amount into the negated parts", () => {
    fc.assert(
      fc.property(currencyAndAmountArb, weightsArb, ({ currency, amount }, weights) => {
        const parts = allocate(amount, weights, currency);
        const negated = allocate(amount.negated(), weights, currency);
        parts.forEach((part, index) => {
          expect(negated[index]!.equals(part.negated())).toBe(true);
        });
      }),
    );
  });

  it("does not depend on the scale of the weights", () => {
    fc.assert(
      fc.property(
        currencyAndAmountArb,
        weightsArb,
        fc.constantFrom("10", "0.001", "7"),
        ({ currency, amount }, weights, factor) => {
          const parts = allocate(amount, weights, currency).map((p) => p.toFixed());
          const scaled = allocate(
            amount,
            weights.map((w) => w.times(factor)),
            currency,
          ).map((p) => p.toFixed());
          expect(scaled).toEqual(parts);
        },
      ),
    );
  });
});
