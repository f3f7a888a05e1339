import { Decimal, ZERO } from "../money/index.js";
import type { Invoice } from "./invoiceSchema.js";

/** What the amount due of an invoice leaves out of its total because a total was below zero. */
export interface BelowZeroNotDue {
  /**
   * Signed: the amount due is the total, plus this, plus the credits after tax (and the amount due's
   * rounding). Above zero, a total below zero lifted to zero: not due, owed to the customer. Below zero,
   * an earlier invoice's total below zero that this one does not give back: nothing was due on it then.
   */
  readonly amount: Decimal;
  /** The total of the period so far: `progressive.cumulative.total`, or the invoice's own total. */
  readonly soFar: Decimal;
  /** The period's total before this invoice (what its earlier invoices billed); 0 for any other invoice. */
  readonly before: Decimal;
}

/**
 * Each invoice's amount due starts from zero when its total is below zero (docs/contracts.md, step 11),
 * and a progressive or closing invoice bills the period's amount due so far less what its earlier
 * invoices made due. So what its amount due leaves out is what the period so far lifts to zero less
 * what the period before it lifted: max(0, −soFar) − max(0, −before), where before = soFar − total (the
 * earlier invoices' totals as the credit notes that took units off them leave them). Worked
 * (docs/progressive-billing.md, "A total below zero"): invoice 1 at −20.00, the month at 30.00: the close
 * totals 50.00 and leaves out 0 − 20.00 = −20.00; invoice 1 at +20.00, the month at −10.00: the close
 * totals −30.00 and leaves out 10.00 − 0 = +10.00, so it gives back 20.00, not 30.00. An invoice billed
 * on its own: its total below zero negated. Zero without an amount due (no credit applied after tax).
 */
export function belowZeroNotDue(invoice: Invoice): BelowZeroNotDue {
  const total = new Decimal(invoice.total);
  const soFar = new Decimal(invoice.progressive?.cumulative.total ?? invoice.total);
  const before = soFar.minus(total);
  if (invoice.amountDue === undefined) return { amount: ZERO, soFar, before };
  const lifted = (figure: Decimal) => Decimal.max(ZERO, figure.negated());
  return { amount: lifted(soFar).minus(lifted(before)), soFar, before };
}

/**
 * What an invoice of a period billed progressively owes the customer (`progressive.credit`), in money
 * to pay back or carry; zero when it owes nothing. Without an amount due (no credits after tax), its total
 * below zero negated, as the total is what it bills. With one, the amount due below zero negated (what the
 * earlier invoices made due, given back), and on the closing invoice the period's total below zero
 * negated too, which no amount due carries (nothing is due on it, and it is the customer's, as on an
 * invoice billed alone). A progressive invoice's total below zero is not owed: the period goes on and its
 * later invoices bill the period's amount due so far, so they never give it back; credit grants that get
 * back what they paid are no money owed either. Worked (docs/progressive-billing.md, "A total below
 * zero"): invoice 1 at 20.00 (15.00 due after a 5.00 wallet), the month at −10.00: the close totals
 * −30.00 and is due −15.00, so it owes 15.00 + 10.00 = 25.00, not 30.00 (the 5.00 is the wallet's again).
 */
export function creditOwed(
  own: { readonly total: string; readonly amountDue?: string | undefined },
  soFar: string,
  closes: boolean,
): Decimal {
  const owed = (figure: string) => Decimal.max(ZERO, new Decimal(figure).negated());
  if (own.amountDue === undefined) return owed(own.total);
  return owed(own.amountDue).plus(closes ? owed(soFar) : ZERO);
}
