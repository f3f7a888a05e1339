import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  fromCsvInvoice,
  fromRatecardInvoice,
  fromStripeInvoice,
  reconcile,
  renderReconcile,
} from "../../src/compare/index.js";
import { summaryFigureOf } from "../../src/compare/summaryRow.js";
import { parseInvoice } from "../../src/index.js";
import { GOLDEN_RICH_ROWS, goldenRichCsv } from "./goldenRichCsv.js";

const invoiceOf = (fixture: string) =>
  parseInvoice(JSON.parse(readFileSync(`fixtures/${fixture}/expected.json`, "utf8")));
// golden-rich, March 2026 (fixtures/golden-rich/README.md): lines 99.00 + 49.60 + 65.00 + 17.53 + 4.08
// + 168.00 + 180.00 + 104.04 = 687.25; tax 124.27; total 778.27, of which 200.00 is paid by credits
// after tax, so the amount due is 578.27.
const goldenRich = invoiceOf("golden-rich");

describe("the summary rows of an issued CSV", () => {
  it("knows the labels spreadsheets and billing systems end their line items with", () => {
    const read = (labels: string[]) => labels.map(summaryFigureOf);
    expect(read(["Subtotal", "Sub-total:", "SUB TOTAL"])).toEqual(["subtotal", "subtotal", "subtotal"]);
    expect(read(["Tax", "Sales tax (8.25%)", "VAT 20%", "GST", "Taxes", "VAT (19,5 %)"])).toEqual(
      Array(6).fill("tax"),
    );
    // Japan's consumption tax and VAT in German, French, Spanish/Italian and Dutch (a yen invoice's
    // "Consumption tax 10%" was read as a line ratecard computes none of).
    expect(
      read(["Consumption tax 10%", "JCT", "MwSt. 19%", "USt. (19 %)", "TVA 20 %", "IVA 21%", "BTW 21%"]),
    ).toEqual(Array(7).fill("tax"));
    expect(read(["Total", "Grand total", "Invoice total:"])).toEqual(["total", "total", "total"]);
    expect(read(["Amount due", "Balance due", "Total due"])).toEqual(["amountDue", "amountDue", "amountDue"]);
    // an item is an item, even one that names tax or a total in its description
    expect(read(["Tax filing service", "Total storage", "Platform fee", ""])).toEqual(
      Array(4).fill(undefined),
    );
  });

  it("reads them as the document's figures, not as lines: tax rows add up", () => {
    const csv = goldenRichCsv(GOLDEN_RICH_ROWS, [
      "Subtotal,,687.25",
      "GST (5%),,34.36",
      "PST (7%),,89.91",
      "Grand total,,778.27",
      "Amount due,,578.27",
    ]);
    const document = fromCsvInvoice(csv);
    expect(document.lines).toHaveLength(8);
    // 34.36 + 89.91 = 124.27, golden-rich's tax
    expect([document.subtotal, document.tax, document.total, document.amountDue]).toEqual([
      "687.25",
      "124.27",
      "778.27",
      "578.27",
    ]);
    expect(reconcile(document, goldenRich).discrepancies).toEqual([]);
    expect(reconcile(document, goldenRich).notes).toBeUndefined();
  });

  it("reads an amount due without a Total row as the total, as the Total row of an amount due is read", () => {
    const document = fromCsvInvoice(goldenRichCsv(GOLDEN_RICH_ROWS, ["Tax,,124.27", "Balance due,,578.27"]));
    expect([document.total, document.amountDue]).toEqual(["578.27", undefined]);
    const [only] = reconcile(document, goldenRich).discrepancies;
    // total − lines − tax: issued 578.27 − 687.25 − 124.27 = −233.25, recomputed 778.27 − 687.25 −
    // 124.27 = −33.25; and the sentence says the issued total is the amount due
    expect([only?.cause, only?.amount]).toEqual(["adjustments", "200.00"]);
    expect(only?.sentence).toContain("The issued total is the recomputed amount due, 578.27");
  });

  it("names credits after tax that paid another share of the total, when the amount due is stated beside it", () => {
    // Issued: total 778.27, amount due 528.27, so credits after tax paid 250.00; recomputed 200.00. The
    // customer should have paid 50.00 more: 250.00 − 200.00.
    const csv = goldenRichCsv(GOLDEN_RICH_ROWS, ["Tax,,124.27", "Total,,778.27", "Amount due,,528.27"]);
    const result = reconcile(fromCsvInvoice(csv), goldenRich);
    expect(result.discrepancies.map((d) => [d.cause, d.amount])).toEqual([["after_tax_credits", "50.00"]]);
    expect(result.discrepancies[0]?.sentence).toBe(
      "Credits after tax (the total less the amount due): issued 250.00, recomputed 200.00; the amount due is issued 528.27, recomputed 578.27.",
    );
  });

  it("notes a stated subtotal that is not the sum of the document's lines, without calling it a line", () => {
    // The Storage line (4.08) left out of the file: the lines sum to 687.25 − 4.08 = 683.17 while the
    // Subtotal row says 687.25.
    const rows = GOLDEN_RICH_ROWS.filter((row) => !row.startsWith("Storage"));
    const csv = goldenRichCsv(rows, ["Subtotal,,687.25", "Tax,,124.27", "Total,,778.27"]);
    const result = reconcile(fromCsvInvoice(csv), goldenRich);
    expect(result.notes).toEqual([
      "The issued subtotal, 687.25, is not the sum of the issued invoice's 7 lines, 683.17: a line may be missing from the file, or the subtotal was computed otherwise.",
    ]);
    // Storage is missing (+4.08), and the issued total keeps it: the issued adjustments are
    // 778.27 − 683.17 − 124.27 = −29.17 against −33.25 recomputed, −4.08. No "Subtotal" line.
    expect(result.discrepancies.map((d) => [d.cause, d.amount])).toEqual([
      ["missing_line", "4.08"],
      ["adjustments", "-4.08"],
    ]);
    expect(renderReconcile(result, "text")).toContain(
      `EUR; 7 lines matched.\n${result.notes?.[0]}\n2 discrepancies`,
    );
  });
});

describe("an issued quantity in the unit the issuer bills", () => {
  it("is the same usage when it is the line's packages: the cause is the amount's", () => {
    // cdn-basic's requests: 87,654,321 requests in packages of 10,000 = 8,766 packages (rounded up) at
    // 0.0075 = 65.745 → 65.74 half-even. Issued as 8,766 at 65.75 (rounded half-up): a rounding, −0.01.
    const cdn = invoiceOf("cdn-basic");
    const issued = fromRatecardInvoice(cdn);
    // The issued total carries the line's extra cent: 7,663.78 + 0.01.
    const packaged = {
      ...issued,
      total: "7663.79",
      lines: issued.lines.map((line) =>
        line.id === "requests" ? { ...line, quantity: "8766", amount: "65.75" } : line,
      ),
    };
    const found = reconcile(packaged, cdn).discrepancies;
    expect(found.map((d) => [d.line, d.cause, d.amount])).toEqual([["requests", "rounding", "-0.01"]]);
    expect(found[0]?.sentence).toBe(
      '"HTTPS requests (per 10,000)": issued 65.75, recomputed 65.74: within one minor unit at the same quantity, a rounding difference. The usage agrees: the issued quantity 8766 is the line\'s 8766 packages of 10000.',
    );
  });

  it("is the same usage when it is what the meter measured before the line's conversion", () => {
    // saas-seats' API requests: 2,344,321 requests ÷ 1,000 − 100 included = 2,244.321, rounded up to
    // 2,245 "1k requests" for 904.63. Issued as 2,344,321 requests at 904.63: no discrepancy at all.
    const seats = invoiceOf("saas-seats");
    const issued = fromRatecardInvoice(seats);
    const raw = {
      ...issued,
      lines: issued.lines.map((line) =>
        line.id === "api_requests" ? { ...line, quantity: "2344321" } : line,
      ),
    };
    expect(reconcile(raw, seats).discrepancies).toEqual([]);
    // and 2,344,000 requests is another usage
    const other = {
      ...raw,
      lines: raw.lines.map((line) => (line.id === "api_requests" ? { ...line, quantity: "2344000" } : line)),
    };
    expect(reconcile(other, seats).discrepancies.map((d) => d.cause)).toEqual(["usage"]);
  });
});

describe("a Stripe invoice's subtotal and amount due", () => {
  // test/compare/data/cdn-basic.stripe.json: cdn-basic issued through Stripe with the EU line for 31,000
  // GB (2,215.00) and no APAC line; subtotal = total = amount due = 643675 cents = 6,436.75.
  const stripe = JSON.parse(readFileSync("test/compare/data/cdn-basic.stripe.json", "utf8"));
  const cdn = invoiceOf("cdn-basic");

  it("notes a page of line items that does not reach the subtotal (lines.has_more)", () => {
    // The last line item (requests, 6575 cents = 65.75) left off the page: the lines sum to 6,436.75 −
    // 65.75 = 6,371.00 against Stripe's subtotal of 6,436.75.
    const page = {
      ...stripe,
      lines: { ...stripe.lines, data: stripe.lines.data.slice(0, -1), has_more: true },
    };
    const result = reconcile(fromStripeInvoice(page), cdn);
    expect(result.notes).toEqual([
      "The issued subtotal, 6436.75, is not the sum of the issued invoice's 3 lines, 6371.00: a line may be missing from the file, or the subtotal was computed otherwise.",
    ]);
  });

  it("compares what the customer's credit balance paid, when amount_due is below the total", () => {
    // amount_due 593675: Stripe's credit balance paid 643675 − 593675 = 50,000 cents = 500.00 after tax;
    // ratecard's cdn-basic invoice has no wallet (0.00), so the customer should have paid 500.00 more.
    const paid = { ...stripe, amount_due: 593675 };
    const found = reconcile(fromStripeInvoice(paid), cdn).discrepancies.filter(
      (d) => d.cause === "after_tax_credits",
    );
    expect(found.map((d) => d.amount)).toEqual(["500.00"]);
  });
});
