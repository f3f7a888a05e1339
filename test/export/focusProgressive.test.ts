import { describe, expect, it } from "vitest";
import {
  type FocusRow,
  focusRows,
  issueCreditNote,
  rateClosingInvoice,
  rateProgressiveInvoice,
} from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { bandwidthWithMinimum, buildContract, sumMeter, usageEvent } from "../_support/contract.js";
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

describe("focusRows of a progressive close that re-prices the period so far", () => {
  const gb = (id: string, day: string, v: string) => usageEvent(id, "gb", `2026-03-${day}T00:00:00Z`, { v });
  const withMinimum = bandwidthWithMinimum;
  const columns = (rows: ReadonlyArray<FocusRow>) =>
    rows.map((row) => [
      row.x_LineId,
      row.ChargeCategory,
      row.ChargePeriodStart,
      row.ChargePeriodEnd,
      row.PricingQuantity,
      row.ListUnitPrice,
      row.ListCost,
      row.BilledCost,
    ]);

  it("charges a line raised to its minimum at the close to the whole period, priced as one block", () => {
    // progressive-billing.md's line minimum: 200 GB on 2 March, 100 GB on 22 March, 0.10 a GB, minimum
    // 50.00. By 10 March: 200 × 0.10 = 20.00 (no minimum yet), usage of 1–10 March. The close: 300 ×
    // 0.10 = 30.00 raised to 50.00, less 20.00 = 30.00: the minimum is owed for March, so the row
    // charges 1 March → 1 April, and its list cost is the 30.00 it bills (one block), not 100 × 0.10 = 10.
    const events = [gb("a", "02", "200"), gb("b", "22", "100")];
    const first = rateProgressiveInvoice(withMinimum(), events, "2026-03", "2026-03-10T00:00:00Z");
    const closing = rateClosingInvoice(withMinimum(), events, "2026-03", { earlier: [first] });
    const rows = [...focusRows(first, PROVIDER), ...focusRows(closing, PROVIDER)];
    expect(columns(rows)).toEqual([
      ["bw", "Usage", "2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z", "200", "0.1", "20", "20.00"],
      ["bw", "Usage", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "1", "30.00", "30.00", "30.00"],
    ]);
    expect(rows[1]?.ConsumedQuantity).toBe("100");
    for (const row of rows) expect(violations(row)).toEqual([]);
  });

  it("charges a minimum on no usage since the last invoice to the whole period", () => {
    // 200 GB by 10 March (20.00), nothing after: the close bills 50.00 − 20.00 = 30.00 on 0 GB, an
    // Adjustment (no positive consumed quantity), for March, not for 10–31 March.
    const events = [gb("a", "02", "200")];
    const first = rateProgressiveInvoice(withMinimum(), events, "2026-03", "2026-03-10T00:00:00Z");
    const closing = rateClosingInvoice(withMinimum(), events, "2026-03", { earlier: [first] });
    expect(columns(focusRows(closing, PROVIDER))).toEqual([
      ["bw", "Adjustment", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "1", "30.00", "30.00", "30.00"],
    ]);
  });

  it("charges a group's re-split share (transform.scope charge) with no usage of its own to the period so far", () => {
    // Class A operations, $4.50 a million, 1 million free, rounded up, on the account's total
    // (pricing.md). By 10 March x 2M, y 1M: 3 − 1 = 2 → 9.00, split 2 : 1 = 6.00, 3.00. y uses 3M more
    // on 22 March: 6 − 1 = 5 → 22.50, split 2 : 4 = 7.50, 15.00. The close: x 7.50 − 6.00 = 1.50 on no
    // usage of its own (its 2M re-priced: an Adjustment charged 1 March → 1 April), y 15.00 − 3.00 =
    // 12.00 for its 3M of 10 March → 1 April (Usage).
    const of = () =>
      buildContract({
        meters: [{ id: "ops", eventType: "r2", aggregation: "sum", valueProperty: "ops" }],
        charges: [
          {
            id: "a",
            name: "Class A",
            meter: "ops",
            price: { model: "grouped", groupBy: ["bucket"], price: { model: "unit", unitPrice: "4.50" } },
            transform: { divideBy: "1000000", included: "1", round: "up", scope: "charge" },
          },
        ],
      });
    const events = [
      usageEvent("e1", "r2", "2026-03-02T00:00:00Z", { bucket: "x", ops: 2_000_000 }),
      usageEvent("e2", "r2", "2026-03-02T00:00:00Z", { bucket: "y", ops: 1_000_000 }),
      usageEvent("e3", "r2", "2026-03-22T00:00:00Z", { bucket: "y", ops: 3_000_000 }),
    ];
    const first = rateProgressiveInvoice(of(), events, "2026-03", "2026-03-10T00:00:00Z");
    const closing = rateClosingInvoice(of(), events, "2026-03", { earlier: [first] });
    const rows = focusRows(closing, PROVIDER);
    expect(
      rows.map((row) => [row.x_LineId, row.ChargeCategory, row.ChargePeriodStart, row.BilledCost]),
    ).toEqual([
      ['a[bucket="x"]', "Adjustment", "2026-03-01T00:00:00Z", "1.50"],
      ['a[bucket="y"]', "Usage", "2026-03-10T00:00:00Z", "12.00"],
    ]);
    expect(rows.map((row) => row.ChargePeriodEnd)).toEqual(["2026-04-01T00:00:00Z", "2026-04-01T00:00:00Z"]);
    for (const row of rows) expect(violations(row)).toEqual([]);
  });
});
