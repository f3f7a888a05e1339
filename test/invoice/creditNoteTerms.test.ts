import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { invoiceSchema, issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import { buildContract, buildContractJson, sumMeter, unitCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Credit notes by quantity re-rate a line with the terms that rated it: an amendment's price for a
// piece, a contract quantity (seats) for a seat line; a line that drew from an allowance pool is refused.
const base = buildContractJson({
  id: "ctr_cn",
  meters: [sumMeter("cpu", { unit: "h" })],
  charges: [unitCharge("compute", "Compute", "cpu")],
});
const cpu = (id: string, day: number, v: string) => ({
  id,
  type: "cpu",
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties: { v },
});

describe("credit notes re-rate with the terms that rated the line", () => {
  it("re-rates an amendment's piece at the amended price", () => {
    const contract = buildContract(base, {
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
    const contract = buildContract(base, {
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
    const contract = buildContract(base, {
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

describe("credit notes across corrections", () => {
  const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic");
  const contract = fixtureContract("cdn-basic");
  // The cdn-basic February invoice: platform_fee 500.00, bandwidth_na 3,656.00 (61,400 GB), total 7,663.78.
  const invoice = invoiceSchema.parse(JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8")));

  it("taxes a partial credit on the credited amount, not on the line's net", () => {
    const discounted = buildContract(base, {
      discounts: [{ id: "d20", name: "20% off", percent: "20" }],
      tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT 10%", percent: "10" }] },
    });
    const taxed = rateInvoice(discounted, [cpu("a", 10, "100")], "2026-03");
    // 100 h × 1.00 = 100.00, 20 % off → net 80.00, VAT 8.00
    expect(taxed.tax?.total).toBe("8.00");
    const note = issueCreditNote(discounted, taxed, [
      { kind: "amount", line: "compute", amount: "10", reason: "x" },
    ]);
    // 10.00 credited × 10 % = 1.00 of VAT (not 8.00, the tax of the whole net); total 11.00
    expect(note.tax?.total).toBe("1.00");
    expect(note.total).toBe("11.00");
  });

  it("credits the whole invoice after a line was credited in full: what remains of the others", () => {
    const first = issueCreditNote(contract, invoice, [{ kind: "line", line: "platform_fee", reason: "x" }]);
    const rest = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "cancelled" }], {
      previous: [first],
    });
    // 7,663.78 − 500.00 already credited = 7,163.78; the platform fee has no line on the second note
    expect(rest.total).toBe("7163.78");
    expect(rest.lines.some((line) => line.corrects === "platform_fee")).toBe(false);
  });

  it("re-rates a second quantity correction from what the first left", () => {
    const first = issueCreditNote(contract, invoice, [
      { kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "x" },
    ]);
    const second = issueCreditNote(
      contract,
      invoice,
      [{ kind: "quantity", line: "bandwidth_na", quantity: "10000", reason: "y" }],
      { previous: [first] },
    );
    // first: 3,656.00 − (10,000 × 0.08 + 40,000 × 0.06 = 3,200.00) = 456.00
    // second: 50,000 GB left = 3,200.00; 40,000 kept = 800 + 30,000 × 0.06 = 2,600.00; credit 600.00
    // together 1,056.00, what 21,400 GB in one correction credits: 3,656.00 − 2,600.00
    expect(first.lines[0]?.amount).toBe("456.00");
    expect(second.lines[0]).toMatchObject({ rerated: "2600.00", amount: "600.00" });
    const once = issueCreditNote(contract, invoice, [
      { kind: "quantity", line: "bandwidth_na", quantity: "21400", reason: "z" },
    ]);
    expect(once.lines[0]?.amount).toBe("1056.00");
  });
});
