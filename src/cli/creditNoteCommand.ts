import { issueCreditNote } from "../index.js";
import { blamedOnFiles, type OptionFile } from "./blamedOnFiles.js";
import { outputFormat, readContract, required, withFile, write } from "./cliSupport.js";
import { FORMAT_OPTION, PRICE_BOOK_OPTION } from "./commonOptions.js";
import { creditNoteText } from "./creditNoteText.js";
import { defineCommand } from "./defineCommand.js";
import { listOptionFiles, readEarlierInvoices } from "./earlierInvoices.js";
import { EXIT } from "./exitCodes.js";
import { PREVIOUS_NOTES_OPTION, readPreviousNotes } from "./previousNotes.js";
import { readInvoiceFile } from "./readIssuedFiles.js";
import { readJsonFile } from "./readJsonFile.js";

/** `ratecard credit-note`: issues a credit note against an invoice and prints it. */
export const creditNoteCommand = defineCommand({
  name: "credit-note",
  summary: "issue a credit note against an invoice, from a list of corrections",
  options: {
    contract: { type: "string", value: "FILE", description: "the contract the invoice was rated under" },
    "price-book": PRICE_BOOK_OPTION,
    invoice: { type: "string", value: "FILE", description: "the invoice to correct, ratecard JSON" },
    corrections: {
      type: "string",
      value: "FILE",
      description: "the corrections, a JSON list (docs/credit-notes.md)",
    },
    previous: PREVIOUS_NOTES_OPTION,
    earlier: {
      type: "string",
      value: "FILE",
      description:
        "for a progressive sequence's closing invoice: an invoice issued earlier in its period (repeat, in order)",
      multiple: true,
    },
    closing: {
      type: "string",
      value: "FILE",
      description:
        "for an earlier invoice of a progressive sequence, credited after its period closed: the closing invoice (with --earlier)",
    },
    format: FORMAT_OPTION,
  },
  examples: [
    "ratecard credit-note --contract contract.json --invoice 2026-02.json --corrections fixes.json",
    "ratecard credit-note --contract contract.json --invoice 2026-02.json --corrections fixes.json --previous cn1.json --format json",
    "ratecard credit-note --contract contract.json --invoice close.json --corrections units.json --earlier p1.json",
    "ratecard credit-note --contract contract.json --invoice p1.json --corrections units.json --closing close.json --earlier p1.json",
  ],
  run: creditNote,
});

async function creditNote(values: {
  readonly contract?: string;
  readonly "price-book"?: ReadonlyArray<string>;
  readonly invoice?: string;
  readonly corrections?: string;
  readonly previous?: ReadonlyArray<string>;
  readonly earlier?: ReadonlyArray<string>;
  readonly closing?: string;
  readonly format?: string;
}): Promise<number> {
  const format = outputFormat(values.format);
  const contract = await readContract(required(values.contract, "--contract FILE"), values["price-book"]);
  const invoice = await readInvoiceFile(required(values.invoice, "--invoice FILE"), "--invoice");
  const closing =
    values.closing === undefined ? undefined : await readInvoiceFile(values.closing, "--closing");
  const correctionsFile = required(values.corrections, "--corrections FILE");
  const corrections = await readJsonFile(correctionsFile, "--corrections");
  const previous = await readPreviousNotes(values.previous);
  const earlierFiles = values.earlier ?? [];
  const earlier = await readEarlierInvoices(earlierFiles);
  // A correction's errors are addressed from the argument (`corrections`, `corrections[1]`,
  // `corrections[0].line`): they name this file. Others (the invoice's `contractId`, `previous[0].digest`)
  // are not about it and keep their own sentence; the i-th earlier invoice's (not the one the close
  // subtracted) are led by its --earlier file.
  const options = {
    previous,
    ...(earlierFiles.length === 0 ? {} : { earlier }),
    ...(closing === undefined ? {} : { closing }),
  };
  const files = [
    ...listOptionFiles("earlier", "--earlier", earlierFiles),
    ...(values.closing === undefined ? [] : [closingFile(values.closing)]),
  ];
  const note = await blamedOnFiles(files, () =>
    withFile("--corrections", correctionsFile, /^corrections(\[|$)/, () =>
      issueCreditNote(contract, invoice, corrections, options),
    ),
  );
  if (format === "json") {
    write(`${JSON.stringify(note, null, 2)}\n`);
    return EXIT.ok;
  }
  write(creditNoteText(note));
  return EXIT.ok;
}

// A refusal of the closing invoice (`options.closing…`) is led by its file.
function closingFile(file: string): OptionFile {
  return { option: "closing", named: `--closing ${file}`, inFile: (path) => path.replace(/^\./, "") };
}
