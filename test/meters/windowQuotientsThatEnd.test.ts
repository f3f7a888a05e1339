import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { buildContract } from "../_support/contract.js";

// A sum or average of windows whose values are fractions that do not end (bytes ÷ 300 s) can itself
// end. Its quantity is then that exact decimal, worked out from the windows' fractions; it used to be
// the sum of the windows' values to 50 digits, which misses it when large values cancel, and billed a
// cent less (found by test/meters/windowsOracle.property.test.ts).

const contractFor = (outer: "sum" | "avg", unitPrice: string) =>
  buildContract({
    meters: [
      {
        id: "rate",
        eventType: "t",
        aggregation: outer,
        valueProperty: "v",
        window: { size: "5m", aggregation: "sum", perSecond: true, emptyWindows: "skip" },
      },
    ],
    charges: [{ id: "use", name: "Use", meter: "rate", price: { model: "unit", unitPrice } }],
  });

// Three 5-minute windows of April 2026: 1,000,000,000,000 bytes, a correction of −999,999,999,999 and
// 3.5, each ÷ 300 s.
const EVENTS = [
  {
    id: "a",
    type: "t",
    customer: "cus",
    timestamp: "2026-04-01T00:00:00Z",
    properties: { v: "1000000000000" },
  },
  {
    id: "b",
    type: "t",
    customer: "cus",
    timestamp: "2026-04-01T00:05:00Z",
    properties: { v: "-999999999999" },
  },
  { id: "c", type: "t", customer: "cus", timestamp: "2026-04-01T00:10:00Z", properties: { v: "3.5" } },
];

describe("a sum or average of windows whose fractions add up to a decimal that ends", () => {
  it("bills the sum of the windows' fractions exactly", () => {
    const invoice = rateInvoice(contractFor("sum", "1"), EVENTS, "2026-04");
    const line = invoice.lines[0]!;
    // (1,000,000,000,000 − 999,999,999,999 + 3.5) ÷ 300 = 4.5 ÷ 300 = 0.015 bytes/s, which ends
    expect(line.quantity).toBe("0.015");
    // 0.015 × $1 = $0.015, half-even to cents: 1.5 cents → 2 (the even one) = $0.02 (it billed $0.01 from
    // 0.01499999…9667, the windows' values 3,333,333,333.333…, −3,333,333,333.33 and 0.011666… added at 50 digits)
    expect(line.amount).toBe("0.02");
  });

  it("bills the average of the windows' fractions exactly", () => {
    const invoice = rateInvoice(contractFor("avg", "3"), EVENTS, "2026-04");
    const line = invoice.lines[0]!;
    // 0.015 ÷ 3 windows (the empty ones skipped) = 0.005 bytes/s
    expect(line.quantity).toBe("0.005");
    // 0.005 × $3 = $0.015 → $0.02, half-even (it billed $0.01 from 0.0049999…8889)
    expect(line.amount).toBe("0.02");
  });
});
