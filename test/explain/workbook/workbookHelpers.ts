import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { workbookBytes } from "../../../src/cli/xlsxWriter.js";
import { type Invoice, type InvoiceWorkbook, invoiceWorkbook } from "../../../src/index.js";
import { Decimal } from "../../../src/money/index.js";
import { recalculateWithCalc, type SheetValues } from "../../_support/calc.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "..", "fixtures");

/** Every bundled fixture's expected invoice (each is byte-identical to ratecard's own, test/fixtures). */
export function fixtureInvoices(): Map<string, Invoice> {
  return new Map(
    readdirSync(FIXTURES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
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
      await workbookBytes(book, options.cachedResult === undefined ? {} : { cachedResult: options.cachedResult }),
    );
  return recalculateWithCalc(bytes, options.keepCachedResults === true ? { keepCachedResults: true } : {});
}

/** The workbook of each invoice. */
export function workbooksOf(invoices: ReadonlyMap<string, Invoice>): Map<string, InvoiceWorkbook> {
  return new Map([...invoices].map(([name, invoice]) => [name, invoiceWorkbook(invoice)]));
}

/**
 * Asserts that Calc's value of every line amount and total equals the invoice's to the minor unit:
 * the difference is float noise, under half a minor unit and under 10^-6, so a missing or misplaced
 * ROUND, or a wrong formula, fails.
 */
export function expectCalcMatches(
  name: string,
  minorUnits: number,
  book: InvoiceWorkbook,
  values: SheetValues,
): number {
  const halfMinor = new Decimal(10).pow(-minorUnits).div(2);
  const tolerance = Decimal.min(halfMinor, "0.000001");
  const figures = [...book.lines, ...book.totals];
  for (const figure of figures) {
    const read = values(figure.cell);
    expect(read, `${name}: ${figure.name} (${figure.cell}) is empty in Calc`).not.toBe("");
    const gap = new Decimal(read).minus(figure.value).abs();
    expect(gap.lessThan(tolerance), `${name}: ${figure.name} (${figure.cell}) is ${read} in Calc, ${figure.value} in the invoice`).toBe(true);
  }
  return figures.length;
}
