import { describe, expect, it } from "vitest";
import {
  previewInvoice,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import { usageEvent } from "../_support/contract.js";
import { peakBucketContract } from "../_support/hourlyPeaks.js";

// docs/window-pricing.md's peak bucket with empty windows counted (emptyWindows "zero", the default):
// peak 08:00–20:00 UTC at 0.10 a unit, each window held to 5.00 with a true-up; other hours at 0.05.
// March 2026 has 31 × 12 = 372 peak windows. One event: 80 units at 09:10 on 2 March.
const contract = peakBucketContract({ emptyWindows: "zero", commitment: { amount: "5", trueUp: true } });
const events = [usageEvent("a", "gpu.hours", "2026-03-02T09:10:00Z", { units: 80 })];

describe("a progressive invoice of a charge priced window by window", () => {
  it("prices the windows begun before asOf, not the true-ups of the windows still to come", () => {
    // Whole March: the 09:00 window 80 × 0.10 = 8.00 ≥ 5.00 bills 8.00, the other 371 peak windows are
    // trued up: 371 × 5.00 = 1,855.00; 1,863.00.
    expect(rateInvoice(contract, events, "2026-03").total).toBe("1863.00");
    // As of 3 March 00:00: the 48 hours of 1–2 March, 24 of them peak: 8.00 + 23 × 5.00 = 123.00.
    // (Before, every window of the month was priced on the 3rd: 1,863.00, the 24th's true-up included.)
    const first = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-03");
    expect(first.total).toBe("123.00");
    const step = first.lines[0]!.steps.find((candidate) => candidate.kind === "window_pricing") as {
      windows: number;
    };
    expect(step.windows).toBe(48);
    // The closing invoice bills the rest: 1,863.00 − 123.00 = 1,740.00 (348 peak windows × 5.00).
    const closing = rateClosingInvoice(contract, events, "2026-03", { earlier: [first] });
    expect(closing.total).toBe("1740.00");
  });

  it("leaves a preview as it was: the period as if it closed now, every window trued up", () => {
    // docs/preview.md: the invoice so far is rated as the closing invoice would be with no more usage.
    expect(previewInvoice(contract, events, "2026-03", "2026-03-03").total).toBe("1863.00");
  });
});
