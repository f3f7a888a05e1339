// transform.scope "charge" (docs/pricing.md, "The transform across the groups"): the group lines of a
// grouped charge rated on its groups' total add up, to the minor unit, to what the same charge rated
// without groups on that total bills, and each line is within one minor unit of its exact share by usage.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChargeTerms, TransformTerms } from "../../src/contracts/index.js";
import { explainLine } from "../../src/explain/index.js";
import type { InvoiceLine } from "../../src/invoice/index.js";
import type { GroupQuantity, MeterQuantity } from "../../src/meters/index.js";
import { Decimal, ZERO } from "../../src/money/index.js";
import type { PriceTerms } from "../../src/pricing/index.js";
import { type RateChargeInput, rateCharge } from "../../src/rating/index.js";
import type { MeterTerms } from "../../src/schema/index.js";
import { classicPriceArb, decimalArb, deepFreeze } from "../_arbitraries/prices.js";
import { expectLineLaws } from "../_laws/lineLaws.js";

const METER: MeterTerms = deepFreeze({
  id: "ops",
  eventType: "r2.class_a",
  aggregation: "sum",
  valueProperty: "ops",
});
const USD = { code: "USD", minorUnits: 2 };

// A price that rates a quantity (a flat fee takes no transform) and a transform, sometimes none of its parts.
const priceArb = classicPriceArb.filter((price) => price.model !== "flat");
const transformArb: fc.Arbitrary<TransformTerms> = fc
  .record({
    divideBy: fc.option(fc.constantFrom("1000", "1000000", "0.5"), { nil: undefined }),
    included: fc.option(decimalArb({ digits: 3, scale: 2 }), { nil: undefined }),
    round: fc.constantFrom("up" as const, "down" as const, "none" as const),
  })
  .map(({ divideBy, included, round }) => ({
    ...(divideBy === undefined ? {} : { divideBy: new Decimal(divideBy) }),
    ...(included === undefined ? {} : { included }),
    round,
  }));
// 1–6 buckets, some empty, some with corrections below zero.
const bucketsArb = fc.array(
  fc.oneof(
    decimalArb({ digits: 7, scale: 0 }),
    decimalArb({ digits: 4, scale: 2 }),
    fc.constant(ZERO),
    decimalArb({ digits: 3, scale: 0 }).map((value) => value.negated()),
  ),
  { minLength: 1, maxLength: 6 },
);

// The charge's input from its groups' usage; `alone` rates the meter's total without groups.
function inputOf(charge: ChargeTerms, groups: ReadonlyArray<GroupQuantity>, alone = false): RateChargeInput {
  const usage: MeterQuantity = deepFreeze({
    meter: METER,
    events: groups.length,
    quantity: groups.reduce((sum, group) => sum.plus(group.quantity), ZERO),
  });
  return {
    charge,
    path: "charges[0]",
    usage,
    groups: alone ? [] : groups,
    meterQuantities: new Map([["ops", usage.quantity]]),
    period: { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) },
    proration: undefined,
    currency: USD,
    rounding: "half_even",
  };
}

describe("transform scope charge (laws)", () => {
  it("the group lines add up to the charge rated without groups on the total, each within a cent of its share", () => {
    fc.assert(
      fc.property(
        priceArb,
        transformArb,
        bucketsArb,
        fc.boolean(),
        (price, transform, quantities, credit) => {
          const groups: GroupQuantity[] = quantities.map((quantity, index) =>
            deepFreeze({ group: { bucket: `b${index}` }, events: 1, quantity }),
          );
          const grouped = { model: "grouped", groupBy: ["bucket"], price } as PriceTerms;
          const charge = deepFreeze({
            id: "class_a",
            name: "Class A",
            meter: "ops",
            price: grouped,
            transform: { ...transform, scope: "charge" as const },
            credit,
          }) as ChargeTerms;
          const ungrouped = inputOf(deepFreeze({ ...charge, price, transform }) as ChargeTerms, groups, true);
          let alone: ReturnType<typeof rateCharge>["lines"];
          try {
            alone = rateCharge(ungrouped).lines;
          } catch {
            // A total a price refuses (a tiered price and a quantity below zero) is refused across the groups too.
            expect(() => rateCharge(inputOf(charge, groups))).toThrowError();
            return;
          }
          const { lines } = rateCharge(inputOf(charge, groups));
          expect(lines.length).toBe(groups.length);
          const sum = lines.reduce((total, line) => total.plus(line.amount), ZERO);
          expect(sum.toFixed(2)).toBe(alone[0]!.amount);
          // The side of zero the total is on weighs: above zero the groups above zero by their usage,
          // below zero (a credit) the groups below zero by their size.
          const below = quantities.reduce((total, quantity) => total.plus(quantity), ZERO).lessThan(0);
          const sided = quantities.map((quantity) =>
            quantity.isZero() || quantity.lessThan(0) !== below ? ZERO : quantity.abs(),
          );
          const weights = sided.every((weight) => weight.isZero()) ? sided.map(() => new Decimal(1)) : sided;
          const totalWeight = weights.reduce((total, weight) => total.plus(weight), ZERO);
          for (const line of lines) {
            const index = Number(line.group!.bucket!.toString().slice(1));
            const exact = new Decimal(alone[0]!.amount).times(weights[index]!).div(totalWeight);
            expect(exact.minus(line.amount).abs().lessThan("0.01")).toBe(true);
            expectLineLaws(line, 2, "half_even");
            // A group on the other side of zero from the total takes no share, and its explanation says
            // why rather than "this group's 0 of …".
            if (!quantities[index]!.isZero() && weights[index]!.isZero()) {
              expect(new Decimal(line.amount).isZero()).toBe(true);
              const words = explainLine(line as unknown as InvoiceLine, { prefix: "$", minorUnits: 2 });
              expect(words).toContain(
                below ? "This group measured above zero" : "This group measured below zero",
              );
              expect(words).not.toContain("this group's 0 of");
            }
          }
        },
      ),
    );
  });
});
