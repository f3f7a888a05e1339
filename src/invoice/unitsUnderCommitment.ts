import type { Contract } from "../contracts/index.js";
import { InputError, invoiceMessages } from "../errors/index.js";
import { type Decimal, decimalOfText, ZERO } from "../money/index.js";
import type { AppliedCommitment } from "../schema/index.js";
import { parseInstant, periodOf } from "../time/index.js";
import { chargeScope } from "./chargeScope.js";
import type { Invoice, InvoiceLine } from "./invoiceSchema.js";
import { isSpendInvoiceLine } from "./spendLine.js";

/**
 * Refuses a note that takes units off a line a commitment settled on this invoice was measured from,
 * when the commitment would answer it: an overage line was worked from the spend, and a minimum settled
 * here (per billing period, or on the invoice that closes a cumulative period) owes a larger true-up once
 * the spend less the units credited (`unitsCredited`, by invoice line, this credit included) is below it.
 * A credit charge's line is no spend, so its units are credited whatever the commitment.
 * A true-up of 20.00 on 80.00 of spend under a 100.00 minimum stays 20.00 when 10 units are credited, so
 * the customer would pay 90.00 where the minimum owes 100.00. Credit an amount instead.
 * On the closing invoice of a progressive sequence the minimum was settled on the period's spend, which
 * the earlier invoices of the period (`earlier`, as issued) hold most of. A note against one of those
 * earlier invoices after the close is checked against the minimum the close settled (`settling`, else
 * the credited invoice itself), the units credited being those the close's spend did not leave out
 * already (creditNote leaves the notes the close took out of `unitsCredited`).
 * @throws InputError `invalid_field` at `path`; `invalid_argument` at `options.earlier` when the
 *   period's spend is needed and no earlier invoices were given
 * @example
 * // 100.00 a month, 80 units at 1.00 billed 80.00 + 20.00: 10 units off would credit 10.00, refused
 */
export function refuseUnitsUnderCommitment(
  contract: Contract,
  {
    invoice,
    settling,
    earlier,
  }: {
    readonly invoice: Invoice;
    readonly settling: Invoice;
    readonly earlier: ReadonlyArray<Invoice> | undefined;
  },
  line: InvoiceLine,
  unitsCredited: ReadonlyMap<string, Decimal>,
  path: string,
): void {
  const billingPeriod = periodOf(contract.cycle, parseInstant(invoice.period.start));
  for (const applied of settling.commitments ?? []) {
    const terms = contract.commitments.find((commitment) => commitment.id === applied.id);
    // The commitment's spend as its stage reads it: lines of its scope (chargeScope), a line of no
    // charge (a true-up, an overage) only when the commitment counts every charge, and only lines that
    // are spend of the invoice's billing period (isSpendLine: never the next period's fee billed in
    // advance, nor a line of a credit charge as in force when the line starts).
    const scope = chargeScope(terms?.charges);
    const inScope = (candidate: InvoiceLine) =>
      candidate.chargeId === undefined
        ? terms?.charges === undefined
        : scope(candidate.chargeId) && isSpendInvoiceLine(contract, candidate, billingPeriod);
    if (!inScope(line)) continue;
    if (applied.overage !== undefined)
      throw InputError.from(invoiceMessages.unitsUnderCommitment(line.id, applied.name, false), path);
    const settled = settledSpend(applied, terms?.cumulative?.trueUp !== false, settling, earlier);
    if (settled === undefined) continue;
    if (settled.spend === undefined)
      throw InputError.from(invoiceMessages.unitsNeedEarlier(line.id, applied.name, settling.id), EARLIER);
    const credited = invoice.lines
      .filter(inScope)
      .reduce((sum, candidate) => sum.plus(unitsCredited.get(candidate.id) ?? ZERO), ZERO);
    if (settled.spend.minus(credited).lessThan(settled.minimum))
      throw InputError.from(invoiceMessages.unitsUnderCommitment(line.id, applied.name, true), path);
  }
}

const EARLIER = "options.earlier";

// The spend a minimum settled on this invoice was measured on, and the minimum: this invoice's spend for
// a minimum per billing period, the spend to date on the invoice that closes a cumulative one (with its
// true-up on); none where no minimum is settled (a progressive invoice, an earlier invoice of a
// cumulative period, whose spend the next one carries with the notes). The closing invoice of a
// progressive sequence records only its own part of the period's spend (each figure less what the
// earlier invoices had): with a true-up the period is short already, so any units refuse (the spend
// stands at 0); else the period's spend is that part plus the earlier invoices' (`earlier`), unknown
// (undefined) without them. Until 5 December 2026 such a close was never checked: 25 of 120 units off
// a close of 30.00 under a 100.00 minimum were credited, and the month paid 95.00.
function settledSpend(
  applied: AppliedCommitment,
  trueUp: boolean,
  invoice: Invoice,
  earlier: ReadonlyArray<Invoice> | undefined,
): { readonly minimum: Decimal; readonly spend: Decimal | undefined } | undefined {
  if (applied.minimum === undefined) return undefined;
  const minimum = decimalOfText(applied.minimum);
  const cumulative = applied.cumulative;
  if (cumulative !== undefined)
    return cumulative.closes && trueUp ? { minimum, spend: decimalOfText(cumulative.spendAfter) } : undefined;
  const spend = decimalOfText(applied.spend);
  if (invoice.progressive === undefined) return { minimum, spend };
  if (applied.trueUp !== undefined) return { minimum, spend: ZERO };
  const before = earlier?.map(
    (other) => other.commitments?.find((entry) => entry.id === applied.id)?.spend ?? "0",
  );
  return { minimum, spend: before?.reduce((sum, part) => sum.plus(part), spend) };
}
