import { describe, expect, it } from "vitest";
import { explainLine } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { billableQuantity } from "../../src/rating/index.js";
import { buildContract, type ChargeInput } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// docs/pricing.md: a price that refuses a negative quantity refuses it (negative_quantity), `unit`
// multiplies it (a charge that is not a credit then bills 0.00 with a zero-floor warning). An allowance
// (`included`, `transform.included`) takes off free units, never going below zero: it takes off what
// there is, up to its size, so a quantity below zero has nothing to take off and stays as it is.
// Usage: a correction of −7 (one event), the allowance 5.
const d = (value: string | number) => new Decimal(value);
const usage = [
  { id: "fix", type: "e", customer: "cus", timestamp: "2026-03-10T00:00:00Z", properties: { v: -7 } },
];
const graduated = {
  model: "graduated" as const,
  tiers: [{ upTo: "100", unitPrice: "1" }, { unitPrice: "0.5" }],
};
const rate = (charge: Partial<ChargeInput>) =>
  rateInvoice(
    buildContract({ charges: [{ id: "use", name: "Use", meter: "m", price: graduated, ...charge }] }),
    usage,
    "2026-03",
  );
const usd = { prefix: "$", minorUnits: 2 };

describe("a negative quantity meets an allowance", () => {
  it("keeps −7 at −7 with 5 included: nothing to take the allowance from", () => {
    // −7 is below 0: the allowance takes off min(5, max(0, −7)) = 0, so −7 − 0 = −7 (not 0).
    expect(billableQuantity(d(-7), undefined, d(5)).quantity.toFixed()).toBe("-7");
    expect(billableQuantity(d(-7), { included: d(5) }).quantity.toFixed()).toBe("-7");
    // −7,000 ÷ 1,000 = −7, then 5 included in the divided unit: −7 still.
    expect(billableQuantity(d(-7000), { divideBy: d(1000), included: d(5) }).quantity.toFixed()).toBe("-7");
    // 3 and 12 as before: 3 − min(5, 3) = 0; 12 − 5 = 7.
    expect(billableQuantity(d(3), undefined, d(5)).quantity.toFixed()).toBe("0");
    expect(billableQuantity(d(12), undefined, d(5)).quantity.toFixed()).toBe("7");
  });

  it("refuses −7 with 5 included on a graduated price, as it refuses −7 without", () => {
    const without = thrown(() => rate({}));
    expect(without).toMatchObject({ code: "negative_quantity", path: "charges[0].price" });
    for (const allowance of [{ included: "5" }, { transform: { included: "5" } }]) {
      const withAllowance = thrown(() => rate(allowance));
      expect(withAllowance).toMatchObject({ code: "negative_quantity", path: "charges[0].price" });
      expect((withAllowance as Error).message).toBe((without as Error).message);
    }
  });

  it("bills −7 with 5 included on a unit price as −7 without: −7 × 1.00 = −7.00, floored at 0.00", () => {
    const unit = { price: { model: "unit" as const, unitPrice: "1.00" } };
    const without = rate(unit);
    const withAllowance = rate({ ...unit, included: "5" });
    expect(without.lines[0]!.amount).toBe("0.00");
    expect(withAllowance.lines[0]!.amount).toBe("0.00");
    expect(withAllowance.warnings).toEqual(without.warnings);
    expect(withAllowance.warnings).toHaveLength(1);
    // The sentence says what happened: the 5 included took nothing off, −7 was billed as −7.
    expect(explainLine(withAllowance.lines[0]!, usd)).toContain(
      "Billable quantity: -7, as measured: the first 5 included take nothing off a quantity below zero.",
    );
  });
});
