import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  type ChargeInput,
  perRegionCharge,
  sumMeter,
  unitCharge,
  usageEvent,
} from "../_support/contract.js";

// One meter of GB read three ways: whole (1.00 a GB), per region (eu 2.00, na 0.50) and per zone
// (hot 3.00, cold 0.10). The meter's usage then holds two groupings, one per set of dimensions.
const perZone: ChargeInput = {
  id: "by_zone",
  name: "by_zone",
  meter: "gb",
  price: {
    model: "matrix",
    dimensions: ["zone"],
    cells: [{ match: { zone: "hot" }, price: { model: "unit", unitPrice: "3" } }],
    defaultPrice: { model: "unit", unitPrice: "0.10" },
  },
};
const contract = buildContract({
  id: "ctr_groupings",
  meters: [sumMeter("gb")],
  charges: [
    unitCharge("whole", "Whole", "gb"),
    perRegionCharge("by_region", "gb", "0.50", [{ region: "eu", unitPrice: "2" }]),
    perZone,
  ],
});
const events = [
  usageEvent("1", "gb", "2026-03-02T00:00:00Z", { v: "10", region: "eu", zone: "hot" }),
  usageEvent("2", "gb", "2026-03-03T00:00:00Z", { v: "30", region: "na", zone: "cold" }),
  usageEvent("3", "gb", "2026-03-04T00:00:00Z", { v: "20", region: "eu", zone: "cold" }),
];

describe("charges that group one meter by different dimensions", () => {
  it("prices each grouping with its own charge, and the ungrouped charge on the whole", () => {
    const invoice = rateInvoice(contract, events, "2026-03");
    // whole: 10 + 30 + 20 = 60 GB × 1.00 = 60.00
    // by region: eu 10 + 20 = 30 GB × 2.00 = 60.00; na 30 GB × 0.50 = 15.00
    // by zone: hot 10 GB × 3.00 = 30.00; cold 30 + 20 = 50 GB × 0.10 = 5.00
    const figures = invoice.lines.map((line) => [line.chargeId, line.quantity, line.amount]);
    expect(figures).toEqual(
      expect.arrayContaining([
        ["whole", "60", "60.00"],
        ["by_region", "30", "60.00"],
        ["by_region", "30", "15.00"],
        ["by_zone", "10", "30.00"],
        ["by_zone", "50", "5.00"],
      ]),
    );
    expect(figures).toHaveLength(5);
    // 60.00 + 75.00 + 35.00 = 170.00
    expect(invoice.total).toBe("170.00");
  });
});
