import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import {
  billProgressively,
  type Invoice,
  parseInvoice,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import { buildContract, type ChargeInput, sumMeter, usageEvent } from "../_support/contract.js";
import {
  PROGRESSIVE_EXAMPLE_CHARGES,
  PROGRESSIVE_EXAMPLE_MARCH,
  progressiveExampleSequence,
} from "../_support/progressiveExample.js";
import { thrown } from "../_support/thrown.js";

const gb = (id: string, at: string, v: string) => usageEvent(id, "gb", `2026-03-${at}`, { v });
const withCharges = (...charges: ChargeInput[]) =>
  buildContract({ meters: [sumMeter("gb", { unit: "GB" })], charges });
const bandwidth = (price: ChargeInput["price"], extra: Partial<ChargeInput> = {}): ChargeInput => ({
  id: "bw",
  name: "Bandwidth",
  meter: "gb",
  price,
  ...extra,
});
const figures = (invoice: Invoice) => invoice.lines.map((line) => [line.id, line.quantity, line.amount]);

// 0–1,000 GB at 0.10, above at 0.05 (graduated); a 20.00 platform fee each month.
const GRADUATED = withCharges(...PROGRESSIVE_EXAMPLE_CHARGES);
const MARCH = PROGRESSIVE_EXAMPLE_MARCH;
const graduatedSequence = () => progressiveExampleSequence(GRADUATED);

describe("progressive invoices: graduated tiers across the period", () => {
  it("bills the usage so far on the first invoice, without the fee", () => {
    const { first } = graduatedSequence();
    // 800 GB, all in the first tier: 800 × 0.10 = 80.00; the platform fee waits for the close
    expect(figures(first)).toEqual([["bw", "800", "80.00"]]);
    expect(first.total).toBe("80.00");
    expect(first.id).toBe("ctr:2026-03-01:progressive-1");
    expect(first.progressive).toMatchObject({ sequence: 1, stage: "progressive", earlier: [] });
  });

  it("rates the cumulative usage on the second, so the tiers do not restart, and takes off the first", () => {
    const { first, second } = graduatedSequence();
    // 1,400 GB so far: 1,000 × 0.10 + 400 × 0.05 = 100.00 + 20.00 = 120.00; less 80.00 billed = 40.00
    // (restarting the tiers would have billed 600 × 0.10 = 60.00)
    expect(figures(second)).toEqual([["bw", "600", "40.00"]]);
    expect(second.progressive).toMatchObject({
      sequence: 2,
      cumulative: { subtotal: "120.00", total: "120.00" },
      billedEarlier: { subtotal: "80.00", total: "80.00" },
      earlier: [{ id: first.id, digest: first.digest, total: "80.00" }],
    });
    expect(second.lines[0]?.steps.at(-1)).toEqual({
      kind: "billed_earlier",
      invoices: [first.id],
      cumulativeQuantity: "1400",
      cumulativeAmount: "120.00",
      quantity: "800",
      amount: "-80.00",
    });
  });

  it("closes with the whole period less what was billed, the fee included", () => {
    const { closing } = graduatedSequence();
    // 1,500 GB: 100.00 + 500 × 0.05 = 125.00, less 80.00 + 40.00 = 5.00 for 100 GB; platform 20.00
    expect(figures(closing)).toEqual([
      ["bw", "100", "5.00"],
      ["platform", "1", "20.00"],
    ]);
    expect(closing.total).toBe("25.00");
    expect(closing.id).toBe(rateInvoice(GRADUATED, MARCH, "2026-03").id);
    // 80.00 + 40.00 + 25.00 = 145.00 = the whole period's 125.00 + 20.00
    expect(rateInvoice(GRADUATED, MARCH, "2026-03").total).toBe("145.00");
  });

  it("writes invoices that read back and explain what was billed before", () => {
    const { second } = graduatedSequence();
    expect(parseInvoice(JSON.parse(JSON.stringify(second)))).toEqual(second);
    const text = explainText(second);
    expect(text).toContain("Progressive invoice 2 of the period");
    expect(text).toContain("already billed on ctr:2026-03-01:progressive-1");
  });
});

describe("progressive invoices: what goes down, allowances and line limits", () => {
  it("reverses a volume line that a higher tier reprices, and says the closing total is a credit", () => {
    // volume: up to 1,000 GB at 0.10 every unit, above at 0.08 every unit
    const contract = withCharges(
      bandwidth({
        model: "volume",
        tiers: [
          { upTo: "1000", unitPrice: "0.10" },
          { upTo: null, unitPrice: "0.08" },
        ],
      }),
    );
    const events = [gb("a", "05T00:00:00Z", "900"), gb("b", "20T00:00:00Z", "200")];
    const first = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10");
    // 900 × 0.10 = 90.00
    expect(first.total).toBe("90.00");
    const closing = rateClosingInvoice(contract, events, "2026-03", { earlier: [first] });
    // 1,100 × 0.08 = 88.00 for the period, less 90.00 billed: −2.00, owed to the customer
    expect(figures(closing)).toEqual([["bw", "200", "-2.00"]]);
    expect(closing.total).toBe("-2.00");
    expect(closing.progressive?.credit).toBe("2.00");
  });

  it("draws the included units once for the period, not once per invoice", () => {
    // 500 GB included, then 0.10 a GB
    const contract = withCharges(
      bandwidth({ model: "unit", unitPrice: "0.10" }, { transform: { included: "500" } }),
    );
    const events = [
      gb("a", "02T00:00:00Z", "300"),
      gb("b", "12T00:00:00Z", "500"),
      gb("c", "22T00:00:00Z", "200"),
    ];
    const first = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10");
    const second = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-20", { earlier: [first] });
    const closing = rateClosingInvoice(contract, events, "2026-03", { earlier: [first, second] });
    // 300 GB: all included → 0.00; 800 GB: (800 − 500) × 0.10 = 30.00; 1,000 GB: 500 × 0.10 = 50.00 − 30.00
    expect([first.total, second.total, closing.total]).toEqual(["0.00", "30.00", "20.00"]);
  });

  it("counts the earlier invoices toward the line minimum, settled at the close", () => {
    const contract = withCharges(bandwidth({ model: "unit", unitPrice: "0.10" }, { minimum: "50" }));
    const events = [gb("a", "02T00:00:00Z", "200"), gb("b", "22T00:00:00Z", "100")];
    const first = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10");
    // 200 × 0.10 = 20.00: the minimum is the period's, not this invoice's
    expect(first.total).toBe("20.00");
    const closing = rateClosingInvoice(contract, events, "2026-03", { earlier: [first] });
    // 300 × 0.10 = 30.00, raised to the 50.00 minimum; less the 20.00 billed = 30.00
    expect(closing.total).toBe("30.00");
  });

  it("stops at the line maximum across the period", () => {
    const contract = withCharges(bandwidth({ model: "unit", unitPrice: "0.10" }, { maximum: "100" }));
    const events = [
      gb("a", "02T00:00:00Z", "800"),
      gb("b", "12T00:00:00Z", "400"),
      gb("c", "22T00:00:00Z", "300"),
    ];
    const first = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10");
    const second = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-20", { earlier: [first] });
    const closing = rateClosingInvoice(contract, events, "2026-03", { earlier: [first, second] });
    // 800 × 0.10 = 80.00; 1,200 × 0.10 = 120.00 capped at 100.00, less 80.00 = 20.00; 1,500 GB: 100.00 − 100.00
    expect([first.total, second.total, closing.total]).toEqual(["80.00", "20.00", "0.00"]);
  });
});

describe("progressive invoices: discounts, credits and tax", () => {
  // 1.00 a GB, 10 % off everything, a 50.00 promotional credit, VAT 20 % on top
  const contract = buildContract({
    meters: [sumMeter("gb")],
    charges: [bandwidth({ model: "unit", unitPrice: "1" })],
    discounts: [{ id: "ten", name: "Ten percent", percent: "10" }],
    credits: [{ id: "promo", name: "Promo", kind: "promotional", amount: "50" }],
    tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] },
  });
  const events = [gb("a", "02T00:00:00Z", "100"), gb("b", "22T00:00:00Z", "200")];
  const options = { creditsStartFull: true } as const;
  const firstAndClosing = () => {
    const first = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10", options);
    const closing = rateClosingInvoice(contract, events, "2026-03", { ...options, earlier: [first] });
    return { first, closing };
  };

  it("applies them to the usage so far on the progressive invoice", () => {
    const { first } = firstAndClosing();
    // 100.00 − 10.00 discount − 50.00 credit = 40.00; VAT 20 % = 8.00; total 48.00
    expect([first.subtotal, first.discounts?.[0]?.amount, first.credits?.[0]?.applied]).toEqual([
      "100.00",
      "-10.00",
      "-50.00",
    ]);
    expect([first.tax?.total, first.total]).toEqual(["8.00", "48.00"]);
  });

  it("closes with the period's discount, credit and tax less what the first invoice took", () => {
    const { closing } = firstAndClosing();
    // period: 300.00 − 30.00 − 50.00 = 220.00, VAT 44.00, total 264.00
    // closing: subtotal 200.00, discount −20.00, credit 0.00 (all 50.00 burned on the first), VAT 36.00
    expect([closing.subtotal, closing.discounts?.[0]?.amount, closing.credits?.[0]?.applied]).toEqual([
      "200.00",
      "-20.00",
      "0.00",
    ]);
    expect(closing.credits?.[0]).toMatchObject({ balanceBefore: "0.00", balanceAfter: "0.00" });
    expect([closing.tax?.total, closing.total]).toEqual(["36.00", "216.00"]);
    // 48.00 + 216.00 = 264.00
    expect(rateInvoice(contract, events, "2026-03", options).total).toBe("264.00");
  });
});

describe("billProgressively", () => {
  const contract = withCharges(bandwidth({ model: "unit", unitPrice: "0.10" }));
  const events = [
    gb("a", "02T12:00:00Z", "300"),
    gb("b", "05T12:00:00Z", "300"),
    gb("c", "09T12:00:00.250Z", "500"),
    gb("d", "12T12:00:00Z", "100"),
  ];

  it("issues an invoice the second after the spend so far reaches each multiple of the threshold", () => {
    const sequence = billProgressively(contract, events, "2026-03", { threshold: "50", close: true });
    // spend so far: 30.00 (2nd), 60.00 (5th: crosses 50), 110.00 (9th: crosses 100), 120.00 (12th: below 150)
    expect(sequence.map((invoice) => [invoice.progressive?.asOf, invoice.total])).toEqual([
      ["2026-03-05T12:00:01.000Z", "60.00"],
      ["2026-03-09T12:00:01.000Z", "50.00"],
      ["2026-04-01T00:00:00.000Z", "10.00"],
    ]);
    expect(sequence[1]?.progressive?.trigger).toEqual({
      kind: "spend_threshold",
      threshold: "50.00",
      spend: "110.00",
    });
    expect(sequence[2]?.progressive?.stage).toBe("closing");
  });

  it("refuses a threshold that is not above zero", () => {
    expect(thrown(() => billProgressively(contract, events, "2026-03", { threshold: "0" }))).toMatchObject({
      code: "invalid_argument",
      path: "options.threshold",
    });
  });
});

describe("progressive invoices: refused input", () => {
  const firstOfMarch = () => rateProgressiveInvoice(GRADUATED, MARCH, "2026-03", "2026-03-10");

  it("refuses an as-of instant outside the period", () => {
    for (const asOf of ["2026-03-01", "2026-04-01", "2026-04-05T00:00:00Z"])
      expect(thrown(() => rateProgressiveInvoice(GRADUATED, MARCH, "2026-03", asOf))).toMatchObject({
        code: "invalid_period",
        path: "asOf",
      });
  });

  it("refuses an earlier invoice that is not progressive, of another period, or out of order", () => {
    const first = firstOfMarch();
    const plain = rateInvoice(GRADUATED, MARCH, "2026-03");
    const april = rateProgressiveInvoice(GRADUATED, [], "2026-04", "2026-04-10");
    const second = rateProgressiveInvoice(GRADUATED, MARCH, "2026-03", "2026-03-20", { earlier: [first] });
    const cases: Array<[ReadonlyArray<Invoice>, string, string]> = [
      [[plain], "invalid_argument", "options.earlier[0]"],
      [[april], "invalid_argument", "options.earlier[0]"],
      [[second], "invalid_argument", "options.earlier[0]"],
      [[first, first], "invalid_argument", "options.earlier[1]"],
    ];
    for (const [earlier, code, path] of cases)
      expect(thrown(() => rateClosingInvoice(GRADUATED, MARCH, "2026-03", { earlier }))).toMatchObject({
        code,
        path,
      });
  });

  it("refuses an earlier invoice rated through an instant not before this one", () => {
    const first = firstOfMarch();
    expect(
      thrown(() => rateProgressiveInvoice(GRADUATED, MARCH, "2026-03", "2026-03-08", { earlier: [first] })),
    ).toMatchObject({ code: "invalid_period", path: "options.earlier[0]" });
  });

  it("refuses an earlier invoice whose content was changed", () => {
    const first = firstOfMarch();
    const edited = { ...first, total: "1.00" };
    expect(
      thrown(() => rateClosingInvoice(GRADUATED, MARCH, "2026-03", { earlier: [edited] })),
    ).toMatchObject({
      code: expect.any(String),
    });
  });
});
