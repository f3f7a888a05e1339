import type { Contract } from "../contracts/index.js";
import { InputError } from "../errors/index.js";
import { type CreditNote, digestMismatch } from "../schema/index.js";
import type { Invoice } from "./invoiceSchema.js";

/**
 * Refuses to credit an invoice that is not the one ratecard issued from this contract: another
 * contract's (its id), another currency, a contract changed since (its digest: a quantity correction
 * re-rates with the contract's prices and the tax comes from the contract's rates, so a changed contract
 * would credit wrong money), or an invoice whose content was edited after it was issued (its digest).
 * Earlier credit notes are checked the same way: each must be intact and issued against this very
 * invoice, once, since what they credited is what remains creditable.
 * @throws InputError `contract_mismatch` (at `contractId` or `contractDigest`), `currency_mismatch` (at
 *   `currency`), `digest_mismatch` (at `digest`, or `previous[i].digest`), `credit_note_mismatch` (at
 *   `previous[i].invoiceId` or `previous[i].invoiceDigest`), `duplicate_id` (at `previous[i].id`)
 */
export function assertCreditable(
  contract: Contract,
  invoice: Invoice,
  previous: ReadonlyArray<CreditNote>,
): void {
  if (invoice.contractId !== contract.id) {
    throw new InputError(
      "contract_mismatch",
      "contractId",
      `Invoice ${invoice.id} was rated from contract ${invoice.contractId}, not from contract ${contract.id}; credit it with the contract it was rated from.`,
    );
  }
  const { code, minorUnits } = contract.currency;
  if (invoice.currency.code !== code || invoice.currency.minorUnits !== minorUnits) {
    throw new InputError(
      "currency_mismatch",
      "currency",
      `Invoice ${invoice.id} is in ${invoice.currency.code} (${invoice.currency.minorUnits} decimals), but contract ${contract.id} bills in ${code} (${minorUnits} decimals); a credit note is in the invoice's currency and the contract's, so they must be the same.`,
    );
  }
  if (invoice.contractDigest !== contract.digest) {
    throw new InputError(
      "contract_mismatch",
      "contractDigest",
      `Invoice ${invoice.id} was rated from a different version of contract ${contract.id} (digest ${invoice.contractDigest}; the contract given has ${contract.digest}); credit it with the contract exactly as it was when the invoice was rated, since quantity corrections and tax use its terms.`,
    );
  }
  const edited = digestMismatch(invoice, "invoice", "digest");
  if (edited !== undefined) throw edited;
  const seen = new Set<string>();
  previous.forEach((note, index) => {
    assertEarlierNote(note, invoice, `previous[${index}]`);
    if (seen.has(note.id)) {
      throw new InputError(
        "duplicate_id",
        `previous[${index}].id`,
        `Credit note ${note.id} is given twice among the earlier credit notes; what it credited would count twice.`,
      );
    }
    seen.add(note.id);
  });
}

function assertEarlierNote(note: CreditNote, invoice: Invoice, path: string): void {
  const edited = digestMismatch(note, "credit note", `${path}.digest`);
  if (edited !== undefined) throw edited;
  if (note.invoiceId !== invoice.id) {
    throw new InputError(
      "credit_note_mismatch",
      `${path}.invoiceId`,
      `Credit note ${note.id} credits invoice ${note.invoiceId}, not invoice ${invoice.id}; give only the credit notes issued against ${invoice.id}.`,
    );
  }
  if (note.invoiceDigest !== invoice.digest) {
    throw new InputError(
      "credit_note_mismatch",
      `${path}.invoiceDigest`,
      `Credit note ${note.id} was issued against another version of invoice ${invoice.id} (digest ${note.invoiceDigest}; this invoice has ${invoice.digest}).`,
    );
  }
}
