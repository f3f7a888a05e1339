// Vendors' published price lists written as ratecard contracts, the way finance would write them
// (issue 13): only ratecard's settings (`per`, `included`, derived meter values, per-entity rounding and
// caps, matrix prices by size and region), nothing computed outside ratecard. Every expected figure is
// worked out by hand in the comments from the vendor's prices (or is the vendor's own worked bill),
// never copied from ratecard's output. docs/vendor-price-lists.md lists these and the other vendor
// examples.
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

const amounts = (invoice: ReturnType<typeof rateInvoice>) =>
  Object.fromEntries(invoice.lines.map((line) => [line.id, line.amount]));

describe("Scaleway Serverless Functions", () => {
  // https://www.scaleway.com/en/docs/faq/serverless-functions/ ("How am I billed for Serverless
  // Functions?"): "Monthly requests: €0.15 per million requests, and we offer 1M free requests per
  // account per month." "Resources consumption: €1.20 per 100 000 GB-s, and we provide 400 000 GB-s
  // free tiers per account and per month." Resource consumption is "the memory tiers chosen … by the
  // duration of each function invocation"; the page converts 128 MB to 0.125 GB, i.e. MB ÷ 1,024.
  //
  // GB-s from one invocation record: invocations × memory (MB) × duration (ms) ÷ 1,024 ÷ 1,000;
  // 1 ÷ 1,024,000 = 0.0000009765625 exactly (1,024,000 = 2^13 × 5^3).
  const GB_SECONDS = {
    multiply: [
      { property: "invocations" },
      { property: "memory_mb" },
      { property: "duration_ms" },
      { constant: "0.0000009765625" },
    ],
  };
  const SCALEWAY = {
    currency: "EUR",
    meters: [
      {
        id: "gb_s",
        eventType: "function.invocations",
        aggregation: "sum" as const,
        value: GB_SECONDS,
        unit: "GB-s",
      },
      {
        id: "requests",
        eventType: "function.invocations",
        aggregation: "sum" as const,
        valueProperty: "invocations",
        unit: "requests",
      },
    ],
    charges: [
      {
        id: "resources",
        name: "Resources consumption",
        meter: "gb_s",
        included: "400000",
        price: { model: "unit" as const, unitPrice: "1.20", per: "100000" },
      },
      {
        id: "requests",
        name: "Monthly requests",
        meter: "requests",
        included: "1000000",
        price: { model: "unit" as const, unitPrice: "0.15", per: "1000000" },
      },
    ],
  };
  const event = (id: string, properties: Record<string, unknown>) =>
    usageEvent(id, "function.invocations", "2026-02-10T12:00:00Z", properties);

  it("bills the page's Example 1: €40.20 of resources + €4.35 of requests = €44.55", () => {
    // Scaleway's Example 1 (30,000,000 requests, 1 s each, 128 MB, free tier, no provisioning):
    // 30,000,000 × 1 s × 0.125 GB = 3,750,000 GB-s; − 400,000 free = 3,350,000 GB-s;
    // "3 350 000 x €0.0000120 = €40.20" (= 3,350,000 ÷ 100,000 × €1.20 = 33.5 × 1.20).
    // Requests: 30,000,000 − 1,000,000 free = 29,000,000; 29 × €0.15 = €4.35.
    // Total: 40.20 + 4.35 = €44.55.
    const contract = buildContract(SCALEWAY);
    const usage = [event("month", { invocations: 30_000_000, memory_mb: 128, duration_ms: 1000 })];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(invoice.usage.meters.map((meter) => meter.quantity)).toEqual(["3750000", "30000000"]);
    expect(amounts(invoice)).toEqual({ resources: "40.20", requests: "4.35" });
    expect(invoice.total).toBe("44.55");
  });

  it("adds GB-s across memory tiers before the free 400,000 GB-s is taken off once", () => {
    // Three functions in one account, one record each:
    //   2,000,000 × 512 MB × 300 ms: 2,000,000 × 0.5 GB × 0.3 s = 300,000 GB-s
    //     500,000 × 1,024 MB × 1,200 ms: 500,000 × 1 GB × 1.2 s = 600,000 GB-s
    //     100,000 × 128 MB × 50 ms: 100,000 × 0.125 GB × 0.05 s =     625 GB-s
    // 900,625 GB-s − 400,000 free = 500,625; 500,625 ÷ 100,000 × €1.20 = 5.00625 × 1.20 = €6.0075 → €6.01.
    // Requests: 2,600,000 − 1,000,000 = 1,600,000; 1.6 × €0.15 = €0.24.
    // Total: 6.01 + 0.24 = €6.25.
    const contract = buildContract(SCALEWAY);
    const usage = [
      event("api", { invocations: 2_000_000, memory_mb: 512, duration_ms: 300 }),
      event("thumbs", { invocations: 500_000, memory_mb: 1024, duration_ms: 1200 }),
      event("cron", { invocations: 100_000, memory_mb: 128, duration_ms: 50 }),
    ];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(invoice.usage.meters.map((meter) => meter.quantity)).toEqual(["900625", "2600000"]);
    expect(amounts(invoice)).toEqual({ resources: "6.01", requests: "0.24" });
    expect(invoice.total).toBe("6.25");
  });

  it("bills nothing while the month stays inside both free tiers", () => {
    // 900,000 × 128 MB × 3,000 ms = 900,000 × 0.125 × 3 = 337,500 GB-s ≤ 400,000; 900,000 requests ≤ 1M.
    const contract = buildContract(SCALEWAY);
    const usage = [event("small", { invocations: 900_000, memory_mb: 128, duration_ms: 3000 })];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(amounts(invoice)).toEqual({ resources: "0.00", requests: "0.00" });
    expect(invoice.total).toBe("0.00");
  });
});
