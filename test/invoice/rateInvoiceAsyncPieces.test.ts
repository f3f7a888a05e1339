import { describe, expect, it } from "vitest";
import { rateInvoice, rateInvoiceAsync } from "../../src/invoice/index.js";
import { parseUsageEvent } from "../../src/schema/index.js";
import { buildContract, flatCharge, sumMeter, unitCharge } from "../_support/contract.js";

// Compute at 1.00 a unit and a 100.00 platform fee; a promotional grant of 50.00 before tax.
const base = {
  id: "ctr_async",
  meters: [sumMeter("cpu")],
  charges: [unitCharge("compute", "Compute", "cpu"), flatCharge("platform", "Platform", "100")],
  credits: [{ id: "promo", name: "Promo", kind: "promotional" as const, amount: "50" }],
};
// Compute goes to 2.00 a unit on 17 March: the period is rated in two pieces.
const raise = {
  id: "raise",
  effective: "2026-03-17",
  charges: [
    { id: "compute", name: "Compute", meter: "cpu", price: { model: "unit" as const, unitPrice: "2" } },
  ],
};
const amended = buildContract(base, { amendments: [raise] });
const plain = buildContract(base);
const raw = (id: string, day: number, v: string) => ({
  id,
  type: "cpu",
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties: { v },
});
const event = (id: string, day: number, v: string) => parseUsageEvent(raw(id, day, v));
const rawEvents = [raw("a", 10, "5"), raw("b", 20, "3")];
const events = rawEvents.map((entry) => parseUsageEvent(entry));
async function* streamed() {
  yield* events;
}

describe("rateInvoiceAsync on a period that amendments split", () => {
  it("reads an async iterable once into memory and rates each piece, with the carried credit", async () => {
    const invoice = await rateInvoiceAsync(amended, streamed(), "2026-03", {
      creditBalances: { promo: "20" },
    });
    // 1–16 March: 5 × 1.00 = 5.00; 17–31 March: 3 × 2.00 = 6.00; platform 100.00; subtotal 111.00
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["compute@2026-03-01", "5.00"],
      ["compute@2026-03-17", "6.00"],
      ["platform", "100.00"],
    ]);
    // the carried balance of 20.00 (not the grant's 50.00) comes off before tax: 111.00 − 20.00 = 91.00
    expect(invoice.credits?.map((credit) => [credit.id, credit.balanceBefore, credit.applied])).toEqual([
      ["promo", "20.00", "-20.00"],
    ]);
    expect(invoice.total).toBe("91.00");
  });

  it("takes the events as an array too", async () => {
    const invoice = await rateInvoiceAsync(amended, events, "2026-03", { creditBalances: { promo: "0" } });
    // 5.00 + 6.00 + 100.00 = 111.00, nothing left on the grant
    expect(invoice.total).toBe("111.00");
    expect(invoice).toEqual(rateInvoice(amended, rawEvents, "2026-03", { creditBalances: { promo: "0" } }));
  });
});

describe("rateInvoiceAsync on a period in one piece", () => {
  it("streams a source given as a function in two passes, so a source that changes is refused", async () => {
    let calls = 0;
    // the first pass sees a and b, the second a, b and c
    const changing = () => (calls++ === 0 ? events : [...events, event("c", 25, "1")]);
    await expect(
      rateInvoiceAsync(plain, changing, "2026-03", { creditsStartFull: true }),
    ).rejects.toMatchObject({
      code: "usage_changed_while_read",
    });
    expect(calls).toBe(2);
  });

  it("adds each day's quantity to the usage report when asked (daily)", async () => {
    const invoice = await rateInvoiceAsync(plain, streamed(), "2026-03", {
      daily: true,
      creditsStartFull: true,
    });
    // 5 units on 10 March, 3 on 20 March
    const cpu = invoice.usage.meters.find((meter) => meter.meter === "cpu");
    expect(cpu?.daily?.filter((day) => day.quantity !== "0")).toEqual([
      { date: "2026-03-10", quantity: "5" },
      { date: "2026-03-20", quantity: "3" },
    ]);
    expect(
      rateInvoice(plain, rawEvents, "2026-03", { creditsStartFull: true }).usage.meters[0],
    ).not.toHaveProperty("daily");
  });
});
