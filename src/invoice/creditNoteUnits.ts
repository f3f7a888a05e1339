import { ZERO } from "../money/index.js";

/**
 * A figure of units in the line's unit, as the note's text writes it: "61400 GB", "1 transfer" (the
 * singular for a quantity equal to one, "1.0" too); on a line without a unit "12 units", and "1 unit"
 * (it read "1 units" before 7 December 2026).
 */
export function unitsInWords(
  quantity: string,
  line: { readonly unit?: string | undefined; readonly unitSingular?: string | undefined },
): string {
  const one = ZERO.plus(quantity).equals(1);
  if (line.unit === undefined) return `${quantity} ${one ? "unit" : "units"}`;
  return `${quantity} ${one ? (line.unitSingular ?? line.unit) : line.unit}`;
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
