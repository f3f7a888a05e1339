import { describeValue } from "../describeValue.js";
import { jsonTextHint } from "../jsonTextHint.js";
import type { RatecardErrorCode } from "../RatecardError.js";
import { wordList } from "../wordList.js";
import type { ErrorMessage } from "./message.js";

// The sentences of src/compare: diff and reconcile, and the issued documents they read.

/** Two invoices diffed in different currencies. */
export function diffCurrencies(before: string, after: string): ErrorMessage {
  return {
    code: "currency_mismatch",
    message: `The invoices are in ${before} and ${after}; a difference can only be attributed between invoices of one currency.`,
  };
}

/** An issued document in another currency than the recomputed invoice. */
export function reconcileCurrencies(issued: string, recomputed: string): ErrorMessage {
  return {
    code: "currency_mismatch",
    message: `The issued invoice is in ${issued} and the recomputed one in ${recomputed}; reconcile documents of one currency.`,
  };
}

/** A CSV whose quote is never closed. */
export function csvOpenQuote(line: number): ErrorMessage {
  return {
    code: "invalid_field",
    message: `The CSV has a quote opened on line ${line} that is never closed.`,
  };
}

/**
 * A CSV row with another number of cells than the header: its cells would be read under the wrong
 * columns (an unquoted "per 1,000" shifts the amount into the next column and drops the last).
 */
export function csvRowWidth(row: number, cells: number, columns: number, delimiter: string): ErrorMessage {
  const separator = delimiter === "\t" ? "tab" : `"${delimiter}"`;
  return {
    code: "invalid_field",
    message:
      `Row ${row} of the CSV has ${cells} cells, but its header row has ${columns}, so its cells cannot be ` +
      `read under their columns. A cell that holds the separator ${separator} must be in double quotes ` +
      `("API requests (per 1,000)").`,
  };
}

/** A CSV cell that should hold a number. */
export function csvNotANumber(row: number, value: string, column: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `Row ${row} of the CSV has "${value}" in column ${column}, which is not a number.`,
  };
}

/**
 * A CSV amount beyond a money amount's bounds (docs/decisions/numeric-bounds.md); `problem` is the
 * bound's own words: "is 1e+47 (too large); a money amount must be less than 10^15 in size, …".
 */
export function csvAmountOutOfRange(
  row: number,
  value: string,
  column: string,
  problem: string,
): ErrorMessage {
  return {
    code: "decimal_out_of_range",
    message: `Row ${row} of the CSV has "${value}" in column ${column}, which ${problem}: no invoice states such an amount, so it is refused rather than reconciled.`,
  };
}

/**
 * A CSV number whose comma may be a decimal comma or a thousands separator: `readings` is what it is
 * with a decimal point and with a decimal comma declared (undefined: not a number that way).
 */
export function csvAmbiguousSeparator(
  row: number,
  value: string,
  column: string,
  readings: { readonly point: string | undefined; readonly comma: string | undefined },
): ErrorMessage {
  const reading = (text: string | undefined) => text ?? "not a number";
  // "1.234.567" has no comma: its points group thousands, so it was written with a decimal comma.
  const doubt = value.includes(",")
    ? "its comma may be a decimal comma or a thousands separator"
    : "its points can only group thousands, as a file with a decimal comma writes them";
  return {
    code: "invalid_field",
    message: `Row ${row} of the CSV has "${value}" in column ${column}: ${doubt} (with --decimal-point it is ${reading(readings.point)}, with --decimal-comma ${reading(readings.comma)}). Say which the file uses: decimal separator "." or "," (ratecard reconcile --decimal-point or --decimal-comma).`,
  };
}

/**
 * A CSV number that is none with the decimal separator declared, but is one with the other: the cell
 * contradicts the option (1.234,5 with --decimal-point), or the file mixes both ways of writing numbers.
 */
export function csvAgainstSeparator(
  row: number,
  value: string,
  column: string,
  declared: "." | ",",
  otherReading: string,
): ErrorMessage {
  const [said, other] =
    declared === "."
      ? ["a decimal point (--decimal-point)", "--decimal-comma"]
      : ["a decimal comma (--decimal-comma)", "--decimal-point"];
  return {
    code: "invalid_field",
    message: `Row ${row} of the CSV has "${value}" in column ${column}, which is not a number with ${said}; with ${other} it would be ${otherReading}. A file writes its numbers one way: check which separator this one uses.`,
  };
}

/**
 * A CSV amount written in another currency than the one it is reconciled in: `expected` is the
 * recomputed invoice's currency, or the currency an earlier row (`earlierRow`) wrote.
 */
export function csvCurrencyMismatch(
  row: number,
  value: string,
  column: string,
  written: ReadonlyArray<string>,
  expected: string,
  earlierRow?: number,
): ErrorMessage {
  const against =
    earlierRow === undefined
      ? `the recomputed invoice is in ${expected}`
      : `row ${earlierRow} has an amount in ${expected}`;
  return {
    code: "currency_mismatch",
    message: `Row ${row} of the CSV has "${value}" in column ${column}, an amount in ${wordList(written, "or")}, but ${against}; reconcile documents of one currency.`,
  };
}

/** A CSV amount whose sign several currencies share ($, ¥), read without knowing the invoice's currency. */
export function csvCurrencyUnsaid(
  row: number,
  value: string,
  column: string,
  mark: string,
  currencies: ReadonlyArray<string>,
): ErrorMessage {
  return {
    code: "invalid_field",
    message: `Row ${row} of the CSV has "${value}" in column ${column}: ${mark} is the sign of ${wordList(currencies, "or")}. Say which currency the invoice is in (fromCsvInvoice's currency option), or write its ISO code ("${currencies[0]} 125.00").`,
  };
}

/** A CSV without the column a field needs. */
export function csvMissingColumn(
  field: string,
  named: string | undefined,
  header: ReadonlyArray<string>,
): ErrorMessage {
  return {
    code: "invalid_field",
    message: `The CSV has no column ${named !== undefined ? `"${named}"` : `for the ${field}`} (its header is ${header.join(", ")}); say which of these holds the ${field} in the column mapping (on the CLI, --columns ${field}=<header> or --mapping FILE).`,
  };
}

/** A customer of a what-if whose contracts or usage cannot be rated: the error, led by the customer. */
export function whatIfCustomerRefused(
  customer: string,
  code: RatecardErrorCode,
  reason: string,
): ErrorMessage {
  return { code, message: `Customer ${customer}: ${reason}` };
}

/** An argument of diff, reconcile or fromRatecardInvoice that is not an invoice (null, a file name). */
export function notAnInvoiceToCompare(caller: string, name: string, value: unknown): ErrorMessage {
  const hint = jsonTextHint(value);
  return {
    code: "invalid_argument",
    message: `${caller} needs an invoice ratecard issued as ${name} (an object with currency and lines, as parseInvoice returns it), not ${describeValue(value)}${hint === undefined ? "" : `; ${hint}`}.`,
  };
}

/** A credit note given to reconcile that is no credit note ratecard issued (or was edited). */
export function reconcileNoteRefused(index: number, reason: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Credit note ${index + 1} given to reconcile cannot be read as a credit note ratecard issued: ${reason}`,
  };
}

/**
 * A credit note of another invoice, given to reconcile a document that is no ratecard invoice (a CSV, a
 * Stripe export): it must credit the invoice ratecard rates for the same contract and period.
 */
export function reconcileNoteOfOtherInvoice(
  noteId: string,
  credits: string,
  recomputedId: string,
): ErrorMessage {
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} credits invoice ${credits}, but the recomputation is invoice ${recomputedId}; give only the credit notes issued against the invoice being reconciled.`,
  };
}

/** A Stripe credit note of another Stripe invoice than the one issued, or beside a document that is none. */
export function reconcileStripeNoteOfOtherInvoice(
  noteId: string,
  credits: string,
  issued: { readonly format: string; readonly id?: string },
): ErrorMessage {
  const other =
    issued.format !== "stripe"
      ? `the issued invoice is ${issued.format === "csv" ? "a CSV" : "a ratecard invoice"}, not Stripe's: the note names Stripe's invoice and line ids, which only the Stripe invoice holds. Give the Stripe invoice (its JSON) as the issued invoice`
      : issued.id === undefined
        ? "the issued Stripe invoice states no id to check it against; give the invoice as Stripe exports it, with its id"
        : `the issued invoice is ${issued.id}; give only the credit notes issued against the invoice being reconciled`;
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} credits Stripe invoice ${credits}, but ${other}.`,
  };
}

/** A Stripe credit note that was voided: it credits nothing. */
export function reconcileNoteVoid(noteId: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Credit note ${noteId} is void: Stripe voided it, so it credits nothing; leave it out.`,
  };
}

/** A Stripe credit note line of its own (`custom_line_item`), which credits no line of the invoice. */
export function reconcileNoteCustomLine(
  noteId: string,
  index: number,
  line: { readonly description: string; readonly amount: string },
  total: string,
): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Credit note ${noteId} line ${index + 1} ("${line.description}", ${line.amount}) is a custom line: it credits no line of the invoice, and ratecard cannot say which line it corrects. Reconcile without this note; what it credited (${total}, tax included) is then part of the difference between the totals.`,
  };
}

/** A Stripe credit note whose lines are a page of a longer list (`lines.has_more`). */
export function reconcileNoteLinesTruncated(noteId: string, count: number): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Credit note ${noteId} lists ${count} line${count === 1 ? "" : "s"}, and Stripe says it has more (lines.has_more): the export holds a page of them. Export the note with all its lines, so that each is taken off the line it credits.`,
  };
}

/** A credit note given twice to reconcile: what it credited would be taken off the issued invoice twice. */
export function reconcileNoteRepeated(noteId: string): ErrorMessage {
  return {
    code: "duplicate_id",
    message: `Credit note ${noteId} is given twice; what it credited would be taken off the issued invoice twice.`,
  };
}

/** A credit note in another currency than the reconciled invoices. */
export function reconcileNoteCurrency(noteId: string, noteCurrency: string, currency: string): ErrorMessage {
  return {
    code: "currency_mismatch",
    message: `Credit note ${noteId} is in ${noteCurrency} and the invoices reconciled are in ${currency}; a credit note is in its invoice's currency.`,
  };
}

/** A credit note line whose invoice line the issued document does not have, or has more than once by name. */
export function reconcileNoteLineUnknown(
  noteId: string,
  line: { readonly corrects: string; readonly name: string },
  candidates: number,
): ErrorMessage {
  return {
    code: "unknown_line",
    message:
      candidates === 0
        ? `Credit note ${noteId} credits line ${line.corrects} ("${line.name}"), which the issued invoice does not have (by id or by description); was the note issued against another invoice?`
        : `Credit note ${noteId} credits line ${line.corrects} ("${line.name}"), and the issued invoice has ${candidates} lines of that description and none of that id: give the issued lines their ids (a CSV id column, Stripe's metadata.ratecard_line) so the credit is taken off the right one.`,
  };
}

/** reconcile's `creditNotes` option that is no list. */
export function reconcileNotesNotList(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `creditNotes must be a list of the credit notes issued against the issued invoice, not ${describeValue(value)}.`,
  };
}

/** Two different credit notes with one id: one was issued without the other as a previous note. */
export function reconcileNotesShareId(noteId: string, first: number, second: number): ErrorMessage {
  return {
    code: "duplicate_id",
    message: `Credit notes ${first + 1} and ${second + 1} are both ${noteId}, but they differ: one was issued without the other as a previous note (ratecard credit-note --previous), so it may credit again what the other did. Reissue it with --previous.`,
  };
}
