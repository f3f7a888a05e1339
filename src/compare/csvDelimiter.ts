/** The separators a CSV of line items may use: RFC 4180's comma, and the two spreadsheets also write. */
export type CsvDelimiter = "," | ";" | "\t";

const DELIMITERS: ReadonlyArray<CsvDelimiter> = [",", ";", "\t"];

/**
 * The separator of a CSV, read from its header row: the one of comma, semicolon and tab that occurs most
 * often outside quotes in the first line, a comma when none does or on a tie. Spreadsheets set to a
 * decimal comma (German, French, Dutch Excel) save "CSV" with semicolons, so an invoice exported there
 * reads `Item;Qty;Total`; a header name rarely holds a semicolon or a tab, while one with a comma
 * ("Amount (USD, excl. tax)") is outnumbered by the file's own separators.
 * @example csvDelimiterOf("Item;Qty;Total\nFee;1;500,00\n") // ";"
 */
export function csvDelimiterOf(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at] as string;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char as CsvDelimiter))
      counts.set(char as CsvDelimiter, (counts.get(char as CsvDelimiter) as number) + 1);
  }
  let best: CsvDelimiter = ",";
  for (const delimiter of DELIMITERS)
    if ((counts.get(delimiter) as number) > (counts.get(best) as number)) best = delimiter;
  return best;
}
