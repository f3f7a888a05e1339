import { describe, expect, it } from "vitest";
import { focusRows, rateInvoice } from "../../src/index.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";
import { violations } from "./focusSpec.js";

describe("focusRows of a spend commitment's overage", () => {
  it("writes the overage as an Adjustment with no consumed quantity, the usage keeping its GB", () => {
    // 150 GB at 1.00 = 150.00 against a 100.00 minimum with an overage factor 1.2: the 50.00 beyond it
    // cost 0.2 × 50.00 = 10.00 more (docs/commitment-periods.md). 160.00 in all.
    const contract = buildContract({
      meters: [sumMeter("m", { unit: "GB" })],
      charges: [{ id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "1" } }],
      commitments: [{ id: "c1", name: "Monthly commitment", minimum: "100", overageFactor: "1.2" }],
    });
    const invoice = rateInvoice(
      contract,
      [usageEvent("a", "m", "2026-03-05T10:00:00Z", { v: "150" })],
      "2026-03",
    );
    const rows = focusRows(invoice, { provider: "Acme Cloud" });
    expect(
      rows.map((row) => [
        row.x_LineId,
        row.ChargeCategory,
        row.ConsumedQuantity,
        row.ConsumedUnit,
        row.BilledCost,
      ]),
    ).toEqual([
      ["use", "Usage", "150", "GB", "150.00"],
      // The overage is charged on money spent, not on a quantity used: no "1 Units" consumed.
      ["c1", "Adjustment", null, null, "10.00"],
    ]);
    expect(rows[1]?.ChargeFrequency).toBe("Usage-Based");
    for (const row of rows) expect(violations(row)).toEqual([]);
  });
});
