import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { buildContract, type ChargeInput, usageEvent } from "../_support/contract.js";

// A charge whose amendment changes whether it is priced per group (a matrix by region) or as one line.
const MATRIX: ChargeInput = {
  id: "c0",
  name: "Fee",
  meter: "m",
  price: {
    model: "matrix",
    dimensions: ["region"],
    cells: [{ match: { region: "na" }, price: { model: "unit", unitPrice: "1" } }],
  },
};
const UNIT: ChargeInput = { id: "c0", name: "Fee", meter: "m", price: { model: "unit", unitPrice: "2" } };

const lines = (invoice: ReturnType<typeof rateInvoice>) =>
  invoice.lines.map((line) => [line.id, line.period.start.slice(0, 10), line.amount]);

describe("an amendment that changes whether a charge is priced per group", () => {
  const events = [
    usageEvent("e1", "e", "2026-01-05T00:00:00Z", { v: "10", region: "na" }),
    usageEvent("e2", "e", "2026-01-20T00:00:00Z", { v: "20", region: "na" }),
  ];

  it("bills the matrix for its piece and the single price for the rest, not the last terms over the whole month", () => {
    // January, amended on the 17th from a matrix (na at 1.00) to one unit price of 2.00: the matrix
    // prices the 10 units of the 5th, 10 × 1.00 = 10.00; the unit price the 20 of the 20th,
    // 20 × 2.00 = 40.00; 50.00 in all. It billed the unit price over the whole month as well, 30 × 2.00
    // = 60.00 on a line "c0" beside the piece's 40.00, and the matrix's 10.00: 110.00.
    const contract = buildContract({
      charges: [MATRIX],
      amendments: [{ id: "a1", effective: "2026-01-17", charges: [UNIT] }],
    });
    const invoice = rateInvoice(contract, events, "2026-01");
    expect(lines(invoice)).toEqual([
      ['c0[region="na"]@2026-01-01', "2026-01-01", "10.00"],
      ["c0@2026-01-17", "2026-01-17", "40.00"],
    ]);
    expect(invoice.total).toBe("50.00");
  });

  it("bills a single price's minimum for its own piece only (the fuzzer's case)", () => {
    // matrix until the 17th with no usage (no line), then a dynamic price with a line minimum of 50.50,
    // prorated to its 15 of 31 days: 50.5 × 15 ÷ 31 = 24.4354… → 24.44. It also billed the minimum
    // whole over the month on a line "c0" (50.50), with the same id as no other line: 74.94
    const contract = buildContract({
      charges: [MATRIX],
      amendments: [
        {
          id: "a1",
          effective: "2026-01-17",
          charges: [{ id: "c0", name: "Fee", meter: "m", price: { model: "dynamic" }, minimum: "50.5" }],
        },
      ],
    });
    const invoice = rateInvoice(contract, [], "2026-01");
    expect(lines(invoice)).toEqual([["c0@2026-01-17", "2026-01-17", "24.44"]]);
  });

  it("bills the single price for its piece and the matrix for the rest, the other way round", () => {
    // unit price 2.00 until the 17th: 10 × 2.00 = 20.00; the matrix after: 20 × 1.00 = 20.00
    const contract = buildContract({
      charges: [UNIT],
      amendments: [{ id: "a1", effective: "2026-01-17", charges: [MATRIX] }],
    });
    const invoice = rateInvoice(contract, events, "2026-01");
    expect(invoice.total).toBe("40.00");
    expect(lines(invoice).map(([, , amount]) => amount)).toEqual(["20.00", "20.00"]);
  });
});
