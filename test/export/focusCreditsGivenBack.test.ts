import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type FocusRow,
  focusRows,
  type Invoice,
  issueCreditNote,
  parseContract,
  parseInvoice,
  rateInvoice,
} from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract } from "../_support/contract.js";
import { violations } from "./focusSpec.js";

// A credit note of a line a promotional credit paid in part before tax (docs/focus-export.md, "A credit
// before tax given back"): the invoice bills the line gross and takes the credit off in a Credit row,
// so the note's rows reverse both, and an invoice credited in full leaves nothing in any category.

const PROVIDER = { provider: "Acme Cloud" };
const APRIL = { start: "2026-04-01T00:00:00Z", end: "2026-05-01T00:00:00Z" };

const sum = (rows: ReadonlyArray<FocusRow>) =>
  rows.reduce((total, row) => total.plus(row.BilledCost ?? "NaN"), new Decimal(0));
const effective = (rows: ReadonlyArray<FocusRow>) =>
  rows.reduce((total, row) => total.plus(row.EffectiveCost ?? "NaN"), new Decimal(0));
// BilledCost by ChargeCategory, the categories whose sum is not 0
const leftByCategory = (rows: ReadonlyArray<FocusRow>) => {
  const sums = new Map<string, Decimal>();
  for (const row of rows)
    sums.set(
      String(row.ChargeCategory),
      (sums.get(String(row.ChargeCategory)) ?? new Decimal(0)).plus(row.BilledCost ?? "NaN"),
    );
  return [...sums]
    .filter(([, amount]) => !amount.isZero())
    .map(([category, amount]) => `${category} ${amount.toFixed()}`);
};
const pick = (rows: ReadonlyArray<FocusRow>) =>
  rows.map((row) => [row.x_LineId, row.ChargeCategory, row.ChargeClass, row.BilledCost, row.EffectiveCost]);

describe("focusRows: a credit note of lines a credit before tax paid in part (fixtures/golden-rich)", () => {
  const invoice = parseInvoice(JSON.parse(readFileSync("fixtures/golden-rich/expected.json", "utf8")));
  const contract = parseContract(JSON.parse(readFileSync("fixtures/golden-rich/contract.json", "utf8")));
  const rows = focusRows(invoice, PROVIDER);
  const line = (id: string) => ({ kind: "line" as const, line: id, reason: "disputed" });
  const note1 = issueCreditNote(contract, invoice, [line("platform")]);
  const note2 = issueCreditNote(
    contract,
    invoice,
    [line("connections"), line("seats"), line("usage_floor")],
    {
      previous: [note1],
    },
  );
  const note3 = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "cancelled" }], {
    previous: [note1, note2],
  });
  const rowsOf = (note: typeof note1) => focusRows(note, { ...PROVIDER, invoice, correctionPeriod: APRIL });

  it("reverses the platform fee gross and gives the SLA credit's share back in a Credit row", () => {
    // The invoice: platform +99.00 (Purchase), the SLA credit −25.00 (9.27 of it off platform), VAT
    // 19 % on the net 89.73 = 17.05. The note of platform credits 89.73 + 17.05 = 106.78 of money and
    // gives the SLA credit its 9.27 back: Purchase −(89.73 + 9.27) = −99.00, Credit +9.27, Tax −17.05;
    // −99.00 + 9.27 − 17.05 = −106.78.
    const corrections = rowsOf(note1);
    expect(pick(corrections)).toEqual([
      ["platform:credit:1", "Purchase", "Correction", "-99.00", "-99.00"],
      ["credit:sla_march", "Credit", "Correction", "9.27", "9.27"],
      ["tax:de_vat", "Tax", "Correction", "-17.05", "-17.05"],
    ]);
    expect(sum(corrections).toFixed(2)).toBe("-106.78");
    expect(corrections.flatMap(violations)).toEqual([]);
  });

  it("adds up, over the three notes, to nothing left in any category", () => {
    // note 2 credits connections 152.27 + 28.93, seats 180.00 + 34.20, usage_floor 104.04 + 19.77 =
    // 519.21: money 578.27 − 106.78 = 471.49, the wallet 47.72 back; connections credited in full, so
    // the SLA credit's 15.73 goes back: connections −(152.27 + 15.73) = −168.00, Credit +15.73.
    const corrections2 = rowsOf(note2);
    expect(corrections2.find((row) => row.SkuPriceId === "connections")?.BilledCost).toBe("-168.00");
    expect(corrections2.find((row) => row.x_LineId === "credit:sla_march")?.BilledCost).toBe("15.73");
    expect(sum(corrections2).toFixed(2)).toBe("-471.49");
    // note 3, the rest: 152.28, all of it back to the wallet, no money
    const corrections3 = rowsOf(note3);
    expect(sum(corrections3).toFixed(2)).toBe("0.00");
    const all = [...rows, ...rowsOf(note1), ...corrections2, ...corrections3];
    expect(leftByCategory(all)).toEqual([]);
    expect(effective(all).toFixed(2)).toBe("0.00");
    // each line: its invoice row and its corrections add up to 0.00
    for (const invoiceLine of invoice.lines)
      expect(sum(all.filter((row) => row.SkuPriceId === invoiceLine.id)).toFixed(2)).toBe("0.00");
  });
});

describe("focusRows: a credit note of an invoice with a line a credit before tax paid entirely", () => {
  // Two flat fees, a 10.00 and b 30.00; a 15.00 promotional credit on a only takes all of a (10.00);
  // VAT 20 % on the nets 0.00 + 30.00 = 6.00; total 30.00 + 6.00 = 36.00.
  const contract = buildContract({
    charges: [
      { id: "a", name: "Fee A", price: { model: "flat", amount: "10.00" } },
      { id: "b", name: "Fee B", price: { model: "flat", amount: "30.00" } },
    ],
    credits: [{ id: "promo", name: "Promo", kind: "promotional", amount: "15.00", charges: ["a"] }],
    tax: { mode: "exclusive", rounding: "per_line", rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] },
  });
  const invoice: Invoice = rateInvoice(contract, [], "2026-03", { creditsStartFull: true });
  const rows = focusRows(invoice, PROVIDER);

  it("reverses the line the credit paid, on no note line, when the credit goes back", () => {
    expect(invoice.total).toBe("36.00");
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "cancelled" }]);
    // the note credits b 30.00 + 6.00 = 36.00 and gives promo its 10.00 back (a, net 0, goes back
    // with the last line): Purchase b −30.00, Purchase a −10.00, Credit +10.00, Tax −6.00 = −36.00
    const corrections = focusRows(note, { ...PROVIDER, invoice, correctionPeriod: APRIL });
    expect(pick(corrections)).toEqual([
      ["b:credit:1", "Purchase", "Correction", "-30.00", "-30.00"],
      ["a:credit_given_back", "Purchase", "Correction", "-10.00", "-10.00"],
      ["credit:promo", "Credit", "Correction", "10.00", "10.00"],
      ["tax:vat", "Tax", "Correction", "-6.00", "-6.00"],
    ]);
    expect(corrections[1]).toMatchObject({ SkuPriceId: "a", SkuId: "a" });
    expect(sum(corrections).toFixed(2)).toBe("-36.00");
    expect(leftByCategory([...rows, ...corrections])).toEqual([]);
    expect(corrections.flatMap(violations)).toEqual([]);
  });
});
