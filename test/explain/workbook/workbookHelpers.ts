import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { workbookBytes } from "../../../src/cli/xlsxWriter.js";
import { type Invoice, type InvoiceWorkbook, invoiceWorkbook } from "../../../src/index.js";
import { recalculateWithCalc, type SheetValues } from "../../_support/calc.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "..", "fixtures");

/** Every bundled fixture's expected invoice (each is byte-identical to ratecard's own, test/fixtures). */
export function fixtureInvoices(): Map<string, Invoice> {
  return new Map(
    readdirSync(FIXTURES, { withFileTypes: true })
      // A UAT fixture has an expected invoice; fixtures/disputes holds the dispute cookbook's cases.
      .filter(
        (entry) =>
          entry.isDirectory() &&
          !entry.name.startsWith("_") &&
          existsSync(join(FIXTURES, entry.name, "expected.json")),
      )
      .map((entry) => [
        entry.name,
        JSON.parse(readFileSync(join(FIXTURES, entry.name, "expected.json"), "utf8")) as Invoice,
      ]),
  );
}

/** The workbooks of some invoices, recalculated by LibreOffice Calc in one run. */
export async function calcValuesOf(
  books: ReadonlyMap<string, InvoiceWorkbook>,
  options: { readonly cachedResult?: number; readonly keepCachedResults?: boolean } = {},
): Promise<Map<string, SheetValues>> {
  const bytes = new Map<string, Uint8Array>();
  for (const [name, book] of books)
    bytes.set(
      name,
      await workbookBytes(
        book,
        options.cachedResult === undefined ? {} : { cachedResult: options.cachedResult },
      ),
    );
  return recalculateWithCalc(bytes, options.keepCachedResults === true ? { keepCachedResults: true } : {});
}

/** The workbook of each invoice. */
export function workbooksOf(invoices: ReadonlyMap<string, Invoice>): Map<string, InvoiceWorkbook> {
  return new Map([...invoices].map(([name, invoice]) => [name, invoiceWorkbook(invoice)]));
}

/**
 * Asserts that every line amount and total, as Calc computes it and shows it in its cell's format
 * (the currency's minor units), is the invoice's, digit for digit. Calc computes in doubles:
 * 59489565.8369925 shows as BHD 59,489,565.837. A missing or misplaced ROUND, or a wrong formula, is
 * off by a minor unit or more and fails.
 */
export function expectCalcMatches(name: string, book: InvoiceWorkbook, values: SheetValues): number {
  const figures = [...book.lines, ...book.totals];
  for (const figure of figures) {
    expect(values(figure.cell), `${name}: ${figure.name} (${figure.cell}) in Calc`).toBe(figure.value);
  }
  return figures.length;
}
