import { type CreditNote, parseCreditNote } from "../index.js";
import { readIssuedFiles } from "./readIssuedFiles.js";

/** `--previous FILE`, repeated: the credit notes issued before against the invoice a command corrects. */
export const PREVIOUS_NOTES_OPTION = {
  type: "string",
  value: "FILE",
  description: "a credit note issued before against the same invoice (repeat for each)",
  multiple: true,
} as const;

/** The `--previous` files read as credit notes ratecard issued, each refused in its own file's name. */
export function readPreviousNotes(files: ReadonlyArray<string> | undefined): Promise<CreditNote[]> {
  return readIssuedFiles("--previous", files, parseCreditNote, "a ratecard credit note");
}
