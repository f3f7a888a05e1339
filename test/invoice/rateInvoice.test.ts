import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract } from "../_support/contract.js";

// A small SaaS-style contract in UTC: $300/month platform fee, API calls at $0.002 each,
// storage graduated (first 100 GB free, then $0.023).
const contract = buildContract({
  id: "ctr_small",
  customer: { id: "cus_a" },
  billing: { cadence: "monthly", anchorDay: 1 },
  term: { start: "2026-01-15" },
  meters: [
    { id: "calls", eventType: "api.call", aggregation: "count", unit: "calls" },
    { id: "storage", eventType: "storage.snapshot", aggregation: "sum", valueProperty: "gb", unit: "GB" },
  ],
  charges: [
    { id: "platform", name: "Platform", price: { model: "flat", amount: "300" } },
    { id: "api", name: "API calls", meter: "calls", price: { model: "unit", unitPrice: "0.002" } },
    {
      id: "storage",
      name: "Storage",
      meter: "storage",
      price: {
        model: "graduated",
        tiers: [{ upTo: "100", unitPrice: "0" }, { unitPrice: "0.023" }],
      },
    },
  ],
});

const call = (id: string, timestamp: string) => ({ id, type: "api.call", customer: "cus_a", timestamp });
const storage = (id: string, gb: string) => ({
  id,
  type: "storage.snapshot",
  customer: "cus_a",
  timestamp: "2026-03-10T00:00:00Z",
  properties: { gb },
});

describe("rateInvoice", () => {
  it("rates each charge into one line and totals the rounded lines", () => {
    const events = [
      call("c1", "2026-03-01T00:00:00Z"),
      call("c2", "2026-03-15T12:00:00+02:00"),
      call("c3", "2026-03-31T23:59:59Z"),
      storage("s1", "150.5"),
      storage("s2", "12.25"),
    ];
    const invoice = rateInvoice(contract, events, "2026-03");
    // platform 300.00; api 3 × 0.002 = 0.006 → 0.01 (half-even: 0.006 is above the half);
    // storage 162.75 GB: 100 free + 62.75 × 0.023 = 1.44325 → 1.44; total 300 + 0.01 + 1.44 = 301.45
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["platform", "1", "300.00"],
      ["api", "3", "0.01"],
      ["storage", "162.75", "1.44"],
    ]);
    expect(invoice.subtotal).toBe("301.45");
    expect(invoice.total).toBe("301.45");
    expect(invoice.period).toEqual({
      start: "2026-03-01T00:00:00.000Z",
      end: "2026-04-01T00:00:00.000Z",
      timeZone: "UTC",
      label: "2026-03-01/2026-04-01",
    });
    expect(invoice.id).toBe("ctr_small:2026-03-01");
  });

  it("prorates the flat fee for the first partial period, from the term start", () => {
    const invoice = rateInvoice(contract, [], "2026-01");
    // The term starts Jan 15: the invoice covers [Jan 15, Feb 1) = 17 of January's 31 days.
    // By seconds: 17 × 86,400 = 1,468,800 of 31 × 86,400 = 2,678,400. 300 × 17 / 31 = 164.516129… → 164.52
    const platform = invoice.lines[0]!;
    expect(platform.amount).toBe("164.52");
    expect(platform.steps).toContainEqual(
      expect.objectContaining({
        kind: "proration",
        basis: "second",
        elapsed: "1468800",
        total: "2678400",
        before: "300",
      }),
    );
    expect(invoice.period.label).toBe("2026-01-15/2026-02-01");
  });

  it("does not prorate usage: it is already measured inside the period", () => {
    const invoice = rateInvoice(contract, [call("c1", "2026-01-20T00:00:00Z")], "2026-01");
    // 1 call × 0.002 = 0.002 → 0.00 half-even; no proration step on the usage line
    expect(invoice.lines[1]!.steps.some((step) => step.kind === "proration")).toBe(false);
    expect(invoice.lines[1]!.amount).toBe("0.00");
  });

  it("refuses a period that spans two billing periods", () => {
    expect(() => rateInvoice(contract, [], "2026-03-15/2026-04-15")).toThrowError(
      expect.objectContaining({ code: "period_outside_billing_cycle", path: "period" }),
    );
  });

  it("refuses a period before the contract term", () => {
    expect(() => rateInvoice(contract, [], "2025-12")).toThrowError(
      expect.objectContaining({ code: "invalid_period" }),
    );
  });

  it("reports a malformed event with its index and field", () => {
    const bad = { id: "x", type: "api.call", customer: "cus_a", timestamp: "2026-03-01 10:00" };
    expect(() => rateInvoice(contract, [call("c1", "2026-03-01T00:00:00Z"), bad], "2026-03")).toThrowError(
      expect.objectContaining({ name: "UsageError", code: "invalid_instant", path: "[1].timestamp" }),
    );
  });

  it("rounds with the contract's rounding mode", () => {
    const halfUp = buildContract({
      id: "ctr_half_up",
      customer: { id: "cus_a" },
      rounding: { mode: "half_up" },
      meters: [{ id: "calls", eventType: "api.call", aggregation: "count" }],
      charges: [{ id: "api", name: "API", meter: "calls", price: { model: "unit", unitPrice: "0.0025" } }],
    });
    // 2 calls × 0.0025 = 0.005: half-up → 0.01 (half-even would give 0.00)
    const invoice = rateInvoice(
      halfUp,
      [call("a", "2026-03-02T00:00:00Z"), call("b", "2026-03-03T00:00:00Z")],
      "2026-03",
    );
    expect(invoice.total).toBe("0.01");
  });

  it("rounds JPY lines to whole yen", () => {
    const yen = buildContract({
      id: "ctr_yen",
      customer: { id: "cus_a" },
      currency: "JPY",
      timeZone: "Asia/Tokyo",
      meters: [{ id: "calls", eventType: "api.call", aggregation: "count" }],
      charges: [{ id: "api", name: "API", meter: "calls", price: { model: "unit", unitPrice: "0.35" } }],
    });
    // 5 calls × ¥0.35 = ¥1.75 → ¥2 (half-even); the period is March in Tokyo (UTC+9)
    const events = ["a", "b", "c", "d", "e"].map((id) => call(id, "2026-03-02T00:00:00+09:00"));
    const invoice = rateInvoice(yen, events, "2026-03");
    expect(invoice.total).toBe("2");
    expect(invoice.period.start).toBe("2026-02-28T15:00:00.000Z");
  });
});
