/**
 * The number of significant digits of a plain decimal text ("0.000120" → 2, "31415.926" → 8,
 * "1000" → 1): what a spreadsheet must hold to keep the value exact. Spreadsheets keep 15.
 */
export function significantDigits(plain: string): number {
  const digits = plain.replace(/^[-+]/, "").replace(".", "");
  const trimmed = digits.replace(/^0+/, "").replace(/0+$/, "");
  return trimmed.length;
}

/**
 * The most significant digits ratecard trusts a spreadsheet to compute with. Excel and LibreOffice Calc
 * keep 15, but the 15th is not reliable after arithmetic: Calc rounds 1322716953.6 × 0.002 to 8
 * decimals as 2645433.90719999, not 2645433.90720000. One digit of margin: 14.
 */
export const SPREADSHEET_DIGITS = 14;

/** Whether a spreadsheet computes with this decimal exactly enough (14 significant digits). */
export function fitsSpreadsheet(plain: string): boolean {
  return significantDigits(plain) <= SPREADSHEET_DIGITS;
}

/**
 * Whether a spreadsheet can round to this figure reliably: its digits as written, to its last decimal
 * (trailing zeros count: 2645433.90720000 asks for rounding at the 15th digit), are at most 14.
 */
export function fitsSpreadsheetAsWritten(fixed: string): boolean {
  return fixed.replace(/^[-+]/, "").replace(".", "").replace(/^0+/, "").length <= SPREADSHEET_DIGITS;
}
