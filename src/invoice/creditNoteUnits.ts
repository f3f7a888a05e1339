import { unitWord } from "../meters/index.js";

/**
 * A figure of units in the line's unit, as the note's text writes it and as an invoice's explanation
 * writes a quantity (`unitWord`): "61400 GB", "1 transfer" (the singular for a quantity equal to one,
 * "1.0" too: the meter's `unitSingular`, else the unit's plain English plural made singular, "1 request");
 * on a line without a unit "12 units", and "1 unit" (it read "1 units" before 7 December 2026, and "1
 * requests" for a unit without `unitSingular` until 7 December 2026).
 * @example unitsInWords("1", { unit: "requests" }) // "1 request"
 */
export function unitsInWords(
  quantity: string,
  line: { readonly unit?: string | undefined; readonly unitSingular?: string | undefined },
): string {
  return `${quantity}${unitWord(quantity, line.unit ?? "units", line.unit === undefined ? "unit" : line.unitSingular)}`;
}

// A line's unit and its singular, only those it has: what a credit note's line copies from the invoice
// line it takes units off, so the note names them as the invoice does ("1000 GB taken off") read alone
// (docs/credit-notes.md), and what reconcile keeps of a note's line.
export function unitOf(line: {
  readonly unit?: string | undefined;
  readonly unitSingular?: string | undefined;
}): { unit?: string; unitSingular?: string } {
  return {
    ...(line.unit !== undefined ? { unit: line.unit } : {}),
    ...(line.unitSingular !== undefined ? { unitSingular: line.unitSingular } : {}),
  };
}
