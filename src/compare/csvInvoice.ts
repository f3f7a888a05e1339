import { compareMessages, InputError, toJsonPath } from "../errors/index.js";
import { safeParseDecimal, toPlainString } from "../money/index.js";
import { csvDelimiterOf } from "./csvDelimiter.js";
import { type DecimalSeparator, readCsvNumber } from "./csvNumber.js";
import { csvRows } from "./csvRows.js";
import type { IssuedDocument, IssuedLine } from "./issuedDocument.js";

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
   * thousands separator before a decimal point ("3,656.00"); any other comma is refused as ambiguous.
   */
  readonly decimalSeparator?: DecimalSeparator;
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
 * A row whose description is "Tax" or "Total" and whose quantity and unit price are empty gives the
 * document's tax or total instead of a line. Cells are separated by commas, or by semicolons or tabs
 * when the header row holds more of those (`csvDelimiterOf`).
 * Numbers follow `options.decimalSeparator` (docs/diff-and-reconcile.md, "Numbers in a CSV").
 * @throws InputError `invalid_field` naming the row and column of a value that is not a decimal or
 *   whose comma is ambiguous (a decimal comma or a thousands separator), or a column the mapping names
 *   that the header lacks
 */
export function fromCsvInvoice(
  text: string,
  mapping?: ColumnMapping,
  options: CsvNumberOptions = {},
): IssuedDocument {
  const split = csvRows(text, csvDelimiterOf(text));
  if ("openQuoteAt" in split) throw InputError.from(compareMessages.csvOpenQuote(split.openQuoteAt), "");
  const [header = [], ...rows] = split.rows;
  const columns = columnsOf(
    header.map((name) => name.trim()),
    mapping,
  );
  let tax: string | undefined;
  let total: string | undefined;
  const lines: IssuedLine[] = [];
  rows.forEach((row, index) => {
    const cell = (field: keyof typeof columns) => {
      const at = columns[field];
      return at === undefined ? "" : (row[at] ?? "").trim();
    };
    const decimal = (field: keyof typeof columns) => {
      const text = cell(field);
      if (text === "") return undefined;
      const read = readCsvNumber(text, options.decimalSeparator);
      const parsed = "plain" in read ? safeParseDecimal(read.plain) : undefined;
      if (parsed?.success) return toPlainString(parsed.data);
      const column = header[columns[field] as number] ?? field;
      throw InputError.from(
        "problem" in read && read.problem === "ambiguous_separator"
          ? compareMessages.csvAmbiguousSeparator(index + 2, text, column)
          : compareMessages.csvNotANumber(index + 2, text, column),
        toJsonPath([index + 1, field]),
      );
    };
    const description = cell("description");
    const [quantity, unitPrice, amount] = [decimal("quantity"), decimal("unitPrice"), decimal("amount")];
    const summary = quantity === undefined && unitPrice === undefined ? description.toLowerCase() : "";
    if (summary === "tax") tax = amount;
    else if (summary === "total") total = amount;
    else {
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
    lines,
    ...(tax !== undefined ? { tax } : {}),
    ...(total !== undefined ? { total } : {}),
  };
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
