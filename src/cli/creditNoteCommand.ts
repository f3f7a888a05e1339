import { Decimal, escapeControl, issueCreditNote, parseCreditNote, parseInvoice } from "../index.js";
import {
  outputFormat,
  parseFlags,
  readContract,
  readIssued,
  required,
  withFile,
  write,
} from "./cliSupport.js";
import { readJsonFile } from "./readJsonFile.js";

/** `ratecard credit-note`: issues a credit note against an invoice and prints it. */
export async function creditNoteCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      contract: { type: "string" },
      invoice: { type: "string" },
      corrections: { type: "string" },
      previous: { type: "string", multiple: true },
      format: { type: "string", default: "text" },
    },
  });
  const format = outputFormat(values.format);
  const contract = await readContract(required(values.contract, "--contract FILE"));
  const invoiceFile = required(values.invoice, "--invoice FILE");
  const invoice = readIssued(
    `--invoice ${invoiceFile}`,
    await readJsonFile(invoiceFile, "--invoice"),
    parseInvoice,
    "a ratecard invoice",
  );
  const correctionsFile = required(values.corrections, "--corrections FILE");
  const corrections = await readJsonFile(correctionsFile, "--corrections");
  const previous = await Promise.all(
    (values.previous ?? []).map(async (file) =>
      readIssued(
        `--previous ${file}`,
        await readJsonFile(file, "--previous"),
        parseCreditNote,
        "a ratecard credit note",
      ),
    ),
  );
  const note = withFile("--corrections", correctionsFile, /^\[|^$/, () =>
    issueCreditNote(contract, invoice, corrections, { previous }),
  );
  if (format === "json") {
    write(`${JSON.stringify(note, null, 2)}\n`);
    return 0;
  }
  const lines = note.lines.map(
    (line) =>
      `- ${line.name} (${line.corrects}): ${line.amount} ${note.currency.code} credited of ${line.invoiced} billed${new Decimal(line.creditedBefore).isZero() ? "" : ` (${line.creditedBefore} credited before)`}${line.quantity === undefined ? "" : `; ${line.quantity} units taken off, the rest re-rated at ${line.rerated}`}. Reason: ${line.reason}.`,
  );
  const tax = note.tax === undefined ? [] : [`Tax credited: ${note.tax.total} ${note.currency.code}.`];
  // Names and reasons are the caller's text: each printed line is escaped, so none can forge another.
  const text = [
    `Credit note ${note.id} against invoice ${note.invoiceId}`,
    ...lines,
    `Subtotal ${note.subtotal}.`,
    ...tax,
    `Total credited ${note.total} ${note.currency.code}.`,
  ];
  write(`${text.map(escapeControl).join("\n")}\n`);
  return 0;
}
