// A charge's `maximum` on a grouped or matrix price caps each group's line (issue 13:
// an hourly price capped at a monthly price per instance, as Linode, DigitalOcean and Orb's
// grouped_with_min_max_thresholds bill). Every expected figure is worked out by hand in the comments.
import { describe, expect, it } from "vitest";
import { explain, rateInvoice } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

const amounts = (invoice: ReturnType<typeof rateInvoice>) =>
  Object.fromEntries(invoice.lines.map((line) => [line.id, line.amount]));

const EGRESS_METER = {
  id: "gb",
  eventType: "egress",
  aggregation: "sum" as const,
  valueProperty: "gb",
  unit: "GB",
};
const egress = (id: string, project: string, gb: string, day = "10") =>
  usageEvent(id, "egress", `2026-03-${day}T12:00:00Z`, { project, gb });
const groupedEgress = (limits: { minimum?: string; maximum?: string }) => ({
  meters: [EGRESS_METER],
  charges: [
    {
      id: "egress",
      name: "Egress",
      meter: "gb",
      price: {
        model: "grouped" as const,
        groupBy: ["project"],
        price: { model: "unit" as const, unitPrice: "0.08" },
      },
      ...limits,
    },
  ],
});

describe("line limits on a grouped charge: each group's line", () => {
  it("refuses a charge-wide minimum: with no usage there would be no line to raise (a per-group minimum is a tiered_with_minimum price)", () => {
    expect(() => buildContract(groupedEgress({ minimum: "700" }))).toThrow(
      expect.objectContaining({ code: "invalid_field", path: "charges[0].minimum" }),
    );
  });

  it("caps each group line above the maximum, not the charge's total", () => {
    // A: 8,000 × 0.08 = 640.00 > 500 → 500.00; B: 5,000 × 0.08 = 400.00 → 400.00; total 900.00.
    // A cap on the charge's total would have billed 500.00; the cap is per line.
    const contract = buildContract(groupedEgress({ maximum: "500" }));
    const invoice = rateInvoice(contract, [egress("a", "A", "8000"), egress("b", "B", "5000")], "2026-03");
    expect(amounts(invoice)).toEqual({ 'egress[project="A"]': "500.00", 'egress[project="B"]': "400.00" });
    expect(invoice.total).toBe("900.00");
  });

  it("says so in the explanation of the capped line", () => {
    // A: 640.00 capped at 500.00
    const contract = buildContract(groupedEgress({ maximum: "500" }));
    const invoice = rateInvoice(contract, [egress("a", "A", "8000")], "2026-03");
    expect(explain(invoice)).toContain("Capped at the line maximum of $500.00 (from $640.00).");
  });

  it("prorates each group line's maximum on the pieces of a period an amendment splits", () => {
    // March 2026 (31 days), the price rises to 0.10 on the 17th: pieces 1–16 (16/31) and 17–31 (15/31).
    // Maximum 310 per period → 310 × 16 ÷ 31 = 160 on the first piece, 310 × 15 ÷ 31 = 150 on the second.
    // A: 3,000 GB on the 10th × 0.08 = 240 > 160 → 160.00; 2,000 GB on the 20th × 0.10 = 200 > 150 → 150.00
    // B: 1,000 GB on the 20th × 0.10 = 100 ≤ 150 → 100.00
    // total 160 + 150 + 100 = 410.00
    const contract = buildContract(groupedEgress({ maximum: "310" }), {
      amendments: [
        {
          id: "raise",
          effective: "2026-03-17",
          charges: [
            {
              id: "egress",
              name: "Egress",
              meter: "gb",
              price: { model: "grouped", groupBy: ["project"], price: { model: "unit", unitPrice: "0.10" } },
              maximum: "310",
            },
          ],
        },
      ],
    });
    const usage = [
      egress("a1", "A", "3000", "10"),
      egress("a2", "A", "2000", "20"),
      egress("b", "B", "1000", "20"),
    ];
    const invoice = rateInvoice(contract, usage, "2026-03");
    expect(amounts(invoice)).toEqual({
      'egress[project="A"]@2026-03-01': "160.00",
      'egress[project="A"]@2026-03-17': "150.00",
      'egress[project="B"]@2026-03-17': "100.00",
    });
    expect(invoice.total).toBe("410.00");
  });
});

describe("line limits on a matrix charge: each cell's line", () => {
  it("caps each combination's line at the maximum", () => {
    // na: 100 GB × 0.08 = 8.00 > 6.00 → 6.00; eu: 50 GB × 0.09 = 4.50 ≤ 6.00 → 4.50; total 10.50
    const contract = buildContract({
      meters: [{ id: "gb", eventType: "cdn", aggregation: "sum", valueProperty: "gb", unit: "GB" }],
      charges: [
        {
          id: "bandwidth",
          name: "Bandwidth",
          meter: "gb",
          price: {
            model: "matrix",
            dimensions: ["region"],
            cells: [
              { match: { region: "na" }, price: { model: "unit", unitPrice: "0.08" } },
              { match: { region: "eu" }, price: { model: "unit", unitPrice: "0.09" } },
            ],
          },
          maximum: "6",
        },
      ],
    });
    const usage = [
      usageEvent("n", "cdn", "2026-03-05T00:00:00Z", { region: "na", gb: 100 }),
      usageEvent("e", "cdn", "2026-03-05T00:00:00Z", { region: "eu", gb: 50 }),
    ];
    const invoice = rateInvoice(contract, usage, "2026-03");
    expect(amounts(invoice)).toEqual({ 'bandwidth[region="eu"]': "4.50", 'bandwidth[region="na"]': "6.00" });
    expect(invoice.total).toBe("10.50");
  });
});
