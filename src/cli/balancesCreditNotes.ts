import {
  balancesAfterCorrection,
  balancesAfterNotes,
  type CreditNote,
  isRatecardError,
  parseCreditNote,
  parseInvoice,
} from "../index.js";
import { fileProblem, isObject, readIssued, UsageLineError } from "./cliSupport.js";
import { readIssuedFiles } from "./readIssuedFiles.js";
import { displayName } from "./standardInput.js";

const FLAG = "--balances-credit-note";

/**
 * --balances FILE with --balances-credit-note NOTE…: the grants' balances after the previous invoice
 * and the credit notes issued against it since, which gave part of what the grants paid back to them
 * (docs/cli.md#credit-balances-across-invoices). The notes must be of that invoice, so --balances must
 * be the invoice itself, not an object of balances (which may hold the notes already). A late-usage
 * correction of it stands for the period as it now is: in next_invoice mode the issued invoice's notes
 * are added to the re-rated balances, in credit_note mode only notes of the re-issued invoice are taken
 * (balancesAfterCorrection). A note refused by the library (edited, of another invoice, given twice) is
 * named by its file.
 */
export async function balancesWithNotes(
  data: unknown,
  balancesFile: string,
  noteFiles: ReadonlyArray<string>,
): Promise<Record<string, string>> {
  const named = `--balances ${balancesFile}`;
  if (!isObject(data) || !("schemaVersion" in data || isCorrection(data)))
    throw new UsageLineError(
      `${FLAG} needs --balances to be the invoice the notes credit, not an object of balances (${displayName(balancesFile)}): the notes are checked against it.`,
    );
  const withNotes = isCorrection(data)
    ? correctionWithNotes(named, data)
    : withInvoice(readIssued(named, data, parseInvoice, "a ratecard invoice"));
  const notes = await readIssuedFiles(FLAG, noteFiles, parseCreditNote, "a ratecard credit note");
  try {
    return withNotes(notes);
  } catch (error) {
    const path = isRatecardError(error) ? /^notes\[(\d+)\]\.?(.*)$/.exec(error.path ?? "") : null;
    if (path === null || !isRatecardError(error)) throw error;
    const file = noteFiles[Number(path[1])] ?? "";
    throw new UsageLineError(fileProblem(`${FLAG} ${displayName(file)}`, path[2] ?? "", error.message));
  }
}

type WithNotes = (notes: ReadonlyArray<CreditNote>) => Record<string, string>;

const withInvoice =
  (invoice: ReturnType<typeof parseInvoice>): WithNotes =>
  (notes) =>
    balancesAfterNotes(invoice, notes);

// `ratecard late-usage --format json`: its mode, the invoice it corrects, and the invoice the period now
// is (re-rated or re-issued; a correction that changed nothing has none and was refused before).
function isCorrection(data: Record<string, unknown>): boolean {
  return typeof data.mode === "string" && "lateEvents" in data;
}

function correctionWithNotes(named: string, data: Record<string, unknown>): WithNotes {
  const invoiceId = String(data.invoiceId);
  if (data.mode === "credit_note") {
    const reissued = readIssued(`${named} at reissued`, data.reissued, parseInvoice, "a ratecard invoice");
    return (notes) => balancesAfterCorrection({ mode: "credit_note", invoiceId, reissued }, notes);
  }
  const rerated = readIssued(`${named} at rerated`, data.rerated, parseInvoice, "a ratecard invoice");
  if (typeof data.invoiceDigest !== "string")
    throw new UsageLineError(
      `${named} is a late-usage correction without the issued invoice's digest (invoiceDigest, written since 6 December 2026), so the credit notes of ${invoiceId} cannot be checked against it: run ratecard late-usage again.`,
    );
  const invoiceDigest = data.invoiceDigest;
  return (notes) =>
    balancesAfterCorrection({ mode: "next_invoice", invoiceId, invoiceDigest, rerated }, notes);
}
