import { describe, expect, it } from "vitest";
import { explainLine, explainText } from "../../src/explain/index.js";
import type { InvoiceLine } from "../../src/invoice/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import {
  buildContract,
  type ContractOverrides,
  feeBelowServiceCredit,
  flatCharge,
} from "../_support/contract.js";

const usd = { prefix: "$", minorUnits: 2 };

function bandwidthLine(): InvoiceLine {
  // 61,400 GB over 0.08 / 0.06 / 0.04 tiers: 800 + 2,400 + 456 = 3,656
  const contract = fixtureContract("cdn-basic");
  const events = [
    {
      id: "e1",
      type: "cdn.bandwidth",
      customer: "cus_northwind",
      timestamp: "2026-02-10T00:00:00Z",
      properties: { region: "na", gb: "61400" },
    },
  ];
  return rateInvoice(contract, events, "2026-02").lines.find((line) => line.id === "bandwidth_na")!;
}

describe("explainLine", () => {
  it("reads a graduated line tier by tier", () => {
    expect(explainLine(bandwidthLine(), usd)).toBe(
      "Bandwidth (North America): 61,400 GB from 1 event. First 10,000 GB at $0.0800 = $800.00; next 40,000 GB at $0.0600 = $2,400.00; remaining 11,400 GB at $0.0400 = $456.00. Line total $3,656.00.",
    );
  });

  it("says when a line was rounded, showing the exact amount", () => {
    const line: InvoiceLine = {
      id: "req",
      chargeId: "req",
      name: "Requests",
      model: "unit",
      period: { start: "2026-02-01T00:00:00.000Z", end: "2026-03-01T00:00:00.000Z" },
      quantity: "1234567",
      unit: "requests",
      priceKind: "unit",
      unitPrice: "0.0000025",
      amount: "3.09",
      steps: [
        {
          kind: "usage",
          meter: "req",
          aggregation: "count",
          events: 1234567,
          quantity: "1234567",
          unit: "requests",
        },
        { kind: "unit", quantity: "1234567", unitPrice: "0.0000025", amount: "3.0864175" },
        { kind: "rounding", mode: "half_even", minorUnits: 2, before: "3.0864175", amount: "3.09" },
      ],
    };
    expect(explainLine(line, usd)).toBe(
      "Requests: 1,234,567 requests from 1,234,567 events. 1,234,567 requests at $0.0000025 = $3.0864175. Rounded half-even from $3.0864175 to $3.09. Line total $3.09.",
    );
  });

  it("explains a prorated flat fee with the ratio used", () => {
    const line: InvoiceLine = {
      id: "fee",
      chargeId: "fee",
      name: "Platform",
      model: "flat",
      period: { start: "2026-01-15T00:00:00.000Z", end: "2026-02-01T00:00:00.000Z" },
      quantity: "1",
      priceKind: "flat",
      amount: "164.52",
      steps: [
        { kind: "flat", amount: "300" },
        {
          kind: "proration",
          basis: "day",
          elapsed: "17",
          total: "31",
          before: "300",
          // 300 × 17 ÷ 31 = 5,100 ÷ 31 = 164.516129032258064 repeating, to 50 significant digits
          amount: "164.51612903225806451612903225806451612903225806452",
        },
        {
          kind: "rounding",
          mode: "half_even",
          minorUnits: 2,
          before: "164.51612903225806451612903225806451612903225806452",
          amount: "164.52",
        },
      ],
    };
    const text = explainLine(line, usd);
    expect(text).toContain("Prorated for 17 of 31 days: $300.00 × 17 ÷ 31");
    expect(text).toContain("Line total $164.52.");
  });
});

describe("explainText", () => {
  it("explains the whole cdn-basic invoice from its breakdown", () => {
    const contract = fixtureContract("cdn-basic");
    const invoice = rateInvoice(contract, [], "2026-02");
    const text = explainText(invoice);
    expect(text).toContain("Invoice ctr_northwind_cdn:2026-02-01 for Northwind Streaming (cus_northwind)");
    expect(text).toContain("Period: 2026-02-01 to 2026-03-01 (America/New_York)");
    // With no usage only the $500 platform fee remains.
    expect(text).toContain("Total $500.00.");
    expect(text).toContain("Usage: 0 events read, 0 events counted, 0 events left out.");
  });

  it("says that a value left out may be one beyond a quantity's bounds, not only missing or no number", () => {
    // 10^15 GB is one past the largest quantity (below 10^15 in size), a valid number all the same.
    const contract = fixtureContract("cdn-basic");
    const event = (id: string, gb: string) => ({
      id,
      type: "cdn.bandwidth",
      customer: "cus_northwind",
      timestamp: "2026-02-03T00:00:00Z",
      properties: { region: "na", gb },
    });
    const text = explainText(
      rateInvoice(contract, [event("big", "1000000000000000"), event("ok", "2")], "2026-02"),
    );
    expect(text).toContain(
      "- 1 event: a value a meter cannot read: missing, not a number, or beyond a quantity's bounds (10^15 in size, 9 decimals) (e.g. big).",
    );
  });

  it("lists each exclusion reason with sample ids", () => {
    const contract = fixtureContract("cdn-basic");
    const other = {
      id: "x1",
      type: "cdn.bandwidth",
      customer: "cus_other",
      timestamp: "2026-02-10T00:00:00Z",
      properties: { region: "na", gb: "1" },
    };
    const text = explainText(rateInvoice(contract, [other], "2026-02"));
    expect(text).toContain("- 1 event: another customer's usage (e.g. x1).");
  });

  it("writes non-dollar currencies by code so they cannot be misread", () => {
    const contract = { ...fixtureContract("cdn-basic"), currency: { code: "CAD", minorUnits: 2 } };
    expect(explainText(rateInvoice(contract, [], "2026-02"))).toContain("Total CAD 500.00.");
  });
});

describe("explainText, an invoice whose total is below zero", () => {
  // A fee of 10.00 and a service credit of −15.00: total 10.00 − 15.00 = −5.00, owed to the customer.
  const contract = feeBelowServiceCredit;

  it("says nothing is due and the 5.00 below zero is the customer's", () => {
    const text = explainText(rateInvoice(contract(), [], "2026-03"));
    expect(text).toContain("Total -$5.00.\n");
    expect(text).toContain(
      "The total is below zero: nothing is due, and $5.00 is owed to the customer, to refund or to carry to a later invoice as a credit.",
    );
  });

  it("says a prepaid wallet pays none of it, where the amount due reads 0.00", () => {
    const wallet = { id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "50.00" };
    const invoice = rateInvoice(contract([wallet]), [], "2026-03");
    // the wallet pays min(50.00, max(0, −5.00)) = 0.00; the amount due starts at 0
    expect(invoice.amountDue).toBe("0.00");
    expect(explainText(invoice)).toContain(
      "Amount due $0.00.\nThe total is below zero: nothing is due, and $5.00 is owed to the customer, to refund or to carry to a later invoice as a credit; the credits used after tax pay none of it.",
    );
  });

  it("says nothing of the kind when the total is 0.00 or more", () => {
    const even = buildContract({
      term: { start: "2026-03-01" },
      meters: [],
      charges: [
        flatCharge("fee", "Fee", "15.00"),
        flatCharge("refund", "Service credit", "-15.00", { credit: true }),
      ],
    });
    expect(explainText(rateInvoice(even, [], "2026-03"))).not.toContain("below zero");
  });
});

describe("explainText, inclusive tax", () => {
  // One line of 120.00 gross, VAT 20 % inside it.
  const inclusive = (layers: ContractOverrides = {}) =>
    buildContract({
      meters: [],
      charges: [flatCharge("plan", "Plan", "120.00")],
      tax: { mode: "inclusive", rates: [{ id: "vat", name: "VAT", percent: "20" }] },
      ...layers,
    });

  it("says the net and the tax add up to the total, not to the subtotal, once a discount took part of it", () => {
    // 10 % off 120.00 = 12.00, leaving 108.00 gross; VAT 108.00 × 20 ÷ 120 = 18.00, net 108.00 − 18.00
    // = 90.00; 90.00 + 18.00 = 108.00, the total. The subtotal is still 120.00.
    const invoice = rateInvoice(
      inclusive({ discounts: [{ id: "ten", name: "Ten off", percent: "10" }] }),
      [],
      "2026-03",
    );
    expect([invoice.subtotal, invoice.tax?.net, invoice.tax?.total, invoice.total]).toEqual([
      "120.00",
      "90.00",
      "18.00",
      "108.00",
    ]);
    const text = explainText(invoice);
    expect(text).toContain("Net $90.00 + tax $18.00 = $108.00, the total.\nTotal $108.00.");
    expect(text).not.toContain("= the subtotal");
  });

  it("says the same with no discount, where the total is the subtotal", () => {
    // 120.00 × 20 ÷ 120 = 20.00 of tax; net 100.00
    expect(explainText(rateInvoice(inclusive(), [], "2026-03"))).toContain(
      "Net $100.00 + tax $20.00 = $120.00, the total.",
    );
  });

  it("names the total before rounding when lines are finer than the currency", () => {
    // lineDecimals 4, lines 0.1250 and 0.1264 gross, VAT 20 % per line: 0.125 ÷ 6 = 0.0208333… → 0.0208,
    // 0.1264 ÷ 6 = 0.0210666… → 0.0211; tax 0.0419, net 0.2514 − 0.0419 = 0.2095; the total 0.2514 is
    // rounded to 0.25.
    const invoice = rateInvoice(
      inclusive({
        charges: [flatCharge("a", "A", "0.125"), flatCharge("b", "B", "0.1264")],
        rounding: { lineDecimals: 4 },
      }),
      [],
      "2026-03",
    );
    expect([invoice.tax?.net, invoice.tax?.total, invoice.total]).toEqual(["0.2095", "0.0419", "0.25"]);
    expect(explainText(invoice)).toContain("Net $0.2095 + tax $0.0419 = $0.2514, the total before rounding.");
  });
});

describe("explainText: a charge whose terms changed inside the period", () => {
  it("says which part of the period each of its lines is for; a line for all of it says nothing more", () => {
    // UTC, April (30 days): the plan 300.00 until the 11th, 600.00 after (300 × 10 ÷ 30 = 100.00 and
    // 600 × 20 ÷ 30 = 400.00); support 50.00 all month
    const contract = buildContract({
      term: { start: "2026-01-01" },
      meters: [],
      charges: [flatCharge("plan", "Plan", "300"), flatCharge("support", "Support", "50")],
      amendments: [{ id: "up", effective: "2026-04-11", charges: [flatCharge("plan", "Plan", "600")] }],
    });
    const text = explainText(rateInvoice(contract, [], "2026-04"));
    expect(text).toContain(
      "Plan: For 2026-04-01 to 2026-04-11, the part of the period these terms were in force. Flat fee $300.00.",
    );
    expect(text).toContain(
      "Plan: For 2026-04-11 to 2026-05-01, the part of the period these terms were in force. Flat fee $600.00.",
    );
    expect(text).toContain("Support: Flat fee $50.00.");
  });
});
