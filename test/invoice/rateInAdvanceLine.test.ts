import { describe, expect, it } from "vitest";
import { inAdvanceFee, rateInAdvance, rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  CAPACITY_TIERS,
  fullQuantityTiersCharge,
  PRORATED_UNITS_METER,
  sumMeter,
  unitCharge,
  usageEvent,
} from "../_support/contract.js";

// The fees billed in advance add up to A(final mark), and A is meant to be the period-end invoice's line
// for the charge (docs/usage-in-advance.md, "The rule"). Two lines the invoice rates with more than the
// charge's own quantity: a prorated meter's tiers picked by its full quantity, and an allowance pool.

// Lago's prorated volume charge (docs/engine-options.md, "Prorated usage charges"): volume tiers up to
// 5 units at 10.00 with a flat fee of 100.00, then 5.00 with a flat fee of 50.00, tiers picked by the
// quantity before proration.
const fullTiers = buildContract({
  meters: [PRORATED_UNITS_METER],
  charges: [fullQuantityTiersCharge("volume")],
});
const added = (id: string, day: number, n: number) =>
  usageEvent(id, "unit", `2026-02-${String(day).padStart(2, "0")}T00:00:00Z`, { n });

describe("usage billed in advance at the tiers of the full quantity (tiersBy: full_quantity)", () => {
  it("bills 8 units added on 15 February the invoice's 70.00, not 140.00 at the tier of the 4 prorated", () => {
    // 8 units active 15–28 February, 14 of 28 days: prorated 8 × 14 ÷ 28 = 4. The tier of the full 8 is
    // the second: 8 × 5.00 + 50.00 = 90.00; the flat fee stays whole and the rest is scaled by 4 ÷ 8:
    // 50.00 + 40.00 × 4 ÷ 8 = 70.00. Priced at the tier of 4 it would be 4 × 10.00 + 100.00 = 140.00.
    const events = [added("a", 15, 8)];
    expect(rateInvoice(fullTiers, events, "2026-02").lines[0]).toMatchObject({
      quantity: "4",
      amount: "70.00",
    });
    expect(rateInAdvance(fullTiers, "units", events, "2026-02")).toMatchObject({
      fees: [{ event: "a", quantity: "4", highWaterMark: "4", billedSoFar: "70.00", fee: "70.00" }],
      billedInAdvance: "70.00",
      arrears: "70.00",
      due: "0.00",
      notRefunded: "0.00",
    });
  });

  it("nets each event against the invoice's line, one event at a time too", () => {
    // a: 3 units from 1 February, all 28 days: 3 (tier 1, full 3): 3 × 10.00 + 100.00 = 130.00.
    // b: 4 more from 15 February, 14 days: 3 + 2 = 5 prorated, full 7 (tier 2): 7 × 5.00 + 50.00 = 85.00,
    //    50.00 + 35.00 × 5 ÷ 7 = 75.00; fee 75.00 − 130.00 = −55.00 (the volume tier price fell).
    // Σ = 75.00, the invoice's line.
    const events = [added("a", 1, 3), added("b", 15, 4)];
    expect(rateInvoice(fullTiers, events, "2026-02").lines[0]!.amount).toBe("75.00");
    const result = rateInAdvance(fullTiers, "units", events, "2026-02");
    expect(result.fees.map((fee) => [fee.highWaterMark, fee.billedSoFar, fee.fee])).toEqual([
      ["3", "130.00", "130.00"],
      ["5", "75.00", "-55.00"],
    ]);
    expect(result).toMatchObject({ billedInAdvance: "75.00", arrears: "75.00", due: "0.00" });
    // The second fee on arrival, with the mark the first left (3, read with a full quantity of 3).
    const second = inAdvanceFee(fullTiers, "units", events.slice(0, 1), events[1], "2026-02", {
      highWaterMark: "3",
    });
    expect(second).toEqual(result.fees[1]);
  });

  it("prices a mark given back after a removal at the full quantity it was read with", () => {
    // a: +8 on 15 February → 4 prorated, full 8: 70.00 (above). b: −8 on 22 February, so a's 8 were
    // active 7 days: 8 × 7 ÷ 28 = 2, full 0; the mark stays 4. c: +1 on 27 February, 2 days: 2 + 1 × 2 ÷ 28
    // = 2.0714285… → 2.07143 (up, 5 decimals), full 1, under the mark: fee 0.00, billed so far still
    // A(mark) = 70.00 (the mark 4 priced at the tier of 4 alone would read 140.00). The invoice prices
    // 2.07143 at the tier of the full 1: 100.00 + 1 × 10.00 × 2.07143 ÷ 1 = 120.7143 → 120.71, so 50.71
    // is still due at the period's end: 70.00 + 50.71 = the invoice's line.
    const events = [added("a", 15, 8), added("b", 22, -8), added("c", 27, 1)];
    expect(rateInvoice(fullTiers, events, "2026-02").lines[0]).toMatchObject({
      quantity: "2.07143",
      amount: "120.71",
    });
    const result = rateInAdvance(fullTiers, "units", events, "2026-02");
    expect(result.fees.map((fee) => [fee.quantity, fee.highWaterMark, fee.billedSoFar, fee.fee])).toEqual([
      ["4", "4", "70.00", "70.00"],
      ["2", "4", "70.00", "0.00"],
      ["2.07143", "4", "70.00", "0.00"],
    ]);
    expect(result).toMatchObject({ billedInAdvance: "70.00", arrears: "120.71", due: "50.71" });
    const third = inAdvanceFee(fullTiers, "units", events.slice(0, 2), events[2], "2026-02", {
      highWaterMark: "4",
    });
    expect(third).toEqual(result.fees[2]);
  });
});

describe("usage billed in advance on a charge that draws from an allowance pool", () => {
  const pooled = buildContract({
    charges: [unitCharge("use", "Use", "m")],
    allowances: [{ id: "free", name: "Free units", quantity: "10", charges: ["use"] }],
  } as never);
  const events = [
    usageEvent("a", "e", "2026-03-03T00:00:00Z", { v: 6 }),
    usageEvent("b", "e", "2026-03-04T00:00:00Z", { v: 6 }),
  ];

  it("is refused: the invoice bills what the pool leaves (2.00), which no fee of the charge's own quantity is", () => {
    // 6 + 6 = 12 units, the pool's 10 drawn at the period's end: (12 − 10) × 1.00 = 2.00 on the invoice.
    // Fees of A(6) − A(0) = 6.00 and A(12) − A(6) = 6.00 would have billed 12.00 in advance.
    expect(rateInvoice(pooled, events, "2026-03").lines[0]).toMatchObject({ quantity: "2", amount: "2.00" });
    for (const call of [
      () => rateInAdvance(pooled, "use", events, "2026-03"),
      () => inAdvanceFee(pooled, "use", events.slice(0, 1), events[1], "2026-03"),
    ])
      expect(call).toThrow(
        expect.objectContaining({
          code: "invalid_argument",
          path: "chargeId",
          message: expect.stringContaining('Charge "use" draws from allowance pool "free" (charges use)'),
        }),
      );
  });
});

describe("usage billed in advance on a capacity charge with limits on other meters", () => {
  // docs/pricing.md, "capacity": tier 1 up to 100 GB and 1,000,000 requests at 20.00, tier 2 up to
  // 1,000 GB and 10,000,000 requests at 150.00, tier 3 900.00; the charge's own meter is storage_gb.
  const tiers = CAPACITY_TIERS;
  const plan = (limits: typeof tiers) =>
    buildContract({
      meters: [sumMeter("storage_gb"), sumMeter("requests")],
      charges: [
        {
          id: "plan",
          name: "Plan",
          meter: "storage_gb",
          price: { model: "capacity", tiers: limits },
        } as never,
      ],
    });
  const events = [
    usageEvent("r", "requests", "2026-03-02T00:00:00Z", { v: 5000000 }),
    usageEvent("s", "storage_gb", "2026-03-03T00:00:00Z", { v: 50 }),
  ];

  it("is refused: 50 GB under 5,000,000 requests is tier 2 on the invoice (150.00), not the 20.00 of tier 1", () => {
    // 50 ≤ 100 GB but 5,000,000 > 1,000,000 requests breaks tier 1; tier 2 holds: 150.00. Read from the
    // charge's own meter alone, the requests are 0 and tier 1 holds: 20.00 in advance, and nothing due.
    const contract = plan(tiers);
    expect(rateInvoice(contract, events, "2026-03").lines[0]!.amount).toBe("150.00");
    for (const call of [
      () => rateInAdvance(contract, "plan", events, "2026-03"),
      () => inAdvanceFee(contract, "plan", events.slice(0, 1), events[1], "2026-03"),
    ])
      expect(call).toThrow(
        expect.objectContaining({
          code: "invalid_argument",
          path: "chargeId",
          message:
            'Charge "plan" is priced by the quantities of other meters too (requests): usage billed in advance is worked out from the charge\'s own meter alone, which does not say what the others measure.',
        }),
      );
  });

  it("bills limits on the charge's own meter alone as before: 50 GB, then 150 GB → 20.00, then 130.00", () => {
    // Limits on storage_gb only: 50 ≤ 100 is tier 1 (20.00); 50 + 100 = 150 > 100 is tier 2 (150.00).
    const own = plan(tiers.map((tier) => ({ ...tier, limits: tier.limits?.slice(0, 1) })) as typeof tiers);
    const storage = [
      usageEvent("a", "storage_gb", "2026-03-03T00:00:00Z", { v: 50 }),
      usageEvent("b", "storage_gb", "2026-03-04T00:00:00Z", { v: 100 }),
    ];
    const result = rateInAdvance(own, "plan", storage, "2026-03");
    expect(result.fees.map((fee) => fee.fee)).toEqual(["20.00", "130.00"]);
    expect(result).toMatchObject({ billedInAdvance: "150.00", arrears: "150.00", due: "0.00" });
    expect(rateInvoice(own, storage, "2026-03").lines[0]!.amount).toBe("150.00");
  });
});
