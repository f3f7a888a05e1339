import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// The optional fields of an issued invoice (stages/issueInvoice.ts): written when they say something,
// left out otherwise, so an invoice without commitments or carried state reads as before.
describe("issueInvoice: optional fields", () => {
  const contract = buildContract({
    meters: [sumMeter("gb", { unit: "GB" })],
    charges: [unitCharge("bw", "Bandwidth", "gb")],
    metadata: { crm: "42" },
  });
  // Rated inside each test, not once in the describe block: Stryker's per-test coverage counts code run
  // while the file loads as no test's, so a mutant reached only there never ran against these tests
  // (the unit's and carryOut's mutants survived the chunk a run of 3 December 2026 that way).
  // 5 GB at 1.00 = 5.00
  const issued = () =>
    rateInvoice(contract, [usageEvent("a", "gb", "2026-03-10T12:00:00Z", { v: "5" })], "2026-03");

  it("copies the meter's unit and the contract's metadata", () => {
    const invoice = issued();
    expect(invoice.total).toBe("5.00");
    expect(invoice.usage.meters).toEqual([
      { meter: "gb", aggregation: "sum", events: 1, quantity: "5", unit: "GB" },
    ]);
    expect(invoice.metadata).toEqual({ crm: "42" });
  });

  it("leaves out commitments and carried state when there are none", () => {
    const invoice = issued();
    expect(Object.keys(invoice)).not.toContain("commitments");
    expect(Object.keys(invoice.usage)).not.toContain("carryOut");
  });
});

describe("issueInvoice: notices and the daily usage", () => {
  const contract = buildContract({
    meters: [sumMeter("gb", { unit: "GB" })],
    charges: [unitCharge("bw", "Bandwidth", "gb")],
  });
  // cus sends a (5 GB on the 10th) and b (2 GB on the 12th); another customer reuses the id a
  const events = [
    usageEvent("a", "gb", "2026-03-10T12:00:00Z", { v: "5" }),
    usageEvent("b", "gb", "2026-03-12T12:00:00Z", { v: "2" }),
    { ...usageEvent("a", "gb", "2026-03-11T12:00:00Z", { v: "9" }), customer: "other" },
  ];

  it("copies a notice's list of sample ids into its details", () => {
    const invoice = rateInvoice(contract, events, "2026-03");
    // 5 + 2 = 7 GB at 1.00 = 7.00: the other customer's event is excluded, not a conflicting duplicate
    expect(invoice.total).toBe("7.00");
    expect(invoice.notices).toEqual([
      expect.objectContaining({
        code: "event_ids_shared",
        path: "customer.id",
        details: { customer: "cus", ids: 1, sampleIds: ["a"] },
      }),
    ]);
  });

  it("writes each day's quantity when asked (daily), and nothing per day otherwise", () => {
    const daily = rateInvoice(contract, events, "2026-03", { daily: true }).usage.meters[0]?.daily;
    expect(daily?.filter((day) => day.quantity !== "0")).toEqual([
      { date: "2026-03-10", quantity: "5" },
      { date: "2026-03-12", quantity: "2" },
    ]);
    expect(rateInvoice(contract, events, "2026-03").usage.meters[0]).not.toHaveProperty("daily");
  });
});
