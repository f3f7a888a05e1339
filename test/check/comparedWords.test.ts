import { describe, expect, it } from "vitest";
import { comparedWords } from "../../src/check/comparedWords.js";
import { parseExpectedFigures } from "../../src/check/index.js";

// What a PASS vouches for, in words: each expectation below is read off the parts given, not the code.
describe("comparedWords", () => {
  const invoice = { stage: "invoice" } as const;

  it("names expected.json alone when there are no figures", () => {
    expect(comparedWords({ period: "2026-03", stage: invoice, earlier: 0, expectedInvoice: true })).toBe(
      "2026-03: expected.json byte for byte",
    );
  });

  it("counts the lines written down and names each optional figure, in the invoice's order", () => {
    // written in another order than the invoice's: amountDue, tax and discounts before total
    const figures = parseExpectedFigures({
      amountDue: "10",
      lines: { a: "1", b: "2", c: "3" },
      tax: "1",
      discounts: { ten: "-1" },
      total: "10",
    });
    expect(
      comparedWords({ period: "2026-03", stage: invoice, earlier: 0, expectedInvoice: false, figures }),
    ).toBe("2026-03: expected-figures.json: 3 lines, discounts, tax, total and amount due");
  });

  it("says one line, and both files when the fixture has both", () => {
    const figures = parseExpectedFigures({
      lines: { a: "1" },
      subtotal: "1",
      credits: { c: "-1" },
      total: "0",
    });
    expect(
      comparedWords({ period: "2026-03", stage: invoice, earlier: 0, expectedInvoice: true, figures }),
    ).toBe(
      "2026-03: expected.json byte for byte; expected-figures.json: 1 line, subtotal, credits applied and total",
    );
  });

  it("names the closing invoice and the earlier invoices it subtracts", () => {
    const closing = { stage: "closing" } as const;
    expect(comparedWords({ period: "2026-03", stage: closing, earlier: 2, expectedInvoice: true })).toBe(
      "2026-03, the closing invoice less earlier-1.json and earlier-2.json: expected.json byte for byte",
    );
    expect(comparedWords({ period: "2026-03", stage: closing, earlier: 3, expectedInvoice: true })).toBe(
      "2026-03, the closing invoice less earlier-1.json, earlier-2.json and earlier-3.json: expected.json byte for byte",
    );
  });

  it("names a progressive invoice's instant, with or without earlier invoices", () => {
    const stage = { stage: "progressive", asOf: "2026-03-15T00:00:00Z" } as const;
    expect(comparedWords({ period: "2026-03", stage, earlier: 0, expectedInvoice: true })).toBe(
      "2026-03, the progressive invoice as of 2026-03-15T00:00:00Z: expected.json byte for byte",
    );
    expect(comparedWords({ period: "2026-03", stage, earlier: 1, expectedInvoice: true })).toBe(
      "2026-03, the progressive invoice as of 2026-03-15T00:00:00Z less earlier-1.json: expected.json byte for byte",
    );
  });

  it("names the credit note's files: expected-credit-note.json, its figures, or both", () => {
    const figures = parseExpectedFigures({
      lines: { a: "10" },
      total: "10",
      creditNote: { lines: { a: "4" }, tax: "0", total: "4" },
    });
    const parts = { period: "2026-05", stage: invoice, earlier: 0, expectedInvoice: true, figures };
    expect(comparedWords({ ...parts, creditNote: { expectedNote: true } })).toBe(
      "2026-05: expected.json byte for byte; expected-figures.json: 1 line and total; the credit note from corrections.json: expected-credit-note.json byte for byte, its figures: 1 line, tax and total",
    );
    const { figures: _, ...withoutFigures } = parts;
    expect(comparedWords({ ...withoutFigures, creditNote: { expectedNote: true } })).toBe(
      "2026-05: expected.json byte for byte; the credit note from corrections.json: expected-credit-note.json byte for byte",
    );
  });
});
