import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// cdn-basic's February invoice (fixtures/cdn-basic/README.md): North America 61,400 GB on 0.08 / 0.06 /
// 0.04 tiers = 800 + 2,400 + 11,400 × 0.04 = 456 → 3,656.00; total 7,663.78.
const CONTRACT = "fixtures/cdn-basic/contract.json";
const INVOICE = "fixtures/cdn-basic/expected.json";
const dir = mkdtempSync(join(tmpdir(), "ratecard-reconcile-notes-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const creditNote = (invoice: string, corrections: unknown) => {
  const result = runCli(
    ...["credit-note", "--contract", CONTRACT, "--invoice", invoice, "--format", "json"],
    ...["--corrections", file("corrections.json", JSON.stringify(corrections))],
  );
  expect(result.code).toBe(0);
  return result.stdout;
};

beforeAll(assertCliBuilt);

describe("ratecard reconcile --credit-note", () => {
  it("compares the issued invoice net of its credit note, and names the note", () => {
    // 11,400 GB counted twice: re-rated at 50,000 GB = 800 + 2,400 = 3,200.00, credited 456.00.
    const note = file(
      "cn1.json",
      creditNote(INVOICE, [{ kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "twice" }]),
    );
    // Against the invoice itself (the usage was right after all): net 50,000 GB and 3,200.00 issued,
    // 61,400 GB and 3,656.00 recomputed, +456.00; the total 7,663.78 − 456.00 = 7,207.78.
    const result = runCli("reconcile", "--issued", INVOICE, "--recomputed", INVOICE, "--credit-note", note);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe(
      [
        "Issued total 7207.78 (7663.78 less 456.00 of credit notes), recomputed 7663.78 USD; 5 lines matched.",
        "Net of credit note ctr_northwind_cdn:2026-02-01:credit-note:1: 456.00 USD credited; lines Bandwidth (North America) (bandwidth_na) 456.00.",
        "1 discrepancy found (amounts are recomputed − issued).",
        // The note's line carries the invoice line's unit, GB, and the sentence names it: until 7 December
        // 2026 it read "(11400 units taken off)" though the note itself said "11400 GB taken off".
        '  +456.00  usage         "Bandwidth (North America)": quantity issued 50000, recomputed 61400: the usage differs. Issued net of credit note ctr_northwind_cdn:2026-02-01:credit-note:1: 3656.00 less 456.00 credited (11400 GB taken off).',
        "",
      ].join("\n"),
    );
    // A CSV export of the invoice, its ids in a column, takes the note the same way.
    const csv = file(
      "issued.csv",
      [
        "Id,Item,Qty,Amount",
        "platform_fee,Platform fee,1,500.00",
        "bandwidth_na,Bandwidth (North America),61400,3656.00",
        "bandwidth_eu,Bandwidth (Europe),31415.926,2242.04",
        "bandwidth_apac,Bandwidth (Asia Pacific),10000,1200.00",
        "requests,HTTPS requests,87654321,65.74",
        ",Total,,7663.78",
      ].join("\n"),
    );
    const fromCsv = runCli(
      ...["reconcile", "--issued", csv, "--recomputed", INVOICE],
      ...["--credit-note", note, "--format", "json"],
    );
    expect(fromCsv.code).toBe(3);
    expect(JSON.parse(fromCsv.stdout)).toMatchObject({
      issuedTotal: "7207.78",
      creditNotes: { issuedTotalBeforeNotes: "7663.78", credited: "456.00" },
      discrepancies: [
        {
          line: "bandwidth_na",
          cause: "usage",
          amount: "456.00",
          issued: { quantity: "50000", amount: "3200" }, // a CSV's "3656.00" is read as 3656
          // a CSV line names no unit, the ratecard note's line does
          sentence: expect.stringContaining("3656.00 less 456.00 credited (11400 GB taken off)."),
        },
      ],
    });
  });

  it("refuses a credit note of another invoice in its own file's name", () => {
    // January's invoice of the same contract (the platform fee alone: the usage is February's).
    const january = runCli(
      ...["invoice", "--contract", CONTRACT, "--usage", "fixtures/cdn-basic/usage.ndjson"],
      ...["--period", "2026-01", "--format", "json"],
    );
    expect(january.code).toBe(0);
    const note = creditNote(file("january.json", january.stdout), [{ kind: "invoice", reason: "re-issued" }]);
    const result = runCli(
      ...["reconcile", "--issued", INVOICE, "--recomputed", INVOICE],
      ...["--credit-note", file("january-note.json", note)],
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "january-note.json at invoiceId: Credit note ctr_northwind_cdn:2026-01-01:credit-note:1 credits invoice ctr_northwind_cdn:2026-01-01, not invoice ctr_northwind_cdn:2026-02-01; give only the credit notes issued against ctr_northwind_cdn:2026-02-01.",
    );
  });
});

describe("ratecard reconcile --issued with a credit note", () => {
  it("says to give the note with --credit-note", () => {
    const note = creditNote(INVOICE, [{ kind: "line", line: "platform_fee", reason: "waived" }]);
    const result = runCli("reconcile", "--issued", file("cn.json", note), "--recomputed", INVOICE);
    expect(result.code).toBe(2);
    // Before, it said only "give the invoice it corrects", not how to reconcile the invoice with its note.
    expect(result.stderr).toContain(
      "give the invoice it corrects, ctr_northwind_cdn:2026-02-01, as --issued, and this note with --credit-note: the invoice is then reconciled net of it.",
    );
  });
});

// cdn-basic's February invoice as Stripe issued it (cents; lines named as ratecard's, ids il_…), and a
// Stripe credit note of 456.00 off the North America bandwidth line (docs.stripe.com/api/credit_notes).
describe("ratecard reconcile --credit-note with Stripe's credit notes", () => {
  const stripeInvoice = {
    object: "invoice",
    id: "in_cdn_feb",
    currency: "usd",
    lines: {
      has_more: false,
      data: [
        { id: "il_1", description: "Platform fee", amount: 50000, quantity: 1 },
        { id: "il_2", description: "Bandwidth (North America)", amount: 365600, quantity: 61400 },
        { id: "il_3", description: "Bandwidth (Europe)", amount: 224204 },
        { id: "il_4", description: "Bandwidth (Asia Pacific)", amount: 120000, quantity: 10000 },
        { id: "il_5", description: "HTTPS requests (per 10,000)", amount: 6574 },
      ],
    },
    subtotal: 766378,
    total: 766378,
    amount_due: 766378,
    post_payment_credit_notes_amount: 45600,
  };
  const stripeNote = {
    object: "credit_note",
    id: "cn_1PaX",
    invoice: "in_cdn_feb",
    currency: "usd",
    status: "issued",
    type: "post_payment",
    lines: {
      has_more: false,
      data: [
        {
          type: "invoice_line_item",
          invoice_line_item: "il_2",
          description: "Bandwidth (North America)",
          amount: 45600,
        },
      ],
    },
    subtotal: 45600,
    total: 45600,
  };

  it("takes a Stripe note off the Stripe invoice: 3,656.00 − 456.00 = 3,200.00 against the 3,656.00 recomputed", () => {
    const issued = file("stripe-in.json", JSON.stringify(stripeInvoice));
    const note = file("stripe-cn.json", JSON.stringify(stripeNote));
    const result = runCli("reconcile", "--issued", issued, "--recomputed", INVOICE, "--credit-note", note);
    // Total 7,663.78 − 456.00 = 7,207.78; the line recomputed at 3,656.00, as issued: +456.00 credit_note.
    expect([result.code, result.stderr]).toEqual([3, ""]);
    expect(result.stdout).toContain(
      "Issued total 7207.78 (7663.78 less 456.00 of credit notes), recomputed 7663.78 USD",
    );
    expect(result.stdout).toContain(
      "Net of credit note cn_1PaX: 456.00 USD credited; lines Bandwidth (North America) (il_2) 456.00.",
    );
    expect(result.stdout).toMatch(/\+456\.00 {2}credit_note/);
  });

  it("refuses a Stripe note of another invoice in its own file's name", () => {
    const issued = file("stripe-in.json", JSON.stringify(stripeInvoice));
    const note = file("stripe-cn-other.json", JSON.stringify({ ...stripeNote, invoice: "in_cdn_jan" }));
    const result = runCli("reconcile", "--issued", issued, "--recomputed", INVOICE, "--credit-note", note);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `ratecard: --credit-note ${note}: Credit note cn_1PaX credits Stripe invoice in_cdn_jan, but the issued invoice is in_cdn_feb; give only the credit notes issued against the invoice being reconciled.\n`,
    );
  });
});
