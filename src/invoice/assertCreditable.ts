import type { Contract } from "../contracts/index.js";
import { InputError, invoiceMessages, periodMessages } from "../errors/index.js";
import { type CreditNote, digestMismatch } from "../schema/index.js";
import type { Invoice } from "./invoiceSchema.js";

/**
 * Refuses to credit an invoice that is not the one ratecard issued from this contract: another
 * contract's (its id), another currency, a contract changed since (its digest: a quantity correction
 * re-rates with the contract's prices and the tax comes from the contract's rates, so a changed contract
 * would credit wrong money), or an invoice whose content was edited after it was issued (its digest).
 * Earlier credit notes are checked the same way: each must be intact and issued against this very
 * invoice, once, since what they credited is what remains creditable.
 * Paths name the argument, as the schema checks' do: `invoice.…`, `options.previous[i].…`.
 * @throws InputError `contract_mismatch` (at `invoice.contractId` or `invoice.contractDigest`),
 *   `currency_mismatch` (at `invoice.currency`), `digest_mismatch` (at `invoice.digest`, or
 *   `options.previous[i].digest`), `credit_note_mismatch` (at `options.previous[i].invoiceId` or
 *   `options.previous[i].invoiceDigest`), `duplicate_id` (at `options.previous[i].id`)
 */
export function assertCreditable(
  contract: Contract,
  invoice: Invoice,
  previous: ReadonlyArray<CreditNote>,
): void {
  // A preview was never billed: there is nothing to credit.
  if (invoice.preview !== undefined)
    throw InputError.from(
      periodMessages.previewNotBilled(invoice.id, invoice.preview.asOf),
      "invoice.preview",
    );
  if (invoice.contractId !== contract.id) {
    const other = invoiceMessages.invoiceOfOtherContract(invoice.id, invoice.contractId, contract.id);
    throw InputError.from(other, "invoice.contractId");
  }
  const { code, minorUnits } = contract.currency;
  if (invoice.currency.code !== code || invoice.currency.minorUnits !== minorUnits) {
    const differs = invoiceMessages.invoiceCurrencyDiffers(
      { id: invoice.id, ...invoice.currency },
      { id: contract.id, code, minorUnits },
    );
    throw InputError.from(differs, "invoice.currency");
  }
  if (invoice.contractDigest !== contract.digest) {
    const other = invoiceMessages.invoiceOfOtherContractVersion(
      invoice.id,
      contract.id,
      invoice.contractDigest,
      contract.digest,
    );
    throw InputError.from(other, "invoice.contractDigest");
  }
  const edited = digestMismatch(invoice, "invoice", "invoice.digest");
  if (edited !== undefined) throw edited;
  const seen = new Set<string>();
  previous.forEach((note, index) => {
    assertEarlierNote(note, invoice, `options.previous[${index}]`);
    if (seen.has(note.id)) {
      throw InputError.from(invoiceMessages.earlierNoteRepeated(note.id), `options.previous[${index}].id`);
    }
    seen.add(note.id);
  });
}

/**
 * Refuses an earlier credit note that was edited, or was issued against another invoice or another
 * version of it.
 * @throws InputError `digest_mismatch` at `<path>.digest`, `credit_note_mismatch` at `<path>.invoiceId`
 *   or `<path>.invoiceDigest`
 */
export function assertEarlierNote(
  note: CreditNote,
  invoice: Pick<Invoice, "id" | "digest">,
  path: string,
): void {
  const edited = digestMismatch(note, "credit note", `${path}.digest`);
  if (edited !== undefined) throw edited;
  if (note.invoiceId !== invoice.id) {
    const other = invoiceMessages.earlierNoteOfOtherInvoice(note.id, note.invoiceId, invoice.id);
    throw InputError.from(other, `${path}.invoiceId`);
  }
  if (note.invoiceDigest !== invoice.digest) {
    const other = invoiceMessages.earlierNoteOfOtherVersion(
      note.id,
      invoice.id,
      note.invoiceDigest,
      invoice.digest,
    );
    throw InputError.from(other, `${path}.invoiceDigest`);
  }
}
