import { describe, expect, it } from "vitest";
import { correctLateUsage, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, type ChargeInput, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// Storage whose first 100 GB are free (graduated: 0–100 at 0.00, above at 0.50) and an adjustment
// meter billed at 1.00 a unit, which may be negative (a refund). UTC, billed monthly.
const storage: ChargeInput = {
  id: "gb",
  name: "Storage",
  meter: "use",
  price: {
    model: "graduated",
    tiers: [
      { upTo: "100", unitPrice: "0" },
      { upTo: null, unitPrice: "0.50" },
    ],
  },
};
const charges = [storage, unitCharge("adj", "Adjustment", "adj")];
const meters = [sumMeter("use"), sumMeter("adj")];
const nextInvoice = buildContract({ meters, charges });
const creditNote = buildContract({ meters, charges, lateUsage: { correction: "credit_note" } });
const at = (id: string, meter: string, day: number, v: string) =>
  usageEvent(id, meter, `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`, { v });
const USAGE = [at("a", "use", 3, "50")];

describe("late usage that changes a line's quantity but not its amount", () => {
  it("reverses and rebooks the line (50 → 60 GB, both free), with a total of 0.00", () => {
    const issued = rateInvoice(nextInvoice, USAGE, "2026-03");
    // 50 GB in the free tier: 0.00; the adjustment line: 0 units, 0.00
    expect(issued.total).toBe("0.00");
    const result = correctLateUsage(nextInvoice, issued, USAGE, [at("late", "use", 20, "10")], {
      billOn: "2026-04",
    });
    if (result.mode !== "next_invoice") throw new Error("expected next_invoice");
    // 60 GB, still inside the free 100: the amount stays 0.00, the quantity does not
    expect(result.lines.map((line) => [line.kind, line.corrects, line.quantity, line.amount])).toEqual([
      ["reversal", "gb", "-50", "0.00"],
      ["rebook", "gb", "60", "0.00"],
    ]);
    expect([result.subtotal, result.total]).toEqual(["0.00", "0.00"]);
  });

  it("credits and re-issues the invoice under credit_note, though its total is unchanged", () => {
    const issued = rateInvoice(creditNote, USAGE, "2026-03");
    const result = correctLateUsage(creditNote, issued, USAGE, [at("late", "use", 20, "10")], {
      billOn: "2026-04",
    });
    if (result.mode !== "credit_note") throw new Error("expected credit_note");
    expect(result.reissued?.lines.map((line) => [line.id, line.quantity])).toEqual([
      ["gb", "60"],
      ["adj", "0"],
    ]);
    expect(result.creditNote?.invoiceId).toBe(issued.id);
    expect(result.reissued?.total).toBe("0.00");
  });

  it("issues nothing under credit_note when the late events change no line (another customer's)", () => {
    const issued = rateInvoice(creditNote, USAGE, "2026-03");
    const other = { ...at("late", "use", 20, "10"), customer: "someone_else" };
    const result = correctLateUsage(creditNote, issued, USAGE, [other], { billOn: "2026-04" });
    expect(result).not.toHaveProperty("creditNote");
    expect(result.lateEvents).toEqual({
      given: 1,
      counted: 0,
      notCounted: [{ reason: "other_customer", events: 1 }],
    });
  });
});

describe("the reversal of a line whose quantity is zero or negative", () => {
  it("reverses a line of 0 units as 0, not -0", () => {
    const issued = rateInvoice(nextInvoice, USAGE, "2026-03");
    const result = correctLateUsage(nextInvoice, issued, USAGE, [at("late", "adj", 20, "4")], {
      billOn: "2026-04",
    });
    if (result.mode !== "next_invoice") throw new Error("expected next_invoice");
    // adjustment: 0 → 4 units × 1.00 = 4.00
    expect(result.lines.map((line) => [line.kind, line.quantity, line.amount])).toEqual([
      ["reversal", "0", "0.00"],
      ["rebook", "4", "4.00"],
    ]);
    expect(result.total).toBe("4.00");
  });

  it("reverses a line of -5 units (a refund, its amount floored at 0.00) as +5", () => {
    const usage = [...USAGE, at("refund", "adj", 4, "-5")];
    const issued = rateInvoice(nextInvoice, usage, "2026-03");
    const result = correctLateUsage(nextInvoice, issued, usage, [at("late", "adj", 20, "2")], {
      billOn: "2026-04",
    });
    if (result.mode !== "next_invoice") throw new Error("expected next_invoice");
    // adjustment: −5 → −5 + 2 = −3 units; a negative amount is floored at 0.00 (negative_amount_floored)
    // before and after, so only the quantity changes: reversal of −5 is +5, rebook −3; total 0.00
    expect(issued.lines.find((line) => line.chargeId === "adj")?.amount).toBe("0.00");
    expect(result.lines.map((line) => [line.kind, line.quantity, line.amount])).toEqual([
      ["reversal", "5", "0.00"],
      ["rebook", "-3", "0.00"],
    ]);
    expect(result.total).toBe("0.00");
  });
});
