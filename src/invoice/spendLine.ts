import type { Contract } from "../contracts/index.js";
import { type Period, parseInstant, parseLocalDate, periodOf, startOfLocalDate } from "../time/index.js";
import { isCreditChargeAt } from "./creditCharge.js";
import type { InvoiceLine } from "./invoiceSchema.js";
import { advanceChargeIds } from "./stages/fees.js";
import { chargeOfLine, pieceDateOf } from "./termsAt.js";

/**
 * Whether a line of charge `chargeId` over `period`, on an invoice of `billingPeriod`, is spend of that
 * period's commitments: its period lies in the billing period (the next period's fee billed in advance
 * on the invoice that closes this one is the next period's, and no commitment counts it), and its
 * charge, as in force when the line starts, is no credit (isCreditChargeAt). Every reader of a
 * commitment's spend asks this one question: the commitments stage, the notes of units a cumulative
 * commitment takes off its spend (cumulativeNotes) and the refusal of a note that would take a settled
 * minimum's spend below it (unitsUnderCommitment). Until 6 December 2026 the notes only asked about
 * the credit charge, at the credited invoice's start for a line without a piece date: 5 seats off
 * February's seats billed in advance on January's invoice took 60.00 off a Q1 spend that never
 * counted them (true-up 150.00 → 210.00), and the same note on an invoice above a 100.00 minimum was
 * refused.
 */
export function isSpendLine(
  contract: Contract,
  chargeId: string,
  period: Period,
  billingPeriod: Period,
): boolean {
  return (
    period.start >= billingPeriod.start &&
    period.end <= billingPeriod.end &&
    !isCreditChargeAt(contract, chargeId, period.start)
  );
}

/** {@link isSpendLine} for a line of an issued invoice, whose period is canonical UTC text. */
export function isSpendInvoiceLine(
  contract: Contract,
  line: Pick<InvoiceLine, "chargeId" | "period">,
  billingPeriod: Period,
): boolean {
  const period = { start: parseInstant(line.period.start), end: parseInstant(line.period.end) };
  return isSpendLine(contract, line.chargeId, period, billingPeriod);
}

/**
 * {@link isSpendLine} for a line known only by its id (a credit note's `corrects`) on the invoice whose
 * service period starts on local date `invoiceStart`, its period read from the id as the rating stages
 * wrote it: a piece of a period an amendment or override cut (`use@2026-02-15`) from that date, within
 * the billing period; a fee billed in advance without a piece date is the next billing period's
 * (fees.ts, nextPeriodFees: a change inside the period has a piece date); any other line the credited
 * invoice's own.
 */
export function isSpendLineId(contract: Contract, lineId: string, invoiceStart: string): boolean {
  const zone = contract.timeZone;
  const start = startOfLocalDate(parseLocalDate(invoiceStart)!, zone);
  const billingPeriod = periodOf(contract.cycle, start);
  const chargeId = chargeOfLine(lineId);
  const piece = pieceDateOf(lineId);
  const period =
    piece !== undefined
      ? { start: startOfLocalDate(parseLocalDate(piece)!, zone), end: billingPeriod.end }
      : advanceChargeIds(contract).has(chargeId)
        ? periodOf(contract.cycle, billingPeriod.end)
        : { start, end: billingPeriod.end };
  return isSpendLine(contract, chargeId, period, billingPeriod);
}
