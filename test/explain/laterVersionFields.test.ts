import { describe, expect, it } from "vitest";
import {
  digestOf,
  explain,
  explainText,
  type Invoice,
  invoiceWorkbook,
  isRatecardError,
  parseInvoice,
} from "../../src/index.js";
import { smallInvoice } from "../_support/smallInvoice.js";
import { thrown } from "../_support/thrown.js";

// docs/invoice-format.md ("Reading invoices"): a reader of format version 1 accepts and keeps the fields a
// later 1.x adds. parseInvoice does; the explanations read what parseInvoice returns, so they accept it
// too, and explain it as they explain the same invoice without those fields (they read only what they know).
const later = (): Invoice => {
  const { digest: _digest, ...rest } = smallInvoice();
  const added = {
    ...rest,
    laterSummary: { note: "added by a later 1.x" },
    lines: rest.lines.map((line) => ({ ...line, laterUnitLabel: "GB" })),
  };
  return parseInvoice({ ...added, digest: digestOf(added) });
};

describe("an invoice carrying a later version's additive fields", () => {
  it("is read by parseInvoice, and explained as the same invoice without them", () => {
    const read = later() as Invoice & { laterSummary?: unknown };
    expect(read.laterSummary).toEqual({ note: "added by a later 1.x" });
    // Until 7 December 2026: "explainText needs an invoice ratecard issued: invoice.lines[0].laterUnitLabel
    // is not a field ratecard knows here", for an invoice parseInvoice had just accepted.
    // The same invoice without them, under the digest that covers them (the HTML page quotes it).
    const without = { ...smallInvoice(), digest: read.digest };
    expect(explainText(read)).toBe(explainText(without));
    for (const format of ["markdown", "html", "json"] as const)
      expect(explain(read, { format }), format).toBe(explain(without, { format }));
    expect(invoiceWorkbook(read)).toEqual(invoiceWorkbook(without));
  });

  it("still refuses a field it knows that is missing, naming a misspelt one at its path", () => {
    const { total: _total, ...rest } = smallInvoice();
    const error = thrown(() => explainText({ ...rest, totl: "36.42" } as unknown as Invoice));
    expect(isRatecardError(error) && [error.code, error.path]).toEqual(["invalid_argument", "invoice.total"]);
    expect((error as Error).message).toContain('did you mean "total"');
  });
});
