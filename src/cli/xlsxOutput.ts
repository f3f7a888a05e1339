import { type Invoice, invoiceWorkbook } from "../index.js";
import { UsageLineError } from "./cliSupport.js";
import { writeOutput } from "./explainOutput.js";
import { workbookBytes } from "./xlsxWriter.js";

/**
 * `--format xlsx`: the invoice as a workbook of live formulas, written to `--output FILE`, or to
 * stdout when stdout is a pipe or a file. A terminal would show a zip archive's bytes: refused.
 */
export async function writeWorkbook(invoice: Invoice, output: string | undefined): Promise<void> {
  if (output === undefined && process.stdout.isTTY === true)
    throw new UsageLineError(
      "--format xlsx writes a binary workbook: name a file with --output FILE, or redirect stdout to one",
    );
  const bytes = await workbookBytes(invoiceWorkbook(invoice));
  await writeOutput(bytes, output);
}
