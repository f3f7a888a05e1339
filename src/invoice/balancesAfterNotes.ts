import { InputError, invoiceMessages } from "../errors/index.js";
import { decimalOfText, decimalsOfText, toFixedString } from "../money/index.js";
import type { CreditNote } from "../schema/index.js";
import { assertEarlierNote } from "./assertCreditable.js";
import type { Invoice } from "./invoiceSchema.js";

/**
 * Each credit grant's balance after `invoice` and the credit notes issued against it since: the
 * invoice's `credits[].balanceAfter` plus what the notes gave back to the grant (`settlement.credits[]`:
 * `restored` money, or `unitsRestored` for a grant kept in a custom unit, whose balances are in units).
 * The next invoice opens with these (`rateInvoice`'s `creditBalances`). Without the notes, a wallet that
 * paid 40.00 of February, 10.00 of it given back by February's credit note, would open March at 0.00:
 * the customer would lose the 10.00 the note said went back (docs/cli.md#credit-balances-across-invoices).
 * Only notes of this invoice are read: a later invoice's balances already hold the notes of the earlier
 * ones that were given here, so none is counted twice. The closing invoice of a period billed
 * progressively also takes notes of its earlier invoices (`progressive.earlier`, id and digest) issued
 * after it: the ones given to it (`progressive.creditNotes`) it drew already, and they are refused
 * (docs/progressive-billing.md).
 * @param invoice - the invoice whose balances the next one continues, as issued
 * @param notes - credit notes issued against it, each once
 * @throws InputError `digest_mismatch` at `notes[i].digest`, `credit_note_mismatch` at
 *   `notes[i].invoiceId` or `notes[i].invoiceDigest` (or at `notes[i].id`, a note the close drew),
 *   `duplicate_id` at `notes[i].id`
 */
export function balancesAfterNotes(
  invoice: Invoice,
  notes: ReadonlyArray<CreditNote>,
): Record<string, string> {
  const marked = invoice.progressive;
  if (marked?.stage !== "closing") return balancesWithRestored(invoice, notes, () => invoice);
  const balances = balancesWithRestored(
    invoice,
    notes,
    (note) => marked.earlier.find((earlier) => earlier.id === note.invoiceId) ?? invoice,
  );
  notes.forEach((note, index) => {
    if ((marked.creditNotes ?? []).some((drawn) => drawn.id === note.id && drawn.digest === note.digest))
      throw InputError.from(
        invoiceMessages.noteDrawnByClose(note.id, note.invoiceId, invoice.id),
        `notes[${index}].id`,
      );
  });
  return balances;
}

/**
 * `opened`'s `credits[].balanceAfter` plus what `notes` gave back to each grant, each note checked
 * against the invoice it must credit (`credited`, id and digest). `opened` is that invoice, or what
 * replaced its draws (a late-usage correction's re-rated invoice).
 */
export function balancesWithRestored(
  opened: Invoice,
  notes: ReadonlyArray<CreditNote>,
  credited: (note: CreditNote) => Pick<Invoice, "id" | "digest">,
): Record<string, string> {
  const seen = new Set<string>();
  notes.forEach((note, index) => {
    assertEarlierNote(note, credited(note), `notes[${index}]`);
    if (seen.has(note.id))
      throw InputError.from(invoiceMessages.earlierNoteRepeated(note.id), `notes[${index}].id`);
    seen.add(note.id);
  });
  const back = restoredByGrant(notes);
  return Object.fromEntries(
    (opened.credits ?? []).map((credit) => {
      const restored = back[credit.id];
      return [credit.id, restored === undefined ? credit.balanceAfter : plus(credit.balanceAfter, restored)];
    }),
  );
}

/**
 * What `notes` gave back to each grant (`settlement.credits[]`: `restored` money, or `unitsRestored` for a
 * grant kept in a custom unit), summed by grant id; a grant no note gave anything back to is absent. The
 * notes are taken as given: the caller has checked them against the invoices they credit.
 */
export function restoredByGrant(notes: ReadonlyArray<CreditNote>): Record<string, string> {
  const back = new Map<string, string>();
  for (const restored of notes.flatMap((note) => note.settlement?.credits ?? [])) {
    const amount = restored.unitsRestored ?? restored.restored;
    const before = back.get(restored.id);
    back.set(restored.id, before === undefined ? amount : plus(before, amount));
  }
  return Object.fromEntries(back);
}

// A balance plus what came back, written to the finer of the two's decimals ("0.00" + "10.00" = "10.00").
function plus(balance: string, back: string): string {
  const decimals = Math.max(decimalsOfText(balance), decimalsOfText(back));
  return toFixedString(decimalOfText(balance).plus(decimalOfText(back)), decimals);
}
