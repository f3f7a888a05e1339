import { describe, expect, it } from "vitest";
import { issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import { type ContractInput, parseContract } from "../../src/schema/index.js";
import { thrown } from "../_support/thrown.js";

// Credit notes by quantity re-rate a line with the terms that rated it: an amendment's price for a
// piece, a contract quantity (seats) for a seat line; a line that drew from an allowance pool is refused.
const base: ContractInput = {
  schemaVersion: 1,
  id: "ctr_cn",
  customer: { id: "cus" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly" },
  term: { start: "2026-01-01" },
  meters: [{ id: "cpu", eventType: "cpu", aggregation: "sum", valueProperty: "v", unit: "h" }],
  charges: [{ id: "compute", name: "Compute", meter: "cpu", price: { model: "unit", unitPrice: "1" } }],
};
const cpu = (id: string, day: number, v: string) => ({
  id,
  type: "cpu",
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties: { v },
});

describe("credit notes re-rate with the terms that rated the line", () => {
  it("re-rates an amendment's piece at the amended price", () => {
    const contract = parseContract({
      ...base,
      amendments: [
        {
          id: "raise",
          effective: "2026-03-17",
          charges: [
            { id: "compute", name: "Compute", meter: "cpu", price: { model: "unit", unitPrice: "2" } },
          ],
        },
      ],
    });
    const invoice = rateInvoice(contract, [cpu("a", 10, "5"), cpu("b", 20, "3")], "2026-03");
    const note = issueCreditNote(contract, invoice, [
      { kind: "quantity", line: "compute@2026-03-17", quantity: "1", reason: "one hour counted twice" },
    ]);
    // the piece billed 3 h × 2.00 = 6.00; kept 2 h × 2.00 = 4.00; credit 6.00 − 4.00 = 2.00
    // (the contract's first price, 1.00, would have credited 6.00 − 2.00 = 4.00)
    expect(note.lines[0]).toMatchObject({ rerated: "4.00", amount: "2.00" });
  });

  it("re-rates a seat line with fewer seats", () => {
    const contract = parseContract({
      ...base,
      charges: [{ id: "seats", name: "Seats", quantity: "10", price: { model: "unit", unitPrice: "12" } }],
    });
    const invoice = rateInvoice(contract, [], "2026-03");
    const note = issueCreditNote(contract, invoice, [
      { kind: "quantity", line: "seats", quantity: "3", reason: "three seats were never activated" },
    ]);
    // billed 10 × 12.00 = 120.00; kept 7 × 12.00 = 84.00; credit 36.00
    expect(note.lines[0]).toMatchObject({ rerated: "84.00", amount: "36.00" });
  });

  it("refuses to re-rate a line that drew from an allowance pool", () => {
    const contract = parseContract({
      ...base,
      allowances: [{ id: "free", name: "Free hours", quantity: "2", charges: ["compute"] }],
    });
    const invoice = rateInvoice(contract, [cpu("a", 10, "5")], "2026-03");
    expect(
      thrown(() =>
        issueCreditNote(contract, invoice, [
          { kind: "quantity", line: "compute", quantity: "1", reason: "x" },
        ]),
      ),
    ).toMatchObject({ code: "invalid_field" });
  });
});
