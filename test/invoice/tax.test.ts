import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";

// A UTC contract with three small unit-priced charges, so tax arithmetic is easy to redo by hand.
function contractWith(tax: ContractInput["tax"], rounding: "half_even" | "half_up" = "half_even") {
  return buildContract({
    id: "ctr_tax",
    currency: "EUR",
    rounding: { mode: rounding },
    meters: [sumMeter("m", { eventType: "u" })],
    charges: [unitCharge("a", "A", "m"), unitCharge("b", "B", "m"), unitCharge("c", "C", "m")],
    tax,
  });
}
// One event: every charge reads the same meter, so each line's amount equals the value.
const usage = (value: string) => [
  { id: "e", type: "u", customer: "cus", timestamp: "2026-03-02T00:00:00Z", properties: { v: value } },
];
const vat20 = [{ id: "vat", name: "VAT 20%", percent: "20" }];

describe("exclusive tax", () => {
  it("rounds each line's tax with per_line (Stripe): three lines of 0.02 at 20 % pay 0.00", () => {
    // each line 0.02 × 20 % = 0.004 → 0.00; total tax 0.00; total 0.06
    const invoice = rateInvoice(
      contractWith({ mode: "exclusive", rounding: "per_line", rates: vat20 }),
      usage("0.02"),
      "2026-03",
    );
    expect(invoice.tax?.total).toBe("0.00");
    expect(invoice.total).toBe("0.06");
  });

  it("writes each line's rounded tax with per_line: 0.004 exact, 0.00 rounded", () => {
    const invoice = rateInvoice(
      contractWith({ mode: "exclusive", rounding: "per_line", rates: vat20 }),
      usage("0.02"),
      "2026-03",
    );
    // 0.02 × 20 ÷ 100 = 0.004 → 0.00 (half-even), for each of a, b and c
    expect(invoice.tax?.rates[0]?.lines.map((l) => [l.line, l.exact, l.rounded])).toEqual([
      ["a", "0.004", "0.00"],
      ["b", "0.004", "0.00"],
      ["c", "0.004", "0.00"],
    ]);
  });

  it("rounds the rate's total once with per_invoice (Lago): three lines of 0.02 at 20 % pay 0.01", () => {
    // 3 × 0.004 = 0.012 → 0.01; total 0.06 + 0.01 = 0.07
    const invoice = rateInvoice(
      contractWith({ mode: "exclusive", rounding: "per_invoice", rates: vat20 }),
      usage("0.02"),
      "2026-03",
    );
    expect(invoice.tax?.total).toBe("0.01");
    expect(invoice.tax?.rates[0]).toMatchObject({ base: "0.06", amount: "0.01" });
    expect(invoice.total).toBe("0.07");
  });

  it("applies a rate only to the charges it lists, and several rates side by side", () => {
    const tax = {
      mode: "exclusive" as const,
      rates: [
        { id: "vat", name: "VAT 19%", percent: "19" },
        { id: "levy", name: "Digital levy 2%", percent: "2", charges: ["c"] },
      ],
    };
    const invoice = rateInvoice(contractWith(tax), usage("100"), "2026-03");
    // subtotal 300; VAT 19 % of 300 = 57.00 (19 per line); levy 2 % of line c only = 2.00; total 359.00
    expect(invoice.tax?.rates.map((rate) => [rate.rate, rate.base, rate.amount])).toEqual([
      ["vat", "300.00", "57.00"],
      ["levy", "100.00", "2.00"],
    ]);
    expect(invoice.total).toBe("359.00");
  });
});

describe("inclusive tax", () => {
  it("splits a gross amount into net + tax exactly: 119.00 at 19 % is 100.00 + 19.00", () => {
    const contract = contractWith({
      mode: "inclusive",
      rates: [{ id: "vat", name: "VAT 19%", percent: "19" }],
    });
    const invoice = rateInvoice(contract, usage("119"), "2026-03");
    // per line 119 × 19 ÷ 119 = 19.00; three lines: tax 57.00, gross 357.00, net 300.00; total stays gross
    expect(invoice.tax).toMatchObject({ total: "57.00", net: "300.00" });
    expect(invoice.total).toBe("357.00");
  });

  it("rounds an inexact split and keeps net + tax = gross", () => {
    const contract = contractWith({
      mode: "inclusive",
      rates: [{ id: "vat", name: "VAT 19%", percent: "19" }],
    });
    const invoice = rateInvoice(contract, usage("10"), "2026-03");
    // per line 10 × 19 ÷ 119 = 1.596638… → 1.60; three lines 4.80; net 30.00 − 4.80 = 25.20
    expect(invoice.tax).toMatchObject({ total: "4.80", net: "25.20" });
    expect(invoice.total).toBe("30.00");
  });

  it("shares a gross amount between two rates on the same line", () => {
    const contract = contractWith({
      mode: "inclusive",
      rates: [
        { id: "vat", name: "VAT 20%", percent: "20" },
        { id: "levy", name: "Levy 5%", percent: "5" },
      ],
    });
    const invoice = rateInvoice(contract, usage("125"), "2026-03");
    // per line: net 100 carries 20 + 5 = 25; VAT 125 × 20 ÷ 125 = 20.00, levy 125 × 5 ÷ 125 = 5.00
    // three lines: VAT 60.00, levy 15.00, net 375.00 − 75.00 = 300.00
    expect(invoice.tax?.rates.map((rate) => rate.amount)).toEqual(["60.00", "15.00"]);
    expect(invoice.tax?.net).toBe("300.00");
  });

  it("rounds a per_invoice inclusive tax that is exactly a tie as a tie, though each line's share does not end", () => {
    // Two charges on two meters: a bills 100,000.04, b 0.01 (prices include 20 % VAT). Each line holds
    // gross × 20 ÷ 120 = gross ÷ 6: 16,666.67333… and 0.0016666…, neither ending. Their sum is
    // 100,000.05 ÷ 6 = 16,666.675 exactly, a tie: half-even to 16,666.68 (7 is odd). Added as 50-digit
    // values, the two came to 16,666.67499…9 and rounded to 16,666.67, a cent short.
    const contract = buildContract({
      id: "ctr_tax",
      currency: "EUR",
      meters: [sumMeter("ma", { eventType: "a" }), sumMeter("mb", { eventType: "b" })],
      charges: [unitCharge("a", "A", "ma"), unitCharge("b", "B", "mb")],
      tax: { mode: "inclusive", rounding: "per_invoice", rates: vat20 },
    });
    const event = (type: string, v: string) => ({
      id: type,
      type,
      customer: "cus",
      timestamp: "2026-03-02T00:00:00Z",
      properties: { v },
    });
    const invoice = rateInvoice(contract, [event("a", "100000.04"), event("b", "0.01")], "2026-03");
    expect(invoice.tax?.total).toBe("16666.68");
    // inclusive: the total is the gross, 100,000.04 + 0.01; the net what the tax leaves of it
    expect(invoice.total).toBe("100000.05");
    expect(invoice.tax?.net).toBe("83333.37");
  });
});

describe("exempt customers and reverse charge", () => {
  it("charges no tax to an exempt customer and says why", () => {
    const invoice = rateInvoice(
      contractWith({
        mode: "exclusive",
        rates: vat20,
        exempt: { reason: "registered charity, certificate 1234" },
      }),
      usage("50"),
      "2026-03",
    );
    expect(invoice.tax?.total).toBe("0.00");
    expect(invoice.total).toBe("150.00");
    expect(explainText(invoice)).toContain("Tax exempt: registered charity, certificate 1234.");
  });

  it("charges no tax under reverse charge and prints the note", () => {
    const note = "VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC)";
    const invoice = rateInvoice(
      contractWith({ mode: "exclusive", rates: vat20, reverseCharge: { note } }),
      usage("50"),
      "2026-03",
    );
    expect(invoice.tax?.total).toBe("0.00");
    expect(invoice.tax?.notes).toEqual([`Reverse charge: ${note}`]);
  });

  it("refuses exempt and reverse charge together, and a rate naming an unknown charge", () => {
    expect(() =>
      contractWith({
        mode: "exclusive",
        rates: vat20,
        exempt: { reason: "x" },
        reverseCharge: { note: "y" },
      }),
    ).toThrowError(expect.objectContaining({ code: "invalid_field", path: "tax.reverseCharge" }));
    expect(() =>
      contractWith({
        mode: "exclusive",
        rates: [{ id: "vat", name: "VAT", percent: "20", charges: ["nope"] }],
      }),
    ).toThrowError(expect.objectContaining({ code: "invalid_field", path: "tax.rates[0].charges[0]" }));
  });
});

describe("explanation", () => {
  // Three lines of 0.02 at 20 %: 20 % of 0.06 = 0.012. Once on the total it rounds half-even to 0.01; line
  // by line each 0.004 rounds to 0.00, and 0.00 + 0.00 + 0.00 = 0.00. The sentence says the exact tax
  // and how it became the amount (it read "20% of €0.06 = €0.01 (rounded once on the total)" and "20% of
  // €0.06 = €0.00 (each line's tax rounded)", which no one can redo)
  it.each([
    ["per_invoice", "VAT 20%: 20% of €0.06 = €0.012, rounded half-even once on the total: €0.01."],
    ["per_line", "VAT 20%: 20% of €0.06 = €0.012; each line's tax rounded half-even, they add up to €0.00."],
  ] as const)("states each rate, its exact tax and how it was rounded (%s)", (rounding, sentence) => {
    const invoice = rateInvoice(
      contractWith({ mode: "exclusive", rounding, rates: vat20 }),
      usage("0.02"),
      "2026-03",
    );
    expect(explainText(invoice)).toContain(sentence);
  });

  it("keeps the short sentence when the rounded tax is the exact one", () => {
    const invoice = rateInvoice(
      contractWith({ mode: "exclusive", rounding: "per_invoice", rates: vat20 }),
      usage("0.50"),
      "2026-03",
    );
    // 20 % of 1.50 = 0.30 exactly
    expect(explainText(invoice)).toContain("VAT 20%: 20% of €1.50 = €0.30 (rounded once on the total).");
  });

  it("says a reverse-charged or exempt rate is not charged, not that 20 % of the base is 0", () => {
    const explained = (tax: ContractInput["tax"]) =>
      explainText(rateInvoice(contractWith(tax), usage("10"), "2026-03"));
    const reverse = explained({
      mode: "exclusive",
      rates: vat20,
      reverseCharge: { note: "VAT due by the recipient" },
    });
    // three lines of 10.00 = 30.00; the recipient accounts for the VAT: 0.00 on the invoice (it read
    // "VAT 20%: 20% of €30.00 = €0.00 (each line's tax rounded).", false arithmetic)
    expect(reverse).toContain(
      "VAT 20%: 20% of €30.00, not charged: €0.00.\nReverse charge: VAT due by the recipient.",
    );
    const exempt = explained({ mode: "inclusive", rates: vat20, exempt: { reason: "Charity" } });
    expect(exempt).toContain(
      "VAT 20%: 20% on top of the net, included in €30.00, not charged: €0.00.\nNet €30.00 + tax €0.00 = €30.00, the total.\nTax exempt: Charity.",
    );
  });
});
