import { unitsInWords } from "../invoice/index.js";
import { Decimal, toFixedString } from "../money/index.js";
import type { IssuedLine } from "./issuedDocument.js";
import type { LineCredited } from "./netOfCreditNotes.js";
import type { DiscrepancyCause } from "./reconcileResult.js";

// The sentences of reconcile's line discrepancies (src/compare/reconcile.ts finds them).

// How an issued line was netted: "Issued net of credit note cn-1: 3656.00 less 456.00 credited (11400 GB
// taken off)." in the unit the notes' lines carry (an issued line from Stripe or a CSV carries none);
// without one "(1000 units taken off)", "(1 unit taken off)" for one.
export function netSentence(credited: LineCredited, minorUnits: number): string {
  const notes = credited.notes.length === 1 ? "credit note" : "credit notes";
  const units = credited.units.isZero()
    ? ""
    : ` (${unitsInWords(credited.units.toFixed(), credited)} taken off)`;
  return `Issued net of ${notes} ${credited.notes.join(", ")}: ${shownAmount(credited.issuedAmount, minorUnits)} less ${toFixedString(credited.amount, minorUnits)} credited${units}.`;
}

/** The sentence of one line's discrepancy, by its cause. */
export function lineSentence(
  title: string,
  cause: DiscrepancyCause,
  theirs: IssuedLine,
  ours: IssuedLine,
  both: boolean,
  share: string | undefined,
  sameRate: string | undefined,
): string {
  const name = `"${title}"`;
  if (cause === "credit_note")
    return `${name}: issued ${theirs.amount} after credit notes, recomputed ${ours.amount}: as issued the line agrees, and the credit notes credited what the recomputation still charges (a goodwill credit, or one the usage does not bear out).`;
  if (sameRate !== undefined)
    return `${name}: issued ${theirs.amount}, recomputed ${ours.amount}${cause === "rounding" ? ":" : ""} ${sameRate}.`;
  if (share !== undefined)
    return `${name}: issued ${theirs.amount}, recomputed ${ours.amount} for the same quantity: the line is ${share}.`;
  if (cause === "usage")
    return `${name}: quantity issued ${theirs.quantity}, recomputed ${ours.quantity}: the usage differs${both ? ", and so does the unit price" : ""}.`;
  if (cause === "sign")
    return `${name}: issued ${theirs.amount}, recomputed ${ours.amount}: the same amount with the other sign (a charge written as a credit, or a credit as a charge).`;
  if (cause === "rounding")
    return `${name}: issued ${theirs.amount}, recomputed ${ours.amount}: within one minor unit at the same quantity, a rounding difference.`;
  if (theirs.unitPrice !== undefined && ours.unitPrice !== undefined)
    return `${name}: unit price issued ${theirs.unitPrice}, recomputed ${ours.unitPrice}: a price change, override or amendment.`;
  return `${name}: issued ${theirs.amount}, recomputed ${ours.amount} for the same quantity: the rate differs (a price change, override or amendment).`;
}

/**
 * An issued amount as a sentence shows it: with at least the currency's minor units ("10.00" read from
 * a CSV is 10, and "17.60" 17.6, as numbers), and every digit it has beyond them.
 */
export function shownAmount(amount: string, minorUnits: number): string {
  const value = new Decimal(amount);
  return value.decimalPlaces() < minorUnits ? toFixedString(value, minorUnits) : amount;
}
