import {
  type Decimal,
  decimalOfText,
  type RoundingMode,
  roundTo,
  toFixedString,
  ZERO,
} from "../money/index.js";
import type { CreditNote } from "../schema/index.js";
import type { Invoice } from "./invoiceSchema.js";
import { netOf } from "./spreadReduction.js";

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
 * exact one, as before. A progressive or closing invoice billed round(the period's exact total so far)
 * less what the earlier invoices billed, so its notes round from where the earlier invoices left off:
 * from the exact total they billed, its own exact total short of the one it was rated on (0.1264 billed
 * as 0.25 − 0.13 = 0.12: a note of all of it credits 0.12, not round(0.1264) = 0.13).
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
  const before = previous.reduce(
    (sum, note) => sum.plus(note.rounding?.total.before ?? note.total),
    decimalOfText(settle.before).minus(exactTotalOf(invoice)),
  );
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

// The invoice's own total before rounding, as the tax stage works it out: its lines' nets, and the tax
// when it is added to them. It is `rounding.total.before` on an invoice of its own; on a progressive or
// closing invoice, whose record is the period's so far, the difference is what the earlier ones billed.
function exactTotalOf(invoice: Invoice): Decimal {
  const nets = invoice.lines.reduce((sum, line) => sum.plus(netOf(line)), ZERO);
  return invoice.tax?.mode === "exclusive" ? nets.plus(invoice.tax.total) : nets;
}
