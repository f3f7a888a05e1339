// reconcile of a charge an amendment cut mid-period: the issued invoice billed the month as one line,
// the recomputation bills a piece before the amendment and one from it. The issued line meets the piece
// of its charge that starts the period (as diff pairs them), and each piece is named by the date it
// starts (docs/diff-and-reconcile.md, "Matching rules").
import { describe, expect, it } from "vitest";
import { reconcile } from "../../src/compare/index.js";
import { rateInvoice } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

const bandwidth = (unitPrice: string) => ({
  id: "bandwidth",
  name: "Bandwidth",
  meter: "m",
  price: { model: "unit" as const, unitPrice },
});
const meters = [{ id: "m", eventType: "e", aggregation: "sum" as const, valueProperty: "v", unit: "GB" }];
const usage = [
  usageEvent("p1", "e", "2026-03-05T09:00:00Z", { v: 1200 }),
  usageEvent("p2", "e", "2026-03-20T09:00:00Z", { v: 500 }),
];
// Issued without the amendment: 1,700 GB × 0.10 = 170.00.
const issued = rateInvoice(buildContract({ meters, charges: [bandwidth("0.10")] }), usage, "2026-03");
// Recomputed with 0.08 from 17 March: 1,200 × 0.10 = 120.00 from the 1st, 500 × 0.08 = 40.00 from the 17th.
const amended = buildContract({
  meters,
  charges: [bandwidth("0.10")],
  amendments: [{ id: "cheaper", effective: "2026-03-17", charges: [bandwidth("0.08")] }],
});
const recomputed = rateInvoice(amended, usage, "2026-03");

describe("reconcile of a period an amendment cut", () => {
  it("pairs the issued month with the piece that starts it and names each piece by its date", () => {
    // Before: 0 lines matched; "Bandwidth" (120.00) and "Bandwidth" (40.00) missing and "Bandwidth"
    // (170.00) extra, the two pieces not told apart. Now: 120.00 − 170.00 = −50.00 (usage 1700 → 1200)
    // and the piece from the 17th missing, +40.00; −50.00 + 40.00 = −10.00 = 160.00 − 170.00.
    const result = reconcile(issued, recomputed);
    expect(result.linesMatched).toBe(1);
    expect(result.discrepancies.map((d) => [d.cause, d.amount, d.matchedBy, d.sentence])).toEqual([
      [
        "usage",
        "-50.00",
        "charge",
        `"Bandwidth from 2026-03-01": quantity issued 1700, recomputed 1200: the usage differs.`,
      ],
      [
        "missing_line",
        "40.00",
        undefined,
        `"Bandwidth from 2026-03-17" (40.00) is missing from the issued invoice.`,
      ],
    ]);
  });
});
