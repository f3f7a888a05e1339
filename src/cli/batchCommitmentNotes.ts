import { parseCreditNote } from "../index.js";
import { readIssued, UsageLineError } from "./cliSupport.js";
import { batchNoteOfNoContract } from "./messages.js";
import { readJsonFile } from "./readJsonFile.js";

/** Each contract's commitment credit notes (`--commitment-credit-note`), as read, and their files. */
export type BatchCommitmentNotes = ReadonlyMap<
  string,
  { readonly notes: ReadonlyArray<unknown>; readonly files: ReadonlyArray<string> }
>;

/**
 * `ratecard batch --commitment-credit-note FILE` (repeat for each): the credit notes of earlier invoices
 * of a cumulative commitment's period (docs/commitment-periods.md, "Credit notes"), each given to the
 * contract it names (`contractId`), in the order given, as `ratecard invoice --commitment-credit-note`
 * gives them to one invoice. A file that is no ratecard credit note is refused in its name, as is a note
 * of a contract the batch does not rate (`contractIds`): it would be left out without a word. A note of
 * a contract the batch sets aside (`aside`: out of term, or billed on another cycle) is skipped: the
 * summary lists that contract, and the run of its own period takes the note.
 */
export async function readBatchCommitmentNotes(
  files: ReadonlyArray<string>,
  contractIds: ReadonlyArray<string>,
  aside: ReadonlySet<string> = new Set(),
): Promise<BatchCommitmentNotes> {
  const byContract = new Map<string, { notes: unknown[]; files: string[] }>();
  for (const file of files) {
    const named = `--commitment-credit-note ${file}`;
    const data = await readJsonFile(file, "--commitment-credit-note");
    const note = readIssued(named, data, parseCreditNote, "a ratecard credit note");
    if (aside.has(note.contractId)) continue;
    if (!contractIds.includes(note.contractId))
      throw new UsageLineError(batchNoteOfNoContract(named, note.contractId, contractIds));
    const entry = byContract.get(note.contractId) ?? { notes: [], files: [] };
    // The note as read from its file: a worker parses it again (a structured clone keeps plain JSON).
    entry.notes.push(data);
    entry.files.push(file);
    byContract.set(note.contractId, entry);
  }
  return byContract;
}
