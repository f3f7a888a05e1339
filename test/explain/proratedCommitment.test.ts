import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";

// A $1,000.00 monthly minimum (and a $3,000.00 maximum) on a term that starts on 21 April, prorated by
// whole days: April's invoice covers 21–30 April, 10 of April's 30 days. The explanation gives the
// share and the exact figure before its rounding, as a prorated fee and a prorated fixed discount do, so
// a specialist can redo $333.33 by hand (docs/contracts.md, "Proration of minimums, commitments and
// fixed amounts").
const contract = (mode?: string) =>
  buildContract({
    id: "ctr_prorated_minimum",
    billing: { cadence: "monthly", alignment: "calendar", proration: "day" } as never,
    term: { start: "2026-04-21" },
    ...(mode === undefined ? {} : { rounding: { mode } as never }),
    meters: [sumMeter("units", { eventType: "u" })],
    charges: [unitCharge("usage", "Usage", "units")],
    commitments: [{ id: "min", name: "Minimum spend", minimum: "1000", maximum: "3000" }],
  });
const usage = [
  { id: "e1", type: "u", customer: "cus", timestamp: "2026-04-25T12:00:00Z", properties: { v: "100" } },
];

describe("a prorated commitment says its share and its exact figure", () => {
  it("reads 1,000.00 × 10 ÷ 30 = 333.3333333333…, rounded half-even: 333.33", () => {
    // 1,000.00 × 10 ÷ 30 = 333.333… → 333.33 (half-even, the third decimal 3 rounds down); the maximum
    // 3,000.00 × 10 ÷ 30 = 1,000.00 exactly, so it has no rounding to say. Spend 100.00: true-up 233.33.
    const invoice = rateInvoice(contract(), usage, "2026-04");
    expect(invoice.commitments?.[0]).toMatchObject({
      minimum: "333.33",
      maximum: "1000.00",
      trueUp: "233.33",
    });
    expect(explainText(invoice)).toContain(
      "Minimum spend: the period is part of a billing period, so its limits are prorated: minimum $1,000.00 × 10 ÷ 30 days (2026-04-21 to 2026-05-01) = $333.3333333333…, rounded half-even: $333.33 for this invoice; maximum $3,000.00 × 10 ÷ 30 days (2026-04-21 to 2026-05-01) = $1,000.00 for this invoice.",
    );
  });

  it("names the contract's rounding mode: 333.333… rounded ceiling is 333.34", () => {
    const invoice = rateInvoice(contract("ceiling"), usage, "2026-04");
    expect(invoice.commitments?.[0]?.minimum).toBe("333.34");
    expect(explainText(invoice)).toContain(
      "minimum $1,000.00 × 10 ÷ 30 days (2026-04-21 to 2026-05-01) = $333.3333333333…, rounded ceiling: $333.34 for this invoice",
    );
  });
});
