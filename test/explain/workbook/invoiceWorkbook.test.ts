import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { significantDigits } from "../../../src/explain/workbook/significantDigits.js";
import { invoiceWorkbook, rateInvoice } from "../../../src/index.js";
import { Decimal } from "../../../src/money/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../../_support/contract.js";
import { thrown } from "../../_support/thrown.js";
import { fixtureInvoices } from "./workbookHelpers.js";

describe("invoiceWorkbook", () => {
  it("refuses what is not an invoice ratecard issued, naming where", () => {
    const error = thrown(() => invoiceWorkbook({ lines: [] } as never));
    expect(error).toMatchObject({ code: "invalid_argument" });
  });

  it("writes cdn-basic's graduated tiers as live formulas on the quantity cell", () => {
    const book = invoiceWorkbook(fixtureInvoices().get("cdn-basic")!);
    const quantity = book.quantities.find((figure) => figure.name === "bandwidth_na")!;
    const formulas = book.rows.flatMap((row) =>
      row.cells.flatMap((cell) => (cell?.kind === "formula" ? [cell.formula] : [])),
    );
    // Tier 2 of 10,000 to 50,000 GB: MIN(quantity, 50000) − 10000 units, never below 0.
    expect(formulas).toContain(`MAX(0,MIN(${quantity.cell},50000)-(10000))`);
    expect(book.totals.map((figure) => figure.name)).toEqual(["subtotal", "total"]);
  });

  it("dates the unused time of saas-seats' dropped seats in the invoice's zone, as the text does", () => {
    // the 10 seats' last 10 days of April (UTC): 21 April to 1 May, local dates, not instants
    const book = invoiceWorkbook(fixtureInvoices().get("saas-seats")!);
    const steps = book.rows.flatMap((row) =>
      row.cells.flatMap((cell) => (cell?.kind === "text" ? [cell.text] : [])),
    );
    expect(steps).toContain("Unused time 2026-04-21 to 2026-05-01");
  });

  it("names an allowance pool as the contract names it, as the explanation does", () => {
    // cloudfront-free-tier's pool free_dto is "Always Free data transfer out (1 TB)" (its contract.json).
    const book = invoiceWorkbook(fixtureInvoices().get("cloudfront-free-tier")!);
    const steps = book.rows.flatMap((row) =>
      row.cells.flatMap((cell) => (cell?.kind === "text" ? [cell.text] : [])),
    );
    expect(steps).toContain("Shared allowance Always Free data transfer out (1 TB)");
    expect(steps.some((text) => text.includes("free_dto"))).toBe(false);
  });

  it("writes a net too long for a formula with the invoice's decimals, trailing zeros kept", () => {
    // 1,234,567,890,123 units at 1.00 = 1,234,567,890,123.00; 10 % off: -123,456,789,012.30; net
    // 1,234,567,890,123.00 - 123,456,789,012.30 = 1,111,111,101,110.70, 15 significant digits: more than a
    // spreadsheet computes with, so Net and Total are ratecard's values as text, with the cents the invoice
    // writes. It read 1111111101110.7 (FC_SEED=1004 of calc.property found it in POINTS, 1 decimal).
    const invoice = rateInvoice(
      buildContract({
        id: "ctr_long",
        meters: [sumMeter("m", { eventType: "u" })],
        charges: [unitCharge("calls", "Calls", "m", "1.00")],
        discounts: [{ id: "ten", name: "Ten off", percent: "10" }],
      }),
      [usageEvent("e", "u", "2026-03-02T00:00:00Z", { v: "1234567890123" })],
      "2026-03",
    );
    expect([invoice.subtotal, invoice.total]).toEqual(["1234567890123.00", "1111111101110.70"]);
    const book = invoiceWorkbook(invoice);
    const texts = book.rows.flatMap((row) =>
      row.cells.flatMap((cell) => (cell?.kind === "text" ? [cell.text] : [])),
    );
    expect(texts).toContain("1111111101110.70");
    expect(texts).not.toContain("1111111101110.7");
  });

  it("is the same for the same invoice", () => {
    const invoice = fixtureInvoices().get("golden-rich")!;
    expect(JSON.stringify(invoiceWorkbook(invoice))).toBe(JSON.stringify(invoiceWorkbook(invoice)));
  });

  it("counts significant digits as decimal.js does (the 14-digit rule's input)", () => {
    // "0.000120" → 12 → 2 digits; "31415.926" → 8; "1000" → 1.
    expect([
      significantDigits("0.000120"),
      significantDigits("31415.926"),
      significantDigits("1000"),
    ]).toEqual([2, 8, 1]);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.nat({ max: 20 }), (units, scale) => {
        const plain = new Decimal(units.toString()).div(new Decimal(10).pow(scale)).toFixed();
        expect(significantDigits(plain)).toBe(new Decimal(plain).isZero() ? 0 : new Decimal(plain).sd());
      }),
    );
  });

  it("references only rows written before a formula's own, or its own", () => {
    for (const [, invoice] of fixtureInvoices()) {
      invoiceWorkbook(invoice).rows.forEach((row, index) => {
        for (const cell of row.cells) {
          if (cell?.kind !== "formula") continue;
          for (const [, rowNumber] of cell.formula.matchAll(/\b[A-G](\d+)\b/g))
            expect(Number(rowNumber)).toBeLessThanOrEqual(index + 2);
        }
      });
    }
  });
});
