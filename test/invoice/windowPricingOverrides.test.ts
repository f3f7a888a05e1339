import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { usageEvent } from "../_support/contract.js";
import { peakBucketContract } from "../_support/hourlyPeaks.js";

// docs/window-pricing.md's peak bucket (Flexprice's window commitments): peak 08:00–20:00 at 0.10 a
// unit, held to 5.00 a window (true-up, the excess × 1.5); other hours at the charge's 0.05. On
// 2 March 2026: 80 units at 09:00, 20 at 10:00, 100 at 22:00, which bill 9.50 + 5.00 + 5.00 = 19.50.
function gpuContract(overrides: ReadonlyArray<unknown>, commitment: Record<string, unknown>) {
  return peakBucketContract({ emptyWindows: "skip", commitment, overrides });
}
const events = [
  usageEvent("p1", "gpu.hours", "2026-03-02T09:15:00Z", { units: 80 }),
  usageEvent("p2", "gpu.hours", "2026-03-02T10:15:00Z", { units: 20 }),
  usageEvent("o1", "gpu.hours", "2026-03-02T22:15:00Z", { units: 100 }),
];
const HALF = [{ id: "half", charge: "gpu", multiplier: "0.5" }];
const COMMITTED = { amount: "5", overageFactor: "1.5", trueUp: true };

describe("a multiplier override on a charge priced window by window, with a peak bucket", () => {
  it("multiplies the bucket's price and committed amount too: 19.50 × 0.5 = 9.75", () => {
    // × 0.5: peak at 0.05 a unit, held to 2.50 a window; other hours at 0.025.
    // 09:00: 80 × 0.05 = 4.00 ≥ 2.50: 2.50 + (4.00 − 2.50) × 1.5 = 4.75
    // 10:00: 20 × 0.05 = 1.00 < 2.50, true-up: 2.50
    // 22:00: off-peak, 100 × 0.025 = 2.50; line 4.75 + 2.50 + 2.50 = 9.75
    // (Before, only the charge's own price was multiplied: 9.50 + 5.00 + 2.50 = 17.00.)
    expect(rateInvoice(gpuContract([], COMMITTED), events, "2026-03").lines[0]!.amount).toBe("19.50");
    const line = rateInvoice(gpuContract(HALF, COMMITTED), events, "2026-03").lines[0]!;
    expect(line.amount).toBe("9.75");
    const step = line.steps.find((candidate) => candidate.kind === "window_pricing") as {
      priced: ReadonlyArray<unknown>;
    };
    expect(step.priced).toEqual([
      {
        start: "2026-03-02T09:00:00.000Z",
        quantity: "80",
        bucket: "peak",
        usage: "4",
        committed: "2.5",
        amount: "4.75",
      },
      {
        start: "2026-03-02T10:00:00.000Z",
        quantity: "20",
        bucket: "peak",
        usage: "1",
        committed: "2.5",
        amount: "2.5",
      },
      { start: "2026-03-02T22:00:00.000Z", quantity: "100", amount: "2.5" },
    ]);
  });

  it("keeps a committed quantity, priced at the multiplied bucket price", () => {
    // 60 units committed: 60 × 0.05 = 3.00 a window. 09:00: 4.00 ≥ 3.00: 3.00 + 1.00 × 1 = 4.00;
    // 10:00: 1.00 < 3.00, no true-up: 1.00; 22:00: 2.50. Line 7.50 (list: 8.00 + 2.00 + 5.00 = 15.00).
    const quantity = { quantity: "60" };
    expect(rateInvoice(gpuContract([], quantity), events, "2026-03").lines[0]!.amount).toBe("15.00");
    expect(rateInvoice(gpuContract(HALF, quantity), events, "2026-03").lines[0]!.amount).toBe("7.50");
  });

  it("leaves a bucket's own price as it is when an override replaces the charge's price", () => {
    // The replaced price (0.01) prices the off-peak hour: 100 × 0.01 = 1.00; the peak windows keep the
    // bucket's 0.10 and 5.00: 9.50 + 5.00 + 1.00 = 15.50.
    const replaced = [{ id: "cheap", charge: "gpu", price: { model: "unit", unitPrice: "0.01" } }];
    expect(rateInvoice(gpuContract(replaced, COMMITTED), events, "2026-03").lines[0]!.amount).toBe("15.50");
  });
});
