import { InputError, invoiceMessages } from "../errors/index.js";
import type { CreditNote } from "../schema/index.js";
import { balancesAfterNotes, balancesWithRestored } from "./balancesAfterNotes.js";
import type { LateUsageResult } from "./correctLateUsage.js";
import type { Invoice } from "./invoiceSchema.js";

/** What {@link balancesAfterCorrection} reads of a late-usage correction. */
export type CorrectionBalances =
  | Pick<
      Extract<LateUsageResult, { mode: "next_invoice" }>,
      "mode" | "invoiceId" | "invoiceDigest" | "rerated"
    >
  | { readonly mode: "credit_note"; readonly invoiceId: string; readonly reissued: Invoice };

/**
 * Each credit grant's balance after a late-usage correction and the credit notes given with it
 * (docs/cli.md#credit-balances-across-invoices), for the next invoice's `creditBalances`.
 *
 * `next_invoice`: the issued invoice stays, and so do its notes; the re-rated invoice drew every grant
 * again from the balances the issued one opened with, replacing its draws. So the grants open at the
 * re-rated `balanceAfter` plus what the notes of the **issued** invoice gave back: a 200.00 wallet, March
 * issued 100.00 (100.00 left), a note of 20.00 (all back to the wallet: 120.00), re-rated 98.00 (102.00
 * left) opens April at 102.00 + 20.00 = 122.00 = 200.00 − (98.00 − 20.00).
 *
 * `credit_note`: the correction's note gave back what the issued invoice drew (less what the earlier
 * notes, given to it, had) and the re-issue drew again, so the notes of the issued invoice are in the
 * re-issued balances already and are refused; a later note of the re-issued invoice is added.
 * @throws InputError `credit_note_mismatch` at `notes[i].invoiceId` (a note of the invoice a
 *   `credit_note` correction replaced), and every error of {@link balancesAfterNotes}
 */
export function balancesAfterCorrection(
  correction: CorrectionBalances,
  notes: ReadonlyArray<CreditNote>,
): Record<string, string> {
  if (correction.mode === "next_invoice")
    return balancesWithRestored(correction.rerated, notes, () => ({
      id: correction.invoiceId,
      digest: correction.invoiceDigest,
    }));
  const { invoiceId, reissued } = correction;
  notes.forEach((note, index) => {
    if (note.invoiceId === invoiceId)
      throw InputError.from(
        invoiceMessages.noteOfReplacedInvoice(note.id, invoiceId, reissued.id),
        `notes[${index}].invoiceId`,
      );
  });
  return balancesAfterNotes(reissued, notes);
}
