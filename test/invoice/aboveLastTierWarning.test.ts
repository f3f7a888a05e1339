import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract } from "../_support/contract.js";

// A graduated price whose last tier is bounded (Orb's `last_unit`): up to 1,000 at 0.10, up to 5,000 at
// 0.08, and "extend" beyond. The invoice bills the excess and says so (issue 13): a bound that is not
// a cap must not pass unnoticed.
const graduated = (aboveLastTier: "extend" | "refuse") => ({
  model: "graduated" as const,
  tiers: [
    { upTo: "1000", unitPrice: "0.10" },
    { upTo: "5000", unitPrice: "0.08" },
  ],
  aboveLastTier,
});
const contract = (aboveLastTier: "extend" | "refuse", grouped = false) =>
  buildContract({
    id: "ctr_bounded",
    charges: [
      {
        id: "api",
        name: "API calls",
        meter: "m",
        price: grouped
          ? { model: "grouped", groupBy: ["region"], price: graduated(aboveLastTier) }
          : graduated(aboveLastTier),
      },
    ],
  });
const usage = (v: number, region = "eu") => [
  {
    id: `e-${region}-${v}`,
    type: "e",
    customer: "cus",
    timestamp: "2026-03-10T00:00:00Z",
    properties: { v, region },
  },
];

describe('aboveLastTier "extend": the invoice says a quantity went above the last bound', () => {
  it("bills 6,000 as 500.00 and warns with the charge, the bound and the 1,000 above it", () => {
    const invoice = rateInvoice(contract("extend"), usage(6000), "2026-03");
    // 1,000 × 0.10 + 5,000 × 0.08 (the last tier holds everything above 1,000) = 100 + 400 = 500.00
    expect(invoice.lines[0]!.amount).toBe("500.00");
    const message =
      "Charge api: the quantity 6000 is 1000 above the last tier's upTo of 5000; the price says aboveLastTier \"extend\", so those 1000 are billed at the last tier's price.";
    expect(invoice.warnings).toEqual([message]);
    expect(invoice.notices).toEqual([
      {
        code: "above_last_tier_extended",
        path: "charges[0]",
        chargeId: "api",
        details: { quantity: "6000", upTo: "5000", above: "1000" },
        message,
      },
    ]);
    expect(explainText(invoice)).toContain(`Warnings:\n- ${message}`);
  });

  it("says nothing at the bound itself (upTo is inclusive) or below it", () => {
    // 5,000: 100 + 4,000 × 0.08 = 420.00, inside the tiers
    const invoice = rateInvoice(contract("extend"), usage(5000), "2026-03");
    expect(invoice.lines[0]!.amount).toBe("420.00");
    expect(invoice.warnings).toEqual([]);
    expect(rateInvoice(contract("extend"), usage(10), "2026-03").warnings).toEqual([]);
  });

  it("a fraction above the bound is reported as it is: 5000.5 is 0.5 above", () => {
    const invoice = rateInvoice(contract("extend"), usage(5000.5), "2026-03");
    // 100 + 4,000.5 × 0.08 = 100 + 320.04 = 420.04
    expect(invoice.lines[0]!.amount).toBe("420.04");
    expect(invoice.notices?.[0]?.details).toEqual({ quantity: "5000.5", upTo: "5000", above: "0.5" });
  });

  it("names the group of a grouped line whose quantity went above", () => {
    const invoice = rateInvoice(
      contract("extend", true),
      [...usage(7000, "eu"), ...usage(200, "us")],
      "2026-03",
    );
    // eu: 100 + 6,000 × 0.08 = 580.00, above by 2,000; us: 200 × 0.10 = 20.00, no warning
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ['api[region="eu"]', "580.00"],
      ['api[region="us"]', "20.00"],
    ]);
    expect(invoice.notices?.map((notice) => notice.details)).toEqual([
      { group: 'region="eu"', quantity: "7000", upTo: "5000", above: "2000" },
    ]);
    expect(invoice.warnings[0]).toContain('Charge api (region="eu"): the quantity 7000 is 2000 above');
  });

  it('"refuse" refuses the invoice instead (no warning to give)', () => {
    expect(() => rateInvoice(contract("refuse"), usage(6000), "2026-03")).toThrow(
      expect.objectContaining({ code: "quantity_above_last_tier" }),
    );
  });

  it("law: a warning exactly when the quantity passes 5,000, with the excess, and the amount extends", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), (v) => {
        const invoice = rateInvoice(contract("extend"), usage(v), "2026-03");
        const notices = invoice.notices ?? [];
        expect(notices.length).toBe(v > 5000 ? 1 : 0);
        if (v > 5000) expect(notices[0]!.details).toMatchObject({ above: String(v - 5000) });
        // min(v, 1,000) × 0.10 + max(0, v − 1,000) × 0.08, in cents to stay in integers
        const cents = Math.min(v, 1000) * 10 + Math.max(0, v - 1000) * 8;
        expect(invoice.lines[0]!.amount).toBe((cents / 100).toFixed(2));
      }),
      { numRuns: 40 },
    );
  });
});
