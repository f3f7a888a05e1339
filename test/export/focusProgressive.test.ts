import { describe, expect, it } from "vitest";
import {
  type FocusRow,
  focusRows,
  issueCreditNote,
  rateClosingInvoice,
  rateProgressiveInvoice,
} from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";
import { PROGRESSIVE_EXAMPLE_CHARGES, progressiveExampleSequence } from "../_support/progressiveExample.js";
import { thrown } from "../_support/thrown.js";
import { violations } from "./focusSpec.js";

const PROVIDER = { provider: "Acme Cloud" };
// docs/progressive-billing.md's example: bandwidth graduated 0–1,000 GB at 0.10, above at 0.05, a
// 20.00 platform fee; 800 GB on 5 March, 600 on the 15th, 100 on the 25th; VAT 20 % per line.
const contract = () =>
  buildContract({
    meters: [sumMeter("gb", { unit: "GB" })],
    charges: PROGRESSIVE_EXAMPLE_CHARGES,
    tax: { mode: "exclusive", rounding: "per_line", rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] },
  });
const sum = (rows: ReadonlyArray<FocusRow>) =>
  rows.reduce((total, row) => total.plus(row.BilledCost ?? "NaN"), new Decimal(0));
const periods = (rows: ReadonlyArray<FocusRow>) =>
  rows.map((row) => [row.x_LineId, row.ChargePeriodStart, row.ChargePeriodEnd, row.BilledCost]);

describe("focusRows of a progressive sequence: each invoice charges the stretch it billed", () => {
  it("charges a usage line from the earlier invoice's asOf to its own, fees the whole period", () => {
    const { first, second, closing } = progressiveExampleSequence(contract());
    // invoice 1 (as of 10 March): 800 GB × 0.10 = 80.00, VAT 16.00: usage of 1–10 March.
    // invoice 2 (as of 20 March): 1,000 × 0.10 + 400 × 0.05 = 120.00 − 80.00 = 40.00, VAT 8.00: 10–20 March.
    // close: 125.00 − 120.00 = 5.00 for 20 March – 1 April, VAT 1.00; the platform fee 20.00 (VAT 4.00)
    // and the close's VAT are the whole month's.
    const rows = [first, second, closing].map((invoice) => focusRows(invoice, PROVIDER));
    expect(rows.map(periods)).toEqual([
      [
        ["bw", "2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z", "80.00"],
        ["tax:vat", "2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z", "16.00"],
      ],
      [
        ["bw", "2026-03-10T00:00:00Z", "2026-03-20T00:00:00Z", "40.00"],
        ["tax:vat", "2026-03-10T00:00:00Z", "2026-03-20T00:00:00Z", "8.00"],
      ],
      [
        ["bw", "2026-03-20T00:00:00Z", "2026-04-01T00:00:00Z", "5.00"],
        ["platform", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "20.00"],
        ["tax:vat", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "5.00"],
      ],
    ]);
    // Every row is still billed in March, and together they are the month: 145.00 + 20 % = 174.00.
    const all = rows.flat();
    expect(new Set(all.map((row) => `${row.BillingPeriodStart}/${row.BillingPeriodEnd}`))).toEqual(
      new Set(["2026-03-01T00:00:00Z/2026-04-01T00:00:00Z"]),
    );
    expect(sum(all).toFixed(2)).toBe("174.00");
    for (const row of all) expect(violations(row)).toEqual([]);
  });
});

describe("focusRows of a credit note of a progressive invoice", () => {
  // progressive-billing.md's notes example with VAT 20 %: 300 GB of the 800 of 5 March counted twice.
  const TRUE_USAGE = [
    usageEvent("a", "gb", "2026-03-05T10:00:00Z", { v: "500" }),
    usageEvent("b", "gb", "2026-03-15T10:00:00Z", { v: "600" }),
    usageEvent("c", "gb", "2026-03-25T10:00:00Z", { v: "100" }),
  ];
  const WRONG = [...TRUE_USAGE, usageEvent("twice", "gb", "2026-03-05T10:00:00Z", { v: "300" })];
  const MARCH = { start: "2026-03-01T00:00:00Z", end: "2026-04-01T00:00:00Z" };
  const sequence = () => {
    const of = contract();
    const first = rateProgressiveInvoice(of, WRONG, "2026-03", "2026-03-10T00:00:00Z");
    const note = issueCreditNote(of, first, [
      { kind: "quantity", line: "bw", quantity: "300", reason: "counted twice" },
    ]);
    const options = { earlier: [first], creditNotes: [note] };
    const second = rateProgressiveInvoice(of, TRUE_USAGE, "2026-03", "2026-03-20T00:00:00Z", options);
    const closing = rateClosingInvoice(of, TRUE_USAGE, "2026-03", {
      earlier: [first, second],
      creditNotes: [note],
    });
    return { first, note, second, closing };
  };

  it("books a note issued before the period closes in that period, as a correction within it", () => {
    const { first, note, second, closing } = sequence();
    const rows = focusRows(note, { ...PROVIDER, invoice: first, correctionPeriod: MARCH });
    // 800 GB billed 80.00; 500 GB kept cost 50.00: the note credits 30.00 and its VAT 6.00, charged to
    // the stretch invoice 1 billed (1–10 March), booked in March with ChargeClass null (chargeclass.md:
    // "a correction within the current billing period"). A credited amount has no positive consumed
    // quantity, so the bandwidth row is an Adjustment.
    expect(
      rows.map((row) => [
        row.x_LineId?.replace(/:credit:\d+$/, ":note"),
        row.ChargeCategory,
        row.ChargeClass,
        row.BillingPeriodStart,
        row.ChargePeriodStart,
        row.ChargePeriodEnd,
        row.BilledCost,
      ]),
    ).toEqual([
      ["bw:note", "Adjustment", null, MARCH.start, "2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z", "-30.00"],
      ["tax:vat", "Tax", null, MARCH.start, "2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z", "-6.00"],
    ]);
    for (const row of rows) expect(violations(row)).toEqual([]);
    // March's rows: 96.00 − 36.00 + 66.00 (1,100 GB 105.00 − 50.00 = 55.00 + VAT) + 30.00 (110.00 + 20.00 −
    // 105.00 = 25.00 + VAT) = 156.00, the true month 130.00 with its VAT, all in billing period March.
    const march = [
      ...focusRows(first, PROVIDER),
      ...rows,
      ...focusRows(second, PROVIDER),
      ...focusRows(closing, PROVIDER),
    ];
    expect(march.every((row) => row.BillingPeriodStart === MARCH.start)).toBe(true);
    expect(sum(march).toFixed(2)).toBe("156.00");
  });

  it("books a note issued after the close in a later period as a Correction, and refuses a period across", () => {
    const { first, note } = sequence();
    const april = { start: "2026-04-01T00:00:00Z", end: "2026-05-01T00:00:00Z" };
    const rows = focusRows(note, { ...PROVIDER, invoice: first, correctionPeriod: april });
    expect(rows.map((row) => [row.ChargeCategory, row.ChargeClass, row.BillingPeriodStart])).toEqual([
      ["Usage", "Correction", april.start],
      ["Tax", "Correction", april.start],
    ]);
    const across = { start: "2026-03-15T00:00:00Z", end: "2026-04-15T00:00:00Z" };
    const refusal = thrown(() => focusRows(note, { ...PROVIDER, invoice: first, correctionPeriod: across }));
    expect(refusal).toMatchObject({ code: "invalid_period", path: "correctionPeriod.start" });
    expect(String(refusal)).toContain("inside the billing period of progressive invoice");
  });
});
