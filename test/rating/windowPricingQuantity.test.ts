import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// A line priced window by window shows the sum of the windows' quantities. When those are fractions
// (bytes ÷ 300 s), the sum is of the fractions, divided once, as the meter's quantity and the amount
// are: three windows of 1/300 byte/s are 0.01 byte/s, which the usage step says, where the line said
// 0.0099…99, the windows' 50-digit values added (found by test/rating/windowPricingOracle.property.test.ts).

const lineFor = (tiers: "each_window" | "running_total") => {
  const contract = buildContract({
    meters: [
      {
        id: "rate",
        eventType: "t",
        aggregation: "sum",
        valueProperty: "v",
        window: { size: "5m", aggregation: "sum", perSecond: true },
      },
    ],
    charges: [
      { id: "use", name: "Use", meter: "rate", price: { model: "unit", unitPrice: "1" }, windows: { tiers } },
    ],
  });
  // 1 byte in each of three 5-minute windows of 1 February 2026
  const events = ["00:01", "00:06", "00:11"].map((at, i) =>
    usageEvent(`e${i}`, "t", `2026-02-01T${at}:00Z`, { v: "1" }),
  );
  return rateInvoice(contract, events, "2026-02").lines[0]!;
};
const THIRD = "0.0033333333333333333333333333333333333333333333333333"; // 1/300 to 50 digits
const TWO_THIRDS = "0.0066666666666666666666666666666666666666666666666667"; // 2/300

describe("the quantity of a line priced window by window, of windows that are fractions", () => {
  it("is the windows' fractions added: 3 × 1/300 = 0.01 byte/s, as the usage step says", () => {
    const line = lineFor("each_window");
    // 1/300 + 1/300 + 1/300 = 3/300 = 0.01; × $1 = $0.01
    expect(line.steps[0]).toMatchObject({ kind: "usage", quantity: "0.01" });
    expect(line.quantity).toBe("0.01");
    expect(line.steps[1]).toMatchObject({ kind: "window_pricing", quantity: "0.01" });
    expect(line.amount).toBe("0.01");
  });

  it("shows each window's running total as the fractions added so far", () => {
    const line = lineFor("running_total");
    // running totals 1/300, 2/300, 3/300 = 0.01
    const step = line.steps[1] as { priced: ReadonlyArray<{ total: string }> };
    expect(step.priced.map((window) => window.total)).toEqual([THIRD, TWO_THIRDS, "0.01"]);
    expect(line.quantity).toBe("0.01");
  });
});
