import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CreditGrantTerms } from "../../src/contracts/index.js";
import { burnAmount, rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract } from "../_support/contract.js";

const USD = { code: "USD", minorUnits: 2 };
const CENT = new Decimal("0.01");

// A unit value such as 0.003 or 12.5: an integer scaled by 10^-k.
const unitValueArb = fc
  .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([n, k]) => new Decimal(n).div(new Decimal(10).pow(k)));

describe("custom-unit credit laws", () => {
  it("never pays more than the balance is worth, never takes the balance below zero, and uses the fewest units that cover the money", () => {
    fc.assert(
      fc.property(
        unitValueArb,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (unitValue, minorUnits, balanceSteps, owedCents) => {
          const step = new Decimal(10).pow(-minorUnits);
          const balance = step.times(balanceSteps);
          const owed = CENT.times(owedCents);
          const grant: CreditGrantTerms = {
            id: "g",
            name: "G",
            kind: "promotional",
            amount: balance.plus(1),
            unit: "CREDIT",
            unitValue,
          };
          const { money, units } = burnAmount(grant, balance, owed, USD, [{ code: "CREDIT", minorUnits }]);
          const worth = balance.times(unitValue);
          // money: whole cents, at most what is owed and what the balance is worth ...
          expect(money.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(money.isNegative()).toBe(false);
          expect(money.lessThanOrEqualTo(owed)).toBe(true);
          expect(money.lessThanOrEqualTo(worth)).toBe(true);
          // ... and the most it can be: one more cent would pass one of those limits
          const limit = Decimal.min(owed, worth);
          expect(money.plus(CENT).greaterThan(limit)).toBe(true);
          // units: in the unit's minor units, never more than the balance (balance after ≥ 0) ...
          expect(units.decimalPlaces()).toBeLessThanOrEqual(minorUnits);
          expect(units.isNegative()).toBe(false);
          expect(units.lessThanOrEqualTo(balance)).toBe(true);
          // ... enough to pay the money, and one minor unit fewer would not be
          expect(units.times(unitValue).greaterThanOrEqualTo(money)).toBe(true);
          if (units.greaterThan(0)) expect(units.minus(step).times(unitValue).lessThan(money)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("over 12 months carried by hand: units used + the last balance = the grant, and money paid ≤ grant × unitValue", () => {
    fc.assert(
      fc.property(
        unitValueArb,
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        (unitValue, amount, monthlyCents, atUse) => {
          const contract = buildContract({
            customUnits: [{ code: "CREDIT", minorUnits: 0 }],
            meters: [{ id: "u", eventType: "u", aggregation: "sum", valueProperty: "v" }],
            charges: [{ id: "usage", name: "Usage", meter: "u", price: { model: "unit", unitPrice: "1" } }],
            credits: [
              {
                id: "credits",
                name: "Credits",
                kind: "prepaid",
                taxed: atUse ? "at_use" : "at_purchase",
                amount: String(amount),
                unit: "CREDIT",
                unitValue: unitValue.toString(),
              },
            ],
          });
          let carried: Record<string, string> = {};
          let unitsUsed = new Decimal(0);
          let paid = new Decimal(0);
          let last = new Decimal(amount);
          for (const [m, cents] of monthlyCents.entries()) {
            const month = `2026-${String(m + 1).padStart(2, "0")}`;
            const events = [
              {
                id: `e${m}`,
                type: "u",
                customer: "cus",
                timestamp: `${month}-10T00:00:00Z`,
                properties: { v: CENT.times(cents).toFixed(2) },
              },
            ];
            const credit = rateInvoice(contract, events, month, { creditBalances: carried }).credits![0]!;
            // each month starts where the last one ended
            expect(credit.balanceBefore).toBe(last.toFixed(0));
            const after = new Decimal(credit.balanceAfter);
            expect(after.isNegative()).toBe(false);
            expect(after.equals(last.minus(credit.unitsUsed!))).toBe(true);
            unitsUsed = unitsUsed.plus(credit.unitsUsed!);
            paid = paid.minus(credit.applied);
            last = after;
            carried = { credits: credit.balanceAfter };
          }
          expect(unitsUsed.plus(last).equals(amount)).toBe(true);
          expect(paid.lessThanOrEqualTo(new Decimal(amount).times(unitValue))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
