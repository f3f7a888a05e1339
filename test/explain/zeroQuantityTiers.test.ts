import { describe, expect, it } from "vitest";
import { explainText } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// A line that prices nothing (an allowance took all of it, or every event was 0) read "First 0 GB at
// $0.0850 = $0.00": a tier row for a quantity of zero, "First" promising more. The words now say that
// nothing reached the tiers (or the packages), with the price the next unit would pay; the invoice's
// steps stay as they were (a tier 1 step of quantity 0, amount 0), only the sentence changes.
const PRICES = {
  graduated: { model: "graduated", tiers: [{ upTo: "10000", unitPrice: "0.085" }, { unitPrice: "0.065" }] },
  volume: { model: "volume", tiers: [{ upTo: "10000", unitPrice: "0.085" }, { unitPrice: "0.065" }] },
  package: { model: "package", packageSize: "10000", packagePrice: "0.0075" },
} as const;

const rated = (price: (typeof PRICES)[keyof typeof PRICES], value: string) =>
  rateInvoice(
    buildContract({
      meters: [{ id: "m", eventType: "e", aggregation: "sum", valueProperty: "v", unit: "GB" }],
      charges: [{ id: "dto", name: "Data transfer out", meter: "m", price }],
    } as never),
    [usageEvent("e1", "e", "2026-03-10T12:00:00Z", { v: value })],
    "2026-03",
  );

describe("a tiered or packaged line that prices nothing", () => {
  it("graduated: says no tier was reached, not 'First 0 GB'", () => {
    const invoice = rated(PRICES.graduated, "0");
    // The invoice keeps its tier 1 step of 0 GB: 0 × 0.085 = 0.00.
    expect(invoice.lines[0]!.steps).toContainEqual(
      expect.objectContaining({ kind: "tier", tier: 1, quantity: "0" }),
    );
    const text = explainText(invoice);
    expect(text).toContain(
      "Data transfer out: 0 GB from 1 event. Nothing reached the tiers: 0 GB to price (tier 1 at $0.0850), $0.00. Line total $0.00.",
    );
    expect(text).not.toContain("First 0 GB");
  });

  it("volume: the same words, not 'All 0 GB at the tier 1 price'", () => {
    const text = explainText(rated(PRICES.volume, "0"));
    expect(text).toContain(
      "Data transfer out: 0 GB from 1 event. Nothing reached the tiers: 0 GB to price (tier 1 at $0.0850), $0.00. Line total $0.00.",
    );
    expect(text).not.toContain("All 0 GB");
  });

  it("package: says no package was billed, not '0 GB in packages of 10,000 = 0 packages'", () => {
    const text = explainText(rated(PRICES.package, "0"));
    expect(text).toContain(
      "Data transfer out: 0 GB from 1 event. Nothing to package: 0 GB to price (packages of 10,000 at $0.0075), $0.00. Line total $0.00.",
    );
    expect(text).not.toContain("0 packages");
  });

  it("a quantity above zero reads as before", () => {
    // 12,000 GB: 10,000 × 0.085 = 850.00; 2,000 × 0.065 = 130.00
    expect(explainText(rated(PRICES.graduated, "12000"))).toContain(
      "First 10,000 GB at $0.0850 = $850.00; remaining 2,000 GB at $0.0650 = $130.00.",
    );
  });
});
