/**
 * golden-rich's March 2026 invoice as an issuer's CSV of line items (fixtures/golden-rich/README.md works
 * each figure out by hand), in the invoice's line order: description, quantity, amount. Its two "CDN
 * egress" lines are eu (1,000 × 0.05 + 500 × 0.03 = 65.00) and us (350.5 × 0.05 = 17.525 → 17.53,
 * half-up); Storage is 131,750 ÷ 743 GB-month × 0.023 = 4.0783… → 4.08. Tax 124.27, total 778.27.
 */
export const GOLDEN_RICH_ROWS: ReadonlyArray<string> = [
  "Platform fee,1,99.00",
  "API requests,1234567,49.60",
  "CDN egress,1500,65.00",
  "CDN egress,350.5,17.53",
  "Storage,177.32166890982503364737550471063257065948855989233,4.08",
  "Peak connections,420,168.00",
  "Editor seats,12,180.00",
  "Usage minimum,1,104.04",
];

/** The CSV text of `rows` under a Description,Qty,Amount header, with `after` (Tax, Total rows) last. */
export function goldenRichCsv(rows: ReadonlyArray<string>, after: ReadonlyArray<string> = []): string {
  return `Description,Qty,Amount\n${[...rows, ...after].join("\n")}\n`;
}

/** The rows with the two "CDN egress" lines swapped: us listed before eu. */
export function egressSwapped(rows: ReadonlyArray<string>): string[] {
  const at = rows.indexOf("CDN egress,1500,65.00");
  const swapped = [...rows];
  [swapped[at], swapped[at + 1]] = [rows[at + 1] as string, rows[at] as string];
  return swapped;
}
