// reconcile pairs the lines of a grouped charge group with group: an issued line meets the recomputed
// line of its own id, or of its own charge and group; a group only one side bills is missing or extra,
// never paired with another group of the charge by its description or amount
// (docs/diff-and-reconcile.md, "Matching rules").
import { describe, expect, it } from "vitest";
import { fromStripeInvoice, reconcile } from "../../src/compare/index.js";
import { bucketInvoice as invoiceOf, stripeInvoiceOf } from "./bucketInvoice.js";

const line = (bucket: string) => `class_a[bucket="${bucket}"]`;

describe("reconcile of a grouped charge", () => {
  it("reports a group only one side bills as missing and extra, not as the other group's usage", () => {
    // Issued a 10, b 20, d 40 = 70.00; recomputed a 10, b 20, c 30 = 60.00. Before: d paired with c by
    // their shared name, "[bucket c]: quantity issued 40, recomputed 30: the usage differs", −10.00.
    const result = reconcile(invoiceOf({ a: 10, b: 20, d: 40 }), invoiceOf({ a: 10, b: 20, c: 30 }));
    expect(result.linesMatched).toBe(2);
    expect(result.discrepancies.map((d) => [d.cause, d.amount, d.sentence])).toEqual([
      [
        "missing_line",
        "30.00",
        `"Class A operations [bucket c]" (30.00) is missing from the issued invoice.`,
      ],
      [
        "extra_line",
        "-40.00",
        `"Class A operations [bucket d]" (40.00) was issued, but ratecard computes no such line.`,
      ],
    ]);
  });

  it("pairs each group with its own when the issuer lists them in another order", () => {
    // Issued a 20, b 10 (amounts swapped), listed b first; recomputed a 10, b 20: a −10.00, b +10.00.
    const issued = invoiceOf({ a: 20, b: 10 });
    const reversed = { ...issued, lines: [...issued.lines].reverse() };
    const result = reconcile(reversed, invoiceOf({ a: 10, b: 20 }));
    expect(result.discrepancies.map((d) => [d.line, d.cause, d.amount, d.issued?.quantity])).toEqual([
      [line("a"), "usage", "-10.00", "20"],
      [line("b"), "usage", "10.00", "10"],
    ]);
  });

  it("does not pair a group with another group of the same amount", () => {
    // Issued d 30, recomputed c 30: the same 30.00, two groups. Before: paired by description.
    const result = reconcile(invoiceOf({ a: 10, d: 30 }), invoiceOf({ a: 10, c: 30 }));
    expect(result.discrepancies.map((d) => [d.cause, d.amount])).toEqual([
      ["missing_line", "30.00"],
      ["extra_line", "-30.00"],
    ]);
  });

  it("pairs by charge and group when an issued line's id is written otherwise", () => {
    // An issued invoice whose ids another version wrote (`class_a:c`): its chargeId and group still
    // name the line. c issued 25, recomputed 30: usage, +5.00.
    const issued = invoiceOf({ a: 10, c: 25 });
    const renamed = {
      ...issued,
      lines: issued.lines.map((l) => ({ ...l, id: `class_a:${String(Object.values(l.group ?? {})[0])}` })),
    };
    const result = reconcile(renamed, invoiceOf({ a: 10, c: 30 }));
    expect(result.linesMatched).toBe(2);
    expect(result.discrepancies.map((d) => [d.line, d.cause, d.amount, d.matchedBy])).toEqual([
      [line("c"), "usage", "5.00", "charge"],
    ]);
  });

  it("keeps a Stripe line that names its ratecard line to that line", () => {
    // metadata.ratecard_line names bucket d, which ratecard does not compute: extra, although the
    // description is the charge's and bucket c has the same 30.00.
    const stripe = stripeInvoiceOf([
      { amount: 1000, description: "Class A operations", line: line("a") },
      { amount: 3000, description: "Class A operations", line: line("d") },
    ]);
    const result = reconcile(fromStripeInvoice(stripe), invoiceOf({ a: 10, c: 30 }));
    expect(result.discrepancies.map((d) => [d.cause, d.amount])).toEqual([
      ["missing_line", "30.00"],
      ["extra_line", "-30.00"],
    ]);
  });

  it("pairs a charge renamed since by description, group with group", () => {
    // The issued invoice billed the charge as `class_b` (a 10, d 40); the contract now calls it
    // class_a (a 10, c 30): a pairs by its name and group, d and c stay apart.
    const issued = invoiceOf({ a: 10, d: 40 });
    const renamed = {
      ...issued,
      lines: issued.lines.map((l) => ({ ...l, id: l.id.replace("class_a", "class_b"), chargeId: "class_b" })),
    };
    const result = reconcile(renamed, invoiceOf({ a: 10, c: 30 }));
    expect(result.linesMatched).toBe(1);
    expect(result.discrepancies.map((d) => [d.cause, d.amount])).toEqual([
      ["missing_line", "30.00"],
      ["extra_line", "-40.00"],
    ]);
  });

  it("still pairs a Stripe invoice's lines without ids by description", () => {
    // A Stripe invoice without metadata: "Class A operations" 10.00 and 30.00 pair with a and c by
    // description and amount.
    const stripe = stripeInvoiceOf([
      { amount: 3000, description: "Class A operations" },
      { amount: 1000, description: "Class A operations" },
    ]);
    const result = reconcile(fromStripeInvoice(stripe), invoiceOf({ a: 10, c: 30 }));
    expect(result.linesMatched).toBe(2);
    expect(result.discrepancies).toEqual([]);
  });
});
