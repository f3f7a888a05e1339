import { balancesAfterNotes, isRatecardError, parseCreditNote, parseInvoice } from "../index.js";
import { correctedInvoice, fileProblem, isObject, readIssued, UsageLineError } from "./cliSupport.js";
import { readIssuedFiles } from "./readIssuedFiles.js";
import { displayName } from "./standardInput.js";

const FLAG = "--balances-credit-note";

/**
 * --balances FILE with --balances-credit-note NOTE…: the grants' balances after the previous invoice
 * and the credit notes issued against it since, which gave part of what the grants paid back to them
 * (docs/cli.md#credit-balances-across-invoices). The notes must be of that invoice, so --balances must
 * be the invoice itself, not an object of balances (which may hold the notes already). A note refused
 * by the library (edited, of another invoice, given twice) is named by its file.
 */
export async function balancesWithNotes(
  data: unknown,
  balancesFile: string,
  noteFiles: ReadonlyArray<string>,
): Promise<Record<string, string>> {
  // A late-usage correction in credit_note mode stands for its re-issued invoice (creditBalances).
  const invoiceData = correctedInvoice(`--balances ${balancesFile}`, data);
  if (!isObject(invoiceData) || !("schemaVersion" in invoiceData))
    throw new UsageLineError(
      `${FLAG} needs --balances to be the invoice the notes credit, not an object of balances (${displayName(balancesFile)}): the notes are checked against it.`,
    );
  const invoice = readIssued(`--balances ${balancesFile}`, invoiceData, parseInvoice, "a ratecard invoice");
  const notes = await readIssuedFiles(FLAG, noteFiles, parseCreditNote, "a ratecard credit note");
  try {
    return balancesAfterNotes(invoice, notes);
  } catch (error) {
    const path = isRatecardError(error) ? /^notes\[(\d+)\]\.?(.*)$/.exec(error.path ?? "") : null;
    if (path === null || !isRatecardError(error)) throw error;
    const file = noteFiles[Number(path[1])] ?? "";
    throw new UsageLineError(fileProblem(`${FLAG} ${displayName(file)}`, path[2] ?? "", error.message));
  }
}
