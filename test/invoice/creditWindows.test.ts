import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, type ContractOverrides, sumMeter, unitCharge } from "../_support/contract.js";

// These tests rate grants that started before the invoice's period as if no earlier invoice had
// burned them: they say so (creditsStartFull), as a caller must.
const FRESH = { creditsStartFull: true } as const;

// One usage charge at 1.00 per unit and one 100.00 promotional grant with the given window.
function contractWith(window: { effective?: string; expires?: string }, extra: ContractOverrides = {}) {
  return buildContract(
    {
      id: "ctr_grant_window",
      meters: [sumMeter("units", { eventType: "u" })],
      charges: [unitCharge("usage", "Usage", "units")],
      credits: [{ id: "sla", name: "SLA credit", kind: "promotional", amount: "100", ...window }],
    },
    extra,
  );
}
// 30 units on 5 March and 30 on 25 March, 40 in April.
const events = [
  { id: "a", type: "u", customer: "cus", timestamp: "2026-03-05T12:00:00Z", properties: { v: "30" } },
  { id: "b", type: "u", customer: "cus", timestamp: "2026-03-25T12:00:00Z", properties: { v: "30" } },
  { id: "c", type: "u", customer: "cus", timestamp: "2026-04-10T12:00:00Z", properties: { v: "40" } },
];
const burned = (invoice: ReturnType<typeof rateInvoice>) => invoice.credits?.map((credit) => credit.applied);

describe("which invoices a credit grant applies to (the invoice's start date decides)", () => {
  it("starts with the first invoice that starts on or after its effective date", () => {
    const contract = contractWith({ effective: "2026-03-17" });
    // March starts on 1 March, before the grant exists: none of March's 60.00, not even the usage of the 25th
    expect(burned(rateInvoice(contract, events, "2026-03", FRESH))).toBeUndefined();
    // April is the first invoice it applies to, in full: 40.00 of the 100.00
    expect(burned(rateInvoice(contract, events, "2026-04", FRESH))).toEqual(["-40.00"]);
    // an invoice for part of March that starts on the 17th uses it: the 30.00 of the 25th
    expect(burned(rateInvoice(contract, events, "2026-03-17/2026-04-01", FRESH))).toEqual(["-30.00"]);
  });

  it("pays the whole of an invoice that starts before it expires, and none after", () => {
    const contract = contractWith({ expires: "2026-03-17" });
    // March starts before the expiry: the grant pays all 60.00, the usage of the 25th included (not pro rata)
    expect(burned(rateInvoice(contract, events, "2026-03", FRESH))).toEqual(["-60.00"]);
    // April starts after it: nothing, the 40.00 left is gone
    expect(
      burned(rateInvoice(contract, events, "2026-04", { creditBalances: { sla: "40.00" } })),
    ).toBeUndefined();
  });

  it("treats the expiry date as the first day it no longer applies", () => {
    // expires 1 March: February's invoice is the last one; March gets nothing
    expect(
      burned(rateInvoice(contractWith({ expires: "2026-03-01" }), events, "2026-03", FRESH)),
    ).toBeUndefined();
    // expires 2 March: March starts on the 1st, still in force, so it pays all of March
    expect(burned(rateInvoice(contractWith({ expires: "2026-03-02" }), events, "2026-03", FRESH))).toEqual([
      "-60.00",
    ]);
  });

  it("reads the dates as local midnight in the contract's zone", () => {
    // in Tokyo, March starts at 2026-02-28T15:00Z; a grant effective 2026-03-01 applies to it
    const tokyo = contractWith({ effective: "2026-03-01" }, { timeZone: "Asia/Tokyo" });
    expect(burned(rateInvoice(tokyo, events, "2026-03", FRESH))).toEqual(["-60.00"]);
    expect(burned(rateInvoice(tokyo, events, "2026-02", FRESH))).toBeUndefined();
  });
});
