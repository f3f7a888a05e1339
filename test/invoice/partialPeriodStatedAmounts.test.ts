import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { parseInvoice, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";

// A contract whose term starts on 10 March, monthly calendar periods in UTC: March's invoice covers 10–31
// March, 22 of 31 days = 1,900,800 of 2,678,400 seconds. A fixed discount and a commitment's limits are
// amounts a billing period, so March takes 22/31 of each. The invoice must show the contract's figure
// and the share, not only the prorated result: "$31.00 a month" in the contract and "$22.00" on the
// invoice, with nothing between, is what a specialist cannot check.
const contract = buildContract({
  id: "ctr_stated",
  term: { start: "2026-03-10", end: "2027-03-10" },
  meters: [sumMeter("units", { eventType: "u" })],
  charges: [unitCharge("usage", "Usage", "units")],
  discounts: [{ id: "welcome", name: "Welcome credit", amount: "31.00" }],
  commitments: [{ id: "band", name: "Spend band", minimum: "155.00", maximum: "620.00" }],
});
const usage = (units: string, timestamp = "2026-03-20T12:00:00Z") => [
  { id: "e1", type: "u", customer: "cus", timestamp, properties: { v: units } },
];
const MARCH_SHARE = { basis: "second", elapsed: "1900800", total: "2678400" } as const;

describe("a fixed discount and a commitment on a partial billing period show what they were prorated from", () => {
  it("keeps the discount's amount a period and its share: 31.00 × 22 ÷ 31 = 22.00", () => {
    const invoice = rateInvoice(contract, usage("50"), "2026-03-10/2026-04-01");
    // usage 50 × 1.00 = 50.00; the discount 31.00 × 1,900,800 ÷ 2,678,400 = 31.00 × 22 ÷ 31 = 22.00
    expect(invoice.discounts).toEqual([
      {
        id: "welcome",
        name: "Welcome credit",
        fixed: "22.00",
        prorated: { amount: "31.00", ...MARCH_SHARE },
        base: "50.00",
        amount: "-22.00",
        allocation: [{ line: "usage", amount: "-22.00" }],
      },
    ]);
    expect(explainText(invoice)).toContain(
      "Welcome credit: $31.00 a billing period × 1,900,800 ÷ 2,678,400 seconds = $22.00 (at most the $50.00 it applies to) = -$22.00",
    );
  });

  it("keeps the commitment's limits as written and the share that scaled them", () => {
    // minimum 155.00 × 22 ÷ 31 = 110.00; spend 50.00 − 22.00 = 28.00 → true-up 110.00 − 28.00 = 82.00
    const low = rateInvoice(contract, usage("50"), "2026-03-10/2026-04-01");
    const schedule = [
      {
        start: "2026-03-10T00:00:00.000Z",
        end: "2026-04-01T00:00:00.000Z",
        minimum: "155.00",
        maximum: "620.00",
        ...MARCH_SHARE,
      },
    ];
    expect(low.commitments).toEqual([
      {
        id: "band",
        name: "Spend band",
        minimum: "110.00",
        maximum: "440.00",
        spend: "28.00",
        trueUp: "82.00",
        schedule,
      },
    ]);
    expect(explainText(low)).toContain(
      "Spend band: the period is part of a billing period, so its limits are prorated: minimum $155.00 × 1,900,800 ÷ 2,678,400 seconds (2026-03-10 to 2026-04-01) = $110.00 for this invoice; maximum $620.00 × 1,900,800 ÷ 2,678,400 seconds (2026-03-10 to 2026-04-01) = $440.00 for this invoice.",
    );
    // maximum 620.00 × 22 ÷ 31 = 440.00; spend 500.00 − 22.00 = 478.00, above it by 38.00
    const high = rateInvoice(contract, usage("500"), "2026-03-10/2026-04-01");
    expect(high.commitments?.[0]).toMatchObject({
      maximum: "440.00",
      spend: "478.00",
      cap: "-38.00",
      schedule,
    });
    // the entries' keys in the schema's order: the invoice's bytes survive a parse
    for (const invoice of [low, high])
      expect(JSON.stringify(parseInvoice(JSON.parse(JSON.stringify(invoice))))).toBe(JSON.stringify(invoice));
  });

  it("adds nothing on a whole billing period", () => {
    // April whole: 31.00 off 200.00, the limits as written (155.00 ≤ 169.00 ≤ 620.00)
    const april = rateInvoice(contract, usage("200", "2026-04-20T12:00:00Z"), "2026-04");
    expect(april.discounts).toEqual([expect.objectContaining({ fixed: "31.00", amount: "-31.00" })]);
    expect(april.discounts![0]).not.toHaveProperty("prorated");
    expect(april.commitments).toEqual([
      { id: "band", name: "Spend band", minimum: "155.00", maximum: "620.00", spend: "169.00" },
    ]);
  });
});
