import { InputError, invoiceMessages, periodMessages, toJsonPath } from "../errors/index.js";
import type { Invoice } from "./invoiceSchema.js";
import { parseClosing, parseEarlier } from "./progressiveOptions.js";

/**
 * The invoice whose commitments settled the minimum a note of units must not take the spend below, and
 * what checking it needs (unitsUnderCommitment): the credited invoice itself, or, for an earlier invoice
 * of a progressive sequence credited after its period closed, the closing invoice (`closing`).
 */
export interface SettlingInvoice {
  /** The credited invoice, or the close of its period. */
  readonly settling: Invoice;
  /** The earlier invoices of the close `settling` is (options.earlier, checked); else undefined. */
  readonly earlier: ReadonlyArray<Invoice> | undefined;
  /** The ids of the notes the close took (`progressive.creditNotes`): its spend reflects them already. */
  readonly taken: ReadonlySet<string>;
}

/**
 * Reads issueCreditNote's `closing` and `earlier` for the credited `invoice`. Without `closing` the
 * invoice settles its own minimum ({@link earlierOfClose} reads `earlier` of a close). With it, the
 * invoice must be one of the earlier invoices the close subtracted (by id and digest): after the close a
 * note of units against it takes the units off the period's spend the close settled the minimum on,
 * and no later invoice of the period is left to bill the shortfall.
 * @throws InputError `invalid_argument` at `options.closing` (not a close that subtracted this invoice)
 *   or `options.closing…` (not an invoice ratecard issued, edited), and as {@link earlierOfClose}
 */
export function settlingOf(
  invoice: Invoice,
  { closing, earlier }: { readonly closing?: unknown; readonly earlier?: unknown },
): SettlingInvoice {
  if (closing === undefined)
    return { settling: invoice, earlier: earlierOfClose(invoice, earlier), taken: new Set() };
  const close = parseClosing(closing);
  const subtracted = close.progressive?.stage === "closing" ? close.progressive.earlier : [];
  if (!subtracted.some((entry) => entry.id === invoice.id && entry.digest === invoice.digest))
    throw InputError.from(invoiceMessages.closingOfOtherSequence(close.id, invoice.id), "options.closing");
  const taken = new Set((close.progressive?.creditNotes ?? []).map((note) => note.id));
  return { settling: close, earlier: earlierOfClose(close, earlier), taken };
}

/**
 * The earlier invoices of the progressive sequence a closing invoice closes (`options.earlier` of
 * issueCreditNote), read back (digests checked) and matched with the ones it subtracted
 * (`progressive.earlier`: every one, as issued, in order). The close records only its own part of a
 * commitment's spend; with these the period's spend a minimum was settled on is known again
 * (unitsUnderCommitment). Undefined when none are given.
 * @throws InputError `invalid_argument` at `options.earlier` (not a list, the invoice closes no
 *   sequence, not as many as it subtracted) or `options.earlier[i]…` (not an invoice ratecard issued,
 *   edited, or another than the i-th it subtracted)
 */
export function earlierOfClose(invoice: Invoice, raw: unknown): ReadonlyArray<Invoice> | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw InputError.from(periodMessages.earlierNotList(raw), PATH);
  const progressive = invoice.progressive;
  if (progressive?.stage !== "closing")
    throw InputError.from(invoiceMessages.earlierOfNoClose(invoice.id), PATH);
  const subtracted = progressive.earlier;
  const refused = invoiceMessages.earlierNotSubtracted(
    invoice.id,
    subtracted.map((entry) => entry.id),
  );
  if (raw.length !== subtracted.length) throw InputError.from(refused, PATH);
  return raw.map((value, index) => {
    const earlier = parseEarlier(value, index);
    const entry = subtracted[index]!;
    if (earlier.id !== entry.id || earlier.digest !== entry.digest)
      throw InputError.from(refused, toJsonPath(["options", "earlier", index]));
    return earlier;
  });
}

const PATH = "options.earlier";
