import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// Issue 9: an amended period is aggregated whole, then piece by piece, so one meter is compiled for
// periods sharing a start (the whole and its first piece) or an end (its last piece and the next
// invoice's whole). Each must get the day windows of its own period, on the first invoice and again.
const contract = buildContract(
  buildContractJson({
    id: "ctr_amended_days",
    meters: [
      sumMeter("cpu", {
        aggregation: "avg",
        window: { size: "day", aggregation: "max", emptyWindows: "zero" },
      }),
    ],
    charges: [unitCharge("compute", "Compute", "cpu"), unitCharge("steady", "Steady", "cpu")],
  }),
  {
    amendments: [
      {
        id: "raise",
        effective: "2026-03-17",
        charges: [{ id: "compute", name: "Compute", meter: "cpu", price: { model: "unit", unitPrice: "2" } }],
      },
    ],
  },
);
const events = [
  usageEvent("a", "cpu", "2026-03-10T12:00:00Z", { v: "16" }),
  usageEvent("b", "cpu", "2026-03-20T12:00:00Z", { v: "15" }),
];

describe("an amended period with a day-window meter, rated twice in one process", () => {
  it("averages each piece and the whole period over its own days, the second time too", () => {
    // compute, 1–16 March (16 days): max 16 on the 10th, 0 on 15 days → 16 ÷ 16 = 1 × 1.00 = 1.00,
    // a level held for 16 of March's 31 days: 1.00 × 16 ÷ 31 = 0.5161… → 0.52
    // compute, 17–31 March (15 days): max 15 on the 20th → 15 ÷ 15 = 1 × 2.00 = 2.00,
    // for 15 of 31 days: 2.00 × 15 ÷ 31 = 30 ÷ 31 = 0.9677… → 0.97 (until 5 December 2026 each piece
    // billed its level as if it held all month: 1.00 + 2.00)
    // steady, unamended, the whole of March (31 days): (16 + 15) ÷ 31 = 1 × 1.00 = 1.00
    const expected = [
      ["compute@2026-03-01", "1", "0.52"],
      ["compute@2026-03-17", "1", "0.97"],
      ["steady", "1", "1.00"],
    ];
    // The invoice's usage is the whole period's: both events, (16 + 15) ÷ 31 = 1 (the second time the
    // whole period follows its last piece, 17–31 March; with that piece's days the 10th was lost).
    const usage = [{ meter: "cpu", aggregation: "avg", events: 2, quantity: "1" }];
    for (const _ of [1, 2]) {
      const invoice = rateInvoice(contract, events, "2026-03");
      expect(invoice.lines.map((l) => [l.id, l.quantity, l.amount])).toEqual(expected);
      expect(invoice.usage.meters).toEqual(usage);
    }
  });
});
