import { type CreditNote, parseCreditNote } from "../index.js";
import { readIssued } from "./cliSupport.js";
import { readJsonFile } from "./readJsonFile.js";

/** `--previous FILE`, repeated: the credit notes issued before against the invoice a command corrects. */
export const PREVIOUS_NOTES_OPTION = {
  type: "string",
  value: "FILE",
  description: "a credit note issued before against the same invoice (repeat for each)",
  multiple: true,
} as const;

/** The `--previous` files read as credit notes ratecard issued, each refused in its own file's name. */
export function readPreviousNotes(files: ReadonlyArray<string> | undefined): Promise<CreditNote[]> {
  return Promise.all(
    (files ?? []).map(async (file) =>
      readIssued(
        `--previous ${file}`,
        await readJsonFile(file, "--previous"),
        parseCreditNote,
        "a ratecard credit note",
      ),
    ),
  );
}
