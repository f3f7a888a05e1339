import { describe, expect, it } from "vitest";
import { type Explanation, explain } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, seatsCharge } from "../_support/contract.js";

// The terms an explanation lists under a line must be true of that line. Seats billed in advance at
// 12.00 a seat, 10 seats, then 15 from 21 April (the default: prorated). April's closing invoice holds
// the credit for the 10 seats' unused time, 21 April → 1 May: −120.00 × 10 ÷ 30 = −40.00; the 15 seats
// for that time, 180.00 × 10 ÷ 30 = 60.00; and May's 15 seats in advance, 180.00 (contracts.md,
// "Subscriptions and seats"). The 10 seats were in force from the term start until 21 April, never from
// 21 April: the credit line's terms said "Terms in force from 2026-04-21T00:00:00.000Z to
// 2026-05-01T00:00:00.000Z." (the credited time), which is false of the 10 seats.
const contract = buildContract(
  buildContractJson({ id: "ctr_unused_terms", term: { start: "2026-03-10" }, charges: [seatsCharge("10")] }),
  { amendments: [{ id: "more-seats", effective: "2026-04-21", charges: [seatsCharge("15")] }] },
);
const invoice = rateInvoice(contract, [], "2026-04");
const document = JSON.parse(explain(invoice, { format: "json" })) as Explanation;
const termsOf = (id: string) => document.lines[invoice.lines.findIndex((line) => line.id === id)]!.terms;

describe("the terms listed under a credit for unused time", () => {
  it("are the April lines worked by hand: −40.00, 60.00 and May's 180.00", () => {
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["seats:unused@2026-04-21", "-40.00"],
      ["seats@2026-04-21", "60.00"],
      ["seats", "180.00"],
    ]);
  });

  it("do not say the replaced terms were in force over the time credited", () => {
    const terms = termsOf("seats:unused@2026-04-21");
    expect(terms.filter((term) => term.startsWith("Terms in force"))).toEqual([]);
    // what the credit covers is said by its own sentence, the unused time of the fee billed in advance
    expect(terms).toContain(
      "Credit for the unused time from 2026-04-21 to 2026-05-01 of the fee billed in advance: -$40.00.",
    );
  });

  it("still say when the new terms are in force, on the line that bills them, in local dates", () => {
    // The contract's zone is UTC: 2026-04-21T00:00:00.000Z is the local midnight of 21 April. Before,
    // the instants were written as they are stored ("2026-04-21T00:00:00.000Z").
    expect(termsOf("seats@2026-04-21")).toContain("Terms in force from 2026-04-21 to 2026-05-01.");
  });
});
