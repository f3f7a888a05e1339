import { describeValue } from "../describeValue.js";
import type { ErrorMessage } from "./message.js";
import { didYouMean } from "./schema.js";

// The sentences of a cumulative commitment's carried spend (the spend of the earlier invoices of its
// period, `commitmentSpendToDate`) and of an invoice its period cuts. Part of `invoiceMessages`:
// src/errors/messages/invoice.ts re-exports them.

/** `options.commitmentSpendToDate` that is not an object of amount texts. */
export function commitmentSpendNotObject(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `commitmentSpendToDate must be an object of commitment id → spend text, such as { "annual": "300.00" } (the previous invoice's commitments[].cumulative.spendAfter), or → the previous invoice's commitments[].cumulative record (its spendAfter and creditNotesTaken), not ${describeValue(value)}.`,
  };
}

/** `options.commitmentCreditNotes` that is not a list. */
export function commitmentNotesNotList(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `commitmentCreditNotes must be a list of the credit notes issued against earlier invoices of the commitment period, not ${describeValue(value)}.`,
  };
}

/** A credit note given for a cumulative commitment that another contract's invoice carries. */
export function commitmentNoteOfOtherContract(noteId: string, found: string, expected: string): ErrorMessage {
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} credits an invoice of contract ${found}, not of ${expected}: only this contract's notes change its commitments' spend.`,
  };
}

/** A credit note given for a cumulative commitment that credits no invoice of a billing period. */
export function commitmentNoteOfNoPeriodInvoice(noteId: string, invoiceId: string): ErrorMessage {
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} credits ${invoiceId}, which is not the invoice of a billing period (<contract id>:<date>, or its re-issue): a progressive invoice's notes go to its closing invoice (creditNotes, --credit-note), and an opening invoice's fees are no commitment's spend.`,
  };
}

/** A credit note of an invoice that lies in no cumulative commitment period this invoice continues. */
export function commitmentNoteOutsidePeriods(
  noteId: string,
  invoiceId: string,
  periods: string,
  start: string,
): ErrorMessage {
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} credits ${invoiceId}, which is no earlier invoice of a cumulative commitment period this invoice (from ${start}) belongs to (${periods === "" ? "it belongs to none" : periods}); give each invoice only the notes of its commitment periods.`,
  };
}

/** Notes that take more off a commitment's spend than the spend carried. */
export function commitmentNotesExceedSpend(id: string, carried: string, credited: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `The credit notes take ${credited} of units off commitment "${id}", more than the ${carried} of spend carried: the carried spend must be the previous invoice's spend to date, before these notes.`,
  };
}

/**
 * Carried spend naming a commitment the contract does not have (`known`: its cumulative ones, quoted);
 * `meant`, the one whose id is close (a typo: `q_1` for `q1`).
 */
export function unknownCommitmentSpend(
  id: string,
  contractId: string,
  known: string,
  meant?: string,
): ErrorMessage {
  const guess = meant === undefined ? "" : `; ${didYouMean(meant)}`;
  return {
    code: "unknown_commitment",
    message: `The carried commitment spend names commitment "${id}", which contract ${contractId} does not have${guess} (${known === "" ? "it has no cumulative commitment" : `its cumulative commitments: ${known}`}); check that the spend comes from this contract's previous invoice.`,
  };
}

/** Carried spend for a commitment owed per billing period, which carries nothing between invoices. */
export function commitmentSpendNotCumulative(id: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `Commitment "${id}" is owed per billing period, so no spend carries into it; carry spend only for a cumulative commitment.`,
  };
}

/** An invoice after the first of a cumulative commitment's period, with no spend carried for it. */
export function missingCommitmentSpend(id: string, from: string, start: string): ErrorMessage {
  return {
    code: "missing_commitment_spend",
    message: `Commitment "${id}" counts spend from ${from}, before this invoice's period (from ${start}), and no spend of the earlier invoices is carried for it: pass the previous invoice's commitments[].cumulative.spendAfter (commitmentSpendToDate, --commitment-spend).`,
  };
}

/** Carried spend that is not a decimal of 0 or more in the currency's minor units. */
export function commitmentSpendOutOfRange(id: string, carried: string, minorUnits: number): ErrorMessage {
  return {
    code: "invalid_field",
    message: `The carried spend of commitment "${id}" must be a decimal of 0 or more with at most ${minorUnits} decimals, not "${carried}".`,
  };
}

/** Carried spend other than 0 on the invoice that opens the commitment's period. */
export function commitmentSpendBeforePeriod(id: string, from: string, carried: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `Commitment "${id}" starts counting spend with this invoice (from ${from}), so no earlier spend counts toward it, yet "${carried}" is carried; leave it out.`,
  };
}

/** An invoice whose period crosses the start or end of a cumulative commitment's period. */
export function commitmentPeriodCut(id: string, from: string, until: string, period: string): ErrorMessage {
  return {
    code: "invalid_period",
    message: `Commitment "${id}" counts spend from ${from} until ${until}, and this invoice's period (${period}) crosses one of those dates: an invoice's spend must lie wholly inside or outside the commitment's period. Put from and until on billing period boundaries.`,
  };
}
