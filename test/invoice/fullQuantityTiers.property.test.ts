import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import {
  buildContract,
  buildContractJson,
  type ChargeInput,
  PRORATED_UNITS_METER,
} from "../_support/contract.js";

const TIERS = [
  { upTo: "5", unitPrice: "10", flatFee: "100" },
  { upTo: "20", unitPrice: "5", flatFee: "50" },
  { unitPrice: "2" },
];
const contractWith = (model: "volume" | "graduated", tiersBy?: "quantity" | "full_quantity") => {
  const charge: ChargeInput = {
    id: "units",
    name: "Units",
    meter: "units",
    price: { model, tiers: TIERS },
    ...(tiersBy === undefined ? {} : { tiersBy }),
  };
  return buildContract(
    buildContractJson({
      meters: [PRORATED_UNITS_METER],
      charges: [charge],
    }),
  );
};
// Up to 4 additions of 0–30 units on days 1–31 of March 2026.
const usageArb = fc.array(
  fc.record({ day: fc.integer({ min: 1, max: 31 }), n: fc.integer({ min: 0, max: 30 }) }),
  { maxLength: 4 },
);
const toEvents = (usage: ReadonlyArray<{ day: number; n: number }>) =>
  usage.map((event, i) => ({
    id: `u${i}`,
    type: "unit",
    customer: "cus",
    timestamp: `2026-03-${String(event.day).padStart(2, "0")}T08:00:00Z`,
    properties: { n: String(event.n) },
  }));
const modelArb = fc.constantFrom("volume" as const, "graduated" as const);

describe('tiersBy: "full_quantity": laws', () => {
  it('leaves a charge without it, or with "quantity", as it was', () => {
    fc.assert(
      fc.property(modelArb, usageArb, (model, usage) => {
        const plain = rateInvoice(contractWith(model), toEvents(usage), "2026-03");
        const explicit = rateInvoice(contractWith(model, "quantity"), toEvents(usage), "2026-03");
        expect(explicit.lines).toEqual(plain.lines);
        expect(plain.lines[0]!.steps.some((step) => step.kind === "full_quantity_tiers")).toBe(false);
      }),
    );
  });

  it("bills the same as without it when nothing is prorated away (every unit there from March 1)", () => {
    fc.assert(
      fc.property(modelArb, usageArb, (model, usage) => {
        const fromDayOne = toEvents(usage.map((event) => ({ ...event, day: 1 })));
        const full = rateInvoice(contractWith(model, "full_quantity"), fromDayOne, "2026-03");
        const plain = rateInvoice(contractWith(model), fromDayOne, "2026-03");
        expect(full.lines[0]!.amount).toBe(plain.lines[0]!.amount);
      }),
    );
  });

  it("keeps the tier flat fees whole and never bills more than the full quantity would", () => {
    fc.assert(
      fc.property(modelArb, usageArb, (model, usage) => {
        const line = rateInvoice(contractWith(model, "full_quantity"), toEvents(usage), "2026-03").lines[0]!;
        const step = line.steps.find((candidate) => candidate.kind === "full_quantity_tiers");
        if (step?.kind !== "full_quantity_tiers") throw new Error("no full_quantity_tiers step");
        const amount = new Decimal(step.amount);
        expect(amount.gte(step.flatFees) && amount.lte(step.before)).toBe(true);
        expect(new Decimal(step.quantity).lte(step.full)).toBe(true);
      }),
    );
  });
  it("bills a volume charge the flat fee of the full quantity's tier plus the prorated units at its price, units removed too", () => {
    // Lago's volume charge (units × the per-unit price of the tier the full units reach + its flat
    // amount). Additions and removals that keep the running total at 0 or more, so the full quantity
    // (the total at the end) may be 0 while units were held for days: those days are billed too.
    const movesArb = fc.array(
      fc.record({ day: fc.integer({ min: 1, max: 31 }), n: fc.integer({ min: -30, max: 30 }) }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(movesArb, (moves) => {
        let total = 0;
        const kept: Array<{ day: number; n: number }> = [];
        for (const move of [...moves].sort((a, b) => a.day - b.day)) {
          if (total + move.n < 0) continue;
          total += move.n;
          kept.push(move);
        }
        const line = rateInvoice(contractWith("volume", "full_quantity"), toEvents(kept), "2026-03")
          .lines[0]!;
        const tier = TIERS.find(
          (candidate) => candidate.upTo === undefined || total <= Number(candidate.upTo),
        )!;
        const expected = new Decimal(tier.flatFee ?? "0").plus(
          new Decimal(line.quantity).times(tier.unitPrice),
        );
        expect(line.amount).toBe(expected.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2));
      }),
    );
  });
});
