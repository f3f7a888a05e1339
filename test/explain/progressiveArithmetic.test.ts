import { describe, expect, it } from "vitest";
import { explainText, rateClosingInvoice, rateProgressiveInvoice } from "../../src/index.js";
import { falseProgressiveSums } from "../_laws/documentArithmetic.js";
import { falseBalances, falseStatedRoundings, falseTotalRoundings } from "../_laws/explainArithmetic.js";
import { buildContract, type ContractOverrides, sumMeter, usageEvent } from "../_support/contract.js";

// Bandwidth on meter `gb`, one event a day of March 2026; a progressive invoice as of the 10th and the close.
const sequence = (terms: ContractOverrides, firstGb: string, laterGb: string) => {
  const contract = buildContract({ meters: [sumMeter("gb")], ...terms });
  const events = [
    usageEvent("a", "gb", "2026-03-05T10:00:00Z", { v: firstGb }),
    usageEvent("b", "gb", "2026-03-20T10:00:00Z", { v: laterGb }),
  ];
  const options = { creditsStartFull: true };
  const first = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10", options);
  return explainText(rateClosingInvoice(contract, events, "2026-03", { ...options, earlier: [first] }));
};
const bandwidth = (price: NonNullable<ContractOverrides["charges"]>[number]["price"]) => ({
  charges: [{ id: "bw", name: "Bandwidth", meter: "gb", price }],
});

describe("a closing invoice's sums are differences of rounded figures, and say so", () => {
  // 0.10 a GB, 12.5 % off, VAT 21 % on the invoice, half-even; 1 GB by the 10th, 3 GB in the month.
  // First: 0.10, discount 12.5 % = 0.0125 → 0.01, net 0.09, VAT 21 % = 0.0189 → 0.02, total 0.11.
  // Month: 0.30, discount 0.0375 → 0.04, net 0.26, VAT 0.0546 → 0.05, total 0.31.
  // Close: 0.20, discount −0.04 + 0.01 = −0.03, VAT 0.05 − 0.02 = 0.03 on 0.26 − 0.09 = 0.17, total 0.20.
  const text = sequence(
    {
      ...bandwidth({ model: "unit", unitPrice: "0.10" }),
      discounts: [{ id: "off", name: "Off", percent: "12.5" }],
      tax: { mode: "exclusive", rounding: "per_invoice", rates: [{ id: "vat", name: "VAT", percent: "21" }] },
    },
    "1",
    "2",
  );

  it("a percentage discount: the period's, rounded, less what earlier invoices took", () => {
    // 12.5 % of 0.20 = 0.025, which no rounding makes 0.03: it read "Off: 12.5% of $0.20 = -$0.03."
    expect(text).toContain(
      "Off: 12.5% of $0.20: the discount on the period so far, rounded, less what earlier invoices took: -$0.03, spread over Bandwidth -$0.03.",
    );
  });

  it("a tax rounded once on the total: the period's, rounded, less the tax billed earlier", () => {
    // 21 % of 0.17 = 0.0357, which half-even makes 0.04, not 0.03: it read "= $0.0357, rounded half-even
    // once on the total: $0.03"
    expect(text).toContain(
      "VAT: 21% of $0.17 = $0.0357; the tax so far this period, once on the total rounded half-even, less the tax billed earlier: $0.03.",
    );
    expect(falseStatedRoundings(text)).toEqual([]);
  });

  it("the rounding of the total with lines finer than the currency: the period's so far", () => {
    // 0.1234 a GB, lines to 4 decimals, totals to cents half-even; 1 GB by the 10th, 3 GB in the month.
    // First: 0.1234 → 0.12. Month: 0.3702 → 0.37 (adjustment −0.0002). Close: 0.37 − 0.12 = 0.25, and the
    // invoice keeps the month's rounding. It read "Total before rounding $0.3702, rounded half-even to 2
    // decimals: a rounding adjustment of -$0.0002. Total $0.25.": 0.3702 − 0.0002 = 0.37, not 0.25
    const finer = sequence(
      {
        ...bandwidth({ model: "unit", unitPrice: "0.1234" }),
        rounding: { mode: "half_even", lineDecimals: 4 },
      },
      "1",
      "2",
    );
    expect(finer).toContain(
      "So far this period, total before rounding $0.3702, rounded half-even to 2 decimals: a rounding adjustment of -$0.0002.",
    );
    expect(finer).toContain(
      "It bills $0.37 so far minus $0.12 already billed on ctr:2026-03-01:progressive-1 = $0.25.",
    );
    expect([...falseTotalRoundings(finer), ...falseProgressiveSums(finer)]).toEqual([]);
  });

  it("a grant given back what earlier invoices drew past the period's burn", () => {
    // volume: every GB at 0.10 up to 1,000 GB, at 0.08 above; a 100.00 promotional grant. 900 GB by the
    // 10th: 90.00, all paid by the grant (10.00 left). The month, 1,100 GB: 1,100 × 0.08 = 88.00, so
    // the grant paid 88.00 in all (12.00 left): the close gives 90.00 − 88.00 = 2.00 back. It read
    // "$2.00 of a $10.00 balance; $12.00 left", as if 2.00 were drawn: 10.00 − 2.00 = 8.00
    const text = sequence(
      {
        ...bandwidth({
          model: "volume",
          tiers: [
            { upTo: "1000", unitPrice: "0.10" },
            { upTo: null, unitPrice: "0.08" },
          ],
        }),
        credits: [{ id: "promo", name: "Promo", kind: "promotional", amount: "100" }],
      },
      "900",
      "200",
    );
    expect(text).toMatch(
      /Promo \(before tax\): \$2\.00 given back, .* to a \$10\.00 balance; \$12\.00 left\./,
    );
    expect(falseBalances(text)).toEqual([]);
  });

  it("a grant in a unit of its own: the units used so far, rounded up, less those used earlier", () => {
    // 0.10 a GB; 1,000 CREDIT at 0.07 each, units rounded up. 1 GB by the 10th: 0.10 ÷ 0.07 = 1.43 → 2
    // CREDIT. The month, 2 GB: 0.20 ÷ 0.07 = 2.86 → 3 CREDIT. The close pays 0.10 with 3 − 2 = 1 CREDIT.
    // It read "-$0.10 at $0.07 each: $0.10 ÷ $0.07 = 1.428571428571… CREDIT, rounded up to 1 CREDIT",
    // and 1.43 rounds up to 2
    const text = sequence(
      {
        ...bandwidth({ model: "unit", unitPrice: "0.10" }),
        customUnits: [{ code: "CREDIT", minorUnits: 0 }],
        credits: [
          {
            id: "wallet",
            name: "Wallet",
            kind: "prepaid",
            taxed: "at_use",
            amount: "1000",
            unit: "CREDIT",
            unitValue: "0.07",
          },
        ],
      },
      "1",
      "1",
    );
    expect(text).toMatch(
      /Wallet \([a-z ]+\): -\$0\.10 at \$0\.07 each; the units used so far this period, rounded up, less those used on earlier invoices: 1 CREDIT, of a 998 CREDIT balance; 997 CREDIT left\./,
    );
    expect([...falseStatedRoundings(text), ...falseBalances(text)]).toEqual([]);
  });

  it("a fixed discount: the period's so far, less what earlier invoices took", () => {
    // 1.00 a GB, 5.00 off each month. 10 GB by the 10th: 10.00 − 5.00 = 5.00. The month, 30 GB: 30.00 −
    // 5.00 = 25.00. The close bills 20.00 of usage and takes 5.00 − 5.00 = 0.00 of discount. It read
    // "Off: $5.00 (at most the $20.00 it applies to) = $0.00.": a 5.00 discount that took nothing
    const text = sequence(
      {
        ...bandwidth({ model: "unit", unitPrice: "1" }),
        discounts: [{ id: "off", name: "Off", amount: "5" }],
      },
      "10",
      "20",
    );
    expect(text).toContain(
      "Off: $5.00 (at most the $20.00 it applies to): the discount on the period so far, less what earlier invoices took: $0.00",
    );
  });

  it("a commitment's cap: the period's excess so far, less what earlier invoices took", () => {
    // 1.00 a GB, at most 25.00 a month. 10 GB by the 10th: 10.00, under the cap. The month, 30 GB: 30.00,
    // 5.00 over it. The close's spend is 20.00 and it takes the 5.00, which is not 20.00 − 25.00. It read
    // "Cap: spend $20.00 is above the maximum of $25.00: -$5.00."
    const text = sequence(
      {
        ...bandwidth({ model: "unit", unitPrice: "1" }),
        commitments: [{ id: "cap", name: "Cap", maximum: "25" }],
      },
      "10",
      "20",
    );
    expect(text).toContain(
      "Cap: the spend so far this period is above the maximum of $25.00 (this invoice's spend $20.00): the excess so far, less what earlier invoices took: -$5.00, spread over Bandwidth -$5.00.",
    );
    expect(text).toContain("Total $15.00.");
  });
});
