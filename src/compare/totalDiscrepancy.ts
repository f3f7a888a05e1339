import type { Invoice } from "../invoice/index.js";
import { addExactly, Decimal, exactDifference, ZERO } from "../money/index.js";
import type { IssuedDocument } from "./issuedDocument.js";
import type { Discrepancy } from "./reconcileResult.js";

/**
 * What the issued total adds or takes off besides its lines, against the recomputation's: the
 * `adjustments` (total − lines − tax: discounts, commitments, pre-tax credits). A document that states
 * its tax has them apart; one that states a total and no tax (a CSV without a tax row, a Stripe invoice
 * without its taxes) holds its tax in that figure too, so it is compared with the recomputed tax and
 * adjustments together: read as adjustments alone, an invoice issued without its VAT (lines 200.00,
 * total 200.00, 40.00 of VAT recomputed) "agreed", and one whose total held the VAT (240.00) showed a
 * discount of −40.00 nobody gave. The cause is `tax` when the recomputation has no adjustments (the tax is
 * all the figure can hold), else `adjustments`.
 */
export function totalDiscrepancy(
  document: IssuedDocument,
  ours: IssuedDocument,
  recomputed: Invoice,
  money: (value: Decimal) => string,
): Discrepancy[] {
  if (document.total === undefined) return [];
  const [issuedOther, oursOther] = [adjustmentsOf(document), adjustmentsOf(ours)];
  const oursTax = new Decimal(ours.tax ?? "0");
  if (document.tax !== undefined || oursTax.isZero()) {
    if (issuedOther.equals(oursOther)) return [];
    return [
      {
        cause: "adjustments",
        amount: money(exactDifference(oursOther, issuedOther)),
        sentence: `Discounts, commitments and credits (the total less the lines and tax): issued ${money(issuedOther)}, recomputed ${money(oursOther)}.${dueHint(document.total, recomputed, money)}`,
      },
    ];
  }
  const oursBoth = addExactly(oursOther, oursTax);
  if (issuedOther.equals(oursBoth)) return [];
  const amount = money(exactDifference(oursBoth, issuedOther));
  const cause = oursOther.isZero() ? "tax" : "adjustments";
  if (issuedOther.equals(oursOther)) {
    const lines = exactDifference(new Decimal(document.total), issuedOther);
    const besides = oursOther.isZero() ? "nothing else" : `its adjustments ${money(oursOther)}`;
    return [
      {
        cause,
        amount,
        sentence: `Tax: the issued invoice states none, and its total ${money(new Decimal(document.total))} is its lines' ${money(lines)} and ${besides}; recomputed ${money(oursTax)}.`,
      },
    ];
  }
  const split = oursOther.isZero()
    ? `tax ${money(oursTax)}`
    : `tax ${money(oursTax)}, adjustments ${money(oursOther)}`;
  return [
    {
      cause,
      amount,
      sentence: `Tax, discounts, commitments and credits (the total less the lines; the issued invoice states no tax): issued ${money(issuedOther)}, recomputed ${money(oursBoth)} (${split}).${dueHint(document.total, recomputed, money)}`,
    },
  ];
}

// An issued "total" that is what the customer was asked to pay after prepaid credits (a CSV's Total row
// is often the amount due): the lines and tax agree, and the difference is those credits. Said, so the
// specialist does not look for a discount that is not there.
function dueHint(issuedTotal: string, recomputed: Invoice, money: (value: Decimal) => string): string {
  const due = recomputed.amountDue;
  if (due === undefined || due === recomputed.total || !new Decimal(issuedTotal).equals(due)) return "";
  const paid = exactDifference(new Decimal(recomputed.total), new Decimal(due));
  const grants = (recomputed.credits ?? [])
    .filter((credit) => credit.stage === "after_tax")
    .map((c) => c.name);
  return ` The issued total is the recomputed amount due, ${money(new Decimal(due))}: the total ${money(new Decimal(recomputed.total))} less ${money(paid)} paid by credits after tax (${grants.join(", ")}).`;
}

// total − Σ lines − tax: what the document took off or added besides its lines and its tax.
function adjustmentsOf(document: IssuedDocument): Decimal {
  const lines = document.lines.reduce((sum, line) => addExactly(sum, line.amount), ZERO);
  return exactDifference(
    exactDifference(new Decimal(document.total ?? "0"), lines),
    new Decimal(document.tax ?? "0"),
  );
}
