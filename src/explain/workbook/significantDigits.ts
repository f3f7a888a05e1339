/**
 * The number of significant digits of a plain decimal text ("0.000120" → 2, "31415.926" → 8,
 * "1000" → 1): what a spreadsheet must hold to keep the value exact. Spreadsheets keep 15.
 */
export function significantDigits(plain: string): number {
  const digits = plain.replace(/^[-+]/, "").replace(".", "");
  const trimmed = digits.replace(/^0+/, "").replace(/0+$/, "");
  return trimmed.length;
}

/** The most significant digits a spreadsheet (Excel, LibreOffice Calc) keeps exactly. */
export const SPREADSHEET_DIGITS = 15;

/** Whether a spreadsheet holds this decimal exactly enough to compute with it (15 significant digits). */
export function fitsSpreadsheet(plain: string): boolean {
  return significantDigits(plain) <= SPREADSHEET_DIGITS;
}
