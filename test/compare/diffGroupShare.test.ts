// diff of a grouped charge rated on its groups' total (`transform.scope: "charge"`, docs/pricing.md,
// "The transform across the groups"): a group line's change is its share of the charge's change plus
// the split's, never a rate change that did not happen (docs/diff-and-reconcile.md).
import { describe, expect, it } from "vitest";
import { diff } from "../../src/compare/index.js";
import { rateInvoice } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// Cloudflare R2 Class A: $4.50 a million, 1 million free per account, rounded up, one line per bucket.
const r2 = (unitPrice: string, id = "ctr") => ({
  id,
  meters: [{ id: "ops", eventType: "r2.class_a", aggregation: "sum" as const, valueProperty: "ops" }],
  charges: [
    {
      id: "class_a",
      name: "Class A operations",
      meter: "ops",
      price: {
        model: "grouped" as const,
        groupBy: ["bucket"],
        price: { model: "unit" as const, unitPrice },
      },
      transform: { divideBy: "1000000", included: "1", round: "up" as const, scope: "charge" as const },
    },
  ],
});

const usageOf = (buckets: Record<string, number>) =>
  Object.entries(buckets).map(([bucket, ops], index) =>
    usageEvent(`e${index}`, "r2.class_a", "2026-02-10T12:00:00Z", { bucket, ops }),
  );

const byLine = (result: ReturnType<typeof diff>) =>
  result.attributions.map((a) => [a.cause, a.line, a.amount]);

describe("diff of a charge rated on its groups' total", () => {
  // Before: a 2.5M, b 1M, c 1M = 4.5M → 4.5 − 1 = 3.5 → up 4 million × 4.50 = 18.00, split 2.5 : 1 : 1
  // = 10.00, 4.00, 4.00. After: c 2M, 5.5M → 4.5 → 5 million × 4.50 = 22.50; 2,250 cents × 2.5/5.5 =
  // 1,022.73, × 1/5.5 = 409.09, × 2/5.5 = 818.18: 1,022 + 409 + 818 = 2,249, the cent left to a (.73):
  // 10.23, 4.09, 8.18. The whole +4.50 is c's million more at 4.50 a million: usage, line by line
  // w₁ × 4.50 + (w₁ − w₀) × 18.00: a 2.5/5.5 × 4.50 − (2.5/4.5 − 2.5/5.5) × 18.00 = 2.0455 − 1.8182 =
  // +0.23; b 0.8182 − 0.7273 = +0.09; c 1.6364 + 2.5455 = +4.18. Before: c "usage +4.50" (the
  // charge's million on c's line) and three "amendment"s, "the rate changed (4.5 → 4.5)", −0.32, +0.23,
  // +0.09, for a contract never amended.
  const before = rateInvoice(
    buildContract(r2("4.50")),
    usageOf({ a: 2_500_000, b: 1_000_000, c: 1_000_000 }),
    "2026-02",
  );
  const more = usageOf({ a: 2_500_000, b: 1_000_000, c: 2_000_000 });

  it("calls the other groups' usage moving the split usage, not a rate change", () => {
    const result = diff(before, rateInvoice(buildContract(r2("4.50")), more, "2026-02"));
    expect(result.change).toBe("4.50");
    expect(byLine(result)).toEqual([
      ["usage", 'class_a[bucket="c"]', "4.18"],
      ["usage", 'class_a[bucket="a"]', "0.23"],
      ["usage", 'class_a[bucket="b"]', "0.09"],
    ]);
    expect(result.attributions.map((a) => a.sentence)).toContain(
      "Class A operations [bucket a]: usage of the charge's groups 4500000 → 5500000 units (this group's " +
        "2500000 → 2500000), priced at the earlier marginal rates, the charge's amount split over its groups by usage.",
    );
  });

  it("gives a price change to each line by its share of the charge", () => {
    // Another contract at 5.00: 5 million × 5.00 = 25.00, +7.00. Usage as above (+4.50 in all); the
    // price, (5.00 − 4.50) × 5 million = 2.50, at the new shares: a 2.5/5.5 × 2.50 = 1.14, c 2/5.5 × 2.50
    // = 0.91, b 1/5.5 × 2.50 = 0.45 (1.1364 + 0.9091 + 0.4545 = 2.50).
    const result = diff(before, rateInvoice(buildContract(r2("5.00", "other")), more, "2026-02"));
    expect(result.change).toBe("7.00");
    expect(byLine(result)).toEqual([
      ["usage", 'class_a[bucket="c"]', "4.18"],
      ["price", 'class_a[bucket="a"]', "1.14"],
      ["price", 'class_a[bucket="c"]', "0.91"],
      ["price", 'class_a[bucket="b"]', "0.45"],
      ["usage", 'class_a[bucket="a"]', "0.23"],
      ["usage", 'class_a[bucket="b"]', "0.09"],
    ]);
    expect(result.attributions[1]?.sentence).toBe(
      "Class A operations [bucket a], by its share of the charge (2500000 of 5500000): the rate changed (4.5 → 5), applied to 5 units.",
    );
  });

  it("names the total's billable quantity in the transform's unit, the groups' usage in the meter's", () => {
    // Seconds measured, hours billed, rounded up on the total: 5,400 s + 3,600 s = 2.5 → 3 hours ×
    // $0.09 = $0.27, then at $0.12 with the second group at 7,200 s: 12,600 s = 3.5 → 4 hours × $0.12 =
    // $0.48. The rate change is (0.12 − 0.09) × 4 hours = $0.12, on 4 hours, not "4 seconds".
    const vm = (unitPrice: string, id: string) =>
      buildContract({
        id,
        meters: [{ id: "secs", eventType: "vm", aggregation: "sum", valueProperty: "s", unit: "seconds" }],
        charges: [
          {
            id: "vm",
            name: "VM hours",
            meter: "secs",
            price: { model: "grouped", groupBy: ["instance"], price: { model: "unit", unitPrice } },
            transform: { divideBy: "3600", round: "up", unit: "hours", scope: "charge" },
          },
        ],
      } as never);
    const usage = (second: number) => [
      usageEvent("e1", "vm", "2026-02-10T12:00:00Z", { instance: "i-1", s: 5400 }),
      usageEvent("e2", "vm", "2026-02-10T12:00:00Z", { instance: "i-2", s: second }),
    ];
    const result = diff(
      rateInvoice(vm("0.09", "a"), usage(3600), "2026-02"),
      rateInvoice(vm("0.12", "b"), usage(7200), "2026-02"),
    );
    expect(result.change).toBe("0.21");
    const sentences = result.attributions.map((a) => a.sentence);
    expect(sentences).toContain(
      "VM hours [instance i-1], by its share of the charge (5400 of 12600): the rate changed (0.09 → 0.12), applied to 4 hours.",
    );
    expect(sentences).toContain(
      "VM hours [instance i-2]: usage of the charge's groups 9000 → 12600 seconds (this group's 3600 → 7200), priced at the earlier marginal rates, the charge's amount split over its groups by usage.",
    );
  });
});
