import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, COMPUTE_AND_STORAGE, computeAndStorageUsage } from "../_support/contract.js";

// A commitment whose maximum changes on 4 March while its minimum stays 100.00, on a day basis and
// with the contract rounding up (ceiling): the minimum is prorated across the two parts all the same.
const contract = buildContract(
  {
    id: "ctr_commit_schedule",
    ...COMPUTE_AND_STORAGE,
    commitments: [
      {
        id: "band",
        name: "Band",
        minimum: "100",
        maximum: "500",
        changes: [{ effective: "2026-03-04", maximum: "400" }],
      },
    ],
  },
  { billing: { cadence: "monthly", proration: "day" }, rounding: { mode: "ceiling" } },
);

describe("a commitment's schedule when one limit changes and the other stays", () => {
  it("owes the unchanged minimum exactly (100.00, not 100.01) and writes each part's maximum", () => {
    const invoice = rateInvoice(contract, computeAndStorageUsage("2", "0"), "2026-03");
    // March has 31 days: Mar 1–4 is 3 days, Mar 4–Apr 1 is 28 days.
    // minimum (100 × 3 + 100 × 28) ÷ 31 = 3,100 ÷ 31 = 100 exactly: one division of the exact sum. Two
    // divisions (100 × 3/31 + 100 × 28/31, each to 50 digits) would sum to 100.000…0004 and round up to
    // 100.01 under ceiling.
    // maximum (500 × 3 + 400 × 28) ÷ 31 = 12,700 ÷ 31 = 409.677… → 409.68 (ceiling)
    // spend 2.00 → true-up 100.00 − 2.00 = 98.00
    expect(invoice.commitments?.[0]).toMatchObject({
      minimum: "100.00",
      maximum: "409.68",
      spend: "2.00",
      trueUp: "98.00",
    });
    expect(invoice.commitments?.[0]?.schedule).toEqual([
      {
        start: "2026-03-01T00:00:00.000Z",
        end: "2026-03-04T00:00:00.000Z",
        minimum: "100.00",
        maximum: "500.00",
        basis: "day",
        elapsed: "3",
        total: "31",
      },
      {
        start: "2026-03-04T00:00:00.000Z",
        end: "2026-04-01T00:00:00.000Z",
        minimum: "100.00",
        maximum: "400.00",
        basis: "day",
        elapsed: "28",
        total: "31",
      },
    ]);
    // 2.00 + 0.00 + 98.00 = 100.00
    expect(invoice.total).toBe("100.00");
  });
});
