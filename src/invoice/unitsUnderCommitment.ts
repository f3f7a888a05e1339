import type { Contract } from "../contracts/index.js";
import { InputError, invoiceMessages } from "../errors/index.js";
import { type Decimal, decimalOfText, ZERO } from "../money/index.js";
import type { AppliedCommitment } from "../schema/index.js";
import { parseInstant } from "../time/index.js";
import { chargeScope } from "./chargeScope.js";
import { isCreditChargeAt } from "./creditCharge.js";
import type { Invoice, InvoiceLine } from "./invoiceSchema.js";

/**
 * Refuses a note that takes units off a line a commitment settled on this invoice was measured from,
 * when the commitment would answer it: an overage line was worked from the spend, and a minimum settled
 * here (per billing period, or on the invoice that closes a cumulative period) owes a larger true-up once
 * the spend less the units credited (`unitsCredited`, by invoice line, this credit included) is below it.
 * A credit charge's line is no spend, so its units are credited whatever the commitment.
 * A true-up of 20.00 on 80.00 of spend under a 100.00 minimum stays 20.00 when 10 units are credited, so
 * the customer would pay 90.00 where the minimum owes 100.00. Credit an amount instead.
 * @throws InputError `invalid_field` at `path`
 * @example
 * // 100.00 a month, 80 units at 1.00 billed 80.00 + 20.00: 10 units off would credit 10.00, refused
 */
export function refuseUnitsUnderCommitment(
  contract: Contract,
  invoice: Invoice,
  line: InvoiceLine,
  unitsCredited: ReadonlyMap<string, Decimal>,
  path: string,
): void {
  for (const applied of invoice.commitments ?? []) {
    const terms = contract.commitments.find((commitment) => commitment.id === applied.id);
    // The commitment's spend as its stage reads it: lines of its scope (chargeScope), a line of no
    // charge (a true-up, an overage) only when the commitment counts every charge, and never a line of
    // a credit charge as in force when the line starts (isCreditChargeAt), which no spend counts.
    const scope = chargeScope(terms?.charges);
    const inScope = (candidate: InvoiceLine) =>
      candidate.chargeId === undefined
        ? terms?.charges === undefined
        : scope(candidate.chargeId) &&
          !isCreditChargeAt(contract, candidate.chargeId, parseInstant(candidate.period.start));
    if (!inScope(line)) continue;
    const settled = settledSpend(
      applied,
      terms?.cumulative?.trueUp !== false,
      invoice.progressive !== undefined,
    );
    const credited = invoice.lines
      .filter(inScope)
      .reduce((sum, candidate) => sum.plus(unitsCredited.get(candidate.id) ?? ZERO), ZERO);
    const short = settled !== undefined && settled.spend.minus(credited).lessThan(settled.minimum);
    if (applied.overage === undefined && !short) continue;
    const problem = invoiceMessages.unitsUnderCommitment(
      line.id,
      applied.name,
      applied.overage === undefined,
    );
    throw InputError.from(problem, path);
  }
}

// The spend a minimum settled on this invoice was measured on, and the minimum: this invoice's spend for
// a minimum per billing period, the spend to date on the invoice that closes a cumulative one (with its
// true-up on); none where no minimum is settled (a progressive invoice, an earlier invoice of a
// cumulative period, whose spend the next one carries with the notes). A closing invoice of a
// progressive sequence records only its own part of the period's spend: there the minimum per billing
// period is known to be short only by its true-up, which refuses any units (the spend stands at 0).
function settledSpend(applied: AppliedCommitment, trueUp: boolean, progressive: boolean) {
  if (applied.minimum === undefined) return undefined;
  const minimum = decimalOfText(applied.minimum);
  const cumulative = applied.cumulative;
  if (cumulative === undefined) {
    if (!progressive) return { minimum, spend: decimalOfText(applied.spend) };
    return applied.trueUp === undefined ? undefined : { minimum, spend: ZERO };
  }
  if (!cumulative.closes || !trueUp) return undefined;
  return { minimum, spend: decimalOfText(cumulative.spendAfter) };
}
