import { type Decimal, type RoundingMode, roundTo, toFixedString, ZERO } from "../money/index.js";
import type { CreditNote } from "../schema/index.js";
import type { Invoice } from "./invoiceSchema.js";

/** A note's total rounded to the currency, when its invoice keeps lines finer than the currency. */
export interface NoteTotal {
  readonly total: string;
  readonly rounding?: CreditNote["rounding"];
}

/**
 * The total of a credit note of an invoice whose lines are finer than its currency
 * (`rounding.lineDecimals`, Azure's $0.1264). The invoice billed its exact total rounded to cents, so
 * a note rounds the same way, cumulatively: it credits round(all credited up to and including it) −
 * round(all credited before it). The notes of an invoice credited in full then add up to exactly what it
 * billed (round of the invoice's own exact total), and each note is in whole cents. Rounding each note
 * on its own could credit a cent more or less than was billed. Without line decimals the total is the
 * exact one, as before.
 */
export function noteTotal(
  exact: Decimal,
  invoice: Invoice,
  previous: ReadonlyArray<CreditNote>,
  mode: RoundingMode,
): NoteTotal {
  const lineDecimals = invoice.currency.minorUnits;
  const settle = invoice.rounding.total;
  if (settle === undefined) return { total: toFixedString(exact, lineDecimals) };
  const before = previous.reduce((sum, note) => sum.plus(note.rounding?.total.before ?? note.total), ZERO);
  const after = before.plus(exact);
  const rounded = roundTo(after, settle.minorUnits, mode).minus(roundTo(before, settle.minorUnits, mode));
  return {
    total: toFixedString(rounded, settle.minorUnits),
    rounding: {
      lineDecimals,
      total: {
        minorUnits: settle.minorUnits,
        before: toFixedString(exact, lineDecimals),
        adjustment: toFixedString(rounded.minus(exact), lineDecimals),
      },
    },
  };
}
