import { ZERO } from "../money/index.js";
import type { InvoiceLine } from "./invoiceSchema.js";

// A figure of units in the line's unit, as the note's text writes it ("61400 GB", "1 transfer"); "units"
// on a line without one, as that text says.
export function unitsInWords(quantity: string, line: InvoiceLine): string {
  if (line.unit === undefined) return `${quantity} units`;
  return `${quantity} ${ZERO.plus(quantity).equals(1) ? (line.unitSingular ?? line.unit) : line.unit}`;
}

// The unit of the units a quantity correction takes off, the line's own, so the note names them as the
// invoice does ("1000 GB taken off") read alone (docs/credit-notes.md).
export function unitOf(line: InvoiceLine): { unit?: string; unitSingular?: string } {
  return {
    ...(line.unit !== undefined ? { unit: line.unit } : {}),
    ...(line.unitSingular !== undefined ? { unitSingular: line.unitSingular } : {}),
  };
}
