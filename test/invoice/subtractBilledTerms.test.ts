import { describe, expect, it } from "vitest";
import { subtractBilled } from "../../src/invoice/subtractBilled.js";
import { handBuiltInvoice } from "../_support/handBuiltInvoice.js";

// A record (pool, discount, commitment, credit grant) that only earlier progressive invoices of the
// period have is written on the next invoice with its terms as they were and its flows given back
// (0 − what the earlier invoices had). Until this fix every number-like text of such a record was
// replaced by "0": an id "2026", a discount's percent "10", a commitment's minimum, a grant's unit
// value and balance after. Each figure below is worked by hand from the two earlier invoices.

const invoice = handBuiltInvoice;

describe("subtractBilled: a record only earlier invoices have keeps its terms", () => {
  it("keeps a pool's number-like id and its size, and gives back what was drawn (0 − 150 = −150)", () => {
    const pool = (drawn: string) => ({
      id: "2026",
      name: "2026",
      quantity: "1000",
      drawn: [{ line: "a", quantity: drawn }],
      remaining: "850",
    });
    const [result] =
      subtractBilled(invoice("c", {}), [
        invoice("p1", { allowances: [pool("100")] }),
        invoice("p2", { allowances: [pool("50")] }),
      ]).allowances ?? [];
    // drawn: 0 − (100 + 50) = −150; id, name, size and remaining as the last earlier invoice wrote them
    expect(result).toStrictEqual({
      id: "2026",
      name: "2026",
      quantity: "1000",
      drawn: [{ line: "a", quantity: "-150" }],
      remaining: "850",
    });
  });

  it("keeps a discount's percent and number-like id; its base, amount and allocation are given back", () => {
    const ten = (base: string, amount: string) => ({
      id: "10",
      name: "10",
      percent: "10",
      base,
      amount,
      allocation: [{ line: "a", amount }],
    });
    const [result] =
      subtractBilled(invoice("c", {}), [
        invoice("p1", { discounts: [ten("100.00", "-10.00")] }),
        invoice("p2", { discounts: [ten("40.00", "-4.00")] }),
      ]).discounts ?? [];
    // base 0 − 140.00 = −140.00; amount 0 − (−14.00) = 14.00; allocation a: 0 − (−14.00) = 14.00
    expect(result).toStrictEqual({
      id: "10",
      name: "10",
      percent: "10",
      base: "-140.00",
      amount: "14.00",
      allocation: [{ line: "a", amount: "14.00" }],
    });
  });

  it("keeps a commitment's minimum and maximum; spend, true-up and allocation are given back", () => {
    const commit = (spend: string, trueUp: string) => ({
      id: "2027",
      name: "Commit",
      minimum: "500.00",
      maximum: "900.00",
      spend,
      trueUp,
      allocation: [{ line: "a", amount: spend }],
    });
    const [result] =
      subtractBilled(invoice("c", {}), [
        invoice("p1", { commitments: [commit("100.00", "0.00")] }),
        invoice("p2", { commitments: [commit("20.00", "5.00")] }),
      ]).commitments ?? [];
    // spend 0 − 120.00 = −120.00; true-up 0 − 5.00 = −5.00; allocation a: 0 − 120.00 = −120.00
    expect(result).toStrictEqual({
      id: "2027",
      name: "Commit",
      minimum: "500.00",
      maximum: "900.00",
      spend: "-120.00",
      trueUp: "-5.00",
      allocation: [{ line: "a", amount: "-120.00" }],
    });
  });

  it("keeps a grant's unit value and the balance the last earlier invoice left; applied and units are given back", () => {
    const grant = (before: string, applied: string, units: string, after: string) => ({
      id: "42",
      name: "Tokens",
      stage: "before_tax" as const,
      unit: "TOKEN",
      unitValue: "0.01",
      balanceBefore: before,
      applied,
      unitsUsed: units,
      balanceAfter: after,
    });
    const [result] =
      subtractBilled(invoice("c", {}), [
        invoice("p1", { credits: [grant("1000", "-3.00", "300", "700")] }),
        invoice("p2", { credits: [grant("700", "-2.00", "200", "500")] }),
      ]).credits ?? [];
    // applied 0 − (−5.00) = 5.00; units 0 − 500 = −500; nothing burned now, so the balance before and
    // after are both what the last earlier invoice left: 500
    expect(result).toStrictEqual({
      id: "42",
      name: "Tokens",
      stage: "before_tax",
      unit: "TOKEN",
      unitValue: "0.01",
      balanceBefore: "500",
      applied: "5.00",
      unitsUsed: "-500",
      balanceAfter: "500",
    });
  });

  it("keeps a commitment's schedule (limits changed on a date) on the invoice that closes the period", () => {
    const schedule = [
      {
        start: "2026-03-01T00:00:00.000Z",
        end: "2026-03-16T00:00:00.000Z",
        minimum: "100.00",
        basis: "day" as const,
        elapsed: "15",
        total: "31",
      },
      {
        start: "2026-03-16T00:00:00.000Z",
        end: "2026-04-01T00:00:00.000Z",
        minimum: "200.00",
        basis: "day" as const,
        elapsed: "16",
        total: "31",
      },
    ];
    // minimum (100 × 15 + 200 × 16) ÷ 31 = 4,700 ÷ 31 = 151.61; spend 90.00 − 60.00 billed earlier = 30.00
    const cumulative = invoice("c", {
      commitments: [
        { id: "m", name: "Minimum", minimum: "151.61", spend: "90.00", trueUp: "61.61", schedule },
      ],
    });
    const earlier = invoice("p1", {
      commitments: [{ id: "m", name: "Minimum", minimum: "151.61", spend: "60.00" }],
    });
    const [result] = subtractBilled(cumulative, [earlier]).commitments ?? [];
    expect(result).toStrictEqual({
      id: "m",
      name: "Minimum",
      minimum: "151.61",
      spend: "30.00",
      trueUp: "61.61",
      schedule,
    });
  });
});
