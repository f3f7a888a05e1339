import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type RoundingMode, rateInvoice } from "../../src/index.js";
import { decimalText, roundingModeArb } from "../_arbitraries/money.js";
import { buildContract, meteredEvent, unitCharge } from "../_support/contract.js";
import { roundUnitsByHand } from "../_support/roundByHand.js";

// The contract's rounding mode decides each line's amount, and only at its minor unit: a unit price
// with one decimal more than the currency, ending in 5 half the time, times a whole quantity, lands on
// an exact tie whenever the quantity is odd. A charge and its refund (a credit charge at minus the
// price) put the same amount on both sides of zero, where ceiling and floor, up and down part ways.

const currencyArb = fc.constantFrom(
  { code: "USD", minorUnits: 2 },
  { code: "JPY", minorUnits: 0 },
  { code: "BHD", minorUnits: 3 },
);
// the unit price in units of one more decimal than the currency: 0.005, 0.125, 1.235, … for USD
const priceUnitsArb = fc.oneof(
  fc.integer({ min: 0, max: 99_999 }).map((n) => BigInt(n) * 10n + 5n),
  fc.integer({ min: 1, max: 999_999 }).map(BigInt),
);

function lineAmounts(mode: RoundingMode, currency: string, unitPrice: string, quantity: number) {
  const contract = buildContract({
    id: "ctr_rounding",
    currency,
    rounding: { mode },
    charges: [
      unitCharge("use", "Use", "m", unitPrice),
      unitCharge("refund", "Refund", "m", `-${unitPrice}`, { credit: true }),
    ],
  });
  const invoice = rateInvoice(contract, [meteredEvent("e1", String(quantity))], "2026-02");
  return { invoice, amounts: invoice.lines.map((line) => line.amount) };
}

describe("the contract's rounding mode on invoice lines (laws)", () => {
  it("rounds each line, charge and refund, as integer arithmetic does, ties included, in every currency", () => {
    fc.assert(
      fc.property(
        roundingModeArb,
        currencyArb,
        priceUnitsArb,
        fc.integer({ min: 0, max: 1_000_000 }),
        (mode, currency, priceUnits, quantity) => {
          const scale = currency.minorUnits + 1;
          const exact = priceUnits * BigInt(quantity); // the line before rounding, at `scale` places
          const { invoice, amounts } = lineAmounts(
            mode,
            currency.code,
            decimalText(priceUnits, scale),
            quantity,
          );
          const byHand = (units: bigint) =>
            decimalText(roundUnitsByHand(units, scale, currency.minorUnits, mode), currency.minorUnits);
          expect(amounts).toEqual([byHand(exact), byHand(-exact)]);
          expect(invoice.rounding.mode).toBe(mode);
        },
      ),
    );
  });

  it("bills 3 × 0.005 = 0.015 as 0.02 half_even and half_up, 0.01 half_down; the refund mirrors or not by mode", () => {
    // 0.015 lies halfway between 0.01 and 0.02: half_even takes the even 0.02, half_up the one away
    // from zero; −0.015: ceiling goes up to −0.01, floor down to −0.02
    const cases: ReadonlyArray<readonly [RoundingMode, string, string]> = [
      ["half_even", "0.02", "-0.02"],
      ["half_up", "0.02", "-0.02"],
      ["half_down", "0.01", "-0.01"],
      ["up", "0.02", "-0.02"],
      ["down", "0.01", "-0.01"],
      ["ceiling", "0.02", "-0.01"],
      ["floor", "0.01", "-0.02"],
    ];
    for (const [mode, charge, refund] of cases) {
      expect(lineAmounts(mode, "USD", "0.005", 3).amounts, mode).toEqual([charge, refund]);
    }
  });
});
