import { InputError, invoiceMessages, periodMessages, toJsonPath } from "../errors/index.js";
import type { Invoice } from "./invoiceSchema.js";
import { parseEarlier } from "./progressiveOptions.js";

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
