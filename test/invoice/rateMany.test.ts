import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContract, RatecardError, rateInvoice, rateMany, summarizeBatch } from "../../src/index.js";
import { egressContractJson } from "../_support/egressContract.js";

// The egress contract of docs/scale.md's batch example (test/_support/egressContract.ts).
const contractOf = (customer: string, currency = "USD") =>
  parseContract(egressContractJson(customer, currency));

const event = (id: string, customer: string, gb: string) => ({
  id,
  type: "egress",
  customer,
  timestamp: "2026-02-10T00:00:00Z",
  properties: { gb },
});

describe("rateMany", () => {
  const contracts = [contractOf("cus_b"), contractOf("cus_a"), contractOf("cus_c", "EUR")];
  const events = [
    event("e1", "cus_a", "100"),
    event("e2", "cus_b", "20"),
    event("e2", "cus_b", "20"),
    event("e3", "cus_c", "10"),
    event("e4", "cus_zz", "1"),
    event("e5", "cus_yy", "1"),
    event("e6", "cus_yy", "1"),
  ];

  it("rates each customer from its own events, in customer order, and sums per currency", () => {
    const { invoices, summary } = rateMany(contracts, events, "2026-02");
    // cus_a 100 GB × 0.05 = 5.00; cus_b 20 GB (its copy left out) = 1.00; cus_c 10 GB = 0.50 EUR
    expect(invoices.map((invoice) => [invoice.customer.id, invoice.total])).toEqual([
      ["cus_a", "5.00"],
      ["cus_b", "1.00"],
      ["cus_c", "0.50"],
    ]);
    // USD: 5.00 + 1.00 = 6.00 over 2 invoices; EUR: 0.50 over 1
    // no credit after tax: each currency's amount due is its total
    expect(summary.totals).toEqual([
      { currency: "EUR", invoices: 1, total: "0.50", amountDue: "0.50" },
      { currency: "USD", invoices: 2, total: "6.00", amountDue: "6.00" },
    ]);
    // read: cus_a 1 + cus_b 2 (e2 twice) + cus_c 1 = 4, counted 4 − the copy = 3; with the 3 events of
    // unknown customers, the 7 events given
    expect([summary.eventsRead, summary.eventsCounted]).toEqual([4, 3]);
    expect(summary.excluded).toEqual([{ reason: "duplicate_id", events: 1 }]);
    // e4, e5, e6: 3 events of 2 customers no contract bills
    expect(summary.unknownCustomers).toEqual({
      events: 3,
      customers: 2,
      sampleCustomers: ["cus_yy", "cus_zz"],
    });
  });

  it("gives each customer the invoice rateInvoice gives for its events alone", () => {
    const customers = ["cus_a", "cus_b", "cus_c"];
    const eventArb = fc.record({
      id: fc.constantFrom("e1", "e2", "e3", "e4", "e5", "e6"),
      customer: fc.constantFrom(...customers, "cus_other"),
      gb: fc.integer({ min: 0, max: 10_000 }).map((n) => (n / 100).toFixed(2)),
    });
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), (drafts) => {
        const list = drafts.map((draft) => event(draft.id, draft.customer, draft.gb));
        const { invoices } = rateMany(contracts, list, "2026-02");
        for (const invoice of invoices) {
          const contract = contracts.find((candidate) => candidate.customer.id === invoice.customer.id)!;
          const own = list.filter((candidate) => candidate.customer === invoice.customer.id);
          expect(JSON.stringify(invoice)).toBe(JSON.stringify(rateInvoice(contract, own, "2026-02")));
        }
      }),
    );
  });

  it("writes each currency's total in its own minor units", () => {
    const { summary } = rateMany(
      [contractOf("cus_a"), contractOf("cus_j", "JPY")],
      [event("e1", "cus_a", "100"), event("e2", "cus_j", "100")],
      "2026-02",
    );
    // 100 GB × 0.05 = 5.00 USD (2 decimals) and 5 JPY (no decimals), not "5.00" yen
    expect(summary.totals).toEqual([
      { currency: "JPY", invoices: 1, total: "5", amountDue: "5" },
      { currency: "USD", invoices: 1, total: "5.00", amountDue: "5.00" },
    ]);
  });

  it("sums each currency's amount due apart from its total: what credits after tax leave to pay", () => {
    // cus_a 100 GB × 0.05 = 5.00 with a 3.00 wallet taxed at use: 2.00 due; cus_b 20 GB = 1.00, all due.
    // USD: total 5.00 + 1.00 = 6.00, amount due 2.00 + 1.00 = 3.00
    const withWallet = parseContract(
      egressContractJson("cus_a", "USD", {
        // from February, so the grant starts full on this invoice
        credits: [
          {
            id: "wallet",
            name: "Wallet",
            kind: "prepaid",
            taxed: "at_use",
            amount: "3.00",
            effective: "2026-02-01",
          },
        ],
      }),
    );
    const { invoices, summary } = rateMany(
      [withWallet, contractOf("cus_b")],
      [event("e1", "cus_a", "100"), event("e2", "cus_b", "20")],
      "2026-02",
    );
    expect(invoices.map((invoice) => invoice.amountDue)).toEqual(["2.00", undefined]);
    expect(summary.totals).toEqual([{ currency: "USD", invoices: 2, total: "6.00", amountDue: "3.00" }]);
  });

  it("counts the warnings of every invoice", () => {
    const { invoices } = rateMany(contracts, events, "2026-02");
    const warned = (count: number) => (invoice: (typeof invoices)[number]) => ({
      ...invoice,
      warnings: Array.from({ length: count }, (_, at) => `warning ${at}`),
    });
    // 2 + 0 + 3 = 5
    const summary = summarizeBatch([warned(2)(invoices[0]!), invoices[1]!, warned(3)(invoices[2]!)], {
      events: 0,
      customers: 0,
      sampleCustomers: [],
    });
    expect(summary.warnings).toBe(5);
  });

  it("refuses two contracts of one customer", () => {
    let refusal: unknown;
    try {
      rateMany([contractOf("cus_a"), contractOf("cus_a")], [], "2026-02");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RatecardError);
    expect([(refusal as RatecardError).code, (refusal as RatecardError).path]).toEqual([
      "invalid_argument",
      "contracts[1]",
    ]);
  });
});
