import type { CreditNote, Invoice, LateUsageResult } from "../index.js";
import { UsageLineError } from "./cliSupport.js";

/** A document `ratecard export` writes, and where it was read (`a.json`, `b.ndjson line 3`). */
export interface ReadDocument {
  readonly where: string;
  readonly document: Invoice | CreditNote | LateUsageResult;
}

/**
 * Refuses a document given twice to `ratecard export` (the same file twice, or an invoice of a batch's
 * NDJSON given again on its own): its rows would be written twice and its cost counted twice in the
 * FOCUS data, whose BilledCost must add up to what was invoiced. Invoices and credit notes are the same
 * document when their ids are (an id names one period of one contract, or one note of one invoice); a
 * late-usage correction when its JSON is, and the credit note and invoice it re-issues by their ids.
 * @throws UsageLineError naming the second place and the first
 */
export function requireDocumentsOnce(read: ReadonlyArray<ReadDocument>): void {
  const seen = new Map<string, string>();
  for (const { where, document } of read) {
    for (const { key, name } of namesOf(document)) {
      const first = seen.get(key);
      if (first !== undefined)
        throw new UsageLineError(
          `export ${where}: ${name} is given twice (also in ${first}); each document is exported once, or its rows would count its cost twice.`,
        );
      seen.set(key, where);
    }
  }
}

// What a document is told apart by (`key`) and named by in the sentence; a late-usage correction in
// credit_note mode holds two documents.
function namesOf(document: ReadDocument["document"]): Array<{ key: string; name: string }> {
  const named = (name: string) => ({ key: name, name });
  if ("mode" in document && "lateEvents" in document) {
    if (document.mode === "next_invoice")
      return [
        {
          key: `late usage ${JSON.stringify(document)}`,
          name: `the late-usage correction of invoice ${document.invoiceId} billed on ${document.billOn}`,
        },
      ];
    return [
      ...(document.creditNote === undefined ? [] : [named(`credit note ${document.creditNote.id}`)]),
      ...(document.reissued === undefined ? [] : [named(`invoice ${document.reissued.id}`)]),
    ];
  }
  return [named("invoiceId" in document ? `credit note ${document.id}` : `invoice ${document.id}`)];
}
