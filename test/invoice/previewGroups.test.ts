import { describe, expect, it } from "vitest";
import { previewInvoice } from "../../src/invoice/index.js";
import { buildContract, perRegionCharge, sumMeter, usageEvent } from "../_support/contract.js";

// A preview of a charge priced per region (a matrix): each region's quantity is projected on its own,
// and a grouped peak is held like an ungrouped one (docs/preview.md). February 2026 has 28 days; as of
// 8 February 00:00 UTC 7 have passed, so a sum so far is multiplied by 28 / 7 = 4 over the whole month.
const AS_OF = "2026-02-08T00:00:00Z";
const use = (id: string, day: number, region: string, v: string) =>
  usageEvent(id, "use", `2026-02-${String(day).padStart(2, "0")}T12:00:00Z`, { v, region });
// 30 GB in na on the 3rd, 70 GB in eu on the 5th; the 10th is after asOf.
const EVENTS = [use("a", 3, "na", "30"), use("b", 5, "eu", "70"), use("late", 10, "na", "50")];
const projected = (contract: ReturnType<typeof buildContract>) =>
  previewInvoice(contract, EVENTS, "2026-02", AS_OF).preview?.projection;

describe("previewInvoice: grouped quantities", () => {
  it("projects each region of a sum and holds each region of a peak", () => {
    const contract = buildContract({
      meters: [sumMeter("use"), { id: "peak", eventType: "use", aggregation: "max", valueProperty: "v" }],
      charges: [
        perRegionCharge("gb", "use", "1", [{ region: "na", unitPrice: "0.5" }]),
        perRegionCharge("seats", "peak", "3"),
      ],
    });
    const projection = projected(contract);
    // gb: eu 70 × 4 = 280 GB × 1.00 = 280.00; na 30 × 4 = 120 GB × 0.50 = 60.00.
    // seats (a peak, held): eu 70 × 3.00 = 210.00; na 30 × 3.00 = 90.00. 280 + 60 + 210 + 90 = 640.00
    expect(projection?.lines.map((line) => [line.line, line.method, line.quantity, line.projected])).toEqual([
      ['gb[region="eu"]', "linear", "280", "280.00"],
      ['gb[region="na"]', "linear", "120", "60.00"],
      ['seats[region="eu"]', "held", "70", "210.00"],
      ['seats[region="na"]', "held", "30", "90.00"],
    ]);
    expect(projection?.total).toBe("640.00");
  });

  it("gives a piece that has not begun the regions of the whole period so far", () => {
    const contract = buildContract({
      meters: [sumMeter("use")],
      charges: [perRegionCharge("gb", "use", "1", [{ region: "na", unitPrice: "0.5" }])],
      amendments: [
        {
          id: "raise",
          effective: "2026-02-15",
          charges: [perRegionCharge("gb", "use", "2", [{ region: "na", unitPrice: "1" }])],
        },
      ],
    });
    const projection = projected(contract);
    // Rate so far: 30 GB (na) and 70 GB (eu) in 7 days. 1–14 Feb: so far + rate × 7 days to come:
    // eu 70 + 70 = 140 × 1.00 = 140.00, na 30 + 30 = 60 × 0.50 = 30.00. 15–28 Feb (no events yet, its
    // regions come from the whole period): 0 + rate × 14 days: eu 140 × 2.00 = 280.00, na 60 × 1.00 =
    // 60.00. 140 + 30 + 280 + 60 = 510.00
    expect(projection?.lines.map((line) => [line.line, line.quantity, line.soFar, line.projected])).toEqual([
      ['gb[region="eu"]@2026-02-01', "140", "70.00", "140.00"],
      ['gb[region="na"]@2026-02-01', "60", "15.00", "30.00"],
      ['gb[region="eu"]@2026-02-15', "140", "0.00", "280.00"],
      ['gb[region="na"]@2026-02-15', "60", "0.00", "60.00"],
    ]);
    expect(projection?.total).toBe("510.00");
  });
});
