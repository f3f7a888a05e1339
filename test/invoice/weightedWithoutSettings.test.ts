import { describe, expect, it } from "vitest";
import { parseContract } from "../../src/contracts/index.js";
import { parseUsageEvent } from "../../src/index.js";
import { rateInvoice, rateInvoiceAsync } from "../../src/invoice/index.js";

// A weighted_sum meter without `weighted` settings measures the level per period (GB-month), as its
// defaults say. Checked for issue 10 (a NaN quantity was seen when a percentage price read such a meter,
// now refused): every other price model rates a finite, hand-checkable quantity, synchronously and streamed.
const contractWith = (price: unknown) =>
  parseContract({
    schemaVersion: 1,
    id: "c",
    customer: { id: "cus" },
    currency: "USD",
    timeZone: "UTC",
    billing: { cadence: "monthly", alignment: "calendar" },
    term: { start: "2026-01-01" },
    meters: [
      {
        id: "storage",
        name: "Storage",
        eventType: "gauge",
        aggregation: "weighted_sum",
        valueProperty: "gb",
      },
    ],
    charges: [{ id: "storage", name: "Storage", meter: "storage", price }],
  });

const events = [
  { id: "a", type: "gauge", customer: "cus", timestamp: "2026-02-01T00:00:00Z", properties: { gb: "100" } },
  { id: "b", type: "gauge", customer: "cus", timestamp: "2026-02-15T00:00:00Z", properties: { gb: "400" } },
];

describe("a weighted_sum meter without weighted settings", () => {
  // 100 GB for 14 days, then 400 GB for 14 days of February's 28: (100 × 14 + 400 × 14) ÷ 28 = 250 GB-month
  it("rates the level per period under a unit price: 250 GB-month × 0.10 = 25.00", async () => {
    const contract = contractWith({ model: "unit", unitPrice: "0.10" });
    const line = rateInvoice(contract, events, "2026-02").lines[0]!;
    expect([line.quantity, line.amount]).toEqual(["250", "25.00"]);
    const parsed = events.map((event, index) => parseUsageEvent(event, index));
    const streamed = (await rateInvoiceAsync(contract, parsed, "2026-02")).lines[0]!;
    expect([streamed.quantity, streamed.amount]).toEqual(["250", "25.00"]);
  });

  it("rates it under graduated, dynamic and graduated_percentage prices", () => {
    const amountOf = (price: unknown) => rateInvoice(contractWith(price), events, "2026-02").lines[0]!.amount;
    // 100 × 1 + 150 × 0.5 = 175.00
    expect(
      amountOf({ model: "graduated", tiers: [{ upTo: "100", unitPrice: "1" }, { unitPrice: "0.5" }] }),
    ).toBe("175.00");
    // 250 × 1.2 = 300.00
    expect(amountOf({ model: "dynamic", multiplier: "1.2" })).toBe("300.00");
    // 2 % of 100 + 1 % of 150 = 2 + 1.5 = 3.50
    expect(
      amountOf({ model: "graduated_percentage", tiers: [{ upTo: "100", percent: "2" }, { percent: "1" }] }),
    ).toBe("3.50");
  });
});
