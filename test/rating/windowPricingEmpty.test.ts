import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// docs/window-pricing.md, "Rounding": a running total's first window bills P(its total) in full, a first
// tier's fee at zero usage included. Daily windows of March 2026 (31), graduated tiers up to 10 at 1.00
// with a flat fee of 10.00, then 0.50.
function contractWith(emptyWindows: "zero" | "skip", tiers: "running_total" | "each_window" | undefined) {
  return buildContract({
    meters: [
      {
        id: "w",
        eventType: "t",
        aggregation: "sum",
        valueProperty: "v",
        window: { size: "day", aggregation: "sum", emptyWindows },
      },
    ],
    charges: [
      {
        id: "cdn",
        name: "CDN",
        meter: "w",
        ...(tiers === undefined ? {} : { windows: { tiers } }),
        price: {
          model: "graduated",
          tiers: [{ upTo: "10", unitPrice: "1", flatFee: "10" }, { unitPrice: "0.5" }],
        },
      },
    ],
  } as never);
}
const amountOf = (contract: ReturnType<typeof contractWith>, events: ReadonlyArray<unknown>) =>
  rateInvoice(contract, events, "2026-03").lines[0]!.amount;

describe("a fee at zero usage, priced window by window", () => {
  const three = [usageEvent("a", "t", "2026-03-05T00:00:00Z", { v: 3 })];

  it("running_total bills it with the first window: P(3) = 10.00 + 3 × 1.00 = 13.00, skipped days or not", () => {
    // zero: 1 March (empty) bills P(0) = 10.00, 5 March P(3) − P(0) = 3.00; skip: 5 March alone bills P(3).
    expect(amountOf(contractWith("zero", "running_total"), three)).toBe("13.00");
    expect(amountOf(contractWith("skip", "running_total"), three)).toBe("13.00");
  });

  it("running_total bills nothing for a period without events when empty windows are skipped", () => {
    // zero: 31 windows, the first bills P(0) = 10.00, the price without windows too; skip: no window, 0.00.
    expect(amountOf(contractWith("zero", "running_total"), [])).toBe("10.00");
    expect(amountOf(contractWith("zero", undefined), [])).toBe("10.00");
    expect(amountOf(contractWith("skip", "running_total"), [])).toBe("0.00");
  });

  it("each_window bills it in every window priced: 31 × 10.00 + 3.00 = 313.00 with empty days as 0", () => {
    // zero: 31 windows each from zero, 30 empty at 10.00 and 5 March at 13.00: 300.00 + 13.00 = 313.00;
    // skip: 5 March alone, 13.00.
    expect(amountOf(contractWith("zero", "each_window"), three)).toBe("313.00");
    expect(amountOf(contractWith("skip", "each_window"), three)).toBe("13.00");
  });
});
