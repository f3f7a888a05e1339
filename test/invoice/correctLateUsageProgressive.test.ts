import { describe, expect, it } from "vitest";
import { correctLateUsage, rateClosingInvoice, rateProgressiveInvoice } from "../../src/invoice/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// A progressive or closing invoice bills the usage so far less what the period's earlier invoices
// billed, so re-rating its usage as a whole-period invoice never reproduces it. It was refused with
// usage_does_not_reproduce ("140.00, not the 80.00 issued … pass the usage it was rated with"),
// although the usage it was rated with had been passed.
const contract = buildContract({
  meters: [sumMeter("gb")],
  charges: [unitCharge("bw", "Bandwidth", "gb", "0.10")],
});
const events = [
  usageEvent("a", "gb", "2026-03-05T00:00:00Z", { v: "800" }),
  usageEvent("b", "gb", "2026-03-15T00:00:00Z", { v: "600" }),
];
const late = [usageEvent("c", "gb", "2026-03-07T00:00:00Z", { v: "100" })];
const first = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10T00:00:00Z");
const closing = rateClosingInvoice(contract, events, "2026-03", { earlier: [first] });

describe("correctLateUsage of a period billed progressively", () => {
  it.each([
    ["progressive", first],
    ["closing", closing],
  ] as const)(
    "refuses a %s invoice at invoice.progressive, saying what picks late events up",
    (stage, invoice) => {
      const error = thrown(() => correctLateUsage(contract, invoice, events, late, { billOn: "2026-04" }));
      expect(error).toMatchObject({ code: "invalid_argument", path: "invoice.progressive" });
      expect((error as Error).message).toContain(`is a ${stage} invoice of a period billed progressively`);
    },
  );
});
