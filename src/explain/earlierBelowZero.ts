import type { Invoice } from "../invoice/index.js";
import { Decimal, ZERO } from "../money/index.js";

/**
 * What a progressive or closing invoice's amount due leaves out because a total of its period was below
 * zero, worked out from the invoice's own record (docs/explain.md, "The waterfall"). Each invoice's amount
 * due starts from zero when its total is below zero, so what it lifted (the total negated) was never due:
 * the period so far lifted `cumulative.total`, each earlier invoice its `earlier[].total`, and this one its
 * own total (`liftedNow`, the waterfall's "nothing is due" bar). The amount due is the period's less what
 * the earlier invoices made due, so it differs from the running amount by the period's lift less the
 * earlier ones' and its own: invoice 1 at -20.00 and the period at 30.00 give 0 - 20.00 - 0 = -20.00.
 *
 * It reads every invoice of the period as having an amount due when this one has: credit grants that pay
 * after tax open by the period's start (step 11 of docs/contracts.md), the same for every invoice of it.
 * Zero when the invoice has no amount due or is not part of a progressive sequence.
 */
export function earlierBelowZero(invoice: Invoice, liftedNow: Decimal): Decimal {
  const progressive = invoice.progressive;
  if (progressive === undefined || invoice.amountDue === undefined) return ZERO;
  const lifted = (total: string) => Decimal.max(ZERO, new Decimal(total).negated());
  const earlier = progressive.earlier.reduce((sum, item) => sum.plus(lifted(item.total)), ZERO);
  return lifted(progressive.cumulative.total).minus(earlier).minus(liftedNow);
}
