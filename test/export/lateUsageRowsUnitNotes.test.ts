import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  correctLateUsage,
  type FocusRow,
  focusRows,
  issueCreditNote,
  lateUsageRows,
  rateInvoice,
} from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, type ChargeInput, flatCharge, sumMeter } from "../_support/contract.js";
import { marchGb } from "../_support/lateUsageExample.js";
import { thrown } from "../_support/thrown.js";
import { violations } from "./focusSpec.js";

// The FOCUS rows of a next_invoice correction that counted a credit note of units (`unitsCredited`,
// docs/late-usage.md "After a credit note that took units off"; docs/focus-export.md). Until 6 December
// 2026 they reversed the issued rows only, as if the note had not been booked: −105.00 + 100.00 = −5.00
// against a correction of +20.00, and the period's rows came to 85.00 where the customer owes 110.00.
const APRIL = { start: "2026-04-01T00:00:00Z", end: "2026-05-01T00:00:00Z" };
const OPTIONS = { provider: "Acme Cloud", correctionPeriod: APRIL };
const sum = (rows: ReadonlyArray<FocusRow>, column: "BilledCost" | "ConsumedQuantity") =>
  rows.reduce((total, row) => total.plus(row[column] ?? 0), new Decimal(0));
const ofLine = (rows: ReadonlyArray<FocusRow>, line: string) => rows.filter((row) => row.SkuPriceId === line);

const bandwidth = (price: ChargeInput["price"], vat?: string) =>
  buildContract({
    meters: [sumMeter("use", { unit: "GB" })],
    charges: [{ id: "gb", name: "Bandwidth", meter: "use", price }, flatCharge("platform", "Platform", "10")],
    ...(vat === undefined
      ? {}
      : { tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: vat }] } }),
  });
const GRADUATED: ChargeInput["price"] = {
  model: "graduated",
  tiers: [
    { upTo: "1000", unitPrice: "0.10" },
    { upTo: null, unitPrice: "0.05" },
  ],
};
const VOLUME: ChargeInput["price"] = {
  model: "volume",
  tiers: [
    { upTo: "1000", unitPrice: "0.10" },
    { upTo: null, unitPrice: "0.08" },
  ],
};
const PACKAGE: ChargeInput["price"] = { model: "package", packageSize: "100", packagePrice: "5" };

// Issued from a = 600 and b GB; a note takes `off` GB of b off; `late` GB arrive late.
function scenario(contract: ReturnType<typeof bandwidth>, b: number, off: number, late: number) {
  const usage = [marchGb("a", 3, "600"), marchGb("b", 9, String(b))];
  const issued = rateInvoice(contract, usage, "2026-03");
  const quantity = [{ kind: "quantity", line: "gb", quantity: String(off), reason: "double-counted" }];
  const note = issueCreditNote(contract, issued, quantity);
  const trueUsage = [marchGb("a", 3, "600"), marchGb("b", 9, String(b - off))];
  const result = correctLateUsage(contract, issued, trueUsage, [marchGb("late", 20, String(late))], {
    billOn: "2026-04",
    creditNotes: [note],
  });
  if (result.mode !== "next_invoice") throw new Error("expected next_invoice");
  return { issued, note, result };
}

function scenarioOrSkip(...args: Parameters<typeof scenario>) {
  try {
    return scenario(...args);
  } catch (error) {
    fc.pre((error as { code?: string }).code !== "credit_exceeds_invoiced");
    throw error;
  }
}

describe("lateUsageRows of a correction that counted a credit note of units", () => {
  const { issued, note, result } = scenario(bandwidth(GRADUATED), 500, 300, 200);

  it("reverses the invoice and the note as booked: the rows add up to the correction's +20.00", () => {
    // issued 1,100 GB: 1,000 × 0.10 + 100 × 0.05 = 105.00, + 10.00 fee = 115.00; the note takes 300 GB
    // off: 800 × 0.10 = 80.00 kept, 25.00 credited; 200 GB late: 1,000 GB = 100.00, +20.00.
    expect([issued.total, note.total, result.total]).toEqual(["115.00", "25.00", "20.00"]);
    const rows = lateUsageRows(result, { ...OPTIONS, invoice: issued, creditNotes: [note] });
    // −105.00 (the invoice's row) + 25.00 (the note's row, given back) + 100.00 (re-rated) = 20.00
    expect(rows.map((row) => [row.x_LineId, row.ConsumedQuantity, row.BilledCost])).toEqual([
      ["ctr:2026-03-01/gb:reversal", "-1100", "-105.00"],
      [`${note.id}/${note.lines[0]?.id}:reversal`, null, "25.00"],
      ["ctr:2026-03-01/gb:rebook", "1000", "100.00"],
    ]);
    expect(sum(rows, "BilledCost").toFixed(2)).toBe("20.00");
    expect(rows.every((row) => row.ChargeClass === "Correction" && row.InvoiceId === null)).toBe(true);
    expect(rows.flatMap(violations)).toEqual([]);
  });

  it("with the invoice's and the note's rows, the period comes to what the customer owes: 110.00", () => {
    const all = [
      ...focusRows(issued, OPTIONS),
      ...focusRows(note, { ...OPTIONS, invoice: issued }),
      ...lateUsageRows(result, { ...OPTIONS, invoice: issued, creditNotes: [note] }),
    ];
    // 115.00 − 25.00 + 20.00 = 110.00 = 1,000 GB (100.00) + 10.00
    expect(sum(all, "BilledCost").toFixed(2)).toBe("110.00");
    // bandwidth: 105.00 − 25.00 − 105.00 + 25.00 + 100.00 = 100.00, for 1,100 − 1,100 + 1,000 = 1,000 GB
    expect(sum(ofLine(all, "gb"), "BilledCost").toFixed(2)).toBe("100.00");
    expect(sum(ofLine(all, "gb"), "ConsumedQuantity").toString()).toBe("1000");
  });

  it("refuses the correction without the notes it counted, naming them", () => {
    expect(thrown(() => lateUsageRows(result, { ...OPTIONS, invoice: issued }))).toMatchObject({
      code: "missing_field",
      path: "creditNotes",
      message: expect.stringContaining(note.id),
    });
    const other = issueCreditNote(bandwidth(GRADUATED), issued, [
      { kind: "quantity", line: "gb", quantity: "100", reason: "another" },
    ]);
    expect(
      thrown(() => lateUsageRows(result, { ...OPTIONS, invoice: issued, creditNotes: [other] })),
    ).toMatchObject({ code: "missing_field", path: "creditNotes" });
  });

  it("invoice + note + correction rows = the true usage and the late usage rated, line by line (graduated, volume, package, VAT)", () => {
    const prices = fc.constantFrom(GRADUATED, VOLUME, PACKAGE);
    fc.assert(
      fc.property(
        prices,
        fc.constantFrom(undefined, "19", "7.7"),
        fc.integer({ min: 1, max: 900 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 900 }),
        (price, vat, b, offShare, late) => {
          const off = Math.max(1, Math.floor((b * offShare) / 1000));
          const contract = bandwidth(price, vat);
          // a package price credits nothing for units that empty no package: no note to issue then
          const { issued: inv, note: cn, result: fix } = scenarioOrSkip(contract, b, off, late);
          const rows = lateUsageRows(fix, { ...OPTIONS, invoice: inv, creditNotes: [cn] });
          // the correction's rows bill its total (no credits after tax here)
          expect(sum(rows, "BilledCost").equals(fix.total)).toBe(true);
          const all = [...focusRows(inv, OPTIONS), ...focusRows(cn, { ...OPTIONS, invoice: inv }), ...rows];
          // issued − credited + correction = the period rated with the true usage and the late usage
          expect(sum(all, "BilledCost").equals(fix.rerated.total)).toBe(true);
          const gb = fix.rerated.lines.find((line) => line.id === "gb");
          expect(sum(ofLine(all, "gb"), "ConsumedQuantity").equals(gb?.quantity ?? 0)).toBe(true);
          expect(rows.flatMap(violations)).toEqual([]);
        },
      ),
    );
  });
});
