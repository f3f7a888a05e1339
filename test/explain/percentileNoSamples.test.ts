import { describe, expect, it } from "vitest";
import { explainText, rateInvoice } from "../../src/index.js";
import { buildContract } from "../_support/contract.js";

// A 95th-percentile meter whose empty windows are left out (`emptyWindows: "skip"`), in a month with no
// event: 0 samples, quantity 0. It read "the top 0 discarded (5% of 0, rounded down), the highest
// remaining billed", a highest sample that does not exist.
const contract = buildContract({
  meters: [
    {
      id: "bw",
      eventType: "bw",
      aggregation: "percentile",
      valueProperty: "mb",
      percentile: { rank: "95" },
      window: { size: "5m", aggregation: "sum", emptyWindows: "skip" },
    },
  ],
  charges: [{ id: "bw", name: "Transit", meter: "bw", price: { model: "unit", unitPrice: "2" } }],
});

describe("a percentile with no sample", () => {
  it("says there is no sample and bills 0", () => {
    const invoice = rateInvoice(contract, [], "2026-02");
    // no event, every 5-minute window empty and left out: 0 samples, quantity 0, 0 × $2 = $0.00
    expect(invoice.lines[0]?.quantity).toBe("0");
    expect(invoice.lines[0]?.amount).toBe("0.00");
    expect(explainText(invoice)).toContain(
      "The 95th percentile of 0 5m samples (the sum of each): no window had events and empty windows are left out, so there is no sample and the quantity is 0.",
    );
  });

  it("says when the discard takes every sample (50 % of 1, rounded up)", () => {
    const median = buildContract({
      meters: [
        {
          id: "bw",
          eventType: "bw",
          aggregation: "percentile",
          valueProperty: "mb",
          percentile: { rank: "50", discard: "ceil" },
          window: { size: "day", aggregation: "sum", emptyWindows: "skip" },
        },
      ],
      charges: [{ id: "bw", name: "Transit", meter: "bw", price: { model: "unit", unitPrice: "2" } }],
    });
    const event = {
      id: "a",
      type: "bw",
      customer: "cus",
      timestamp: "2026-02-10T00:00:00Z",
      properties: { mb: "7" },
    };
    const invoice = rateInvoice(median, [event], "2026-02");
    // one sample (7); 50 % of 1 = 0.5, rounded up: 1 discarded, none left: quantity 0
    expect(invoice.lines[0]?.quantity).toBe("0");
    expect(explainText(invoice)).toContain(
      "the top 1 discarded (50% of 1, rounded up), which leaves no sample: the quantity is 0.",
    );
  });
});
