import { describeValue } from "../describeValue.js";
import type { ErrorMessage } from "./message.js";

// The messages of credit notes (issueCreditNote): what a correction may credit and which invoice and
// earlier notes it may be issued against. Read through `invoiceMessages` (invoice.ts re-exports them).

/** `previous` that is not a list of credit notes. */
export function previousNotList(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `previous must be a list of the credit notes already issued against the invoice, not ${describeValue(value)}.`,
  };
}

/** A credit of a line beyond what remains of it (amounts in the invoice's minor units). */
export function creditExceedsRemaining(credit: {
  readonly lineId: string;
  readonly billed: string;
  readonly creditedBefore: string;
  readonly amount: string;
  readonly remaining: string;
}): ErrorMessage {
  const { lineId, billed, creditedBefore, amount, remaining } = credit;
  return {
    code: "credit_exceeds_invoiced",
    message: `Line ${lineId} billed ${billed} and ${creditedBefore} is already credited; a credit of ${amount} must be more than 0 and at most the ${remaining} that remains.`,
  };
}

/** A correction of one line that is itself a credit (negative): a note gives back charges. */
export function creditOfCreditLine(lineId: string, billed: string): ErrorMessage {
  return {
    code: "credit_exceeds_invoiced",
    message: `Line ${lineId} is a credit of ${billed} to the customer, not a charge: a credit note gives back what a line charged, so it takes a credit line back only with the whole invoice (kind "invoice").`,
  };
}

/**
 * Notes crediting more, in all, than the invoice's lines billed: each line is within what it charged,
 * but the invoice's credit lines (negative) made its total less than its charges.
 */
export function creditExceedsInvoice(credit: {
  readonly invoiceId: string;
  readonly billed: string;
  readonly creditedBefore: string;
  readonly amount: string;
}): ErrorMessage {
  const { invoiceId, billed, creditedBefore, amount } = credit;
  return {
    code: "credit_exceeds_invoiced",
    message: `Invoice ${invoiceId}'s lines billed ${billed} in all, its credit lines included, and ${creditedBefore} is already credited; this note's ${amount} would credit more than was billed. Credit the whole invoice (kind "invoice"), which takes its credit lines back too, or credit less.`,
  };
}

/** A note whose lines add up to less than 0: it would charge the customer. */
export function creditNoteCharges(invoiceId: string, amount: string): ErrorMessage {
  return {
    code: "credit_exceeds_invoiced",
    message: `The lines this note would credit on invoice ${invoiceId} add up to ${amount}: the invoice's credit lines left to take back outweigh its charges left to credit, and a credit note cannot charge the customer.`,
  };
}

/** A correction naming a line the invoice does not have. */
export function unknownLine(invoiceId: string, line: string): ErrorMessage {
  return { code: "unknown_line", message: `Invoice ${invoiceId} has no line "${line}".` };
}

/** A credit amount finer than the invoice currency's minor units. */
export function creditNotInMinorUnits(amount: string, minorUnits: number): ErrorMessage {
  return {
    code: "invalid_field",
    message: `A credit of ${amount} is not a whole number of minor units (${minorUnits} decimals).`,
  };
}

/**
 * A quantity correction taking off more units than the line has left. Each figure comes with its unit
 * as the line bills it ("61400 GB"; `units` on a line without one): `billed`, `before` (taken off by
 * earlier notes, "0 …" when none), `left` and `asked`.
 */
export function unitsCreditExceeds(
  lineId: string,
  units: {
    readonly billed: string;
    readonly before: string | undefined;
    readonly left: string;
    readonly asked: string;
  },
): ErrorMessage {
  const { billed, before, left, asked } = units;
  return {
    code: "credit_exceeds_invoiced",
    message:
      before === undefined
        ? `Line ${lineId} billed ${billed}: at most ${left} can be taken off it, not ${asked}.`
        : `Line ${lineId} billed ${billed} and earlier credit notes took ${before} off it: at most the ${left} left can be taken off, not ${asked}.`,
  };
}

/** Why a line's amount does not follow from its quantity alone, one reason each. */
export type NotRerateable =
  | "unpriced"
  | "no_quantity"
  | "discounted"
  | "override"
  | "allowance"
  | "group_share"
  | "billable_quantity"
  | "proration"
  | "full_quantity_tiers"
  | "window_pricing"
  | "line_limit";

const NOT_RERATEABLE: Readonly<Record<NotRerateable, string>> = {
  unpriced: "the contract no longer prices it as the invoice did",
  no_quantity: "its price does not follow its quantity (a flat fee, or a price per transaction)",
  discounted: "a discount was taken off it, and would have to be taken off the credit too",
  override: "an override changed the price it was rated with",
  allowance: "it drew from an allowance shared with other lines, which would have to be drawn again",
  group_share: "it is a share of a charge whose groups were rated as one, split by usage",
  billable_quantity: "its quantity was transformed (divided, rounded or with units included) before pricing",
  proration: "it was prorated",
  full_quantity_tiers: "it was priced at the tiers of its full quantity",
  window_pricing: "it was priced window by window, and no window says which units come off",
  line_limit: "a line minimum or maximum set its amount",
};

/** A quantity correction of a line whose amount does not follow from its quantity alone, and why. */
export function lineNotRerateable(lineId: string, reason: NotRerateable): ErrorMessage {
  return {
    code: "invalid_field",
    message: `Line ${lineId} cannot be re-rated from its quantity alone: ${NOT_RERATEABLE[reason]}; credit an amount instead.`,
  };
}

/** A quantity correction of a line a commitment's true-up or overage on the invoice was worked from. */
export function unitsUnderCommitment(lineId: string, commitment: string, minimum: boolean): ErrorMessage {
  const because = minimum
    ? "whose minimum is settled on this invoice: without these units its spend is below the minimum, so the true-up would grow by what is credited"
    : "whose overage on this invoice was worked from the spend, and would shrink with it";
  return {
    code: "invalid_field",
    message: `Line ${lineId} counts toward ${commitment}, ${because}; a note of units leaves that as billed. Credit an amount instead: what re-rating the invoice without the units changes.`,
  };
}

/**
 * A note of units against a progressive sequence's closing invoice, whose minimum was settled on the
 * period's spend: the close records only its own part, the earlier invoices the rest.
 */
export function unitsNeedEarlier(lineId: string, commitment: string, invoiceId: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Line ${lineId} counts toward ${commitment}, whose minimum the closing invoice ${invoiceId} settled on the spend of its whole period, part of it billed on the earlier invoices of the period: give them (earlier; --earlier FILE on the command line) so the spend left without these units can be checked against the minimum, or credit an amount instead.`,
  };
}

/** `closing` given with a note against an invoice that close did not subtract (or that is no close). */
export function closingOfOtherSequence(closingId: string, invoiceId: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Invoice ${closingId} is not the closing invoice that subtracted ${invoiceId} as issued (its progressive.earlier): closing (--closing) must be the close of the period ${invoiceId} was billed in, after it; leave it out before the period closes.`,
  };
}

/** `earlier` given with an invoice that closes no progressive sequence. */
export function earlierOfNoClose(invoiceId: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Invoice ${invoiceId} is not the closing invoice of a progressive sequence, so it has no earlier invoices to give; leave earlier (--earlier) out.`,
  };
}

/** `earlier` that does not list the invoices the closing invoice subtracted, in their order. */
export function earlierNotSubtracted(invoiceId: string, subtracted: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Invoice ${invoiceId} subtracted what ${subtracted.join(", ")} billed (its progressive.earlier): earlier must be those invoices as issued, in that order.`,
  };
}

/** An invoice rated from another contract than the one given. */
export function invoiceOfOtherContract(
  invoiceId: string,
  ratedFrom: string,
  contractId: string,
): ErrorMessage {
  return {
    code: "contract_mismatch",
    message: `Invoice ${invoiceId} was rated from contract ${ratedFrom}, not from contract ${contractId}; credit it with the contract it was rated from.`,
  };
}

/** An invoice in another currency (or minor units) than the contract bills in. */
export function invoiceCurrencyDiffers(
  invoice: { readonly id: string; readonly code: string; readonly minorUnits: number },
  contract: { readonly id: string; readonly code: string; readonly minorUnits: number },
): ErrorMessage {
  return {
    code: "currency_mismatch",
    message: `Invoice ${invoice.id} is in ${invoice.code} (${invoice.minorUnits} decimals), but contract ${contract.id} bills in ${contract.code} (${contract.minorUnits} decimals); a credit note is in the invoice's currency and the contract's, so they must be the same.`,
  };
}

/** An invoice rated from another version of the contract (digests differ). */
export function invoiceOfOtherContractVersion(
  invoiceId: string,
  contractId: string,
  invoiceDigest: string,
  contractDigest: string,
): ErrorMessage {
  return {
    code: "contract_mismatch",
    message: `Invoice ${invoiceId} was rated from a different version of contract ${contractId} (digest ${invoiceDigest}; the contract given has ${contractDigest}); credit it with the contract exactly as it was when the invoice was rated, since quantity corrections and tax use its terms.`,
  };
}

/** An earlier credit note given twice. */
export function earlierNoteRepeated(noteId: string): ErrorMessage {
  return {
    code: "duplicate_id",
    message: `Credit note ${noteId} is given twice among the earlier credit notes; what it credited would count twice.`,
  };
}

/** An earlier credit note issued against another invoice. */
export function earlierNoteOfOtherInvoice(noteId: string, credits: string, invoiceId: string): ErrorMessage {
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} credits invoice ${credits}, not invoice ${invoiceId}; give only the credit notes issued against ${invoiceId}.`,
  };
}

/** An earlier credit note issued against another version of the invoice (digests differ). */
export function earlierNoteOfOtherVersion(
  noteId: string,
  invoiceId: string,
  noteDigest: string,
  invoiceDigest: string,
): ErrorMessage {
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} was issued against another version of invoice ${invoiceId} (digest ${noteDigest}; this invoice has ${invoiceDigest}).`,
  };
}

/**
 * A credit note of an invoice that a late-usage correction in `credit_note` mode credited in full and
 * re-issued, given for the grants' balances after the correction: the re-issued invoice drew the grants
 * again from the balances the issued one opened with, and the correction's note gave back what the issued
 * invoice drew less what the earlier notes had, so adding this note would give it back twice.
 */
export function noteOfReplacedInvoice(noteId: string, invoiceId: string, reissuedId: string): ErrorMessage {
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} credits invoice ${invoiceId}, which the late-usage correction credited in full and re-issued as ${reissuedId}: the re-issued invoice's balances already hold what the grants got back from ${invoiceId}'s notes (give the earlier ones to ratecard late-usage --previous), so this one would be given back twice; give only the credit notes of ${reissuedId}.`,
  };
}

/** A note of an earlier progressive invoice, given for the balances after the close that drew it already. */
export function noteDrawnByClose(noteId: string, invoiceId: string, closingId: string): ErrorMessage {
  return {
    code: "credit_note_mismatch",
    message: `Credit note ${noteId} of invoice ${invoiceId} was given to the closing invoice ${closingId}, which drew what it gave back to the credit grants already (it is in ${closingId}'s progressive.creditNotes), so it would be given back twice; give only the notes of the period's invoices issued after the close.`,
  };
}
