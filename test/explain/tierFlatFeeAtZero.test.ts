import { describe, expect, it } from "vitest";
import { explainText } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// A transit port billed on the 95th percentile of 5-minute samples, graduated with a port fee of
// 100.00 on tier 1 (billed at a quantity of 0 too, as Stripe and OpenMeter bill a first tier's flat
// fee) and 1.00 a Mbps. April 2026 in UTC has 30 × 288 = 8,640 samples; three bursts of 500 Mbps fill
// three of them, the other 8,637 are 0. The top 5 % discarded is ⌊8,640 × 0.05⌋ = 432 samples, more
// than the three bursts: the 95th percentile is 0 Mbps. By hand: 100.00 + 0 × 1.00 = 100.00.
// The customer used the port (three bursts), so "billed even though usage is zero", as the sentence
// read, is false: the quantity priced is 0, not the usage.
const invoice = () =>
  rateInvoice(
    buildContract({
      meters: [
        {
          id: "transit",
          eventType: "transit",
          aggregation: "percentile",
          valueProperty: "mbps",
          unit: "Mbps",
          window: { size: "5m", aggregation: "sum" },
          percentile: { rank: "95" },
        },
      ],
      charges: [
        {
          id: "transit",
          name: "Transit",
          meter: "transit",
          price: {
            model: "graduated",
            tiers: [{ upTo: "1000", unitPrice: "1", flatFee: "100" }, { unitPrice: "0.80" }],
          },
        },
      ],
    }),
    ["03", "14", "25"].map((day) =>
      usageEvent(`b${day}`, "transit", `2026-04-${day}T12:00:00Z`, { mbps: "500" }),
    ),
    "2026-04",
  );

describe("a first tier's flat fee billed at a quantity of 0", () => {
  it("bills the fee, 100.00, at a 95th percentile of 0 Mbps", () => {
    expect(invoice().lines[0]!.amount).toBe("100.00");
  });

  it("says the quantity priced is 0, not that the usage is zero", () => {
    const text = explainText(invoice());
    expect(text).toContain("Tier 1 flat fee $100.00, billed although the quantity priced is 0 Mbps.");
    expect(text).not.toContain("usage is zero");
  });
});
