import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { correctLateUsage, type FocusRow, lateUsageRows, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract } from "../_support/contract.js";
import { marchGb, VOLUME_BANDWIDTH } from "../_support/lateUsageExample.js";
import { thrown } from "../_support/thrown.js";
import { violations } from "./focusSpec.js";

const VOLUME = VOLUME_BANDWIDTH;
const gb = marchGb;
const USAGE = [gb("a", 3, "500"), gb("b", 9, "400")];
const LATE = [gb("late", 20, "200")];
const APRIL = { start: "2026-04-01T00:00:00Z", end: "2026-05-01T00:00:00Z" };
const OPTIONS = { provider: "Acme Cloud", correctionPeriod: APRIL };

const billed = (rows: ReadonlyArray<FocusRow>) =>
  rows.reduce((sum, row) => sum.plus(row.BilledCost ?? "NaN"), new Decimal(0));

describe("lateUsageRows", () => {
  const contract = buildContract(VOLUME);
  const issued = rateInvoice(contract, USAGE, "2026-03");
  const result = correctLateUsage(contract, issued, USAGE, LATE, { billOn: "2026-04" });

  it("reverses the issued bandwidth row and books the re-rated one, as Corrections billed in April", () => {
    const rows = lateUsageRows(result, { ...OPTIONS, invoice: issued });
    // 900 GB × 0.10 = 90.00 reversed; 1,100 GB × 0.08 = 88.00 booked; the 10.00 fee is untouched. A
    // volume price is written as one block (docs/focus-export.md): PricingQuantity 1 (−1 reversed) at the
    // line's amount; ConsumedQuantity carries the GB.
    expect(
      rows.map((row) => [
        row.x_LineId,
        row.ConsumedQuantity,
        row.PricingQuantity,
        row.ListUnitPrice,
        row.BilledCost,
      ]),
    ).toEqual([
      ["ctr:2026-03-01/gb:reversal", "-900", "-1", "90.00", "-90.00"],
      ["ctr:2026-03-01/gb:rebook", "1100", "1", "88.00", "88.00"],
    ]);
    // −90.00 + 88.00 = −2.00, the correction's total
    expect(billed(rows).toFixed(2)).toBe("-2.00");
    for (const row of rows) {
      expect(row.ChargeClass).toBe("Correction");
      expect([row.BillingPeriodStart, row.BillingPeriodEnd]).toEqual([
        "2026-04-01T00:00:00Z",
        "2026-05-01T00:00:00Z",
      ]);
      // The charge period stays March's: the usage the rows correct.
      expect(row.ChargePeriodStart).toBe("2026-03-01T00:00:00Z");
      // Not on an issued invoice yet (invoiceid.md: null then).
      expect(row.InvoiceId).toBeNull();
    }
    expect(rows.flatMap(violations)).toEqual([]);
  });

  it("writes a credit_note correction as the note's rows and the re-issued invoice's, all Corrections", () => {
    const byNote = buildContract({ ...VOLUME, lateUsage: { correction: "credit_note" } });
    const issuedByNote = rateInvoice(byNote, USAGE, "2026-03");
    const corrected = correctLateUsage(byNote, issuedByNote, USAGE, LATE, { billOn: "2026-04" });
    const rows = lateUsageRows(corrected, { ...OPTIONS, invoice: issuedByNote });
    // credited: −(90.00 + 10.00) = −100.00; re-issued: 88.00 + 10.00 = 98.00; in all −2.00
    expect(billed(rows).toFixed(2)).toBe("-2.00");
    expect(rows.every((row) => row.ChargeClass === "Correction")).toBe(true);
    expect(rows.flatMap(violations)).toEqual([]);
  });

  it("puts a prepaid wallet back with the credit note, so a credit_note correction adds up to the change in the amount due", () => {
    const byNote = buildContract(VOLUME, {
      lateUsage: { correction: "credit_note" },
      credits: [{ id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "30" }],
    });
    const start = { creditsStartFull: true } as const;
    const issuedByNote = rateInvoice(byNote, USAGE, "2026-03", start);
    const corrected = correctLateUsage(byNote, issuedByNote, USAGE, LATE, { billOn: "2026-04", ...start });
    const rows = lateUsageRows(corrected, { ...OPTIONS, invoice: issuedByNote });
    // issued 100.00 − 30.00 wallet = 70.00 due; re-issued 98.00 − 30.00 = 68.00 due. The note gives back
    // 70.00 of money (−100.00 credited, +30.00 back to the wallet) and the re-issue bills 68.00: −2.00,
    // where booking the note's 100.00 as money made it −32.00.
    expect(billed(rows).toFixed(2)).toBe("-2.00");
    expect(rows.flatMap(violations)).toEqual([]);
  });

  it("refuses a correction without its issued invoice or without the period it is booked in", () => {
    expect(thrown(() => lateUsageRows(result, OPTIONS))).toMatchObject({
      code: "missing_field",
      path: "invoice",
    });
    expect(thrown(() => lateUsageRows(result, { provider: "A", invoice: issued }))).toMatchObject({
      code: "missing_field",
      path: "correctionPeriod",
    });
  });

  it("adds up to the re-rated amount due minus the issued one, whatever the late usage (with tax)", () => {
    const taxed = buildContract({
      ...VOLUME,
      tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "20" }] },
    });
    const eventsArb = (prefix: string) =>
      fc
        .array(fc.record({ day: fc.integer({ min: 1, max: 31 }), v: fc.integer({ min: 0, max: 900 }) }), {
          maxLength: 6,
        })
        .map((raw) => raw.map((entry, i) => gb(`${prefix}${i}`, entry.day, String(entry.v))));
    fc.assert(
      fc.property(eventsArb("u"), eventsArb("late"), (usage, late) => {
        const before = rateInvoice(taxed, usage, "2026-03");
        const correction = correctLateUsage(taxed, before, usage, late, { billOn: "2026-04" });
        if (correction.mode !== "next_invoice") throw new Error("expected next_invoice");
        const rows = lateUsageRows(correction, { ...OPTIONS, invoice: before });
        const due = (invoice: typeof before) => invoice.amountDue ?? invoice.total;
        // rows = re-rated − issued, exactly; and = the correction's total (no credits after tax here)
        expect(billed(rows).equals(new Decimal(due(correction.rerated)).minus(due(before)))).toBe(true);
        expect(billed(rows).equals(correction.total)).toBe(true);
        expect(rows.flatMap(violations)).toEqual([]);
        if (correction.lines.length === 0) expect(rows).toEqual([]);
      }),
    );
  });
});
