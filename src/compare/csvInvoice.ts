import { compareMessages, type ErrorMessage, InputError, toJsonPath } from "../errors/index.js";
import {
  addExactly,
  boundProblem,
  type Decimal,
  MONEY_AMOUNT,
  safeParseDecimal,
  toPlainString,
  ZERO,
} from "../money/index.js";
import { readCsvAmount } from "./csvAmount.js";
import { csvDelimiterOf } from "./csvDelimiter.js";
import type { DecimalSeparator } from "./csvNumber.js";
import { csvRows } from "./csvRows.js";
import { currenciesOfMark } from "./currencyMarks.js";
import type { IssuedDocument, IssuedLine } from "./issuedDocument.js";
import { type SummaryFigure, summaryFigureOf } from "./summaryRow.js";
import { isWholeUnitCurrency } from "./wholeUnitCurrency.js";

/** Which CSV column holds each field of a line item: header names. `description` and `amount` are required. */
export interface ColumnMapping {
  readonly id?: string;
  readonly description: string;
  readonly quantity?: string;
  readonly unitPrice?: string;
  readonly amount: string;
}

/** How a CSV of line items writes its numbers. */
export interface CsvNumberOptions {
  /**
   * The decimal separator: `"."` (1,234.56) or `","` (1.234,56). Absent, a comma is read only as a
   * thousands separator before a decimal point ("3,656.00"), when there are two or more ("1,234,567"),
   * or in an amount (not a unit price) of `currency` when that has no minor units (JPY "4,074", where a
   * point before three digits groups thousands too: "4.074"); any other comma is refused as ambiguous.
   */
  readonly decimalSeparator?: DecimalSeparator;
  /**
   * The ISO code of the currency the amounts are in: the recomputed invoice's. An amount or unit price
   * written with a currency sign or code ("$125.00", "125.00 EUR") is read when the mark is this
   * currency's, and refused (`currency_mismatch`) when it is another's. Absent, the first mark names the
   * invoice's currency (a sign several currencies share, `$` or `¥`, is refused) and every other must
   * agree with it.
   */
  readonly currency?: string;
}

export const COLUMN_FIELDS = ["id", "description", "quantity", "unitPrice", "amount"] as const;

// Header names recognised without a mapping (compared in lower case, spaces and underscores removed).
const DEFAULT_HEADERS: Readonly<Record<(typeof COLUMN_FIELDS)[number], ReadonlyArray<string>>> = {
  id: ["id", "lineid"],
  description: ["description", "item", "name"],
  quantity: ["quantity", "qty"],
  unitPrice: ["unitprice", "rate", "price"],
  amount: ["amount", "total", "linetotal"],
};

/**
 * Reads a CSV of line items (a header row, then one line item a row) as an issued document. Columns
 * are found by `mapping`, or by the usual header names (description, quantity, unit price, amount, id).
 * A row whose description is a summary label ("Subtotal", "Tax", "VAT 20%", "Total", "Amount due":
 * `summaryFigureOf`) and whose quantity and unit price are empty gives that figure of the document
 * instead of a line; tax rows add up. Cells are separated by commas, or by semicolons or tabs
 * when the header row holds more of those (`csvDelimiterOf`).
 * Numbers follow `options.decimalSeparator` (docs/diff-and-reconcile.md, "Numbers in a CSV"); an
 * amount or unit price may carry a currency sign or code, be negative in parentheses or with a trailing
 * minus, and group thousands with spaces (`readCsvAmount`).
 * @throws InputError `invalid_field` naming the row and column of a value that is not a decimal or
 *   whose comma is ambiguous (a decimal comma or a thousands separator), or a column the mapping names
 *   that the header lacks; `currency_mismatch` at the row and column of an amount written in another
 *   currency than `options.currency` (or than an earlier row's)
 */
export function fromCsvInvoice(
  text: string,
  mapping?: ColumnMapping,
  options: CsvNumberOptions = {},
): IssuedDocument {
  const delimiter = csvDelimiterOf(text);
  const split = csvRows(text, delimiter);
  if ("openQuoteAt" in split) throw InputError.from(compareMessages.csvOpenQuote(split.openQuoteAt), "");
  const [header = [], ...rows] = split.rows;
  for (const [index, row] of rows.entries()) requireHeaderWidth(row, header.length, index, delimiter);
  const columns = columnsOf(
    header.map((name) => name.trim()),
    mapping,
  );
  // The summary rows' figures; several tax rows (GST and PST, two VAT rates) add up.
  const figures: Partial<Record<SummaryFigure, Decimal>> = {};
  // The currency the amounts' marks name, and the row that first named it (none when it was given).
  let marked: Marked | undefined;
  // Amounts in a currency without minor units (JPY, KRW): a comma before three digits groups thousands.
  const wholeUnits = isWholeUnitCurrency(options.currency);
  const lines: IssuedLine[] = [];
  rows.forEach((row, index) => {
    const cell = (field: keyof typeof columns) => {
      const at = columns[field];
      return at === undefined ? "" : (row[at] ?? "").trim();
    };
    const decimal = (field: keyof typeof columns) => {
      const text = cell(field);
      if (text === "") return undefined;
      // Only an amount: a unit price may have decimals in yen (0.125 a request), a quantity in any unit.
      const read = readCsvAmount(text, options.decimalSeparator, field === "amount" && wholeUnits);
      const mark = "mark" in read ? read.mark : undefined;
      // A quantity is no money: a currency beside it is not a number.
      const money = mark === undefined || field !== "quantity";
      const parsed = "plain" in read && money ? safeParseDecimal(read.plain) : undefined;
      const column = header[columns[field] as number] ?? field;
      if (parsed?.success && mark !== undefined) {
        const at = { row: index + 2, text, column, path: toJsonPath([index + 1, field]) };
        marked = currencyOfMark(
          mark,
          options.currency !== undefined ? { code: options.currency } : marked,
          at,
        );
      }
      if (parsed?.success) {
        // An amount beyond a money amount's bounds is no invoice's, and past them the sums are not exact.
        const beyond = field === "amount" ? boundProblem(parsed.data, MONEY_AMOUNT) : undefined;
        if (beyond !== undefined)
          throw InputError.from(
            compareMessages.csvAmountOutOfRange(index + 2, text, column, beyond),
            toJsonPath([index + 1, field]),
          );
        return toPlainString(parsed.data);
      }
      const readings = money ? readingsOf(text, field === "amount" && wholeUnits) : {};
      throw InputError.from(
        refusalOf(index + 2, text, column, options.decimalSeparator, readings),
        toJsonPath([index + 1, field]),
      );
    };
    const description = cell("description");
    const [quantity, unitPrice, amount] = [decimal("quantity"), decimal("unitPrice"), decimal("amount")];
    const summary =
      quantity === undefined && unitPrice === undefined ? summaryFigureOf(description) : undefined;
    // A summary row without an amount ("Tax,,," of a tax-free invoice) states no figure.
    if (summary !== undefined) {
      if (amount !== undefined) figures[summary] = addExactly(figures[summary] ?? ZERO, amount);
    } else {
      const id = cell("id");
      lines.push({
        ...(id !== "" ? { id } : {}),
        description,
        ...(quantity !== undefined ? { quantity } : {}),
        ...(unitPrice !== undefined ? { unitPrice } : {}),
        amount: amount ?? "0",
      });
    }
  });
  return {
    format: "csv",
    ...(marked !== undefined ? { currency: marked.code } : {}),
    lines,
    ...documentFigures(figures),
  };
}

// The document's figures from its summary rows. An amount due with no Total row is the total the
// customer was asked for (reconcile says so when it is the recomputed amount due); beside a Total row it
// is a figure of its own.
function documentFigures(
  figures: Partial<Record<SummaryFigure, Decimal>>,
): Pick<IssuedDocument, "subtotal" | "tax" | "includedTax" | "total" | "amountDue"> {
  const text = (value: Decimal | undefined) => (value === undefined ? undefined : toPlainString(value));
  const total = figures.total ?? figures.amountDue;
  return {
    ...(figures.subtotal !== undefined ? { subtotal: text(figures.subtotal) as string } : {}),
    ...(figures.tax !== undefined ? { tax: text(figures.tax) as string } : {}),
    ...(figures.includedTax !== undefined ? { includedTax: text(figures.includedTax) as string } : {}),
    ...(total !== undefined ? { total: text(total) as string } : {}),
    ...(figures.total !== undefined && figures.amountDue !== undefined
      ? { amountDue: text(figures.amountDue) as string }
      : {}),
  };
}

interface Readings {
  readonly point?: string | undefined;
  readonly comma?: string | undefined;
}

// What a money cell reads as with a decimal point declared and with a decimal comma declared
// (undefined: not a number that way), for a refusal to show the specialist both.
function readingsOf(text: string, wholeUnits: boolean): Readings {
  const as = (separator: DecimalSeparator) => {
    const read = readCsvAmount(text, separator, wholeUnits);
    return "plain" in read && safeParseDecimal(read.plain).success ? read.plain : undefined;
  };
  return { point: as("."), comma: as(",") };
}

// Why a cell is refused: its comma may mean two things (each option's reading shown), it is a number
// only with the separator not declared (the cell contradicts the option), or it is no number at all.
function refusalOf(
  row: number,
  text: string,
  column: string,
  declared: DecimalSeparator | undefined,
  readings: Readings,
): ErrorMessage {
  const other = declared === "." ? readings.comma : declared === "," ? readings.point : undefined;
  if (declared !== undefined && other !== undefined)
    return compareMessages.csvAgainstSeparator(row, text, column, declared, other);
  if (declared === undefined && (readings.point !== undefined || readings.comma !== undefined))
    return compareMessages.csvAmbiguousSeparator(row, text, column, {
      point: readings.point,
      comma: readings.comma,
    });
  return compareMessages.csvNotANumber(row, text, column);
}

interface Marked {
  readonly code: string;
  readonly row?: number;
}

// The currency an amount's mark names, checked against the one expected: the recomputed invoice's,
// else the one an earlier row's mark named. Without either, the mark must name one currency.
function currencyOfMark(
  mark: string,
  expected: Marked | undefined,
  at: { readonly row: number; readonly text: string; readonly column: string; readonly path: string },
): Marked {
  const currencies = currenciesOfMark(mark);
  if (expected !== undefined && currencies.includes(expected.code)) return expected;
  if (expected !== undefined)
    throw InputError.from(
      compareMessages.csvCurrencyMismatch(
        at.row,
        at.text,
        at.column,
        currencies,
        expected.code,
        expected.row,
      ),
      at.path,
    );
  if (currencies.length > 1)
    throw InputError.from(
      compareMessages.csvCurrencyUnsaid(at.row, at.text, at.column, mark, currencies),
      at.path,
    );
  return { code: currencies[0] as string, row: at.row };
}

function columnsOf(
  header: ReadonlyArray<string>,
  mapping: ColumnMapping | undefined,
): Partial<Record<(typeof COLUMN_FIELDS)[number], number>> {
  const normal = (name: string) => name.toLowerCase().replaceAll(/[\s_-]/g, "");
  const columns: Partial<Record<(typeof COLUMN_FIELDS)[number], number>> = {};
  for (const field of COLUMN_FIELDS) {
    const named = mapping?.[field];
    const at =
      named !== undefined
        ? header.indexOf(named)
        : header.findIndex((name) => DEFAULT_HEADERS[field].includes(normal(name)));
    if (at >= 0) columns[field] = at;
    else if (named !== undefined || field === "description" || field === "amount")
      throw InputError.from(compareMessages.csvMissingColumn(field, named, header), field);
  }
  return columns;
}

// Every row has the header's cells: a row with more or fewer would be read under the wrong columns,
// its last cells dropped or its amount missing (read as 0). Empty cells past the header's (a spreadsheet's
// trailing separators) are no cells.
function requireHeaderWidth(
  row: ReadonlyArray<string>,
  columns: number,
  index: number,
  delimiter: string,
): void {
  const extra = row.slice(columns);
  if (row.length === columns || (row.length > columns && extra.every((cell) => cell.trim() === ""))) return;
  throw InputError.from(
    compareMessages.csvRowWidth(index + 2, row.length, columns, delimiter),
    toJsonPath([index + 1]),
  );
}
